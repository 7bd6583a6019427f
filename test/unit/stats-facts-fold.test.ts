// statsFacts folds the events once, in one pass, where its definition folds every prefix
// again (the opinion after each closure, the state at the end of each day): the facts are
// the same as that definition's (kept here as the reference) for generated ledgers, for
// report dates before, inside and after the events, with events out of date order and
// with cancelled events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventDate, foldCase, liveEvents, type CaseState } from '../../src/domain/case.js';
import { CaseFile, type Event } from '../../src/domain/events.js';
import { maskPiiText } from '../../src/domain/identity.js';
import { statsFacts, type FactDeadlines, type FactState, type StatsFacts } from '../../src/domain/stats-facts.js';
import { addDays } from '../../src/domain/time.js';
import { readCases, writeCases } from '../helpers/gen-cases.js';

const DECISION = new Set<Event['type']>(['accept', 'decline', 'handle', 'transfer']);
const refold = (file: CaseFile, events: Event[]): CaseState => foldCase({ ...file, events });
// The status as the statistics ask it: closed, declined, or open.
const stateOf = (s: CaseState, at: string): FactState => [at, s.owner ?? null, [...s.units], s.status === 'closed' || s.status === 'declined' ? s.status : 'open', s.opinion ?? null];

/** The definition: every prefix folded again. */
function reference(c: CaseState, asOf: string, dl: FactDeadlines): StatsFacts | null {
  if (c.received > asOf) return null;
  // A cancelled event (case void) never counts, whenever it was cancelled.
  const events = liveEvents(c.file.events).filter((e) => eventDate(e.at) <= asOf);
  const s = events.length === c.file.events.length ? c : refold(c.file, events.length ? events : c.file.events.slice(0, 1));
  // Merged into another case by asOf: its registration is a further visit there, counted once.
  if (s.mergedInto) return null;

  const closes: [string, string | null][] = [];
  const reopens: string[] = [];
  let firstClose = -1;
  events.forEach((e, i) => {
    if (e.type === 'close') {
      if (firstClose < 0) firstClose = i;
      const at = refold(s.file, events.slice(0, i + 1));
      closes.push([eventDate(e.at), at.opinion ?? null]);
    } else if (e.type === 'reopen') reopens.push(eventDate(e.at));
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
  const days = [...new Set(events.map((e) => eventDate(e.at)))].sort();
  for (const d of days) {
    const evs = events.filter((e) => eventDate(e.at) <= d);
    const st = evs.length === events.length ? s : refold(c.file, evs);
    const next = stateOf(st, d);
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

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cases(seed: number, n: number): CaseState[] {
  const root = mkdtempSync(join(tmpdir(), 'xf-facts-fold-'));
  dirs.push(root);
  writeCases(root, { n, seed, start: '2025-10-01', end: '2026-11-20' });
  const out = readCases(root);
  return out;
}

const dl: FactDeadlines = {
  accept: (s) => (s.accepted || s.declined ? null : addDays(s.received, 15)),
  handle: (s) => (s.accepted ? addDays(s.accepted, 60 + s.extensionDays) : null),
};

describe('statsFacts in one pass', () => {
  it('equals folding every prefix again', () => {
    const all = cases(5, 300);
    // Out of date order: a later event dated back before the one ahead of it.
    const shuffled = all
      .filter((c) => c.file.events.length >= 3)
      .map((c) => {
        const ev = c.file.events.map((e) => ({ ...e }));
        const k = ev.length - 1;
        ev[k] = { ...ev[k]!, at: ev[1]!.at.replace(/^(\d{4}-\d{2}-)(\d{2})/, (_m, a: string) => `${a}01`) };
        return foldCase({ ...c.file, events: ev });
      });
    // A cancelled event (void): left out of every fact.
    const voided = all
      .filter((c) => c.file.events.length >= 2)
      .slice(0, 40)
      .map((c) => {
        const ev = c.file.events;
        const last = ev[ev.length - 1]!;
        return foldCase({ ...c.file, events: [...ev, { id: `${last.id}V`, at: last.at, by: last.by, type: 'void', event: last.id, reason: '录入错误' } as Event] });
      });
    expect(shuffled.length).toBeGreaterThan(20);
    expect(voided.every((c) => liveEvents(c.file.events).length === c.file.events.length - 2)).toBe(true);
    let withStates = 0;
    for (const c of [...all, ...shuffled, ...voided]) {
      const last = c.file.events.reduce((m, e) => (eventDate(e.at) > m ? eventDate(e.at) : m), c.received);
      for (const asOf of ['2025-09-30', c.received, addDays(c.received, 20), addDays(last, -1), last, '9999-12-31']) {
        const want: StatsFacts | null = reference(c, asOf, dl);
        expect(statsFacts(c, asOf, dl), `${c.id} ${asOf}`).toEqual(want);
        if (want && want.states.length > 2) withStates++;
      }
    }
    expect(withStates).toBeGreaterThan(100);
  });
});
