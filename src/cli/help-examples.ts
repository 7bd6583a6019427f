// Examples under every command's --help: one or two real command lines a clerk would type,
// keyed by the command's path. Applied by buildProgram (main.ts) when the tree is built; a
// test checks that every command has some and that every option they use exists.
import type { Command } from 'commander';

type Example = [line: string, what: string];

export const HELP_EXAMPLES: Record<string, Example[]> = {
  init: [
    ['xinfang init 青山乡台账', '在终端中逐项询问单位名称、代码、登记人、信访办电话和地址'],
    ['xinfang init 青山镇台账 --unit 青山镇 --code QS --clerk 李文 --phone 0830-5551234', '不询问，全部由选项给出'],
  ],
  setup: [
    ['xinfang setup', '在终端中逐项询问本机工作站字母、登记人、信访办电话和地址'],
    ['xinfang setup --station B --clerk 赵敏', '第二台电脑克隆台账后：本机用字母 B 编号，登记人赵敏'],
  ],
  check: [
    ['xinfang check', '校验台账的每个文件'],
    ['xinfang check --strict', '同时检查每个被引用的领导、单位、分类都存在'],
  ],
  demo: [['xinfang demo 示范台账', '建一本示范台账看看各命令的效果（不影响正式台账）']],
  'merge-driver': [['xinfang merge-driver %O %A %B %P', 'git 合并案件文件时自动调用（由 init、setup 登记，不需手动运行）']],
  leader: [['xinfang leader list', '列出接访领导']],
  'leader add': [
    ['xinfang leader add --name 王建国 --title 党委书记 --role principal', '添加主要领导'],
    ['xinfang leader add --name 张志强 --title 党委副书记 --role member --portfolio 政法、信访', '添加班子成员，分管工作写在公示上'],
  ],
  'leader list': [['xinfang leader list', '在任和离任的领导']],
  'leader show': [['xinfang leader show 张志强', '一位领导的职务、外出和排班']],
  'leader edit': [['xinfang leader edit 张志强 --title 党委副书记、政法委员', '改职务']],
  'leader retire': [['xinfang leader retire 刘芳', '离任：以后不再排班，历史记录保留']],
  'leader away': [['xinfang leader away 张志强 --from 2026-12-07 --to 2026-12-11 --reason 市委党校学习', '外出期间不排班']],
  unit: [['xinfang unit list', '列出承办单位']],
  'unit add': [['xinfang unit add --name 民政办 --contact "李梅 0830-5552345"', '添加承办单位']],
  'unit list': [['xinfang unit list', '承办单位及联系人']],
  visit: [['xinfang visit add', '在终端中逐项登记一次来访']],
  'visit add': [
    ['xinfang visit add', '在终端中逐项询问，最后一屏可确认、修改某项或放弃'],
    ['xinfang visit add --name 张秀英 --phone 13800138000 --purpose 求决 --category 民政/优抚救济 --summary "遗属抚恤金未发放" --locality 青山乡石桥村 --leader 王建国', '一条命令登记'],
  ],
  letter: [['xinfang letter add', '在终端中逐项登记一封来信']],
  'letter add': [['xinfang letter add --date 2026-12-02 --name 李强 --purpose 意见建议 --category 城乡建设/城镇规划 --summary "建议增设路灯"', '登记来信']],
  case: [['xinfang case list --overdue', '超期的案件']],
  'case list': [
    ['xinfang case list --status accepted', '办理中的案件'],
    ['xinfang case list --leader 王建国 --due-within 7', '王建国包案、7 天内到期的案件'],
  ],
  'case show': [
    ['xinfang case show A0001', '案件的登记内容、时间线、期限和结案条件（编号可只写后几位）'],
    ['xinfang case show QS-2026-A0001 --unmasked', '显示完整身份证号和电话'],
  ],
  'case form': [['xinfang case form A0001 -o 公示/A0001登记表.html', '一件的来访登记表（各栏、每次接待记录、签字栏），在浏览器中打印或存为 PDF'], ['xinfang case form A0001 --format text --unmasked', '文本登记表，完整身份证号和电话']],
  'case assign': [['xinfang case assign A0001 --leader 王建国', '包案领导']],
  'case duty': [['xinfang case duty A0001 --done 1 2', '五包中第 1、2 项已落实']],
  'case accept': [['xinfang case accept A0001', '受理（今天）']],
  'case decline': [['xinfang case decline A0002 --reason "已依法处理完毕，无新的事实和理由"', '不予受理']],
  'case handle': [
    ['xinfang case handle A0001 --disposition on-the-spot --facts "核实属实，已补发" --decision support', '当场解决'],
    ['xinfang case handle A0002 --disposition promised --promise-by 2026-12-31 --facts "需村委会研究"', '限期解决'],
  ],
  'case transfer': [['xinfang case transfer A0001 --unit 民政办 --note "请核实后十日内答复"', '交办承办单位']],
  'case reply': [['xinfang case reply A0001 --unit 民政办 --text "已核实，12 月起补发"', '记下承办单位的书面答复']],
  'case extend': [['xinfang case extend A0001 --days 30 --reason "需上级部门认定"', '延期（经包案领导批准）']],
  'case suspend': [['xinfang case suspend A0001 --reason "等待伤残鉴定结论"', '中止：期限停止计算']],
  'case resume': [['xinfang case resume A0001 --note "鉴定结论已出"', '恢复：期限接着计算']],
  'case supervise': [['xinfang case supervise A0001 --form phone --note "电话督促民政办"', '督办']],
  'case review': [['xinfang case review A0001 --result pass', '评查通过']],
  'case collective': [['xinfang case collective A0001 --note "研究补偿标准"', '提交班子集体研究']],
  'case attach': [['xinfang case attach A0001 答复意见书.pdf --kind 答复意见书', '把文件存入案卷']],
  'case instruct': [['xinfang case instruct A0003 --text "请民政办核实办理" --leader 王建国', '领导阅批来信']],
  'case correct': [['xinfang case correct A0001 --field locality --value 青山乡石桥村 --reason 登记时漏填', '更正登记内容（原值保留）']],
  'case approve': [['xinfang case approve A0001 --text 同意', '包案领导审批']],
  'case opinion': [['xinfang case opinion A0001 --value satisfied', '信访人满意']],
  'case readiness': [['xinfang case readiness A0001', '五项结案条件逐项检查']],
  'case close': [['xinfang case close A0001', '结案（条件全部具备时）']],
  'case followup': [
    ['xinfang case followup A0001 --date 2027-01-10 --note "已领到补发款"', '回访'],
    ['xinfang case followup A0001 --date 2027-01-10 --note "又停发" --recurred', '问题复发，重新办理'],
  ],
  'case reopen': [['xinfang case reopen A0001 --reason "信访人提出新的事实"', '重新办理']],
  'case history': [['xinfang case history A0001', '每次提交及其新增的记录']],
  'case notice': [
    ['xinfang case notice A0001 --kind accept', '受理告知书（输出到屏幕）'],
    ['xinfang case notice A0001 --kind reply --attach', '答复意见书，并存入案卷'],
  ],
  'case appoint': [['xinfang case appoint A0001 --date 2026-12-15', '约信访人在 12 月 15 日接访日来访']],
  reindex: [['xinfang reindex', '案件索引出错或被删除时重建']],
  due: [
    ['xinfang due', '超期和 7 天内到期的案件'],
    ['xinfang due --supervise', '对超期案件记录督办并生成督办通知'],
  ],
  calendar: [['xinfang calendar show --year 2026', '一年的放假与调休']],
  'calendar show': [['xinfang calendar show --month 2026-10', '一个月的日历']],
  'calendar check': [['xinfang calendar check', '检查明年是否已有节假日数据']],
  'calendar import': [['xinfang calendar import 2027.json', '导入国务院公布的明年放假安排']],
  roster: [['xinfang roster show', '本月排班']],
  'roster generate': [
    ['xinfang roster generate --month 2026-12', '按排班规则生成 12 月的排班'],
    ['xinfang roster generate --quarter 2027Q1', '一次生成一个季度'],
  ],
  'roster show': [['xinfang roster show --month 2026-12', '一个月的排班']],
  'roster duty': [['xinfang roster duty', '今天谁接访']],
  'roster set': [['xinfang roster set 2026-12-10 --leader 张志强 --reason 王建国外出', '手工指定某天的接访领导']],
  'roster swap': [['xinfang roster swap 2026-12-10 2026-12-17 --reason 工作冲突', '对调两天的接访领导']],
  'roster balance': [['xinfang roster balance --quarter 2026Q4', '本季度各领导的接访天数']],
  'roster publish': [
    ['xinfang roster publish --month 2026-12', '公示文本（张贴或发群）'],
    ['xinfang roster publish --month 2026-12 --format html -o 公示/2026-12.html', '可打印的 A4 公示'],
  ],
  'roster remind': [['xinfang roster remind --days 7', '今后 7 天的接访提醒文字']],
  'roster held': [['xinfang roster held 2026-12-01 --leader 王建国 --visitors 0', '登记已接访（当天无人来访）']],
  'roster compliance': [['xinfang roster compliance --quarter 2026Q4', '各领导的排班天数、已接访、缺岗']],
  'roster brief': [['xinfang roster brief', '今天接访领导的晨报']],
  report: [['xinfang report stats --quarter 2026Q4', '本季度统计表']],
  'report register': [
    ['xinfang report register --quarter 2026Q4', '登记表（终端中按宽度折行，--wide 显示全部列）'],
    ['xinfang report register --quarter 2026Q4 --format xlsx -o reports/2026Q4登记表.xlsx', 'Excel 登记表'],
  ],
  'report stats': [
    ['xinfang report stats --quarter 2026Q4', '统计表，与上季度比较'],
    ['xinfang report stats --quarter 2026Q4 --by category,leader', '只按内容分类和领导统计'],
  ],
  'report summary': [['xinfang report summary --quarter 2026Q4 -o reports/2026Q4总结.md', '阶段性工作总结']],
  completion: [['xinfang completion bash >> ~/.bashrc', 'bash 中按 Tab 补全命令、领导、单位和案件编号']],
  'unit edit': [['xinfang unit edit 民政办 --contact "王丽 0830-5552346"', '承办单位换了联系人']],
  'unit remove': [['xinfang unit remove 旧农办', '删除建错的单位（已有案件交办给它时拒绝）']],
  'case find': [
    ['xinfang case find 拆迁 补偿款', '诉求、属地、被反映人、住址中同时有这几个词的案件'],
    ['xinfang case find 13800138000', '按电话（任何写法）找信访人的案件'],
  ],
  'case link': [['xinfang case link QS-2026-A0031 --repeat-of QS-2026-A0012 --reason 同一人同一事项', '把漏认的重复信访关联到先前的案件']],
  'case unlink': [['xinfang case unlink QS-2026-A0031 --reason 不是同一事项', '取消错误的重复信访关联']],
  'case merge': [['xinfang case merge QS-2026-A0031 --into QS-2026-A0012 --note 误登记为新案件', '误登记的新案件并入原案，改为原案的再次来访']],
  'case void': [
    ['xinfang case void QS-2026-A0012 last --reason 登记错了', '撤销该案最后一条记录（两条记录都留在案卷中）'],
    ['xinfang case void QS-2026-A0012 01JD3K8Q --reason 交办单位选错', '按编号撤销某条记录（编号见 case history）'],
  ],
  'case resolve': [['xinfang case resolve QS-2026-A0012 --date 2026-12-20 --note 补偿款已发放', '限期解决的承诺已兑现']],
  'roster unset': [['xinfang roster unset 2026-12-10 --leader 张志强 --reason 排错了', '取消某天某位领导的接访安排']],
  today: [
    ['xinfang today', '今天谁接访、今天的来访、超期临期、待阅批和待办'],
    ['xinfang today --within 3', '临期只看 3 天以内'],
  ],
  import: [
    ['xinfang import 2025年来访登记表.xlsx --dry-run', '先看每一行会登记成什么、哪里有问题'],
    ['xinfang import 2025年来访登记表.xlsx --map 对照表.yaml --skip-bad', '按对照表认列，跳过有问题的行导入'],
  ],
  export: [
    ['xinfang export --format csv -o reports/全部案件.csv', '全部案件导出为 CSV（Excel 可直接打开）'],
    ['xinfang export --format xlsx --status closed --from 2026-01-01 -o reports/已结案.xlsx', '按条件导出'],
  ],
  'case beijing': [['xinfang case beijing QS-2026-A0005 --date 2026-12-03 --place 国家信访局 --leader 王建国', '记下一次进京非正常上访，并由主要领导接待、包案']],
};

/** Adds the examples under each command's help (commands without examples are left as they are). */
export function addHelpExamples(root: Command): void {
  const walk = (c: Command, path: string[]) => {
    for (const sub of c.commands) {
      const p = [...path, sub.name()];
      const ex = HELP_EXAMPLES[p.join(' ')];
      if (ex?.length) sub.addHelpText('after', `\n示例：\n${ex.map(([line, what]) => `  ${line}\n      ${what}`).join('\n')}\n`);
      walk(sub, p);
    }
  };
  walk(root, []);
}
