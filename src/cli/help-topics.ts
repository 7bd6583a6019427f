// `xinfang help 排班|期限|结案|模板|同步`: short pages for the clerk on how the tool works,
// each with the commands to use. (`xinfang help COMMAND` stays commander's command help: no
// topic or alias is a command's name.)

export const HELP_TOPICS: Record<string, { aliases: string[]; title: string; text: string }> = {
  排班: {
    aliases: ['公示', 'rostering'],
    title: '排班与公示',
    text: `排班按 xinfang.yaml 的排班规则（schedule.rules）在工作日上生成：法定节假日不排，调休上班的周末照排；
领导外出期间（xinfang leader away）不排；一位领导一天只排一个班次。轮到谁：从未排过的优先，其次等得最久的，
本季度次数少的再次之，所以按月生成和一次生成整季结果相同。

  xinfang roster generate --month 2026-12        生成 12 月的排班
  xinfang roster show --month 2026-12            查看
  xinfang roster set 2026-12-10 --leader 张志强 --reason 王建国外出
                                                 手工指定某天的接访领导（重新生成时保留）
  xinfang roster swap 2026-12-10 2026-12-17      对调两天
  xinfang roster publish --month 2026-12 --format html -o 公示/2026-12.html
                                                 可打印的 A4 公示，落款为信访办名称，写有电话、地址
  xinfang roster duty                            今天谁接访
  xinfang roster held 2026-12-01 --leader 王建国 --visitors 0
                                                 登记某天已接访（当天有来访登记的自动算已接访）
  xinfang roster compliance --quarter 2026Q4     各领导本季度排班天数、已接访、缺岗

公示不含任何信访人信息。信访办电话、地址用 xinfang setup 设置。`,
  },
  期限: {
    aliases: ['deadlines', '超期'],
    title: '办理期限与预警',
    text: `每件案件的期限由它的记录算出（不另存）：
  受理期限  登记后 15 日内决定受理或不予受理（xinfang.yaml deadlines.accept_days）
  办理期限  受理后 60 日内办结（handle_days），经批准可延期，累计不超过 30 日（max_extension_days）
  交办期限  交办后 15 日内承办单位答复（transfer_days），或交办时 --due 指定的日期
  承诺期限  限期解决时 --promise-by 的日期
中止办理（case suspend … case resume）期间各期限都停止计算。期限从次日起算，落在休息日的顺延到下一个工作日
（deadlines.day_count）。用了期限的一定比例时依次为 预警、警告、严重警告，过期为 超期；剩下几天时为 临期。
工作日历缺某年的节假日数据时，期限不会猜测，会提示用 xinfang calendar import 导入。

  xinfang due                     超期和临期的案件，按承办单位和包案领导分组；待领导阅批的来信来电
  xinfang due --supervise         对超期案件记录督办，并为每个承办单位生成督办通知（一次提交）
  xinfang case list --overdue     超期的案件
  xinfang case extend A0001 --days 30 --reason "需上级部门认定"
  xinfang case show A0001         某件案件的各项期限`,
  },
  结案: {
    aliases: ['closure', 'close', '销号'],
    title: '结案条件',
    text: `结案（销号）须五项条件全部具备，xinfang case readiness ID 逐项列出：
  1. 事实清楚      有一次办理，写明查明的事实（case handle --facts）
  2. 处理到位      有处理方式；交办的每个单位都已答复；限期解决的承诺已兑现；不在中止中
  3. 领导审批      包案领导的审批意见（case approve）
  4. 信访人意见    满意 / 基本满意 / 不满意（case opinion）
  5. 材料齐全      xinfang.yaml closure.materials 中的每一项：登记表即登记，处理意见即办理记录，
                   信访人意见即第 4 项；其余须用 case attach --kind 存入案卷，
                   如 xinfang case notice ID --kind reply --attach 把答复意见书存入
一件案件从登记到结案的常见次序：

  xinfang case accept A0001
  xinfang case transfer A0001 --unit 民政办
  xinfang case reply A0001 --unit 民政办 --text "已核实，12 月起补发"
  xinfang case handle A0001 --disposition on-the-spot --facts "核实属实" --decision support
  xinfang case approve A0001 --text 同意
  xinfang case opinion A0001 --value satisfied
  xinfang case notice A0001 --kind reply --attach
  xinfang case close A0001

结案后可回访（case followup），问题复发时加 --recurred 重新办理。`,
  },
  模板: {
    aliases: ['templates', 'template'],
    title: '公示、告知书和总结的模板',
    text: `公示、告知书、督办通知和阶段性工作总结都由 liquid 模板生成。本单位要改格式时，把内置模板复制到
台账的 templates/ 文件夹中修改，xinfang 优先用台账中的：
  templates/roster.text.liquid、roster.md.liquid、roster.html.liquid   公示（或 roster publish --template 文件）
  templates/notices/accept.liquid、decline、extend、reply、supervise    告知书、答复意见书、督办通知
  templates/summary.liquid                                              阶段性工作总结（或 report summary --template 文件）
模板中可用 {{ office.name }}（单位）、{{ office.issuer }}（信访办名称，各种文书都用它落款）、
{{ office.phone }}、{{ office.address }}（xinfang setup 设置）、{{ office.booking }}（预约方式）。
模板只能引用模板文件夹中的文件；公示的模板拿不到任何信访人信息。改了模板后先输出一次看看：

  xinfang roster publish --month 2026-12
  xinfang case notice A0001 --kind accept
  xinfang report summary --quarter 2026Q4`,
  },
  同步: {
    aliases: ['sync', 'git', '两台电脑'],
    title: '两台电脑共用一本台账（git）',
    text: `台账是一个 git 仓库：每次登记、办理都是一次提交，提交人是本机的登记人。两台电脑各有一份副本，
用 git 互相同步；每台电脑用不同的工作站字母编号（A、B…），编出的案件编号不会重复；
两台电脑改了同一件案件时，按事件合并（合并驱动由 init、setup 登记），不会丢记录。

第一台电脑（已有台账）：
  git remote add origin 共享位置（U 盘上的裸仓库、单位的服务器等）
  git push -u origin main
第二台电脑：
  git clone 共享位置 青山乡台账
  cd 青山乡台账
  xinfang setup --station B --clerk 赵敏      本机字母 B、登记人赵敏（在终端中可只打 xinfang setup 逐项回答）
每天开始和结束时：
  git pull                                   取回另一台电脑的登记
  git push                                   送出本机的登记
同步后运行 xinfang check 确认台账无误。`,
  },
};

/** The topic page a word names (排班 or roster …), or undefined. */
export function helpTopic(word: string): string | undefined {
  const hit = Object.entries(HELP_TOPICS).find(([k, t]) => k === word || t.aliases.includes(word.toLowerCase()));
  if (!hit) return undefined;
  return `${hit[1].title}\n\n${hit[1].text}\n`;
}

/** The line under the main help naming the topics. */
export const TOPICS_LINE = `\n帮助专题：${Object.keys(HELP_TOPICS).map((k) => `xinfang help ${k}`).join('、')}\n`;
