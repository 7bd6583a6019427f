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

/** Deadlines of a case as it stood (see stats.ts DeadlineFns). */
export interface FactDeadlines {
  accept(s: CaseState): string | null;
  handle(s: CaseState): string | null;
  acceptGap?(s: CaseState): number | null;
  handleGap?(s: CaseState): number | null;
}

/** A state the register and the statistics show: [end of day, owner, units, status, opinion]. */
export type FactState = [string, string | null, string[], string, string | null];

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
  return [at, s.owner ?? null, [...s.units], s.status, s.opinion ?? null];
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

  // One pass of the events (applied one by one, as foldCase does): the opinion right after
  // each closure and, when the events are in date order, the state at the end of each day —
  // the same as folding each prefix again, without doing so.
  const dates = events.map((e) => eventDate(e.at));
  const inOrder = dates.every((d, i) => i === 0 || dates[i - 1]! <= d);
  const closes: [string, string | null][] = [];
  const reopens: string[] = [];
  const dayStates: FactState[] = [];
  let firstClose = -1;
  const run = refold(s.file, []);
  events.forEach((e, i) => {
    applyEvent(run, e);
    if (e.type === 'close') {
      if (firstClose < 0) firstClose = i;
      closes.push([dates[i]!, run.opinion ?? null]);
    } else if (e.type === 'reopen') reopens.push(dates[i]!);
    if (inOrder && (i === events.length - 1 || dates[i + 1] !== dates[i])) dayStates.push(stateOf(i === events.length - 1 ? s : run, dates[i]!));
  });

  const before = firstClose >= 0 ? refold(s.file, events.slice(0, firstClose)) : s;
  let handle: StatsFacts['handle'] = null;
  if (before.accepted && before.status !== 'declined') {
    const due = dl.handle(before);
    handle = { accepted: before.accepted, due, gap: due ? null : (dl.handleGap?.(before) ?? null) };
  }

  const di = events.findIndex((e) => DECISION.has(e.type));
  const undecided = di < 0 ? s : refold(s.file, events.slice(0, di));
  const limit = dl.accept(undecided);

  // The state at the end of each day an event is dated (caseAsOf of that day).
  const base = refold(c.file, c.file.events.slice(0, 1));
  const states: FactState[] = [stateOf(base, '')];
  const each = inOrder
    ? dayStates
    : [...new Set(dates)].sort().map((d) => {
        const evs = events.filter((e) => eventDate(e.at) <= d);
        return stateOf(evs.length === events.length ? s : refold(c.file, evs), d);
      });
  for (const next of each) {
    const prev = states[states.length - 1]!;
    if (JSON.stringify(prev.slice(1)) !== JSON.stringify(next.slice(1))) states.push(next);
  }

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
