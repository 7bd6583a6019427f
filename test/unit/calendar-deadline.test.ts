import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCalendar, NotCoveredError } from '../../src/calendar/index.js';
import { countDays, deadlineDate, elapsedFraction, timeUsed } from '../../src/calendar/deadline.js';
import { addDays, diffDays, weekday } from '../../src/domain/time.js';
import { ProvisionalCalendar } from '../../src/calendar/provisional.js';

const cal = loadCalendar();
const tmp = mkdtempSync(join(tmpdir(), 'xinfang-deadline-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('deadlineDate', () => {
  it('counts from the day after the start: received 2026-03-02, 15 days → 2026-03-17', () => {
    expect(deadlineDate(cal, '2026-03-02', 15, 'calendar')).toBe('2026-03-17');
    expect(deadlineDate(cal, '2026-03-02', 15, 'calendar-next-workday')).toBe('2026-03-17');
    // 15 working days after Monday 2 March: 3–6, 9–13, 16–20, 23 March.
    expect(deadlineDate(cal, '2026-03-02', 15, 'workdays')).toBe('2026-03-23');
  });

  it('moves a deadline that falls in National Day 2026 to the first working day after it', () => {
    expect(deadlineDate(cal, '2026-09-16', 15, 'calendar')).toBe('2026-10-01');
    expect(deadlineDate(cal, '2026-09-16', 15, 'calendar-next-workday')).toBe('2026-10-08');
    // Working days after Wednesday 16 September: 17, 18, 20 (Sunday 调休), 21–24, 28–30,
    // then after the holidays 8, 9, 10 (Saturday 调休), 12, 13 October.
    expect(deadlineDate(cal, '2026-09-16', 15, 'workdays')).toBe('2026-10-13');
  });

  it('does not move a deadline that falls on a 调休 working Saturday', () => {
    expect(deadlineDate(cal, '2026-09-25', 15, 'calendar')).toBe('2026-10-10');
    expect(deadlineDate(cal, '2026-09-25', 15, 'calendar-next-workday')).toBe('2026-10-10');
  });

  it('moves a deadline out of Spring Festival 2026 and an ordinary weekend', () => {
    expect(deadlineDate(cal, '2026-02-01', 15, 'calendar-next-workday')).toBe('2026-02-24');
    // Working days after Friday 6 February: 9–13, 14 (Saturday 调休), 24–27, 28 (Saturday 调休), 2–5 March.
    expect(deadlineDate(cal, '2026-02-06', 15, 'workdays')).toBe('2026-03-05');
    // Saturday 7 March 2026 → Monday 9 March.
    expect(deadlineDate(cal, '2026-02-20', 15, 'calendar-next-workday')).toBe('2026-03-09');
    // 60 days from a visit on 10 January: 11 March, a Wednesday.
    expect(deadlineDate(cal, '2026-01-10', 60, 'calendar-next-workday')).toBe('2026-03-11');
  });

  it('a deadline that lands in an uncovered year is refused, then computed once the ledger covers it', () => {
    // Plain calendar days need no calendar at all.
    expect(deadlineDate(cal, '2026-12-20', 60, 'calendar')).toBe('2027-02-18');
    expect(() => deadlineDate(cal, '2026-12-20', 60, 'calendar-next-workday')).toThrow(NotCoveredError);
    expect(() => deadlineDate(cal, '2026-12-20', 60, 'workdays')).toThrow(NotCoveredError);
    try {
      deadlineDate(cal, '2026-12-20', 60, 'calendar-next-workday');
    } catch (e) {
      expect((e as NotCoveredError).year).toBe(2027);
    }

    const root = mkdtempSync(join(tmp, 'ledger-'));
    mkdirSync(join(root, 'calendar'));
    writeFileSync(
      join(root, 'calendar', '2027.yaml'),
      [
        'year: 2027',
        'source: 单元测试用的虚构安排（非官方）',
        'days:',
        ...['2027-02-18', '2027-02-19'].flatMap((d) => [`  - date: ${d}`, '    off: true', '    name: 测试假日']),
        '  - date: 2027-02-21',
        '    off: false',
        '    name: 测试假日',
        '',
      ].join('\n'),
    );
    const withLedger = loadCalendar(root);
    // Thursday 18 and Friday 19 off, Saturday 20 a plain rest day, Sunday 21 a 调休 working day.
    expect(deadlineDate(withLedger, '2026-12-20', 60, 'calendar-next-workday')).toBe('2027-02-21');
    const w = deadlineDate(withLedger, '2026-12-20', 60, 'workdays');
    expect(withLedger.isWorkday(w)).toBe(true);
    expect(countDays(withLedger, '2026-12-20', w, 'workdays')).toBe(60);
    // Across the year end both years count; the test file lists no 元旦, so Friday 1 January 2027 is a working day.
    expect(withLedger.workdaysIn('2026-12-21', '2027-01-03')).toEqual([...['21', '22', '23', '24', '25', '28', '29', '30', '31'].map((d) => `2026-12-${d}`), '2027-01-01']);
  });

  it('rejects a negative or fractional number of days', () => {
    expect(() => deadlineDate(cal, '2026-03-02', -1, 'calendar')).toThrow(RangeError);
    expect(() => deadlineDate(cal, '2026-03-02', 1.5, 'workdays')).toThrow(RangeError);
  });
});

