// Reception attendance (接访日是否落实): each scheduled day of a leader is
//   held — with petitioners (a visit received by that leader that day, or `roster held
//          --visitors N` with N > 0) or without (`roster held`, nobody came);
//   missed — recorded as not kept (`roster held --absent`, 缺岗);
//   not recorded (未记录) — past, and nothing was recorded either way;
//   upcoming — today and later, with nothing recorded yet.
// A day nobody recorded is never counted as missed: the seed (第一篇 四(二)) calls for a
// 通报批评 of leaders 不能坚持定期接待群众来访, which needs a record that they did not.
import { InputError, badField } from '../errors.js';
import { checkDate as checkInputDate, checkPeople, checkText } from '../domain/input.js';
import { resolveLeader } from '../domain/leaders.js';
import { monthOf, quarterRange, shanghaiISO } from '../domain/time.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { rosterRel, rosterSchema, type HeldDay } from '../ledger/roster-file.js';
import { readRoster, slotsOf } from './roster.js';

export interface ComplianceRow {
  id: string;
  name: string;
  title: string;
  scheduled: number;
  /** Held days, with and without petitioners. */
  held: number;
  held_with_visitors: number;
  held_without_visitors: number;
  /** Days recorded as not kept (缺岗). */
  missed: number;
  /** Past days nothing was recorded for (未记录). */
  unrecorded: number;
  upcoming: number;
  /** held / (held + missed): over the recorded days; null when none. */
  rate: number | null;
  missed_dates: string[];
  unrecorded_dates: string[];
}

export type ComplianceTotals = Omit<ComplianceRow, 'id' | 'name' | 'title' | 'missed_dates' | 'unrecorded_dates'>;

export type DayState = 'held-visitors' | 'held-empty' | 'missed' | 'unrecorded' | 'upcoming';

/** The state of one scheduled day (pure): `visited` = a case visit received by the leader that day. */
export function dayState(date: string, today: string, visited: boolean, mark: Pick<HeldDay, 'visitors' | 'absent'> | undefined): DayState {
  if (visited) return 'held-visitors';
  if (mark?.absent) return 'missed';
  if (mark) return mark.visitors > 0 ? 'held-visitors' : 'held-empty';
  return date < today ? 'unrecorded' : 'upcoming';
}

/**
 * Days scheduled, held (with or without petitioners), missed, not recorded and upcoming per
 * leader in a quarter, as of `today` (today turns into 未记录 only tomorrow).
 */
export async function compliance(ledger: Ledger, quarter: string, today: string): Promise<{ quarter: string; as_of: string; missing: string[]; leaders: ComplianceRow[]; totals: ComplianceTotals }> {
  const qr = quarterRange(quarter);
  const { slots, held, missing } = slotsOf(ledger, qr.months);
  if (missing.length === 3) throw new InputError(`${quarter} 还没有排班。先生成：xinfang roster generate --quarter ${quarter}`, 'no_roster');
  const { caseStore } = await import('./cases.js');
  const received = caseStore(ledger).receptionDays(qr.from, qr.to);
  const marks = new Map(held.map((h) => [`${h.date}|${h.leader}`, h]));
  const leaders = ledger.leaders().leaders;
  const rows = new Map<string, ComplianceRow>();
  // One reception day per leader and date, even if two rules put them there.
  const days = [...new Set(slots.map((s) => `${s.date}|${s.leader}`))].sort();
  for (const k of days) {
    const [date, id] = k.split('|') as [string, string];
    const l = leaders.find((x) => x.id === id);
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { id, name: l?.name ?? id, title: l?.title ?? '', scheduled: 0, held: 0, held_with_visitors: 0, held_without_visitors: 0, missed: 0, unrecorded: 0, upcoming: 0, rate: null, missed_dates: [], unrecorded_dates: [] }));
    row.scheduled++;
    switch (dayState(date, today, received.has(k), marks.get(k))) {
      case 'held-visitors':
        row.held++;
        row.held_with_visitors++;
        break;
      case 'held-empty':
        row.held++;
        row.held_without_visitors++;
        break;
      case 'missed':
        row.missed++;
        row.missed_dates.push(date);
        break;
      case 'unrecorded':
        row.unrecorded++;
        row.unrecorded_dates.push(date);
        break;
      case 'upcoming':
        row.upcoming++;
    }
  }
  const order = new Map(leaders.map((l, i) => [l.id, i]));
  const list = [...rows.values()].sort((a, b) => (order.get(a.id) ?? 999) - (order.get(b.id) ?? 999));
  for (const r of list) r.rate = r.held + r.missed ? r.held / (r.held + r.missed) : null;
  const sum = (k: 'scheduled' | 'held' | 'held_with_visitors' | 'held_without_visitors' | 'missed' | 'unrecorded' | 'upcoming') => list.reduce((n, r) => n + r[k], 0);
  const t = {
    scheduled: sum('scheduled'),
    held: sum('held'),
    held_with_visitors: sum('held_with_visitors'),
    held_without_visitors: sum('held_without_visitors'),
    missed: sum('missed'),
    unrecorded: sum('unrecorded'),
    upcoming: sum('upcoming'),
  };
  return { quarter, as_of: today, missing, leaders: list, totals: { ...t, rate: t.held + t.missed ? t.held / (t.held + t.missed) : null } };
}

