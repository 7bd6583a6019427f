// A case's deadlines and warning level, computed from its events, the office's rules and
// the working-day calendar on a given day. Pure: no clock, no files — `today` is passed in.
//   acceptance  accept_days from receipt (counted from the next day); met by accept/decline
//   handling    handle_days from acceptance (or the last reopen) + approved extensions + days
//               suspended; met by close
//   transfer    each unit's due date (given, or transfer_days from the transfer) + days
//               suspended after the transfer; met by its reply
//   promise     the date promised in a 限期解决 handling + days suspended after it; met by a
//               later handling
// A suspension (中止) stops every clock: the days suspended are added to every deadline
// running during them (handling, each unit's transfer, the promise), never to one already met.
// A deadline that needs a year the calendar does not cover is reported (date null and a
// gap), never guessed. The warning level is derived from the share of time used.
import type { CaseState } from './case.js';
import { eventDate, isOpen, liveEvents } from './case.js';
import { countDays, deadlineDate, timeUsed, type DayCountMode } from '../calendar/deadline.js';
import { addDays } from './time.js';
import { NotCoveredError, type WorkCalendar } from '../calendar/calendar.js';

export const WARNING_LEVELS = ['normal', 'due_soon', 'warning', 'alert', 'severe', 'overdue'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export const WARNING_ZH: Record<WarningLevel, string> = {
  normal: '正常',
  due_soon: '临期',
  warning: '预警',
  alert: '警告',
  severe: '严重警告',
  overdue: '超期',
};

export interface DeadlineRules {
  accept_days: number;
  handle_days: number;
  transfer_days: number;
  day_count: DayCountMode;
  /** What a suspension stops: every running clock (default), or only the handling deadline. */
  suspension_stops?: 'all' | 'handling';
}
export interface WarningRules {
  warning: number;
  alert: number;
  severe: number;
  due_soon_days: number;
}

export type DeadlineKind = 'accept' | 'handle' | 'transfer' | 'promise';
export const DEADLINE_ZH: Record<DeadlineKind, string> = { accept: '受理期限', handle: '办理期限', transfer: '交办期限', promise: '承诺期限' };

export interface Deadline {
  kind: DeadlineKind;
  /** The unit, for a transfer deadline. */
  unit?: string;
  /** The period runs from the day after `start`. */
  start: string;
  /** null when the calendar does not cover a year the deadline needs. */
  date: string | null;
  /** Still running on `today` (not yet met, case open, clock not stopped). */
  running: boolean;
  /** When it was met (accepted, closed, replied …), else null. */
  metOn: string | null;
  /** Met after the date, or running past it. */
  late: boolean;
  /** The year the calendar lacks, when date is null (or when the date is provisional). */
  gapYear?: number;
  /** 暂定: computed on weekends only, the official list of gapYear not being out yet. */
  provisional?: boolean;
  /** The earliest the date can be whatever the calendar says (the plain calendar-day date), when date is null. */
  earliest?: string;
  level: WarningLevel;
  /** Days left after today (negative: days overdue); null when not running or unknown. */
  daysLeft: number | null;
  /** Share of the period used today, when running. */
  fraction: number | null;
}

export interface CaseDeadlines {
  accept: Deadline;
  handle: Deadline | null;
  transfers: Deadline[];
  promise: Deadline | null;
  /** The worst level over every running deadline. */
  level: WarningLevel;
  overdue: boolean;
  /** Fewest days left over the running deadlines (null when none runs or none is known). */
  daysLeft: number | null;
  /** The running deadline with the fewest days left (the one lists show). */
  next: Deadline | null;
  /** Calendar years that are missing for some deadline. */
  gaps: { kind: DeadlineKind; year: number; unit?: string }[];
  /** Days the handling clock was stopped (so far, while suspended). */
  suspendedDays: number;
  suspended: boolean;
}

function rank(l: WarningLevel): number {
  return WARNING_LEVELS.indexOf(l);
}

export function worse(a: WarningLevel, b: WarningLevel): WarningLevel {
  return rank(a) >= rank(b) ? a : b;
}

/** The level of a running period on `today`: overdue past the date, else by share used and days left. */
export function warningLevel(fraction: number, daysLeft: number, overdue: boolean, w: WarningRules): WarningLevel {
  if (overdue) return 'overdue';
  if (fraction >= w.severe) return 'severe';
  if (fraction >= w.alert) return 'alert';
  if (fraction >= w.warning) return 'warning';
  if (daysLeft <= w.due_soon_days) return 'due_soon';
  return 'normal';
}

function tryDate(f: () => string): { date: string | null; gapYear?: number } {
  try {
    return { date: f() };
  } catch (e) {
    if (e instanceof NotCoveredError) return { date: null, gapYear: e.year };
    throw e;
  }
}

/** A deadline as the case's events and the calendar fix it, before it is judged on a day. */
function base(cal: WorkCalendar, kind: DeadlineKind, start: string, compute: () => string, metOn: string | null, running: boolean, unit?: string, earliest?: string): Deadline {
  const { date, gapYear } = tryDate(compute);
  const d: Deadline = { kind, start, date, running, metOn, late: false, level: 'normal', daysLeft: null, fraction: null, ...(unit !== undefined && { unit }), ...(gapYear !== undefined && { gapYear }) };
  if (!date) {
    // Moving off rest days or counting working days only ever makes a period longer, so
    // a deadline met by its plain calendar-day date was met on time, whatever the year brings.
    if (earliest) d.earliest = earliest;
    return d;
  }
  if (metOn) d.late = metOn > date;
  return d;
}

/** The day-count mode a deadline is counted in: a promise in calendar days, the others by the rules. */
export function deadlineMode(kind: DeadlineKind, rules: DeadlineRules): DayCountMode {
  return kind === 'promise' ? 'calendar' : rules.day_count;
}

/** A running deadline judged on `today`: days left, share used, level (a copy; others as they are). */
export function judgeDeadline(b: Deadline, cal: WorkCalendar, today: string, mode: DayCountMode, w: WarningRules): Deadline {
  if (!b.date || !b.running) return b;
  const d: Deadline = { ...b };
  const date = b.date;
  try {
    const u = timeUsed(cal, d.start, date, today, mode);
    d.daysLeft = u.remaining;
    d.fraction = u.fraction;
    d.late = u.overdue;
    d.level = warningLevel(u.fraction, u.remaining, u.overdue, w);
  } catch (e) {
    if (!(e instanceof NotCoveredError)) throw e;
    // Counting working days up to today needs a year without data: the date is known,
    // the share used is not; overdue is still plain.
    d.gapYear = e.year;
    d.late = today > date;
    d.level = today > date ? 'overdue' : 'normal';
  }
  return d;
}

/**
 * Days suspended within (after, until], in the mode's unit: each suspension from its start
 * (exclusive) to its resumption (or today while still suspended), clipped to the window.
 */
function suspendedDays(cal: WorkCalendar, s: CaseState, today: string, mode: DayCountMode, after = '', until = today): number {
  let n = 0;
  for (const x of s.suspensions) {
    const from = x.from > after ? x.from : after;
    const to0 = x.to ?? today;
    const to = to0 < until ? to0 : until;
    if (to > from) n += countDays(cal, from, to, mode);
  }
  return n;
}

/**
 * A fixed date (a unit's --due, a promised date) pushed back by `days` suspended days, in
 * the mode's unit (a result on a rest day moves on in calendar-next-workday); unchanged
 * when nothing was suspended.
 */
function pushBack(cal: WorkCalendar, date: string, days: number, mode: DayCountMode): string {
  return days > 0 ? deadlineDate(cal, date, days, mode) : date;
}

/**
 * A case's deadlines before they are judged on a day: dates, what met them, which still run.
 * Depends on `today` only through a suspension (days suspended so far); the index stores it
 * for a case never suspended and judges it on the day of each command (judgeDeadlines).
 */
export interface DeadlineSet {
  accept: Deadline;
  handle: Deadline | null;
  transfers: Deadline[];
  promise: Deadline | null;
  suspendedDays: number;
  suspended: boolean;
}

/** The case's deadlines on `today`. */
export function caseDeadlines(s: CaseState, rules: DeadlineRules, w: WarningRules, cal: WorkCalendar, today: string): CaseDeadlines {
  return judgeDeadlines(deadlineSet(s, rules, cal, today), rules, w, cal, today);
}

/** The dates of the case's deadlines (see DeadlineSet). */
export function deadlineSet(s: CaseState, rules: DeadlineRules, cal: WorkCalendar, today: string): DeadlineSet {
  const mode = rules.day_count;
  const open = isOpen(s);
  const suspended = s.status === 'suspended';

  // Acceptance: met by the first accept/decline (or a handling or transfer that implies it).
  const decided = s.accepted ?? s.declined;
  const accept = base(cal, 'accept', s.received, () => deadlineDate(cal, s.received, rules.accept_days, mode), decided, !decided && open, undefined, addDays(s.received, rules.accept_days));

  let handle: Deadline | null = null;
  let stopped = 0;
  const hs = s.handleStart;
  if (hs && s.status !== 'declined') {
    let susp = 0;
    try {
      susp = suspendedDays(cal, s, today, mode);
    } catch (e) {
      if (!(e instanceof NotCoveredError)) throw e;
    }
    stopped = susp;
    const days = rules.handle_days + s.extensionDays + susp;
    handle = base(cal, 'handle', hs, () => deadlineDate(cal, hs, days, mode), s.closed, open && !suspended, undefined, addDays(hs, days));
  }

  // Transfers: each unit's latest transfer, until that unit replies.
  const transfers: Deadline[] = [];
  const lastTransfer = new Map<string, { date: string; due?: string }>();
  const replied = new Map<string, string>();
  const live = liveEvents(s.file.events);
  for (const e of live) {
    if (e.type === 'transfer') {
      lastTransfer.set(e.unit, { date: eventDate(e.at), due: e.due });
      replied.delete(e.unit);
    } else if (e.type === 'reply') replied.set(e.unit, eventDate(e.at));
    else if (e.type === 'reopen') {
      lastTransfer.clear();
      replied.clear();
    }
  }
  const stopsAll = (rules.suspension_stops ?? 'all') === 'all';
  // A suspension stops every clock, so the days suspended after the transfer (and before
  // the unit's reply) push its deadline back like the handling deadline's.
  for (const [unit, t] of lastTransfer) {
    const metOn = replied.get(unit) ?? null;
    const compute = () => {
      const susp = stopsAll ? suspendedDays(cal, s, today, mode, t.date, metOn ?? today) : 0;
      return t.due ? pushBack(cal, t.due, susp, mode) : deadlineDate(cal, t.date, rules.transfer_days + susp, mode);
    };
    transfers.push(base(cal, 'transfer', t.date, compute, metOn, open && !suspended && !metOn, unit, t.due ?? addDays(t.date, rules.transfer_days)));
  }

  // A promise (限期解决) runs until a later handling records the matter solved.
  let promise: Deadline | null = null;
  let promised: { start: string; by: string; keptOn: string | null } | null = null;
  for (const e of live) {
    if (e.type === 'handle') {
      if (e.disposition === 'promised' && e.promise_by) promised = { start: eventDate(e.at), by: e.promise_by, keptOn: null };
      else if (promised && !promised.keptOn) promised.keptOn = eventDate(e.at);
    } else if (e.type === 'resolve') {
      if (promised && !promised.keptOn) promised.keptOn = e.date;
    } else if (e.type === 'reopen') promised = null;
  }
  if (promised) {
    const p = promised;
    // The promised date is kept as promised (calendar days), pushed back by the days
    // suspended after the promise and before it was kept.
    const compute = () => pushBack(cal, p.by, stopsAll ? suspendedDays(cal, s, today, mode, p.start, p.keptOn ?? today) : 0, mode);
    promise = base(cal, 'promise', p.start, compute, p.keptOn, open && !suspended && !p.keptOn, undefined, p.by);
  }

  return { accept, handle, transfers, promise, suspendedDays: stopped, suspended };
}

/** The deadlines of a DeadlineSet judged on `today`: each one's days left and level, the case's worst level, the next one, the calendar's gaps. */
export function judgeDeadlines(set: DeadlineSet, rules: DeadlineRules, w: WarningRules, cal: WorkCalendar, today: string): CaseDeadlines {
  const j = (d: Deadline) => judgeDeadline(d, cal, today, deadlineMode(d.kind, rules), w);
  const accept = j(set.accept);
  const handle = set.handle && j(set.handle);
  const transfers = set.transfers.map(j);
  const promise = set.promise && j(set.promise);
  const gaps: CaseDeadlines['gaps'] = [];
  const all = [accept, ...(handle ? [handle] : []), ...transfers, ...(promise ? [promise] : [])];
  const metInTime = (d: Deadline) => d.metOn !== null && d.earliest !== undefined && d.metOn <= d.earliest;
  for (const d of all) if (d.gapYear !== undefined && (d.running || (d.date === null && !metInTime(d)))) gaps.push({ kind: d.kind, year: d.gapYear, ...(d.unit && { unit: d.unit }) });
  const running = all.filter((d) => d.running);
  let level: WarningLevel = 'normal';
  for (const d of running) level = worse(level, d.level);
  const known = running.filter((d) => d.daysLeft !== null).sort((a, b) => a.daysLeft! - b.daysLeft!);
  const next = known[0] ?? running.find((d) => d.date) ?? null;
  return {
    accept,
    handle,
    transfers,
    promise,
    level,
    overdue: running.some((d) => d.date !== null && today > d.date),
    daysLeft: known[0]?.daysLeft ?? null,
    next,
    gaps,
    suspendedDays: set.suspendedDays,
    suspended: set.suspended,
  };
}

