// What one case contributes to the statistics of any period, reduced to dates and keys:
// its contacts, closures, reopenings, the deadlines the rates judge it on, and its state
// (owner, units, status, opinion) at the end of each day it changed. periodStats adds these
// up; the index stores them per case, so the quarter's table reads a few hundred bytes per
// case instead of the whole file. The facts of a case are the same whatever the report date,
// as long as no event of the case lies after it and its deadlines do not move with the day
// (no suspension, no missing calendar year): the index uses stored facts only then, and
// computes them from the file otherwise — the same function either way.
import { applyEvent, eventDate, foldCase, liveEvents, type CaseState } from './case.js';
import type { CaseFile, Event } from './events.js';
import { maskPiiText } from './identity.js';
import type { DeadlineSet } from './deadlines.js';

/** Deadlines of a case as it stood (see stats.ts DeadlineFns). */
export interface FactDeadlines {
  accept(s: CaseState): string | null;
  handle(s: CaseState): string | null;
  acceptGap?(s: CaseState): number | null;
  handleGap?(s: CaseState): number | null;
}

/**
 * The four questions from the dates of each state's deadlines (`setOf`: deadlineSet with the
 * office's rules and calendar; judging on a day changes no date), each state's once. `known`:
 * a state whose set is already made (an open case's own, in the index).
 */
export function factDeadlinesFrom(setOf: (s: CaseState) => DeadlineSet, known?: [CaseState, DeadlineSet]): FactDeadlines {
  // Weak: a report asks of thousands of states; none is kept for the answer's sake.
  const memo = new WeakMap<CaseState, DeadlineSet>(known ? [known] : []);
  const of = (s: CaseState): DeadlineSet => {
    let d = memo.get(s);
    if (!d) memo.set(s, (d = setOf(s)));
    return d;
  };
  return {
    accept: (s) => of(s).accept.date,
    handle: (s) => of(s).handle?.date ?? null,
    acceptGap: (s) => {
      const d = of(s).accept;
      return d.date === null ? (d.gapYear ?? null) : null;
    },
    handleGap: (s) => {
      const d = of(s).handle;
      return d && d.date === null ? (d.gapYear ?? null) : null;
    },
  };
}

/**
 * A state the statistics judge: [end of day, owner, units, status, opinion]. The status is
 * only what they ask of it — 'closed', 'declined', or 'open' for every other — so the days
 * of the steps between (accepted, transferred, handled …) add no entries.
 */
export type FactState = [string, string | null, string[], 'open' | 'closed' | 'declined', string | null];

export interface StatsFacts {
  id: string;
  received: string;
  /** Every contact (registration first): date, channel, people. */
  visits: [string, string, number][];
  /** The case repeats an earlier matter (repeat_of). */
  repeatOf: boolean;
  /** The largest number of people in the case or any of its visits (集体访). */
  maxPeople: number;
  /** 进京非正常上访: date and place (masked). */
  beijing: [string, string][];
  /** Each closure: its date and the petitioner's opinion as folded right after it. */
  closes: [string, string | null][];
  reopens: string[];
  /** Handling, judged on the state before the first closure; null when not accepted there or declined. */
  handle: { accepted: string; due: string | null; gap: number | null } | null;
  /** The case stands declined (on the report date). */
  declined: boolean;
  /** The first decision (accept, decline, handle, transfer): its date, or null while undecided. */
  decided: string | null;
  /** The acceptance limit on the undecided state, or the missing calendar year. */
  accept: { limit: string | null; gap: number | null };
  channel: string;
  purpose: string;
  catMain: string;
  catSub: string;
  receiver: string;
  /** 问题属地, trimmed and masked. */
  area: string;
  /** The state at the end of each day the case changed, oldest first; the first entry ('') is the registration alone. */
  states: FactState[];
}

const DECISION = new Set<Event['type']>(['accept', 'decline', 'handle', 'transfer']);

function refold(file: CaseFile, events: Event[]): CaseState {
  return foldCase({ ...file, events });
}

function stateOf(s: CaseState, at: string): FactState {
  return [at, s.owner ?? null, [...s.units], s.status === 'closed' || s.status === 'declined' ? s.status : 'open', s.opinion ?? null];
}

function sameState(a: FactState, b: FactState): boolean {
  return a[1] === b[1] && a[3] === b[3] && a[4] === b[4] && a[2].length === b[2].length && a[2].every((u, i) => u === b[2][i]);
}

