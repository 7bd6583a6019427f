// The working-day calendar interface (see src/calendar/README in docs/calendar.md).
// Official holidays and 调休 working weekends come from chinese-days; the ledger's own
// calendar/YYYY.yaml overrides or adds years. A year with no data is "not covered":
// asking about it throws NotCoveredError, never guesses plain weekdays.
import { ProblemError } from '../errors.js';

// A ProblemError (exit 1): the command ran and found that the year is not covered.
export class NotCoveredError extends ProblemError {
  constructor(readonly year: number) {
    super(`${year} 年的法定节假日和调休安排尚无数据，不能按工作日计算。请在台账中添加 calendar/${year}.yaml，或用 xinfang calendar import FILE 导入国务院办公厅公布的当年安排`, 'not_covered', { year });
  }
}

export interface DayInfo {
  date: string;
  work: boolean;
  /** Holiday name, or 调休 for a working weekend day, or '' for an ordinary day. */
  name: string;
  source: 'official' | 'ledger';
  /** The day is listed in the year's data (a holiday, a 调休 day, a ledger adjustment); false for an ordinary day. */
  listed?: boolean;
  /** For a listed working day (调休): the holiday it makes up for, e.g. 春节. */
  holiday?: string;
}

export interface WorkCalendar {
  covers(year: number): boolean;
  coveredYears(): number[];
  /** Throws NotCoveredError for a year without data. */
  day(date: string): DayInfo;
  isWorkday(date: string): boolean;
  /** The date itself when it is a working day, else the next working day. */
  nextWorkday(date: string): string;
  /** The n-th working day after date (n ≥ 1), not counting date itself. */
  addWorkdays(date: string, n: number): string;
  workdaysIn(from: string, to: string): string[];
  /** Optional fast count of working days from `from` to `to`, both included. */
  countWorkdays?(from: string, to: string): number;
}
