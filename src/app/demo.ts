// `xinfang demo`: a ready ledger of a township (青山乡) with its leaders and units — and,
// as each capability lands, rosters, cases and reports — built through the same use cases
// a clerk runs, so the demo shows the real product working.
import { existsSync, rmSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { initLedger } from './init.js';
import { addAbsence, addLeader, addUnit } from './leaders.js';
import { Ledger, type Clerk } from '../ledger/ledger.js';
import type { Leader } from '../ledger/schema.js';
import { addDays, shanghaiDate } from '../domain/time.js';
import { demoIntake, DEMO_VISITS } from './demo-intake.js';

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
}

export async function runDemo(dir: string, force: boolean, clerk: Clerk, progress: (s: string) => void): Promise<DemoResult> {
  const root = resolve(dir);
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
  demoIntake(ledger, clerk);
  // ---- end intake
  // ---- roster: this month and the next, and this month's 公示 as HTML (src/app/roster.ts)
  const roster = await demoRoster(ledger, today, clerk, progress);
  // ---- end roster
  return { root, ledger, roster };
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
  const notice = `公示/${months[0]}-接访安排.html`;
  const { text } = await publishRoster(ledger, { month: months[0]!, format: 'html', now: clerk.now });
  ledger.change().putText(notice, text).apply(`公示 ${months[0]} 领导接访安排`, clerk);
  progress(`公示（可打印 A4）：${notice}`);
  return { months, notice };
}
// ---- end roster