/** Whether the events are in date order (each state of a day is then a prefix of them). */
function inDateOrder(events: readonly Event[]): boolean {
  for (let i = 1; i < events.length; i++) if (eventDate(events[i]!.at) < eventDate(events[i - 1]!.at)) return false;
  return true;
}

/**
 * The facts of a case as it stood on `asOf` (events after it ignored), or null when it was
 * received after `asOf` or had been merged into another case by then. `dl` gives the deadlines (the office's rules and calendar).
 */
export function statsFacts(c: CaseState, asOf: string, dl: FactDeadlines): StatsFacts | null {
  if (c.received > asOf) return null;
  // A cancelled event (case void) never counts, whenever it was cancelled.
  const events = liveEvents(c.file.events).filter((e) => eventDate(e.at) <= asOf);
  const s = events.length === c.file.events.length ? c : refold(c.file, events.length ? events : c.file.events.slice(0, 1));
  // Merged into another case by asOf: its registration is a further visit there, counted once.
  if (s.mergedInto) return null;

  const closes: [string, string | null][] = [];
  const reopens: string[] = [];
  let firstClose = -1;
  // The state at the end of each day an event is dated (caseAsOf of that day), and the
  // opinion right after each closure. Events in date order (the usual file) are folded once,
  // one at a time; otherwise each day's events are folded again.
  const base = refold(c.file, c.file.events.slice(0, 1));
  const states: FactState[] = [stateOf(base, '')];
  const push = (next: FactState) => {
    if (!sameState(states[states.length - 1]!, next)) states.push(next);
  };
  const ordered = inDateOrder(events);
  const run = ordered ? refold(s.file, []) : null;
  events.forEach((e, i) => {
    if (run) applyEvent(run, e);
    if (e.type === 'close') {
      if (firstClose < 0) firstClose = i;
      const at = run ?? refold(s.file, events.slice(0, i + 1));
      closes.push([eventDate(e.at), at.opinion ?? null]);
    } else if (e.type === 'reopen') reopens.push(eventDate(e.at));
    const d = eventDate(e.at);
    if (run && (i === events.length - 1 || eventDate(events[i + 1]!.at) !== d)) push(stateOf(i === events.length - 1 ? s : run, d));
  });
  if (!run) {
    for (const d of [...new Set(events.map((e) => eventDate(e.at)))].sort()) {
      const evs = events.filter((e) => eventDate(e.at) <= d);
      push(stateOf(evs.length === events.length ? s : refold(c.file, evs), d));
    }
  }

  const before = firstClose >= 0 ? refold(s.file, events.slice(0, firstClose)) : s;
  let handle: StatsFacts['handle'] = null;
  if (before.accepted && before.status !== 'declined') {
    const due = dl.handle(before);
    handle = { accepted: before.accepted, due, gap: due ? null : (dl.handleGap?.(before) ?? null) };
  }

  const di = events.findIndex((e) => DECISION.has(e.type));
  const undecided = di < 0 ? s : refold(s.file, events.slice(0, di));
  const limit = dl.accept(undecided);

  let maxPeople = s.file.people;
  for (const v of s.visits) if (v.people > maxPeople) maxPeople = v.people;
  return {
    id: s.id,
    received: s.received,
    visits: s.visits.map((v) => [v.date, v.channel, v.people]),
    repeatOf: s.file.repeat_of.length > 0,
    maxPeople,
    beijing: s.beijing.map((b) => [b.date, maskPiiText(b.place)]),
    closes,
    reopens,
    handle,
    declined: s.status === 'declined',
    decided: di >= 0 ? eventDate(events[di]!.at) : null,
    accept: { limit, gap: limit === null ? (dl.acceptGap?.(undecided) ?? null) : null },
    channel: s.file.channel,
    purpose: s.file.purpose,
    catMain: s.file.category.main,
    catSub: s.file.category.sub,
    receiver: s.file.receiver ?? '',
    area: maskPiiText(s.file.locality.trim()),
    states,
  };
}

/** The state at the end of `date` (caseAsOf): the last entry on or before it. */
export function factStateOn(f: StatsFacts, date: string): FactState {
  let out = f.states[0]!;
  for (const st of f.states) if (st[0] <= date) out = st;
  return out;
}
