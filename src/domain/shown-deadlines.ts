// The deadlines as shown to people (case show, case list, due, today): a deadline that needs
// a year whose official holiday list is not out yet is given provisionally — counted on a
// calendar with that year's weekends only (src/calendar/provisional.ts) — and marked
// `provisional` (暂定). The statistics never use these (they keep such cases in `unknown`).
// One function for the case folded from its file and for the dates the index stored.
import { judgeDeadlines, type CaseDeadlines, type Deadline, type DeadlineRules, type DeadlineSet, type WarningRules } from './deadlines.js';
import type { WorkCalendar } from '../calendar/calendar.js';

/**
 * `set` on the real calendar `cal`; where that leaves a gap, `pset()` (the same case's set on
 * the provisional calendar `pcal`) judged on `pcal`, each deadline the real one could not
 * date marked provisional.
 */
export function shownDeadlines(set: DeadlineSet, pset: () => DeadlineSet, rules: DeadlineRules, w: WarningRules, cal: WorkCalendar, pcal: WorkCalendar, today: string): CaseDeadlines {
  const real = judgeDeadlines(set, rules, w, cal, today);
  if (!real.gaps.length) return real;
  const p = judgeDeadlines(pset(), rules, w, pcal, today);
  const mark = (r: Deadline, q: Deadline): Deadline => (r.date === null && r.gapYear !== undefined && q.date ? { ...q, provisional: true, gapYear: r.gapYear } : q);
  const accept = mark(real.accept, p.accept);
  const handle = real.handle && p.handle ? mark(real.handle, p.handle) : p.handle;
  const transfers = p.transfers.map((t, i) => (real.transfers[i] ? mark(real.transfers[i]!, t) : t));
  const promise = real.promise && p.promise ? mark(real.promise, p.promise) : p.promise;
  const all = [accept, ...(handle ? [handle] : []), ...transfers, ...(promise ? [promise] : [])];
  const next = p.next ? (all.find((d) => d.kind === p.next!.kind && d.unit === p.next!.unit && d.date === p.next!.date) ?? p.next) : null;
  return { ...p, accept, handle, transfers, promise, next, gaps: real.gaps };
}

/** Whether any deadline of the set lacks its date (a year the calendar does not cover). */
export function setHasGap(set: DeadlineSet): boolean {
  return [set.accept, set.handle, ...set.transfers, set.promise].some((d) => d !== null && d.date === null);
}
