// The demo's intake: a realistic spread of the quarter's visits, letters and calls — several
// channels, purposes and categories, a group visit, and petitioners who come back — each
// registered through the same use case as `xinfang visit add`, at its own past time.
import { idCheckChar } from '../domain/identity.js';
import { addDays, parseInstant, shanghaiDate } from '../domain/time.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { registerIntake, validateIntake, type IntakeInput } from './intake.js';
import type { Channel } from '../domain/events.js';

function idOf(region: string, birth: string, seq: string): string {
  const first = region + birth + seq;
  return first + idCheckChar(first);
}

interface DemoVisit {
  daysAgo: number;
  time: string;
  channel: Channel;
  people: { name: string; birth?: string; seq?: string; phone?: string; address?: string; representative?: boolean }[];
  headcount?: number;
  purpose: string;
  category: string;
  summary: string;
  leader?: string;
  respondent?: string;
  locality?: string;
  opinion?: string;
  mode?: IntakeInput['mode'];
  /** A further visit on the case registered by this earlier entry (index). */
  again?: number;
  source?: string;
}

export const DEMO_VISITS: DemoVisit[] = [
  { daysAgo: 50, time: '09:10', channel: 'visit', people: [{ name: '张秀英', birth: '19580315', seq: '232', phone: '13800138000', address: '青山乡石桥村3组' }], purpose: '求决', category: '民政/优抚救济', summary: '丈夫系退伍军人，2025年去世后遗属定期抚恤金一直未发放，请求核实发放', leader: '张志强', locality: '青山乡石桥村', opinion: '请民政办核实遗属身份，10个工作日内答复' },
  { daysAgo: 47, time: '10:30', channel: 'visit', people: [{ name: '周大海', birth: '19660820', seq: '111', phone: '13912345678', address: '青山乡石桥村5组', representative: true }, { name: '吴小红', birth: '19700512', seq: '224', phone: '13712345679', address: '青山乡石桥村5组' }], headcount: 12, purpose: '求决', category: '国土资源水利林业/土地征用', summary: '石桥村5组征地补偿款未足额发放到户，要求公开补偿明细并补发', leader: '王建国', respondent: '石桥村村民委员会', locality: '青山乡石桥村5组', opinion: '由自然资源所会同石桥村核查补偿款发放情况', mode: 'appointment' },
  { daysAgo: 45, time: '14:00', channel: 'letter', people: [{ name: '李强', address: '青山乡场镇新街12号' }], purpose: '意见建议', category: '城乡建设/城镇规划', summary: '建议在场镇新街至学校路段增设路灯和减速带，保障学生夜间出行安全' },
  { daysAgo: 40, time: '09:40', channel: 'hotline', people: [{ name: '赵明', phone: '13698765432' }], purpose: '求决', category: '劳动社保/工资福利', summary: '在乡内某建筑工地务工，被拖欠工资3个月共2.4万元，要求协调支付', respondent: '青山建筑劳务公司', locality: '青山乡场镇', source: '12345热线工单 2026100812' },
  { daysAgo: 33, time: '09:20', channel: 'visit', people: [{ name: '张秀英', birth: '19580315', seq: '232', phone: '13800138000', address: '青山乡石桥村3组' }], purpose: '求决', category: '民政/优抚救济', summary: '遗属抚恤金仍未发放', leader: '刘芳', again: 0, opinion: '督促民政办加快办理' },
  { daysAgo: 30, time: '11:00', channel: 'mailbox', people: [{ name: '匿名群众' }], purpose: '揭发控告', category: '纪检监察/干部作风', summary: '反映某村干部在低保评定中优亲厚友', respondent: '某村干部', source: '县长信箱' },
  { daysAgo: 26, time: '15:20', channel: 'visit', people: [{ name: '陈桂兰', birth: '19490101', seq: '026', phone: '0830-5556789', address: '青山乡白岩村2组' }], purpose: '咨询', category: '劳动社保/社会保险', summary: '咨询城乡居民养老保险待遇领取资格认证办法', leader: '孙丽', opinion: '当场解答，指导其通过手机认证' },
  { daysAgo: 19, time: '10:00', channel: 'online', people: [{ name: '何军', phone: '15182345678' }], purpose: '申诉', category: '农村农业/承包经营', summary: '土地承包经营权确权面积与实际不符，少登记0.8亩，要求更正', locality: '青山乡白岩村4组' },
  { daysAgo: 12, time: '09:30', channel: 'visit', people: [{ name: '周大海', birth: '19660820', seq: '111', phone: '13912345678', address: '青山乡石桥村5组', representative: true }], headcount: 6, purpose: '求决', category: '国土资源水利林业/土地征用', summary: '征地补偿款仍未补发', leader: '王建国', again: 1 },
  { daysAgo: 8, time: '16:10', channel: 'visit', people: [{ name: '王德福', birth: '19801109', seq: '313', phone: '18990123456', address: '青山乡青山村1组' }], purpose: '求决', category: '交通能源环保/环境保护', summary: '邻近养猪场粪污直排入沟渠，气味严重影响生活，要求整治', leader: '陈伟', respondent: '青山村某养殖场', locality: '青山乡青山村1组', mode: 'onsite' },
  { daysAgo: 3, time: '10:45', channel: 'letter', people: [{ name: '刘永福', address: '青山乡白岩村1组' }], purpose: '求决', category: '城乡建设/住房与房地产', summary: '农村危房改造补助申请已过半年未获审批，请求尽快办理' },
  { daysAgo: 0, time: '09:15', channel: 'visit', people: [{ name: '张秀英', birth: '19580315', seq: '232', phone: '13800138000', address: '青山乡石桥村3组' }], purpose: '求决', category: '民政/优抚救济', summary: '丈夫系退伍军人，去世后遗属抚恤金一直未发放，第三次来访要求领导出面解决', leader: '张志强' },
];

