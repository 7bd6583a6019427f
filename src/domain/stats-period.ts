// Periods and cases as they stood, for the statistics (stats.ts) and the register: the date
// a report shows the state on, a case as it stood on a date or as known on the report date,
// its contacts in a period, the months of a period and the period before.
import { eventDate, foldCase, liveEvents, type CaseState } from './case.js';
import type { CaseFile, Event } from './events.js';
import type { Period } from './stats-defs.js';
import { addDays, addMonths, diffDays, monthOf, monthRange, previousQuarter, quarterOf, quarterRange } from './time.js';

export function within(d: string, p: Period): boolean {
  return d >= p.from && d <= p.to;
}

function refold(file: CaseFile, events: Event[]): CaseState {
  return foldCase({ ...file, events });
}

/**
 * The date a report shows the cases' state on (状态截至): the end of the period, or the
 * report date when the period has not ended yet. The register's 状态/办理结果/包案领导/承办单位
 * and the statistics' 包案领导, 承办单位 and 领导包案化解率 all use it.
 */
export function statusDate(period: Period, asOf: string): string {
  return period.to < asOf ? period.to : asOf;
}

/** A case as it stood at the end of `date`: only the events dated on or before it are folded. */
export function caseAsOf(c: CaseState, date: string): CaseState {
  // A cancelled event (case void) never counts, whenever it was cancelled.
  const live = liveEvents(c.file.events);
  const events = live.filter((e) => eventDate(e.at) <= date);
  if (events.length === c.file.events.length) return c;
  // The registration is the first event and dated on the day received: keep it in any case.
  return refold(c.file, events.length ? events : c.file.events.slice(0, 1));
}

/** A case as known on `asOf`: the events dated after it are left out. */
export function caseKnownOn(c: CaseState, asOf: string): CaseState {
  // A cancelled event (case void) never counts, whenever it was cancelled.
  const events = liveEvents(c.file.events).filter((e) => eventDate(e.at) <= asOf);
  return events.length === c.file.events.length ? c : refold(c.file, events.length ? events : c.file.events.slice(0, 1));
}

/**
 * The contacts of a case dated in the period — its registration and each further visit,
 * letter or call — with their place in the case's contacts (n = 1 is the registration).
 * `s` is the case as known on the report date (caseKnownOn). The statistics count these
 * (信访件次, 来访批次) and the register lists them, so the two always agree.
 */
export function periodContacts(s: CaseState, period: Period): { n: number; visit: CaseState['visits'][number] }[] {
  const out: { n: number; visit: CaseState['visits'][number] }[] = [];
  s.visits.forEach((visit, i) => {
    if (within(visit.date, period)) out.push({ n: i + 1, visit });
  });
  return out;
}

/** The months of a period, 'YYYY-MM'. */
export function periodMonths(p: Period): string[] {
  const out: string[] = [];
  for (let m = monthOf(p.from); m <= monthOf(p.to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The period before: the previous quarter, the same number of whole months, or the same number of days. */
export function previousPeriod(p: Period): Period {
  const q = quarterOf(p.from);
  const qr = quarterRange(q);
  if (qr.from === p.from && qr.to === p.to) {
    const r = quarterRange(previousQuarter(q));
    return { from: r.from, to: r.to };
  }
  const wholeMonths = p.from.endsWith('-01') && monthRange(monthOf(p.to)).to === p.to;
  if (wholeMonths) {
    const n = periodMonths(p).length;
    return { from: `${addMonths(monthOf(p.from), -n)}-01`, to: addDays(p.from, -1) };
  }
  const days = diffDays(p.from, p.to) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}
