// `xinfang demo`: a ready ledger of a township (青山乡) with its leaders and units — and,
// as each capability lands, rosters, cases and reports — built through the same use cases
// a clerk runs, so the demo shows the real product working.
import { existsSync, rmSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { checkLedgerFolder, initLedger } from './init.js';
import { recordDateProblem, RECORD_YEAR_MAX } from '../domain/input.js';
import { addAbsence, addLeader, addUnit } from './leaders.js';
import { Ledger, type Clerk } from '../ledger/ledger.js';
import type { Leader } from '../ledger/schema.js';
import { addDays, shanghaiDate } from '../domain/time.js';
import { demoFollowThrough, demoIntake, DEMO_VISITS, fileReplyNotice } from './demo-intake.js';

/** The earliest day the sample makes sense on (its petitioners were born up to 1980). */
const DEMO_FROM = '1982-01-01';

export const DEMO_LEADERS: { name: string; title: string; role: Leader['role']; portfolio: string }[] = [
  { name: '王建国', title: '党委书记', role: 'principal', portfolio: '全面工作' },
  { name: '李明华', title: '乡长', role: 'principal', portfolio: '政府全面工作' },
  { name: '张志强', title: '党委副书记', role: 'member', portfolio: '党建、宣传、信访维稳' },
  { name: '刘芳', title: '副乡长', role: 'member', portfolio: '农业农村、水利、林业' },
  { name: '陈伟', title: '副乡长', role: 'member', portfolio: '城乡建设、自然资源、生态环境、安全生产' },
  { name: '赵军', title: '纪委书记', role: 'member', portfolio: '纪检监察' },
  { name: '孙丽', title: '组织委员', role: 'member', portfolio: '组织人事、民政、社会保障' },
  { name: '周涛', title: '武装部长', role: 'member', portfolio: '武装、综治、平安建设' },
  { name: '吴刚', title: '司法所所长', role: 'dept-principal', portfolio: '人民调解、法律援助' },
  { name: '郑红', title: '农业综合服务中心主任', role: 'dept-principal', portfolio: '农业技术、土地承包' },
  { name: '何平', title: '社会事务办主任', role: 'dept-principal', portfolio: '低保、救助、优抚' },
  { name: '冯磊', title: '司法所副所长', role: 'dept-member', portfolio: '人民调解' },
  { name: '许静', title: '农业综合服务中心副主任', role: 'dept-member', portfolio: '土地承包经营' },
  { name: '马超', title: '社会事务办副主任', role: 'dept-member', portfolio: '社会救助' },
];

export const DEMO_UNITS: { name: string; contact: string }[] = [
  { name: '民政办', contact: '何平 0830-5551201' },
  { name: '司法所', contact: '吴刚 0830-5551202' },
  { name: '农业综合服务中心', contact: '郑红 0830-5551203' },
  { name: '自然资源所', contact: '钱进 0830-5551204' },
  { name: '村镇建设办', contact: '罗斌 0830-5551205' },
  { name: '社会保障所', contact: '高燕 0830-5551206' },
  { name: '派出所', contact: '韩磊 0830-5551207' },
  { name: '综治中心', contact: '周涛 0830-5551208' },
];

export interface DemoResult {
  root: string;
  ledger: Ledger;
  /** The generated roster months and the published notice (ledger-relative path). */
  roster?: { months: string[]; notice: string | null };
  /** The lifecycle step: cases walked through handling (see demoLifecycle). */
  lifecycle?: DemoLifecycle;
}

export async function runDemo(dir: string, force: boolean, clerk: Clerk, progress: (s: string) => void): Promise<DemoResult> {
  const root = resolve(dir);
  checkLedgerFolder(root, 'DIR（示范台账目录）');
  // The sample reaches months back and a month ahead of today, with petitioners born up to 1980:
  // all of it must be datable (git: to 2099) and make sense.
  const day = shanghaiDate(clerk.now);
  if (day < DEMO_FROM || recordDateProblem(addDays(day, 62))) {
    throw new InputError(`示范台账以今天（${day}）为准生成前后几个月的记录，今天应在 ${DEMO_FROM} 到 ${RECORD_YEAR_MAX - 1}-12-31 之间（检查 XINFANG_NOW）`, 'bad_now');
  }
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(join(root, 'xinfang.yaml'))) throw new InputError(`${root} 已存在且不是台账，不会改动它；换一个目录`, 'exists');
    if (!force) throw new InputError(`${root} 已有台账。重建示范台账请加 --force（会删除该目录中的台账）`, 'exists');
    rmSync(root, { recursive: true, force: true });
  }
  progress(`建立示范台账：${root}`);
  initLedger({ dir: root, unit: '青山乡', code: 'QS', preset: 'township', station: 'A', git: true, issuer: '中共青山乡委员会 青山乡人民政府' }, clerk);
  const ledger = Ledger.open(root);
  progress(`添加 ${DEMO_LEADERS.length} 位领导、${DEMO_UNITS.length} 个承办单位`);
  for (const l of DEMO_LEADERS) addLeader(ledger, l, clerk);
  for (const u of DEMO_UNITS) addUnit(ledger, u, clerk);
  const today = shanghaiDate(clerk.now);
  addAbsence(ledger, '刘芳', { from: addDays(today, 3), to: addDays(today, 7), reason: '县委党校学习' }, clerk);
  // ---- intake: the quarter's visits, letters and calls (src/app/demo-intake.ts)
  progress(`登记 ${DEMO_VISITS.length} 件来访、来信、来电`);
  const intakeIds = demoIntake(ledger, clerk);
  // ---- end intake
  // ---- roster: this month and the next, and this month's 公示 as HTML (src/app/roster.ts)
  const roster = await demoRoster(ledger, today, clerk, progress);
  // ---- end roster
  // ---- lifecycle: cases walked through 包案, 受理, 交办, 延期, 结案, 回访 (src/app/lifecycle.ts)
  await demoFollowThrough(ledger, clerk, intakeIds);
  const lifecycle = await demoLifecycle(ledger, clerk, progress);
  // ---- end lifecycle
  return { root, ledger, roster, lifecycle };
}