/** Registers DEMO_VISITS relative to `today`; returns the ids in order. */
export function demoIntake(ledger: Ledger, clerk: Clerk): string[] {
  const today = shanghaiDate(clerk.now);
  const ids: string[] = [];
  for (const v of DEMO_VISITS) {
    const date = addDays(today, -v.daysAgo);
    let at = parseInstant(`${date}T${v.time}:00+08:00`)!;
    if (at > clerk.now) at = clerk.now;
    const input: IntakeInput = {
      at,
      channel: v.channel,
      petitioners: v.people.map((p) => ({ name: p.name, id_number: p.birth ? idOf('511102', p.birth, p.seq!) : '', phone: p.phone, address: p.address, representative: p.representative })),
      people: v.headcount,
      purpose: v.again === undefined ? v.purpose : undefined,
      category: v.again === undefined ? v.category : undefined,
      summary: v.again === undefined ? v.summary : undefined,
      leader: v.leader ?? '张志强',
      respondent: v.respondent,
      locality: v.locality,
      opinion: v.opinion,
      mode: v.mode,
      source: v.source,
      caseId: v.again === undefined ? undefined : ids[v.again],
    };
    const at2 = { ...clerk, now: at };
    const draft = validateIntake(ledger, input, at2.now);
    const r = registerIntake(ledger, draft, at2, { caseId: input.caseId });
    ids.push(r.case.id);
  }
  return ids;
}

/**
 * What the office did with those registrations afterwards, each step at its own past time
 * (days after the registration): letters read and instructed by the duty leader, cases
 * accepted in time, handed to units that replied, some closed with the petitioner's
 * opinion; the newest left waiting, as in a real office. `ids` are demoIntake's result.
 */
