// `due`: what is overdue or due soon, and `due --supervise` (督办 events and 督办通知 as one change).
import { createHash } from 'node:crypto';
import { needsInstruction, type CaseState, type Status } from '../domain/case.js';
import { SUPERVISION_FORMS, type Channel } from '../domain/events.js';
import { DEADLINE_ZH, type CaseDeadlines, type Deadline } from '../domain/deadlines.js';
import { addDays, diffDays, shanghaiDate } from '../domain/time.js';
import { checkRel, shortenName } from '../ledger/txn.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { appendEventsToCases, caseStore, loadCase } from './cases.js';
import type { DueCandidate, DueRow } from '../index/store.js';
import type { RunningDate } from '../index/stored-deadlines.js';
import { ProvisionalCalendar } from '../calendar/provisional.js';
import { ledgerCalendar, shownDeadlinesOf, storedShownDeadlines } from './case-extras.js';
import { NotCoveredError } from '../calendar/calendar.js';
import { mustBeOpen } from './case-guards.js';
import { addresseeName, renderSupervisionNotice, type NoticeAddressee } from './notices.js';

// ---- due ---------------------------------------------------------------------------

export interface DueItem {
  id: string;
  kind: Deadline['kind'];
  deadline: string;
  /** Overdue: days past the deadline; due soon: days left. */
  days: number;
  warning: string;
  leader: string | null;
  units: string[];
  status: Status;
  /** 暂定: the deadline lies in a year whose official holiday list is not out yet. */
  provisional?: boolean;
}

export interface DueReport {
  today: string;
  within: number;
  overdue: DueItem[];
  due_soon: DueItem[];
  /** Letters, calls and mailbox items still waiting for the duty leader's instruction. */
  awaiting_instruction: { id: string; channel: Channel; received: string; leader: string | null }[];
  /** Deadlines that need a year the calendar lacks; `provisional_deadline` is the 暂定 date (weekends only). */
  calendar_gaps: { id: string; deadline: string; year: number; provisional_deadline?: string }[];
}

function unitsOf(units: string[], awaiting: string[], d: CaseDeadlines): string[] {
  const overdueUnits = d.transfers.filter((t) => t.running && t.level === 'overdue').map((t) => t.unit!);
  return overdueUnits.length ? overdueUnits : awaiting.length ? awaiting : units;
}

/** What `due` needs of a candidate, from its folded file or from the index's stored deadlines. */
function judged(ledger: Ledger, c: DueCandidate, today: string, pcal: ProvisionalCalendar) {
  if ('state' in c) {
    const s = c.state;
    return { id: s.id, status: s.status, owner: s.owner, channel: s.file.channel, received: s.received, instruct: needsInstruction(s), d: shownDeadlinesOf(ledger, s, today), units: s.units, awaiting: s.awaitingReply };
  }
  const r = c.row;
  const d = storedShownDeadlines(ledger, r.stored(), today, pcal);
  return { id: r.id, status: r.status, owner: r.owner, channel: r.channel, received: r.received, instruct: r.needsInstruction, d, units: r.units, awaiting: r.awaiting };
}

/**
 * The overdue item of a case the index stored, when it is plainly overdue: some running
 * deadline's date is before today, every date is known (no 暂定 set), and every year from the
 * earliest start to the latest date or today is in the calendar, so judging on today can meet
 * no gap. What the full judgement (judged, below) gives then, without counting days: the
 * earliest date past (the first in the case's order among equal dates), the units whose
 * transfer is past its date (else those still to reply, else every unit). null otherwise.
 */
function plainlyOverdue(r: DueRow, today: string, covered: ReadonlySet<number>): DueItem | null {
  const running = r.running;
  if (!running) return null;
  let first: RunningDate | null = null;
  let lo = Number(today.slice(0, 4));
  let hi = lo;
  for (const d of running) {
    if (d.date === null) return null;
    const a = Number(d.start.slice(0, 4));
    const b = Number(d.date.slice(0, 4));
    if (a < lo) lo = a;
    if (b > hi) hi = b;
    if (today > d.date && (first === null || d.date < first.date!)) first = d;
  }
  if (!first) return null;
  for (let y = lo; y <= hi; y++) if (!covered.has(y)) return null;
  const late = running.filter((t) => t.kind === 'transfer' && today > t.date!).map((t) => t.unit!);
  return {
    id: r.id,
    kind: first.kind,
    deadline: first.date!,
    days: diffDays(first.date!, today),
    warning: 'overdue',
    leader: r.owner,
    units: late.length ? late : r.awaiting.length ? r.awaiting : r.units,
    status: r.status,
  };
}

