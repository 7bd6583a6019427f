// Dates of the roster's rules (pure): the Monday of a week, the n-th weekday of a month and
// the day a monthly rule's `on` names. Used by the scheduler (roster.ts) and roster edits.
import type { Rule } from '../ledger/schema.js';
import { addDays, daysInMonth, weekday } from './time.js';

/** Monday of the ISO week of a date. */
export function weekStart(date: string): string {
  return addDays(date, 1 - weekday(date));
}

/** The n-th given weekday (1 = Monday) of a month; the last one when there is no n-th. */
export function nthWeekday(month: string, wd: number, nth: number): string {
  const first = `${month}-01`;
  const offset = (wd - weekday(first) + 7) % 7;
  const [y, m] = month.split('-').map(Number) as [number, number];
  let day = 1 + offset + 7 * (nth - 1);
  while (day > daysInMonth(y, m)) day -= 7;
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The date a monthly rule's `on` names in a month, before moving off a rest day. */
export function fixedTarget(rule: Rule, month: string): string | undefined {
  const on = rule.on;
  if (!on) return undefined;
  if (on.day !== undefined) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return `${month}-${String(Math.min(on.day, daysInMonth(y, m))).padStart(2, '0')}`;
  }
  if (on.weekday !== undefined) return nthWeekday(month, on.weekday, on.nth ?? 1);
  return undefined;
}
