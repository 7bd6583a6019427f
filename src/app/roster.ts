// Roster use cases: generate months from the office's rules on the working-day calendar,
// show a month, who is on duty on a day, the quarter's balance and reminders. Reads and
// writes rosters/YYYY-MM.yaml; every input is checked before anything is written. Hand
// changes (set / swap) are in roster-changes.ts, the public notice in roster-notice.ts,
// 约访 and the leader's brief in roster-brief.ts, days held in roster-attendance.ts; all
// are re-exported here.
import { InputError, ProblemError } from '../errors.js';
import { emptyRequiredRules, emptyRuleMessage, EMPTY_RULE_HINT } from '../domain/rule-pool.js';
import { balance, schedule, type Gap, type RuleBalance } from '../domain/roster.js';
import { awayOn } from '../domain/leaders.js';
import { addDays, addMonths, shanghaiDate, dateRange, monthOf, quarterRange, shanghaiISO, dateZh } from '../domain/time.js';
import { NotCoveredError, type WorkCalendar } from '../calendar/index.js';
import { ProvisionalCalendar } from '../calendar/provisional.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { rosterRel, rosterSchema, type RosterSlot, type RosterFile } from '../ledger/roster-file.js';
import { readRoster, rosterCalendar, rosterMonths, viewSlot, type SlotView } from './roster-read.js';

export { dutyOn, MODE_ZH, readRoster, rosterCalendar, rosterMonths, viewSlot, type Duty, type SlotView } from './roster-read.js';

/** How far back generation looks for rotation history. */
const HISTORY_MONTHS = 12;

/** A leader's slots on `from` or later, in every generated month. */
export function slotsFrom(ledger: Ledger, from: string, leader: string): RosterSlot[] {
  return rosterMonths(ledger)
    .filter((m) => m >= from.slice(0, 7))
    .flatMap((m) => readRoster(ledger, m)!.slots.filter((s) => s.leader === leader && s.date >= from));
}

export function needRoster(ledger: Ledger, month: string): RosterFile {
  const r = readRoster(ledger, month);
  if (!r) throw new InputError(`${month} 还没有排班。先生成：xinfang roster generate --month ${month}`, 'no_roster');
  return r;
}

/** A month the calendar does not cover is refused with the calendar's own message. */
export function requireCovered(cal: WorkCalendar, months: string[]): void {
  for (const m of months) {
    const y = Number(m.slice(0, 4));
    if (!cal.covers(y)) {
      throw new InputError(
        `${new NotCoveredError(y).message}。公布之前要先排班的，可加 --provisional 按周末暂排（排班和公示都标“暂定”，日历导入后用 --force 重新生成）`,
        'not_covered',
      );
    }
  }
}

export interface GeneratedMonth {
  month: string;
  slots: RosterSlot[];
  gaps: Gap[];
  kept: number;
  /** Hand-set slots kept although the leader is now away that day. */
  awayOverrides: RosterSlot[];
  /** Later months that already had a roster and were left as they were (their rotation does not follow this one). */
  later: string[];
  /** Months between the last earlier roster and this one that have none: the rotation skips over them. */
  missing: string[];
  /** Slots of days already past, kept unchanged by a regeneration. */
  past: number;
}

