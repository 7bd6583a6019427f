// A deadline that cannot be computed (the calendar lacks the year) must not make a case
// vanish from the rates silently: it is counted as unknown, with the missing years.
import { describe, expect, it } from 'vitest';
import { testCaseFile } from '../helpers/case-file.js';
import { foldCase } from '../../src/domain/case.js';
import { periodStats, sumStats, type StatsOptions } from '../../src/domain/stats.js';
import { addDays } from '../../src/domain/time.js';

const file = (id: string, received: string, events: [string, Record<string, unknown>][]) => testCaseFile({ id, received, events });

// A calendar that covers 2026 only: any limit falling in 2027 cannot be computed.
const inCal = (d: string) => (d.startsWith('2026') ? d : null);
const gapOf = (d: string) => (d.startsWith('2026') ? null : Number(d.slice(0, 4)));
const opts = (asOf: string): StatsOptions => ({
  asOf,
  groupThreshold: 5,
  deadlines: {
    accept: (s) => (s.accepted || s.declined ? null : inCal(addDays(s.received, 15))),
    handle: (s) => (s.accepted ? inCal(addDays(s.accepted, 60)) : null),
    acceptGap: (s) => (s.accepted || s.declined ? null : gapOf(addDays(s.received, 15))),
    handleGap: (s) => (s.accepted ? gapOf(addDays(s.accepted, 60)) : null),
  },
});

const cases = [
  // accepted 11-10: handling limit 2027-01-09, unknown; still open
  foldCase(file('X-1', '2026-10-20', [['2026-11-10', { type: 'accept', note: '' }]])),
  // accepted 10-14: limit 12-13, known and in Q4
  foldCase(file('X-2', '2026-10-10', [['2026-10-14', { type: 'accept', note: '' }]])),
  // received 12-25: acceptance limit 2027-01-09, unknown
  foldCase(file('X-3', '2026-12-25', [])),
];

describe('deadlines the calendar cannot give', () => {
  it('are counted as unknown in every period the case is open in, with the missing year', () => {
    const q4 = periodStats(cases, { from: '2026-10-01', to: '2026-12-31' }, opts('2027-02-20'));
    expect(q4.rates.closed_in_time).toEqual({ numerator: 0, denominator: 1, value: 0 }); // X-2 overdue
    expect(q4.rates.accepted_in_time).toEqual({ numerator: 1, denominator: 2, value: 0.5 }); // X-1 late (limit 11-04), X-2 in time
    // X-1's handling limit needs 2027, so it is after Q4 whatever the holidays: not unknown here
    expect(q4.unknown).toEqual({ accept: 1, handle: 0, years: [2027] });
    expect(q4.pending).toEqual({ accept: 0, handle: 0 });
    const q1 = periodStats(cases, { from: '2027-01-01', to: '2027-03-31' }, opts('2027-04-20'));
    // X-1 is still open: its deadline may well be in this quarter, so the report must say so
    expect(q1.unknown).toEqual({ accept: 0, handle: 1, years: [2027] });
    expect(sumStats([q4, q1]).unknown).toEqual({ accept: 1, handle: 1, years: [2027] });
  });

  it('a case closed before the period, or accepted after it, is not unknown there', () => {
    const closed = foldCase(
      file('X-4', '2026-10-20', [
        ['2026-11-10', { type: 'accept', note: '' }],
        ['2026-11-20', { type: 'close', note: '' }],
      ]),
    );
    const q1 = periodStats([closed], { from: '2027-01-01', to: '2027-03-31' }, opts('2027-04-20'));
    expect(q1.unknown).toEqual({ accept: 0, handle: 0, years: [] });
    const q3 = periodStats([cases[0]!], { from: '2026-07-01', to: '2026-09-30' }, opts('2027-04-20'));
    expect(q3.unknown).toEqual({ accept: 0, handle: 0, years: [] });
  });
});