describe('timeUsed / elapsedFraction', () => {
  it('calendar days: share of the period used, days left, overdue after the deadline', () => {
    expect(timeUsed(cal, '2026-03-02', '2026-03-17', '2026-03-02', 'calendar')).toEqual({ used: 0, total: 15, remaining: 15, fraction: 0, overdue: false });
    expect(timeUsed(cal, '2026-03-02', '2026-03-17', '2026-03-09', 'calendar-next-workday')).toMatchObject({ used: 7, remaining: 8 });
    expect(elapsedFraction(cal, '2026-03-02', '2026-03-17', '2026-03-09', 'calendar')).toBeCloseTo(7 / 15);
    expect(timeUsed(cal, '2026-03-02', '2026-03-17', '2026-03-17', 'calendar')).toMatchObject({ fraction: 1, remaining: 0, overdue: false });
    const late = timeUsed(cal, '2026-03-02', '2026-03-17', '2026-03-20', 'calendar');
    expect(late).toMatchObject({ overdue: true, remaining: -3, used: 18 });
    expect(late.fraction).toBeGreaterThan(1);
    // Before the start nothing is used.
    expect(elapsedFraction(cal, '2026-03-02', '2026-03-17', '2026-02-27', 'calendar')).toBe(0);
  });

  it('working days: the holiday uses none of the time', () => {
    const deadline = deadlineDate(cal, '2026-09-30', 5, 'workdays');
    expect(deadline).toBe('2026-10-13');
    expect(timeUsed(cal, '2026-09-30', deadline, '2026-10-07', 'workdays')).toMatchObject({ used: 0, total: 5, remaining: 5, fraction: 0 });
    expect(timeUsed(cal, '2026-09-30', deadline, '2026-10-10', 'workdays')).toMatchObject({ used: 3, remaining: 2, fraction: 0.6 });
    expect(timeUsed(cal, '2026-09-30', deadline, '2026-10-11', 'workdays')).toMatchObject({ used: 3, remaining: 2 });
    expect(timeUsed(cal, '2026-09-30', deadline, '2026-10-14', 'workdays')).toMatchObject({ used: 6, remaining: -1, overdue: true });
  });

  it('an empty period is all used on its day and overdue after', () => {
    expect(elapsedFraction(cal, '2026-03-02', '2026-03-02', '2026-03-01', 'calendar')).toBe(0);
    expect(elapsedFraction(cal, '2026-03-02', '2026-03-02', '2026-03-02', 'calendar')).toBe(1);
    expect(elapsedFraction(cal, '2026-03-02', '2026-03-02', '2026-03-03', 'calendar')).toBeGreaterThan(1);
  });
});

describe('properties over 2004–2026', () => {
  const FIRST = '2004-01-01';
  // Starts late enough in 2026 would run past 2026-12-31 (not covered): 45 working days
  // after 2026-10-15 is still in December.
  const SPAN = diffDays(FIRST, '2026-10-15');
  const start = fc.integer({ min: 0, max: SPAN }).map((n) => addDays(FIRST, n));
  const days = fc.integer({ min: 0, max: 45 });

  it('calendar-next-workday: a working day, never before the plain result, less than 15 days after it', () => {
    fc.assert(
      fc.property(start, days, (s, n) => {
        const plain = deadlineDate(cal, s, n, 'calendar');
        const moved = deadlineDate(cal, s, n, 'calendar-next-workday');
        expect(plain).toBe(addDays(s, n));
        expect(cal.isWorkday(moved)).toBe(true);
        expect(moved >= plain).toBe(true);
        expect(diffDays(plain, moved)).toBeLessThan(15);
        // Every day skipped is a rest day.
        for (let d = plain; d < moved; d = addDays(d, 1)) expect(cal.isWorkday(d)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('countWorkdays agrees with listing the working days, across year ends too', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: -5, max: 800 }), (a, n) => {
        const b = addDays(a, n);
        if (b > '2026-12-31') return;
        expect(cal.countWorkdays(a, b)).toBe(cal.workdaysIn(a, b).length);
      }),
      { numRuns: 200 },
    );
  });

  it('the provisional calendar counts what it lists: the real years as they are, a missing year Monday to Friday', () => {
    const pcal = new ProvisionalCalendar(cal);
    const missing = [2027, 2028].filter((y) => !cal.covers(y));
    fc.assert(
      fc.property(fc.integer({ min: diffDays(FIRST, '2026-06-01'), max: SPAN + 400 }).map((n) => addDays(FIRST, n)), fc.integer({ min: -3, max: 500 }), (a, n) => {
        const b = addDays(a, n);
        expect(pcal.countWorkdays(a, b)).toBe(pcal.workdaysIn(a, b).length);
      }),
      { numRuns: 300 },
    );
    if (missing.includes(2027)) {
      // 2027-01-01 is a Friday: in January 2027, 21 weekdays; a whole missing year, 261.
      expect(weekday('2027-01-01')).toBe(5);
      expect(pcal.countWorkdays('2027-01-01', '2027-01-31')).toBe(21);
      expect(pcal.countWorkdays('2027-01-01', '2027-12-31')).toBe(261);
      expect(pcal.used.has(2027)).toBe(true);
    }
  });

  it('workdays: the result is a working day and exactly n working days follow the start', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 45 }), (s, n) => {
        const d = deadlineDate(cal, s, n, 'workdays');
        expect(cal.isWorkday(d)).toBe(true);
        expect(d > s).toBe(true);
        expect(cal.workdaysIn(addDays(s, 1), d)).toHaveLength(n);
        expect(countDays(cal, s, d, 'workdays')).toBe(n);
        expect(timeUsed(cal, s, d, d, 'workdays').fraction).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
