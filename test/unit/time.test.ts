// src/domain/time.ts: civil dates and Shanghai times, independent of the machine's TZ
// (vitest.config.ts runs every test with TZ=America/New_York).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dateRange,
  dateZh,
  daysInMonth,
  diffDays,
  isValidDate,
  isValidMonth,
  isValidQuarter,
  monthRange,
  parseInstant,
  previousQuarter,
  quarterOf,
  quarterRange,
  shanghaiDate,
  shanghaiISO,
  weekday,
} from '../../src/domain/time.js';

describe('time zone', () => {
  it('runs under a non-Shanghai TZ, so the tests below mean something', () => {
    expect(process.env.TZ).toBe('America/New_York');
    expect(new Date('2026-07-01T12:00:00Z').getTimezoneOffset()).toBe(240);
  });
});

describe('isValidDate', () => {
  it.each(['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '2026-04-30'])('accepts %s', (d) => {
    expect(isValidDate(d)).toBe(true);
  });
  it.each(['2026-02-30', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', '20260105', '2026-01-05T00:00', '', ' 2026-01-05'])(
    'rejects %j',
    (d) => {
      expect(isValidDate(d)).toBe(false);
    },
  );
  it('knows month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2028, 2)).toBe(29);
  });
});

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-02', 15)).toBe('2026-03-17'); // DOMAIN.md: received 03-02, 15 days
    expect(addDays('2026-11-25', 60)).toBe('2027-01-24');
    expect(addDays('2026-11-25', 0)).toBe('2026-11-25');
  });
  it('does not lose or gain a day over US daylight-saving changes', () => {
    // 2026-03-08 and 2026-11-01 are the DST switches in New York.
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-10-31', 2)).toBe('2026-11-02');
    expect(diffDays('2026-03-01', '2026-04-01')).toBe(31);
  });
  it('diffDays is the inverse of addDays', () => {
    for (const [d, n] of [['2026-01-15', 400], ['2024-02-29', -366], ['2026-12-31', 1]] as const) expect(diffDays(d, addDays(d, n))).toBe(n);
  });
  it('weekday is ISO (Monday 1 … Sunday 7)', () => {
    expect(weekday('2026-11-25')).toBe(3); // Wednesday
    expect(weekday('2026-11-29')).toBe(7); // Sunday
    expect(weekday('2026-11-30')).toBe(1); // Monday
    expect(weekday('2027-01-01')).toBe(5); // Friday
    expect(weekday('2024-02-29')).toBe(4); // Thursday
  });
  it('dateRange is inclusive and crosses a year', () => {
    expect(dateRange('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(dateRange('2026-01-02', '2026-01-01')).toEqual([]);
  });
  it('dateZh', () => {
    expect(dateZh('2026-03-05')).toBe('2026年3月5日');
  });
});