export async function demoFollowThrough(ledger: Ledger, clerk: Clerk, ids: string[]): Promise<void> {
  const lc = await import('./lifecycle.js');
  const reply = (i: number, after: number) => fileReplyNotice(ledger, ids[i]!, on(i, after, '10:00'));
  const today = shanghaiDate(clerk.now);
  const on = (i: number, after: number, time = '15:00'): Clerk => {
    const date = addDays(today, -DEMO_VISITS[i]!.daysAgo + after);
    const t = parseInstant(`${date}T${time}:00+08:00`)!;
    return { ...clerk, now: t > clerk.now ? clerk.now : t };
  };
  // 0. 张秀英, 遗属抚恤金: accepted, handed to 民政办, which replied that it is in progress.
  lc.acceptCase(ledger, ids[0]!, { note: '当日书面告知受理' }, on(0, 1));
  lc.transferCase(ledger, ids[0]!, { unit: '民政办', note: '核实遗属身份，按规定发放定期抚恤金' }, on(0, 1, '16:00'));
  lc.replyCase(ledger, ids[0]!, { unit: '民政办', text: '已向县退役军人事务局报送遗属身份认定材料，待批复后发放' }, on(0, 14));
  // 1. 石桥村5组征地补偿 (group visit): collective study, 自然资源所 replied, promised by a date.
  lc.acceptCase(ledger, ids[1]!, {}, on(1, 2));
  lc.collectiveCase(ledger, ids[1]!, { note: '涉及 12 户，提交乡党委会研究补偿款核查和补发方案' }, on(1, 5));
  lc.transferCase(ledger, ids[1]!, { unit: '自然资源所', note: '会同石桥村核查补偿款发放明细' }, on(1, 6));
  lc.replyCase(ledger, ids[1]!, { unit: '自然资源所', text: '经核查，5组有3户青苗补偿未足额发放，差额1.86万元' }, on(1, 20));
  lc.handleCase(ledger, ids[1]!, { disposition: 'promised', facts: '3户青苗补偿少发1.86万元，系村组分配表计算错误', decision: 'support', note: '由石桥村限期补发并张榜公示', promiseBy: addDays(today, 20) }, on(1, 22));
  // 2. 李强's letter on street lights: read and instructed, explained, basically satisfied, closed.
  lc.instructCase(ledger, ids[2]!, { leader: '张志强', text: '请村镇建设办研究，纳入明年场镇亮化计划' }, on(2, 1));
  lc.acceptCase(ledger, ids[2]!, {}, on(2, 1, '16:00'));
  lc.transferCase(ledger, ids[2]!, { unit: '村镇建设办' }, on(2, 2));
  lc.replyCase(ledger, ids[2]!, { unit: '村镇建设办', text: '新街至学校路段路灯已列入2027年场镇亮化项目，减速带本月内安装' }, on(2, 12));
  lc.handleCase(ledger, ids[2]!, { disposition: 'explained', facts: '该路段夜间照明不足属实，亮化项目需纳入年度预算', decision: 'support', note: '先装减速带，路灯列入明年计划' }, on(2, 13));
  lc.approveCase(ledger, ids[2]!, { leader: '张志强', text: '同意，予以结案' }, on(2, 14));
  lc.recordOpinion(ledger, ids[2]!, { value: 'basically-satisfied', note: '电话回访，信访人基本满意' }, on(2, 15));
  await reply(2, 16);
  lc.closeCase(ledger, ids[2]!, {}, on(2, 16));
  // 3. 赵明's wage arrears by hotline: instructed, 社会保障所 got him paid, satisfied, closed.
  lc.instructCase(ledger, ids[3]!, { leader: '周涛', text: '请社会保障所约谈劳务公司，限期支付' }, on(3, 0, '15:00'));
  lc.acceptCase(ledger, ids[3]!, {}, on(3, 1));
  lc.transferCase(ledger, ids[3]!, { unit: '社会保障所' }, on(3, 1, '16:00'));
  lc.replyCase(ledger, ids[3]!, { unit: '社会保障所', text: '经约谈，劳务公司已于本月结清拖欠工资2.4万元' }, on(3, 9));
  lc.handleCase(ledger, ids[3]!, { disposition: 'on-the-spot', facts: '劳务公司拖欠工资属实', decision: 'support', note: '工资已结清' }, on(3, 10));
  lc.approveCase(ledger, ids[3]!, { text: '同意结案' }, on(3, 10, '16:00'));
  lc.recordOpinion(ledger, ids[3]!, { value: 'satisfied' }, on(3, 11));
  await reply(3, 11);
  lc.closeCase(ledger, ids[3]!, {}, on(3, 11, '16:00'));
  // 5. The mailbox report on a village cadre: instructed to the discipline secretary, accepted.
  lc.instructCase(ledger, ids[5]!, { leader: '赵军', text: '由乡纪委核查，结果报党委' }, on(5, 1));
  lc.acceptCase(ledger, ids[5]!, {}, on(5, 2));
  // 6. 陈桂兰's question on pension certification: answered on the spot, satisfied, closed.
  lc.handleCase(ledger, ids[6]!, { disposition: 'explained', facts: '信访人不会使用手机认证', decision: 'explain', note: '当场指导完成认证' }, on(6, 0, '16:00'));
  lc.approveCase(ledger, ids[6]!, { leader: '孙丽', text: '同意结案' }, on(6, 1));
  lc.recordOpinion(ledger, ids[6]!, { value: 'satisfied' }, on(6, 1, '16:00'));
  await reply(6, 2);
  lc.closeCase(ledger, ids[6]!, {}, on(6, 2));
  // 7. 何军's online appeal on land registration: instructed, accepted, handed to the farm office.
  lc.instructCase(ledger, ids[7]!, { leader: '刘芳', text: '请农业综合服务中心调档核实' }, on(7, 1));
  lc.acceptCase(ledger, ids[7]!, {}, on(7, 3));
  lc.transferCase(ledger, ids[7]!, { unit: '农业综合服务中心' }, on(7, 3, '16:00'));
  // 9. 王德福's pig farm: accepted; the leader went to see it (带案下访).
  lc.acceptCase(ledger, ids[9]!, {}, on(9, 1));
  // 11. 张秀英's third visit on the same matter: the principal leader takes it over (seed: 重信重访由主要领导包案).
  lc.assignCase(ledger, ids[11]!, { leader: '王建国', note: '同一事项第三次来访，党委书记包案' }, on(11, 0, '11:00'));
  // 10. 刘永福's letter came three days ago and still waits for the duty leader's instruction.
}

/** Writes the case's 答复意见书 from its template and files it in the case, as the office does before closing. */
export async function fileReplyNotice(ledger: Ledger, id: string, clerk: Clerk): Promise<void> {
  const lc = await import('./lifecycle.js');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const text = await lc.caseNotice(ledger, id, 'reply', clerk.now);
  const dir = mkdtempSync(join(tmpdir(), 'xinfang-demo-'));
  try {
    const file = join(dir, `答复意见书-${id}.txt`);
    writeFileSync(file, text);
    lc.attachFile(ledger, id, { file, kind: '答复意见书', name: `答复意见书-${id}.txt` }, clerk);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
