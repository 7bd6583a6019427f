// The statistics from stored facts equal the statistics from the case files: over random
// ledgers (every status, suspensions, reopenings, repeats), for quarters, the previous
// period and report dates before, inside and after the events — the facts the index keeps
// (made once, with every event) are used wherever they hold on the report date, as the index does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eventDate, foldCase, type CaseState } from '../../src/domain/case.js';
import { periodStats, periodStatsOf, type StatsInput, type StatsOptions } from '../../src/domain/stats.js';
import { factStateOn, statsFacts } from '../../src/domain/stats-facts.js';
import { addDays } from '../../src/domain/time.js';
import { readCases, writeCases } from '../helpers/gen-cases.js';
import { packFacts, unpackFacts } from '../../src/index/facts-codec.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function ledgerCases(seed: number, n: number): CaseState[] {
  const root = mkdtempSync(join(tmpdir(), 'xf-facts-'));
  dirs.push(root);
  writeCases(root, { n, seed, start: '2025-10-01', end: '2026-11-20' });
  const out = readCases(root);
  return out.sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : a.id < b.id ? -1 : 1));
}

// Deadlines that do not move with the day (like a row the index does not mark volatile).
const opts = (asOf: string, groupThreshold = 5): StatsOptions => ({
  asOf,
  groupThreshold,
  deadlines: {
    accept: (s) => (s.accepted || s.declined ? null : addDays(s.received, 15)),
    handle: (s) => (s.accepted ? addDays(s.accepted, 60 + s.extensionDays) : null),
  },
  leaderName: (id) => `领导${id}`,
  unitName: (id) => `单位${id}`,
});

const lastDate = (s: CaseState) => s.file.events.reduce((m, e) => (eventDate(e.at) > m ? eventDate(e.at) : m), s.received);

describe('statistics from stored facts', () => {
  const cases = ledgerCases(7, 400);
  const stored = new Map(cases.map((c) => [c.id, statsFacts(c, '9999-12-31', opts('9999-12-31').deadlines)!]));

  it('equal the statistics from the files for any period and report date', () => {
    const quarters = [
      { from: '2025-10-01', to: '2025-12-31' },
      { from: '2026-01-01', to: '2026-03-31' },
      { from: '2026-04-01', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-12-31' },
      { from: '2026-03-01', to: '2026-05-31' },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...quarters), fc.integer({ min: 0, max: 450 }), fc.constantFrom(1, 3, 5, 10), (period, offset, threshold) => {
        const asOf = addDays('2025-10-01', offset);
        const o = opts(asOf, threshold);
        const inputs: StatsInput[] = cases.map((c) => (lastDate(c) <= asOf ? { facts: stored.get(c.id)! } : { state: c }));
        expect(periodStatsOf(inputs, period, o)).toEqual(periodStats(cases, period, o));
      }),
      { numRuns: 60 },
    );
  });

  it('the state on a day is the case folded with the events up to that day', () => {
    for (const c of cases.slice(0, 200)) {
      const f = stored.get(c.id)!;
      for (const day of ['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30', '2026-11-20']) {
        if (day < c.received) continue;
        const evs = c.file.events.filter((e) => eventDate(e.at) <= day);
        const st = foldCase({ ...c.file, events: evs.length ? evs : c.file.events.slice(0, 1) });
        const [, owner, units, status, opinion] = factStateOn(f, day);
        // The statistics ask only whether it stood closed, declined, or open.
        const judged = st.status === 'closed' || st.status === 'declined' ? st.status : 'open';
        expect({ owner, units, status, opinion }).toEqual({ owner: st.owner ?? null, units: [...st.units], status: judged, opinion: st.opinion ?? null });
      }
    }
  });

  it('follow the dates, not the order of the file, when events were written out of date order', () => {
    // A later event recorded with an earlier date (e.g. a closure entered afterwards with its
    // real date) puts the file out of date order: each day's state is then folded again.
    let shuffled = 0;
    for (const c of cases.slice(0, 150)) {
      const evs = c.file.events;
      if (evs.length < 3) continue;
      const moved = [evs[0]!, evs[evs.length - 1]!, ...evs.slice(1, -1)];
      if (eventDate(moved[1]!.at) <= eventDate(moved[2]!.at)) continue;
      const s = foldCase({ ...c.file, events: moved });
      const f = statsFacts(s, '9999-12-31', opts('9999-12-31').deadlines)!;
      shuffled += 1;
      for (const day of ['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30', '2026-11-20']) {
        if (day < s.received) continue;
        const st = foldCase({ ...s.file, events: moved.filter((e) => eventDate(e.at) <= day) });
        const [, owner, units, status, opinion] = factStateOn(f, day);
        const judged = st.status === 'closed' || st.status === 'declined' ? st.status : 'open';
        expect({ owner, units, status, opinion }).toEqual({ owner: st.owner ?? null, units: [...st.units], status: judged, opinion: st.opinion ?? null });
      }
    }
    expect(shuffled).toBeGreaterThan(20);
  });

  it('are stored and read back unchanged by the index', () => {
    for (const f of stored.values()) expect(unpackFacts(packFacts(f))).toEqual(f);
    expect(unpackFacts(packFacts(null))).toBeNull();
  });

  it('counts something in every quarter (the comparison is not of empty tables)', () => {
    const s = periodStats(cases, { from: '2026-04-01', to: '2026-06-30' }, opts('2026-11-30'));
    expect(s.total).toBeGreaterThan(50);
    expect(s.closed).toBeGreaterThan(0);
    expect(s.rates.closed_in_time.denominator).toBeGreaterThan(0);
  });
});
