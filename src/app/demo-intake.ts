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