/**
 * A date no running deadline with at most `days` days left can lie beyond: in working-day
 * counting the day before the (days+1)-th working day after today, else today + days.
 * Where the calendar lacks the year, a generous bound (twice the days plus a month).
 */
export function reachDate(ledger: Ledger, today: string, days: number): string {
  const n = Math.max(0, days);
  if (ledger.config.deadlines.day_count !== 'workdays') return addDays(today, n);
  try {
    return addDays(ledgerCalendar(ledger).addWorkdays(today, n + 1), -1);
  } catch (e) {
    if (!(e instanceof NotCoveredError)) throw e;
    return addDays(today, 2 * n + 31);
  }
}

export function dueReport(ledger: Ledger, today: string, within?: number): DueReport {
  const n = within ?? ledger.config.warnings.due_soon_days;
  const rep: DueReport = { today, within: n, overdue: [], due_soon: [], awaiting_instruction: [], calendar_gaps: [] };
  // The index gives the candidates (open, with a deadline within reach, waiting for an
  // instruction, or with dates that move); the rules below decide on each.
  // Where the calendar lacks today's year (or one before it), judging any deadline on today may
  // meet the gap: every open case is a candidate then.
  const cal = ledgerCalendar(ledger);
  const years = cal.coveredYears();
  let everyOpen = !years.length;
  for (let y = Math.min(...years); !everyOpen && y <= Number(today.slice(0, 4)); y++) if (!cal.covers(y)) everyOpen = true;
  const pcal = new ProvisionalCalendar(cal);
  const covered = new Set(years);
  for (const c of caseStore(ledger).dueCandidates(reachDate(ledger, today, n), everyOpen)) {
    const row = 'row' in c && !everyOpen ? c.row : null;
    const quick = row && plainlyOverdue(row, today, covered);
    if (row && quick) {
      if (row.needsInstruction) rep.awaiting_instruction.push({ id: row.id, channel: row.channel, received: row.received, leader: row.owner });
      rep.overdue.push(quick);
      continue;
    }
    const s = judged(ledger, c, today, pcal);
    const d = s.d;
    for (const g of d.gaps) {
      const p = [d.accept, ...(d.handle ? [d.handle] : []), ...d.transfers, ...(d.promise ? [d.promise] : [])].find((x) => x.kind === g.kind && x.unit === g.unit && x.provisional);
      rep.calendar_gaps.push({ id: s.id, deadline: g.kind, year: g.year, ...(p?.date && { provisional_deadline: p.date }) });
    }
    if (s.instruct) rep.awaiting_instruction.push({ id: s.id, channel: s.channel, received: s.received, leader: s.owner });
    const running = [d.accept, ...(d.handle ? [d.handle] : []), ...d.transfers, ...(d.promise ? [d.promise] : [])].filter((x) => x.running && x.date);
    const late = running.filter((x) => today > x.date!).sort((a, b) => a.date!.localeCompare(b.date!));
    const base = { leader: s.owner, units: unitsOf(s.units, s.awaiting, d), status: s.status };
    if (late.length) {
      const x = late[0]!;
      rep.overdue.push({ id: s.id, kind: x.kind, deadline: x.date!, days: diffDays(x.date!, today), warning: 'overdue', ...base, ...(x.provisional && { provisional: true }) });
      continue;
    }
    const soon = running.filter((x) => x.daysLeft !== null && x.daysLeft <= n).sort((a, b) => a.daysLeft! - b.daysLeft!);
    if (soon.length) {
      const x = soon[0]!;
      rep.due_soon.push({ id: s.id, kind: x.kind, deadline: x.date!, days: x.daysLeft!, warning: d.level, ...base, ...(x.provisional && { provisional: true }) });
    }
  }
  rep.overdue.sort((a, b) => b.days - a.days || a.id.localeCompare(b.id));
  rep.due_soon.sort((a, b) => a.days - b.days || a.id.localeCompare(b.id));
  return rep;
}