// ---- roster
/** Generates the current and next month (those the calendar covers) and publishes the first as HTML. */
async function demoRoster(ledger: Ledger, today: string, clerk: Clerk, progress: (s: string) => void): Promise<DemoResult['roster']> {
  const { generateRoster, publishRoster, rosterCalendar } = await import('./roster.js');
  const { addMonths, monthOf } = await import('../domain/time.js');
  const cal = rosterCalendar(ledger);
  const months = [monthOf(today), addMonths(monthOf(today), 1)].filter((m) => cal.covers(Number(m.slice(0, 4))));
  if (months.length === 0) {
    progress(`${today.slice(0, 4)} 年的节假日安排尚无数据，示范台账不生成排班`);
    return { months: [], notice: null };
  }
  progress(`生成接访排班：${months.join('、')}`);
  generateRoster(ledger, months, false, clerk);
  // The days already past this month were kept, as the clerk records each evening — all but
  // a few, so that the compliance report has something to say: a day not recorded (未记录)
  // and one recorded as not kept (缺岗).
  const { markDay } = await import('./roster-attendance.js');
  const { readRoster } = await import('./roster.js');
  const { parseInstant } = await import('../domain/time.js');
  const past = readRoster(ledger, months[0]!)!.slots.filter((s) => s.date < today);
  past.forEach((s, i) => {
    if (i % 18 === 4) return;
    const evening = parseInstant(`${s.date}T17:30:00+08:00`)!;
    const absent = i % 18 === 13;
    markDay(ledger, { date: s.date, leader: s.leader, visitors: absent ? 0 : (i * 7) % 4, absent, ...(absent && { reason: '临时外出开会，未安排替班' }), today }, { ...clerk, now: evening });
  });
  const notice = `公示/${months[0]}-接访安排.html`;
  const { text } = await publishRoster(ledger, { month: months[0]!, format: 'html', now: clerk.now });
  ledger.change().putText(notice, text).apply(`公示 ${months[0]} 领导接访安排`, clerk);
  progress(`公示（可打印 A4）：${notice}`);
  return { months, notice };
}
// ---- end roster

// ---- lifecycle
export interface DemoLifecycle {
  overdue: string;
  extended: string;
  refused: { id: string; message: string };
  closed: string;
}

/**
 * Four cases through the lifecycle, each step at its own past time: one transferred and
 * left overdue, one extended, one refused at closure (no petitioner's opinion yet), one
 * closed and followed up. Registered like a clerk would, with dates before clerk.now.
 */
