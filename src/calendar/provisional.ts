// A provisional calendar for a year whose official holiday list is not out yet (from
// mid-December, next January's deadlines and roster need it): the covered years as they
// are, the missing ones on weekends only. Everything computed on it for such a year is
// 暂定 (provisional) and is recomputed once the list is imported — nothing provisional is
// stored as final.
import { addDays, diffDays, weekday } from '../domain/time.js';
import type { DayInfo, WorkCalendar } from './calendar.js';

export class ProvisionalCalendar implements WorkCalendar {
  /** The years answered on weekends only since this calendar was made. */
  readonly used = new Set<number>();
  constructor(readonly base: WorkCalendar) {}

  covers(): boolean {
    return true;
  }
  coveredYears(): number[] {
    return this.base.coveredYears();
  }
  /** A year answered on weekends only. */
  isProvisional(year: number): boolean {
    return !this.base.covers(year);
  }
  day(date: string): DayInfo {
    const y = Number(date.slice(0, 4));
    if (this.base.covers(y)) return this.base.day(date);
    this.used.add(y);
    return { date, work: weekday(date) < 6, name: '', source: 'official', listed: false };
  }
  isWorkday(date: string): boolean {
    return this.day(date).work;
  }
  nextWorkday(date: string): string {
    let d = date;
    while (!this.isWorkday(d)) d = addDays(d, 1);
    return d;
  }
  addWorkdays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkdays: n must be a non-negative integer, got ${n}`);
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) left--;
    }
    return d;
  }
  workdaysIn(from: string, to: string): string[] {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) out.push(d);
    return out;
  }

  /**
   * How many working days from `from` to `to`, both included (0 when to < from): each covered
   * year's part from the real calendar, a missing year's part Monday to Friday — counted, not
   * walked day by day (`due` judges thousands of 暂定 deadlines on it).
   */
  countWorkdays(from: string, to: string): number {
    if (to < from) return 0;
    const [y1, y2] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    let n = 0;
    for (let y = y1; y <= y2; y++) {
      const a = y === y1 ? from : `${y}-01-01`;
      const b = y === y2 ? to : `${y}-12-31`;
      if (this.base.covers(y)) n += this.base.countWorkdays ? this.base.countWorkdays(a, b) : this.base.workdaysIn(a, b).length;
      else {
        this.used.add(y);
        n += weekdaysIn(a, b);
      }
    }
    return n;
  }
}

/** Monday-to-Friday days from a to b, both included (a <= b). */
function weekdaysIn(a: string, b: string): number {
  const days = diffDays(a, b) + 1;
  let n = Math.floor(days / 7) * 5;
  // The days left over after whole weeks: from a's weekday on, at most six.
  for (let i = 0, w = weekday(a); i < days % 7; i++, w = (w % 7) + 1) if (w < 6) n++;
  return n;
}
