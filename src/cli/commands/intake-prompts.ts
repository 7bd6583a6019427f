// The interactive registration at the desk: asks only for what the flags did not give,
// offers the earlier cases of a repeat petitioner, and shows the whole form before writing.
import type { Ctx } from '../context.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { Draft, IntakeInput } from '../../app/intake.js';
import type { RepeatMatch } from '../../domain/repeat.js';
import { askConfirm, askNumber, askSearch, askSelect, askText, type Choice } from '../prompts.js';
import { loadTaxonomy } from '../../ledger/reference.js';
import { idNumberProblem, ID_PROBLEM_ZH, maskId, maskPhone, phoneValid } from '../../domain/identity.js';
import { shanghaiDate } from '../../domain/time.js';
import { CHANNELS, MODES_ZH } from '../../domain/events.js';
import { dutyOn } from '../../app/duty.js';
import { STATUS_ZH } from '../../domain/case.js';

export async function askMissing(ctx: Ctx, ledger: Ledger, i: IntakeInput): Promise<IntakeInput> {
  const out: IntakeInput = { ...i, petitioners: [...i.petitioners] };
  const today = shanghaiDate(ctx.now);
  if (!out.petitioners.length) {
    const name = await askText('信访人姓名', { required: true });
    const phone = await askText('联系电话（可空）', { validate: (v) => !v.trim() || phoneValid(v) || '应为 11 位手机号或带区号的固话' });
    const id = await askText('身份证号（可空）', {
      validate: (v) => {
        if (!v.trim()) return true;
        const p = idNumberProblem(v, today);
        return p ? ID_PROBLEM_ZH[p] : true;
      },
    });
    const address = await askText('住址（可空）');
    out.petitioners.push({ name, phone, id_number: id, address });
  }
  if (out.caseId) return out;
  if (out.people === undefined && out.channel === 'visit') out.people = await askNumber('来访人数', Math.max(1, out.petitioners.length), 1);
  const tax = loadTaxonomy();
  if (!out.purpose) out.purpose = await askSelect('信访目的', tax.purposes.map((p) => ({ name: p.name, value: p.key })));
  if (!out.category) {
    out.category = await askSearch('内容分类（输入字词筛选，如“低保”“拆迁”，可输入几个词）', categoryChoices(tax));
  }
  if (!out.summary) out.summary = await askText('诉求摘要（可以写长）', { required: true });
  if (!out.leader) {
    const date = shanghaiDate(out.at);
    const duty = dutyOn(ledger, date)[0]?.leader;
    const leaders = ledger.leaders().leaders.filter((l) => l.active);
    if (leaders.length) {
      out.leader = await askSelect(
        `接待领导${duty ? '（默认：今天排班的接访领导）' : ''}`,
        leaders.map((l) => ({ name: `${l.name}（${l.title}）${l.id === duty ? ' ← 今日接访' : ''}`, value: l.id })),
        duty,
      );
    }
  }
  if (out.opinion === undefined) out.opinion = await askText('领导处理意见（可空）');
  return out;
}

/**
 * Words visitors and clerks use for common township matters, by catalogue item, so that the
 * type-to-filter finds the item (低保 → 民政/优抚救济). Only for searching; what is recorded
 * is the catalogue item.
 */