async function demoLifecycle(ledger: Ledger, clerk: Clerk, progress: (s: string) => void): Promise<DemoLifecycle> {
  const lc = await import('./lifecycle.js');
  const { registerIntake, validateIntake } = await import('./intake.js');
  const { parseInstant } = await import('../domain/time.js');
  const { ProblemError } = await import('../errors.js');
  const today = shanghaiDate(clerk.now);
  const at = (daysAgo: number, time = '10:00'): Clerk => {
    const t = parseInstant(`${addDays(today, -daysAgo)}T${time}:00+08:00`)!;
    return { ...clerk, now: t > clerk.now ? clerk.now : t };
  };
  const register = (daysAgo: number, name: string, phone: string, category: string, summary: string, leader: string): string => {
    const c = at(daysAgo, '09:30');
    const draft = validateIntake(ledger, { at: c.now, channel: 'visit', petitioners: [{ name, phone }], purpose: '求决', category, summary, leader }, c.now);
    return registerIntake(ledger, draft, c, { linkTo: [] }).case.id;
  };
  progress('办理示范案件：交办、延期、结案、回访');

  // 1. Transferred, the unit never replied: overdue.
  const overdue = register(90, '罗长贵', '13550001111', '城乡建设/工程欠款', '村道硬化工程完工两年，施工方仍拖欠本人材料款4.6万元', '陈伟');
  lc.assignCase(ledger, overdue, {}, at(90, '11:00'));
  lc.acceptCase(ledger, overdue, {}, at(88));
  lc.transferCase(ledger, overdue, { unit: '村镇建设办', due: addDays(today, -60), note: '核实工程结算情况，督促施工方支付' }, at(87));
  lc.recordDuty(ledger, overdue, { done: ['包掌握情况'] }, at(86));

  // 2. Needs a judicial appraisal: extended (approved, within the maximum).
  const extended = register(75, '邓桂芳', '13550002222', '政法/诉讼仲裁', '与邻居宅基地界址纠纷，调解未果，要求依法确权', '周涛');
  lc.assignCase(ledger, extended, {}, at(75, '11:00'));
  lc.acceptCase(ledger, extended, {}, at(74));
  lc.transferCase(ledger, extended, { unit: '司法所', note: '组织调解并调取确权档案' }, at(73));
  lc.replyCase(ledger, extended, { unit: '司法所', text: '已两次组织调解，双方对界址仍有争议，需委托测绘鉴定' }, at(55));
  lc.extendCase(ledger, extended, { days: 30, reason: '需委托测绘机构进行界址鉴定' }, at(20));

  // 3. Handled on the spot and approved, but the petitioner has not signed: closure refused.
  const refusedId = register(40, '黄志明', '13550003333', '劳动社保/社会保险', '2025年度城乡居民医保缴费后系统显示未参保，住院无法报销', '孙丽');
  lc.acceptCase(ledger, refusedId, {}, at(39));
  lc.handleCase(ledger, refusedId, { disposition: 'on-the-spot', facts: '缴费记录在乡社保所，因身份证号录入错误未同步', decision: 'support', note: '当场更正并补办参保登记' }, at(39, '11:00'));
  lc.approveCase(ledger, refusedId, { text: '同意，请社保所做好报销衔接' }, at(38));
  let message = '';
  try {
    lc.closeCase(ledger, refusedId, {}, at(37));
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    message = e.message;
  }

  // 4. The whole way: 包案, 五包, 交办, 答复, 处理, 审批, 信访人满意, 答复意见书, 结案, 回访.
  const closed = register(70, '谢秀兰', '13550004444', '民政/优抚救济', '丈夫因公致残，残疾抚恤金标准未按新规调整，要求补发差额', '孙丽');
  lc.assignCase(ledger, closed, { leader: '李明华', note: '涉及政策调整，乡长亲自包案' }, at(70, '11:00'));
  lc.acceptCase(ledger, closed, {}, at(69));
  lc.recordDuty(ledger, closed, { done: ['1', '2'] }, at(69, '15:00'));
  lc.transferCase(ledger, closed, { unit: '民政办', due: addDays(today, -55) }, at(68));
  lc.replyCase(ledger, closed, { unit: '民政办', text: '经核实，自2025年10月起按新标准发放，已补发差额3,240元' }, at(57));
  lc.handleCase(ledger, closed, { disposition: 'on-the-spot', facts: '新标准执行后民政办未及时调整该户发放标准', decision: 'support', note: '补发差额并按新标准发放' }, at(55));
  lc.recordDuty(ledger, closed, { done: ['3', '4', '5'] }, at(54));
  lc.approveCase(ledger, closed, { text: '同意按民政办意见办理，予以结案' }, at(53));
  lc.recordOpinion(ledger, closed, { value: 'satisfied', note: '信访人签字确认' }, at(52));
  await fileReplyNotice(ledger, closed, at(52, '11:00'));
  lc.closeCase(ledger, closed, {}, at(51));
  lc.followupCase(ledger, closed, { date: addDays(today, -10), note: '包案领导回访，抚恤金已按月足额发放，信访人无新诉求' }, at(10));

  return { overdue, extended, refused: { id: refusedId, message }, closed };
}
// ---- end lifecycle