export interface SuperviseResult {
  supervised: { id: string; unit: string }[];
  skipped: { id: string; last: string }[];
  notices: string[];
}

function addresseesOf(item: { units: string[]; leader: string | null }): NoticeAddressee[] {
  if (item.units.length) return item.units.map((unit) => ({ unit }));
  if (item.leader) return [{ leader: item.leader }];
  // Neither transferred nor owned (e.g. a letter registered with nobody on duty): the
  // 信访办 itself must act — name an owning leader or a unit — so the notice lists it
  // under the office, never under a blank “包案领导”.
  return [{ office: true }];
}

/**
 * notices/<today>/督办通知-<name>.txt with a name every file system takes: no path or control
 * characters, at most 200 bytes (a long name is cut, with a hash of the whole), and distinct
 * from the names already `taken` (two addressees whose names differ only in such characters).
 */
function noticeRel(today: string, name: string, taken: string[]): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\\/:*?"<>|\s\x00-\x1f\x7f]+/g, '_').replace(/^\.+/, '_') || '_';
  const hash = createHash('sha256').update(name).digest('hex');
  const budget = 200 - Buffer.byteLength('督办通知-.txt');
  let rel = `notices/${today}/督办通知-${shortenName(safe, budget, hash)}.txt`;
  for (let n = 2; taken.includes(rel); n++) rel = `notices/${today}/督办通知-${shortenName(safe, budget - 4, hash)}-${n}.txt`;
  checkRel(rel);
  return rel;
}

/**
 * `due --supervise`: a supervision event on every overdue case not supervised in the last
 * supervise_every_days days and one 督办通知 per unit (cases without a unit: per owning
 * leader; cases with neither: under the office itself) under notices/<today>/ — all of it
 * ONE change and one commit. Every notice is rendered and every case checked under its
 * lock before anything is written: an unusable template (the office's own) or a case
 * closed meanwhile refuses the whole run with nothing written.
 */
export async function superviseOverdue(ledger: Ledger, form: keyof typeof SUPERVISION_FORMS, clerk: Clerk): Promise<SuperviseResult> {
  const today = shanghaiDate(clerk.now);
  const every = ledger.config.supervise_every_days;
  const rep = dueReport(ledger, today);
  const res: SuperviseResult = { supervised: [], skipped: [], notices: [] };
  const groups = new Map<string, { to: NoticeAddressee; items: DueItem[] }>();
  const todo: DueItem[] = [];
  for (const item of rep.overdue) {
    // A 暂定 deadline (the year's list not out yet) is shown, never supervised on.
    if (item.provisional) continue;
    const s = loadCase(ledger, item.id);
    const last = s.supervisions.map((x) => x.date).sort().pop();
    if (last && diffDays(last, today) < every) {
      res.skipped.push({ id: s.id, last });
      continue;
    }
    todo.push(item);
    for (const a of addresseesOf(item)) {
      const key = JSON.stringify(a);
      const g = groups.get(key) ?? { to: a, items: [] };
      g.items.push(item);
      groups.set(key, g);
    }
  }
  const notices: { rel: string; text: string }[] = [];
  for (const g of groups.values()) {
    const { to, file } = addresseeName(ledger, g.to);
    const body = await renderSupervisionNotice(ledger, { to, form, today, items: g.items.map((i) => ({ ...i, case: loadCase(ledger, i.id) })) });
    notices.push({ rel: noticeRel(today, file, notices.map((n) => n.rel)), text: body });
  }
  if (!todo.length) return res;
  const items = todo.map((item) => {
    const unit = item.units[0] ?? '';
    const note = `超期督办：${DEADLINE_ZH[item.kind]} ${item.deadline} 已超期 ${item.days} 天`;
    return { id: item.id, events: [{ type: 'supervise' as const, form, note, unit }], check: (c: CaseState) => mustBeOpen(c, '督办') };
  });
  appendEventsToCases(ledger, items, notices, `督办 ${todo.length} 件超期案件（${SUPERVISION_FORMS[form]}）`, clerk);
  for (const i of items) res.supervised.push({ id: i.id, unit: i.events[0]!.unit });
  res.notices.push(...notices.map((n) => n.rel));
  return res;
}