/** Months after the latest roster before `first` and before `first` itself that have no roster. */
export function missingBefore(existing: readonly string[], first: string): string[] {
  const earlier = existing.filter((m) => m < first);
  const last = earlier[earlier.length - 1];
  if (!last) return [];
  const out: string[] = [];
  for (let m = addMonths(last, 1); m < first; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function generateRoster(ledger: Ledger, months: string[], force: boolean, clerk: Clerk, label = months.join('、'), opts: { provisional?: boolean } = {}): GeneratedMonth[] {
  return ledger.locked('roster', () => {
    // --provisional: a year without the official list is scheduled on weekends only, marked 暂定.
    const cal = opts.provisional ? new ProvisionalCalendar(rosterCalendar(ledger)) : rosterCalendar(ledger);
    if (!opts.provisional) requireCovered(cal, months);
    const existing = months.filter((m) => readRoster(ledger, m) !== undefined);
    if (existing.length && !force) {
      throw new InputError(`${existing.join('、')} 已有排班，不会覆盖。重新生成请加 --force（手工调整的班次和已登记的接访情况会保留）`, 'exists');
    }
    const { config } = ledger;
    const leaders = ledger.leaders().leaders;
    if (config.schedule.rules.length === 0) throw new InputError('xinfang.yaml 中没有排班规则（schedule.rules），无法排班', 'no_rules');
    // A rule that names a post or a leader (区委书记每月一天) must have somebody: fail, write nothing.
    const empty = emptyRequiredRules(config.schedule.rules, leaders);
    if (empty.length) throw new ProblemError(`${empty.map(emptyRuleMessage).join('；\n')}。\n${EMPTY_RULE_HINT}`, 'rule_empty', { rules: empty.map((r) => r.name) });
    const history: RosterSlot[] = [];
    for (const m of rosterMonths(ledger)) if (m < months[0]! && m >= addMonths(months[0]!, -HISTORY_MONTHS)) history.push(...readRoster(ledger, m)!.slots);
    const out: GeneratedMonth[] = [];
    const files: RosterFile[] = [];
    const later = rosterMonths(ledger).filter((m) => m > months[months.length - 1]! && !months.includes(m));
    const missing = missingBefore(rosterMonths(ledger), months[0]!);
    const today = shanghaiDate(clerk.now);
    for (const month of months) {
      const old = readRoster(ledger, month);
      // Kept as they are: hand-set slots, and every slot of a day already past (what was
      // scheduled then is history: compliance and held days refer to it).
      const fixed = (old?.slots ?? []).filter((s) => s.override || s.date < today);
      const r = schedule({ month, rules: config.schedule.rules, places: config.places, leaders, calendar: cal, history, fixed, workingHours: config.schedule.working_hours });
      history.push(...r.slots);
      const awayOverrides = fixed.filter((s) => {
        const l = leaders.find((x) => x.id === s.leader);
        return l ? !!awayOn(l, s.date) : false;
      });
      out.push({ month, slots: r.slots, gaps: r.gaps, kept: fixed.filter((x) => x.override).length, past: fixed.filter((x) => !x.override).length, awayOverrides, later, missing });
      // Slots removed by hand (roster unset, src/app/roster-edit.ts) stay removed.
      const removed = old?.removed ?? [];
      const kept = removed.length ? r.slots.filter((s) => s.override || !removed.some((x) => x.date === s.date && x.rule === s.rule)) : r.slots;
      const provisional = cal instanceof ProvisionalCalendar && cal.isProvisional(Number(month.slice(0, 4)));
      files.push({ month, generated_at: shanghaiISO(clerk.now), ...(provisional && { provisional: true }), slots: kept, held: old?.held ?? [], ...(removed.length ? { removed } : {}) });
    }
    const change = ledger.change();
    for (const f of files) change.put(rosterRel(f.month), rosterSchema(), f);
    change.apply(`${force && existing.length ? '重新生成' : '生成'} ${label} 接访排班${files.some((f) => f.provisional) ? '（暂定：当年节假日安排尚未公布）' : ''}`, clerk);
    return out;
  });
}

export function showRoster(ledger: Ledger, month: string): { month: string; provisional: boolean; days: { date: string; slots: SlotView[] }[] } {
  const r = needRoster(ledger, month);
  const days: { date: string; slots: SlotView[] }[] = [];
  for (const s of r.slots) {
    let day = days[days.length - 1];
    if (!day || day.date !== s.date) days.push((day = { date: s.date, slots: [] }));
    day.slots.push(viewSlot(ledger, s));
  }
  return { month, provisional: !!r.provisional, days };
}

// Hand changes (`roster set`, `roster swap`): roster-changes.ts.
export { setSlot, swapSlots, type SetInput } from './roster-changes.js';

/** All slots of the given months that have a roster file; the months without one are listed. */
export function slotsOf(ledger: Ledger, months: string[]): { slots: RosterSlot[]; held: RosterFile['held']; missing: string[] } {
  const slots: RosterSlot[] = [];
  const held: RosterFile['held'] = [];
  const missing: string[] = [];
  for (const m of months) {
    const r = readRoster(ledger, m);
    if (!r) missing.push(m);
    else {
      slots.push(...r.slots);
      held.push(...r.held);
    }
  }
  return { slots, held, missing };
}

export interface BalanceReport {
  quarter: string;
  missing: string[];
  rules: (Omit<RuleBalance, 'leaders'> & {
    leaders: { id: string; name: string; days: number; turns: number; away_days: number; all_days: number }[];
    /** A `floor` rule: every leader of its pool should have at least floor_days in the quarter, under all rules together. */
    floor: boolean;
    floor_days: number;
    /** Leaders of a floor rule's pool below floor_days under all rules (names). */
    short: string[];
  })[];
}

export function rosterBalance(ledger: Ledger, quarter: string): BalanceReport {
  const qr = quarterRange(quarter);
  const cal = rosterCalendar(ledger);
  requireCovered(cal, qr.months);
  const { slots, missing } = slotsOf(ledger, qr.months);
  if (missing.length === 3) throw new InputError(`${quarter} 还没有排班。先生成：xinfang roster generate --quarter ${quarter}`, 'no_roster');
  const leaders = ledger.leaders().leaders;
  const wd = cal.workdaysIn(qr.from, qr.to);
  const allDays = (id: string) => new Set(slots.filter((s) => s.leader === id).map((s) => s.date)).size;
  const rules = balance(ledger.config.schedule.rules, leaders, slots, qr, wd).map((b, i) => {
    const rule = ledger.config.schedule.rules[i]!;
    const rows = b.leaders.map((x) => ({ id: x.id, name: leaders.find((l) => l.id === x.id)?.name ?? x.id, days: x.days, turns: x.turns, away_days: x.awayDays, all_days: allDays(x.id) }));
    const floorDays = rule.floor ? (rule.days_per_period ?? 1) : 0;
    return { ...b, leaders: rows, floor: !!rule.floor, floor_days: floorDays, short: rule.floor ? rows.filter((r) => r.all_days < floorDays).map((r) => r.name) : [] };
  });
  return { quarter, missing, rules };
}

export interface Reminder {
  leader: { id: string; name: string; title: string };
  slots: SlotView[];
  text: string;
}

/** The slots from today through today + days, grouped per leader, with the notice text. */
export function reminders(ledger: Ledger, today: string, days: number): { from: string; to: string; missing: string[]; reminders: Reminder[] } {
  const to = addDays(today, days);
  const months = [...new Set(dateRange(today, to).map(monthOf))];
  const { slots, missing } = slotsOf(ledger, months);
  const mine = slots.filter((s) => s.date >= today && s.date <= to);
  const byLeader = new Map<string, SlotView[]>();
  for (const s of mine) {
    const v = viewSlot(ledger, s);
    if (!byLeader.has(s.leader)) byLeader.set(s.leader, []);
    byLeader.get(s.leader)!.push(v);
  }
  const office = ledger.config.office;
  const signer = office.issuer || `${office.name}信访工作领导小组办公室`;
  const reminders: Reminder[] = [...byLeader.values()].map((vs) => {
    const l = vs[0]!.leader;
    const lines = vs.map((v) => `${dateZh(v.date)}（${v.weekday}）${v.hours.replace('-', '—')}，在${v.place.name}${v.mode_zh}`);
    const text =
      `${l.name}同志：\n` +
      `根据本单位领导干部定期接待群众来访安排，您的接访时间如下：\n` +
      lines.map((x) => `  ${x}；`).join('\n') +
      `\n请提前安排好工作，准时到岗，做好接访准备。如因公务不能接访，请尽早告知信访办调整（可与其他领导对调）。\n` +
      `${signer}\n${dateZh(today)}`;
    return { leader: { id: l.id, name: l.name, title: l.title }, slots: vs, text };
  });
  return { from: today, to, missing, reminders };
}

// `roster held` (one leader, or everyone on duty that day; --absent for 缺岗): roster-attendance.ts.
export { markHeld, markDay } from './roster-attendance.js';

// The public notice (公示: data, holidays, iCalendar UIDs, `roster publish`): roster-notice.ts.
export { noticeData, publishRoster, slotUid } from './roster-notice.js';

// ---- Parts that read the cases (compliance, appointments, the leader's brief). The case
// modules are loaded only on these paths.

// Attendance of the reception days (held with/without petitioners, missed, 未记录): roster-attendance.ts.
export { compliance, type ComplianceRow } from './roster-attendance.js';

// 约访 and the leader's brief: roster-brief.ts.
export { appointCase, briefFor, type Brief, type BriefCase } from './roster-brief.js';
