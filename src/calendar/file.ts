// The calendar file: one year's holidays and 调休 working days as a ledger keeps it
// (calendar/YYYY.yaml) or as the package ships it for a year chinese-days lacks
// (data/calendar/YYYY.yaml). Only the listed dates differ from the plain rule "Monday to
// Friday work, Saturday and Sunday rest"; this module holds its schema and the
// consistency rules that `xinfang check` and `xinfang calendar check` both run.
import '../domain/zod.js';
import { z } from 'zod';
import { isValidDate } from '../domain/time.js';

const isoDate = z.string().refine(isValidDate, { message: '应为真实存在的日期 YYYY-MM-DD' });

export const CalendarDay = z.strictObject({
  date: isoDate,
  /** true: a rest day (holiday); false: a working day (e.g. a 调休 Saturday). */
  off: z.boolean(),
  name: z.string().default(''),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarFile = z.strictObject({
  year: z.number().int().min(1949).max(2200),
  /** Where the list comes from, e.g. 国办发明电〔2025〕7号. */
  source: z.string().default(''),
  days: z.array(CalendarDay).default([]),
});
export type CalendarFile = z.infer<typeof CalendarFile>;

export { CALENDAR_DIR, calendarRel, CALENDAR_NAME_RE, calendarFileProblems, type CalendarProblem } from './file-rules.js';