export interface MarkInput {
  date: string;
  /** One leader; without it, every leader on duty that day not yet recorded. */
  leader?: string;
  visitors?: number;
  /** Recorded as not kept (缺岗), with the reason. */
  absent?: boolean;
  reason?: string;
  today: string;
}

export interface MarkResult {
  date: string;
  marked: { leader: { id: string; name: string }; visitors: number; absent: boolean }[];
  /** Leaders on duty that day already recorded (left as they were when no leader was named). */
  already: { id: string; name: string }[];
}

/**
 * `roster held`: records a scheduled day as kept (or, with --absent, not kept). Without a
 * leader, marks every leader on duty that day who has no record yet, in one commit.
 */
export function markDay(ledger: Ledger, input: MarkInput, clerk: Clerk): MarkResult {
  return ledger.locked('roster', () => {
    const date = checkInputDate(input.date, 'DATE（日期）');
    if (date > input.today) throw badField('DATE（日期）', date, `不能晚于今天 ${input.today}：只能登记已经接访的日子`);
    const visitors = input.visitors ?? 0;
    checkPeople(visitors, '--visitors（来访人数）', 0);
    if (input.absent && visitors > 0) throw badField('--visitors（来访人数）', String(visitors), '与 --absent（缺岗）不能同时给出');
    const reason = input.reason === undefined ? '' : checkText(input.reason, '--reason（缺岗原因）', 'line');
    if (reason && !input.absent) throw badField('--reason（缺岗原因）', reason, '只与 --absent（缺岗）一起用');
    const file = readRoster(ledger, monthOf(date));
    if (!file) throw new InputError(`${monthOf(date)} 还没有排班。先生成：xinfang roster generate --month ${monthOf(date)}`, 'no_roster');
    const all = ledger.leaders().leaders;
    const nameOf = (id: string) => all.find((x) => x.id === id)?.name ?? id;
    const onDuty = [...new Set(file.slots.filter((s) => s.date === date).map((s) => s.leader))];
    let targets: string[];
    const already: { id: string; name: string }[] = [];
    if (input.leader !== undefined) {
      const l = resolveLeader(all, input.leader, '--leader');
      if (!onDuty.includes(l.id)) {
        throw new InputError(
          `${date} 的排班中没有 ${l.name}${onDuty.length ? `（当天接访：${onDuty.map(nameOf).join('、')}）` : '（当天没有班次）'}。临时换人请先用 xinfang roster set ${date} --leader ${l.name}`,
          'not_scheduled',
        );
      }
      targets = [l.id];
    } else {
      if (!onDuty.length) throw new InputError(`${date} 没有接访班次，无须登记`, 'not_scheduled');
      if (input.absent) throw badField('--absent（缺岗）', date, '要指明哪位领导缺岗：--leader 领导');
      if (visitors > 0 && onDuty.length > 1) throw badField('--visitors（来访人数）', String(visitors), `${date} 有 ${onDuty.length} 位领导接访，来访人数要逐一登记：--leader 领导 --visitors N`);
      for (const id of onDuty) if (file.held.some((h) => h.date === date && h.leader === id)) already.push({ id, name: nameOf(id) });
      targets = onDuty.filter((id) => !already.some((a) => a.id === id));
      if (!targets.length) return { date, marked: [], already };
    }
    const at = shanghaiISO(clerk.now);
    const entries: HeldDay[] = targets.map((id) => ({ date, leader: id, visitors, by: clerk.name, at, ...(input.absent ? { absent: true, reason } : {}) }));
    const held = [...file.held.filter((h) => !(h.date === date && targets.includes(h.leader))), ...entries].sort((a, b) => a.date.localeCompare(b.date) || a.leader.localeCompare(b.leader));
    const names = targets.map(nameOf).join('、');
    ledger
      .change()
      .put(rosterRel(file.month), rosterSchema(), { ...file, held })
      .apply(input.absent ? `登记缺岗 ${date} ${names}${reason ? `（${reason}）` : ''}` : `登记接访 ${date} ${names}（来访 ${visitors} 人）`, clerk);
    return { date, marked: targets.map((id) => ({ leader: { id, name: nameOf(id) }, visitors, absent: !!input.absent })), already };
  });
}