describe('Shanghai instants', () => {
  it('parses a date alone as midnight in Shanghai', () => {
    expect(parseInstant('2026-11-25')!.toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });
  it('parses a date-time without an offset as Shanghai time', () => {
    expect(parseInstant('2026-11-25T09:30')!.toISOString()).toBe('2026-11-25T01:30:00.000Z');
    expect(parseInstant('2026-11-25 09:30:15')!.toISOString()).toBe('2026-11-25T01:30:15.000Z');
  });
  it('honours an explicit offset or Z', () => {
    expect(parseInstant('2026-11-25T09:30:00+08:00')!.toISOString()).toBe('2026-11-25T01:30:00.000Z');
    expect(parseInstant('2026-11-25T09:30:00Z')!.toISOString()).toBe('2026-11-25T09:30:00.000Z');
    expect(parseInstant('2026-11-25T09:30:00-0500')!.toISOString()).toBe('2026-11-25T14:30:00.000Z');
    expect(parseInstant('2026-11-25T09:30:00.250+08:00')!.toISOString()).toBe('2026-11-25T01:30:00.000Z');
  });
  it.each(['2026-02-30', '2026-02-30T10:00', '2026-11-25T24:00', '2026-11-25T10:60', 'tomorrow', '2026-11-25T9:30', ''])('rejects %j', (s) => {
    expect(parseInstant(s)).toBeNull();
  });
  it('shanghaiDate and shanghaiISO do not depend on TZ', () => {
    // 2026-11-25 17:30 in New York is already the 26th in Shanghai.
    const t = new Date('2026-11-25T22:30:00Z');
    expect(shanghaiDate(t)).toBe('2026-11-26');
    expect(shanghaiISO(t)).toBe('2026-11-26T06:30:00+08:00');
    // 23:59:59 Shanghai is still the same day; one second later the next.
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
  it('shanghaiISO round-trips through parseInstant', () => {
    for (const s of ['2026-01-01T00:00:00+08:00', '2026-06-30T23:59:59+08:00', '2028-02-29T12:00:00+08:00']) expect(shanghaiISO(parseInstant(s)!)).toBe(s);
  });
});

describe('months and quarters', () => {
  it('validates', () => {
    expect(isValidMonth('2026-12')).toBe(true);
    expect(isValidMonth('2026-13')).toBe(false);
    expect(isValidMonth('2026-1')).toBe(false);
    expect(isValidQuarter('2026Q4')).toBe(true);
    expect(isValidQuarter('2026Q5')).toBe(false);
    expect(isValidQuarter('2026Q0')).toBe(false);
  });
  it('monthRange knows the last day, leap years included', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });
  it('addMonths crosses years both ways', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
    expect(addMonths('2026-06', 0)).toBe('2026-06');
  });
  it('quarterOf, quarterRange, previousQuarter', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-10-01', '2026-12-31'].map(quarterOf)).toEqual(['2026Q1', '2026Q1', '2026Q2', '2026Q3', '2026Q4', '2026Q4']);
    expect(quarterRange('2026Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', months: ['2026-10', '2026-11', '2026-12'] });
    expect(quarterRange('2028Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31', months: ['2028-01', '2028-02', '2028-03'] });
    expect(previousQuarter('2026Q1')).toBe('2025Q4');
    expect(previousQuarter('2026Q3')).toBe('2026Q2');
  });
});

describe('properties', () => {
  const dateArb = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  it('addDays gives real dates, diffDays inverts it, weekdays advance with it', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const e = addDays(d, n);
        expect(isValidDate(e)).toBe(true);
        expect(diffDays(d, e)).toBe(n);
        expect(addDays(e, -n)).toBe(d);
        expect(weekday(e)).toBe(((((weekday(d) - 1 + n) % 7) + 7) % 7) + 1);
        expect(e > d).toBe(n > 0);
      }),
      { numRuns: 500 },
    );
  });
  it('every date lies in its month and quarter ranges', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const m = monthRange(d.slice(0, 7));
        expect(m.from <= d && d <= m.to).toBe(true);
        const q = quarterRange(quarterOf(d));
        expect(q.from <= d && d <= q.to).toBe(true);
        expect(q.months).toContain(d.slice(0, 7));
      }),
      { numRuns: 300 },
    );
  });
  it('parseInstant ∘ shanghaiISO is the identity to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1) / 1000, max: Date.UTC(2099, 0, 1) / 1000 }), (sec) => {
        const t = new Date(sec * 1000);
        expect(parseInstant(shanghaiISO(t))!.getTime()).toBe(t.getTime());
        expect(shanghaiISO(t).slice(0, 10)).toBe(shanghaiDate(t));
      }),
      { numRuns: 300 },
    );
  });
});

describe('day arithmetic without Date objects', () => {
  it('addDays, diffDays and weekday agree with Date.UTC for every day of 1900–2100', async () => {
    const fc = (await import('fast-check')).default;
    const { addDays, diffDays, weekday } = await import('../../src/domain/time.js');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2100, 11, 31) / 864e5 }), fc.integer({ min: -800, max: 800 }), (day, n) => {
        const iso = (d: number) => new Date(d * 864e5).toISOString().slice(0, 10);
        const a = iso(day);
        expect(addDays(a, n)).toBe(iso(day + n));
        expect(diffDays(a, iso(day + n))).toBe(n);
        const wd = new Date(day * 864e5).getUTCDay();
        expect(weekday(a)).toBe(wd === 0 ? 7 : wd);
      }),
      { numRuns: 2000 },
    );
  });
  it('years below 100 stay themselves (0026 is not 1926)', async () => {
    const { addDays } = await import('../../src/domain/time.js');
    expect(addDays('0026-11-20', 1)).toBe('0026-11-21');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });
});