const COMMON_WORDS: Record<string, string> = {
  '民政/优抚救济': '低保 最低生活保障 五保 特困 临时救助 救助 抚恤 优抚 困难补助 残疾 孤儿 高龄补贴',
  '民政/复退安置': '退伍 退役 复员 转业安置 老兵',
  '民政/基层选举': '村委换届 选举',
  '民政/救灾募捐': '救灾 灾后 受灾 捐款',
  '国土资源水利林业/土地征用': '征地 征收 补偿款 安置补偿 青苗费',
  '国土资源水利林业/土地资源管理': '宅基地 土地纠纷 确权 占地 违法用地 土地证 不动产',
  '国土资源水利林业/林业管理': '林权 山林 林地 采伐',
  '国土资源水利林业/水利水电': '灌溉 水渠 水库 堰塘 饮水',
  '城乡建设/城镇拆迁': '拆迁 拆除 违建',
  '城乡建设/住房与房地产': '危房 危房改造 房产证 物业 商品房 保障房 公租房',
  '城乡建设/工程欠款': '工程款 材料款 拖欠工程款',
  '城乡建设/市政和物业管理': '路灯 道路 下水道 垃圾 物业',
  '劳动社保/工资福利': '欠薪 拖欠工资 讨薪 工钱 农民工工资',
  '劳动社保/社会保险': '医保 养老保险 养老金 社保 参保 新农合 工伤保险',
  '劳动社保/劳动纠纷': '劳动合同 辞退 工伤 劳动争议',
  '劳动社保/离休退休': '退休金 退休待遇',
  '交通能源环保/环境保护': '污染 噪音 粪污 养殖污染 排污 臭味 扬尘',
  '交通能源环保/交通运输': '公路 客运 公交 修路',
  '交通能源环保/能源管理': '停电 电费 电网 燃气',
  '农村农业/承包经营': '土地承包 承包地 流转 确权面积',
  '农村农业/村务公开': '村务 账目 村财 集体资产 集体收入',
  '农村农业/农民负担': '乱收费 集资 摊派',
  '纪检监察/干部作风': '村干部 优亲厚友 作风 不作为 吃拿卡要',
  '纪检监察/贪污贿赂': '贪污 受贿 挪用',
  '政法/诉讼仲裁': '判决 执行 法院 仲裁 邻里纠纷',
  '政法/社会治安': '治安 打架 诈骗 赌博',
  '政法/户籍': '户口 落户 迁户',
  '教育/教育收费': '学费 乱收费 择校费',
  '卫生计划/医患纠纷': '医疗纠纷 医疗事故 看病',
  '卫生计划/人口计生': '计划生育 独生子女 奖励扶助 社会抚养费',
};

/** The two-level category as choices for the type-to-filter prompt. */
export function categoryChoices(tax: ReturnType<typeof loadTaxonomy>): Choice<string>[] {
  return tax.categories.flatMap((c) =>
    c.items.map((it) => {
      const value = `${c.name}/${it}`;
      return { name: value, value, description: [...c.aliases, c.code, COMMON_WORDS[value] ?? ''].filter(Boolean).join(' ') };
    }),
  );
}

export async function askRepeat(ctx: Ctx, repeats: RepeatMatch[]): Promise<string> {
  ctx.out(ctx.c.yellow('该信访人此前反映过相似事项：'));
  for (const r of repeats) ctx.out(`  ${r.id}  ${r.received}  ${STATUS_ZH[r.status]}  来访 ${r.visits} 次  相似度 ${r.score}\n    ${r.summary}`);
  return askSelect('如何登记？', [
    ...repeats.map((r) => ({ name: `作为 ${r.id} 的再次来访`, value: r.id })),
    { name: '登记为新案件（标记为重复信访，关联上述案件）', value: 'new' },
  ]);
}

export async function confirmDraft(ctx: Ctx, ledger: Ledger, d: Draft, caseId?: string): Promise<boolean> {
  const place = ledger.config.places.find((p) => p.id === d.place)?.name ?? d.place;
  ctx.out('');
  ctx.out(ctx.c.bold(caseId ? `再次来访 → ${caseId}` : '登记内容'));
  const rows: [string, string][] = [
    ['时间', `${d.date}`],
    ['渠道', CHANNELS[d.channel]],
    ['信访人', d.petitioners.map((p) => [p.name, p.sex, maskId(p.id_number), maskPhone(p.phone), p.address].filter(Boolean).join(' ')).join('；')],
    ['人数', `${d.people}${d.group ? '（集体访）' : ''}`],
    ['信访目的', d.purpose.name || '—'],
    ['内容分类', `${d.category.main}/${d.category.sub}`],
    ['诉求', d.summary],
    ['接待领导', d.receiverName || '—'],
    ['地点 / 方式', `${place || '—'} / ${MODES_ZH[d.mode]}`],
    ['处理意见', d.opinion || '—'],
    ['承办单位', d.unitName || '—'],
  ];
  for (const [k, v] of rows) ctx.out(`  ${k.padEnd(6, '　')} ${v}`);
  const { conflictsFor } = await import('../../app/intake.js');
  for (const c of conflictsFor(ledger, d)) ctx.out(ctx.c.yellow(`  请核对：身份证号 ${maskId(c.id_number)} 此前在 ${c.earlier.case} 登记为“${c.earlier.name}”，本次为“${c.name}”`));
  return askConfirm('确认登记？', true);
}