/** The single-leader form kept for callers that name the leader. */
export function markHeld(ledger: Ledger, input: { date: string; leader: string; visitors: number; today: string }, clerk: Clerk): { date: string; leader: { id: string; name: string }; visitors: number } {
  const r = markDay(ledger, input, clerk);
  const m = r.marked[0]!;
  return { date: r.date, leader: m.leader, visitors: m.visitors };
}

/**
 * 通报 of the leaders who did not keep their reception days (种子第一篇 四(二)：“对不能坚持定期接待
 * 群众来访的，要通报批评”), from a liquid template: --template FILE, else the office's
 * templates/compliance-notice.liquid, else ours. Only days recorded as 缺岗 are named; days
 * not recorded are mentioned as such, never criticised.
 */
export async function complianceNotice(ledger: Ledger, quarter: string, today: string, templateFile?: string): Promise<string> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { TEMPLATES_DIR } = await import('../paths.js');
  const { dateZh } = await import('../domain/time.js');
  const c = await compliance(ledger, quarter, today);
  const { months } = quarterRange(quarter);
  const reasons = new Map<string, string[]>();
  for (const m of months) for (const h of readRoster(ledger, m)?.held ?? []) if (h.absent && h.reason) reasons.set(h.leader, [...(reasons.get(h.leader) ?? []), h.reason]);
  const office = ledger.config.office;
  const QZH = ['', '一', '二', '三', '四'];
  const data = {
    office: { name: office.name, issuer: office.issuer || office.name },
    quarter_zh: `${quarter.slice(0, 4)}年第${QZH[Number(quarter.slice(5))]}季度`,
    as_of_zh: dateZh(today),
    issued_zh: dateZh(today),
    totals: c.totals,
    missed: c.leaders.filter((l) => l.missed > 0).map((l) => ({ name: l.name, title: l.title, missed: l.missed, missed_dates: l.missed_dates, reasons: [...new Set(reasons.get(l.id) ?? [])].join('；') })),
  };
  let path = templateFile;
  if (path !== undefined && !existsSync(path)) throw badField('--template（模板文件）', path, '文件不存在');
  if (path === undefined) {
    const own = join(ledger.root, 'templates', 'compliance-notice.liquid');
    path = existsSync(own) ? own : join(TEMPLATES_DIR, 'roster', 'compliance-notice.liquid');
  }
  const { confinedLiquid, readTemplateFile, templateError } = await import('../render/liquid.js');
  const engine = confinedLiquid([join(ledger.root, 'templates'), join(TEMPLATES_DIR, 'roster')], { strictFilters: true, ownPropertyOnly: true });
  try {
    return await engine.parseAndRender(readTemplateFile(path), data);
  } catch (e) {
    throw templateError(path, e);
  }
}
