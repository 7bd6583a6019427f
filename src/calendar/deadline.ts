// Deadlines in the three ways offices count them. The regulation counts 日 from the day
// after the start: received 2026-03-02, 15 days → 2026-03-17.
//   calendar               plain calendar days; the result may fall on a rest day
//   calendar-next-workday  calendar days, and a result on a rest day (weekend or statutory
//                          holiday) moves to the next working day; a 调休 working weekend
//                          day is a working day and is not moved
//   workdays               working days after the start
// Whatever needs a year without data throws NotCoveredError, including a deadline that
// lands in such a year.
import { addDays, diffDays } from '../domain/time.js';
import type { WorkCalendar } from './calendar.js';

export const DAY_COUNT_MODES = ['calendar', 'calendar-next-workday', 'workdays'] as const;
export type DayCountMode = (typeof DAY_COUNT_MODES)[number];

export const DAY_COUNT_ZH: Record<DayCountMode, string> = {
  calendar: '自然日',
  'calendar-next-workday': '自然日（末日遇节假日顺延至下一工作日）',
  workdays: '工作日',
};

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
}

/** The last day of a period of `days` starting the day after `start`. */
export function deadlineDate(cal: WorkCalendar, start: string, days: number, mode: DayCountMode): string {
  checkDays(days);
  switch (mode) {
    case 'calendar':
      return addDays(start, days);
    case 'calendar-next-workday':
      return cal.nextWorkday(addDays(start, days));
    case 'workdays':
      return cal.addWorkdays(start, days);
  }
}

/** Days counted in the mode's unit in (from, to]; negative when to < from. */
export function countDays(cal: WorkCalendar, from: string, to: string, mode: DayCountMode): number {
  if (mode !== 'workdays') return diffDays(from, to);
  const count = (a: string, b: string) => (cal.countWorkdays ? cal.countWorkdays(a, b) : cal.workdaysIn(a, b).length);
  if (to >= from) return count(addDays(from, 1), to);
  return -count(addDays(to, 1), from);
}

export interface TimeUsed {
  /** Days of the period used up to and including today (never below 0). */
  used: number;
  /** Days in the period: start (exclusive) to deadline (inclusive). */
  total: number;
  /** Days left after today up to the deadline; negative when overdue (days past it). */
  remaining: number;
  /** used / total: 0 at the start, 1 on the deadline, above 1 once overdue. */
  fraction: number;
  overdue: boolean;
}

/**
 * How much of a period is used on `today`, in the mode's unit: working days in
 * 'workdays' mode, calendar days otherwise (a deadline moved off a holiday simply makes
 * the period longer). Offices colour cases by `fraction` and `remaining`.
 */
export function timeUsed(cal: WorkCalendar, start: string, deadline: string, today: string, mode: DayCountMode): TimeUsed {
  const total = Math.max(0, countDays(cal, start, deadline, mode));
  const used = today <= start ? 0 : countDays(cal, start, today, mode);
  const remaining = countDays(cal, today, deadline, mode);
  const overdue = today > deadline;
  // An empty period (deadline on the start day) is all used on that day, and past it is overdue.
  const fraction = total > 0 ? used / total : overdue ? 2 : today >= start ? 1 : 0;
  return { used, total, remaining, fraction, overdue };
}

/** Share of the period used on `today` (see timeUsed). */
export function elapsedFraction(cal: WorkCalendar, start: string, deadline: string, today: string, mode: DayCountMode): number {
  return timeUsed(cal, start, deadline, today, mode).fraction;
}
