// The calendar file's names and consistency rules (no zod: the working-day calendar loads
// this at every start; the schema is in file.ts). See file.ts.
import { weekday, WEEKDAY_ZH } from '../domain/time.js';
import type { CalendarFile } from './file.js';

export const CALENDAR_DIR = 'calendar';
export const calendarRel = (year: number): string => `${CALENDAR_DIR}/${year}.yaml`;
export const CALENDAR_NAME_RE = /^(\d{4})\.yaml$/;

export interface CalendarProblem {
  code: string;
  file: string;
  line: number;
  message: string;
  hint?: string;
}

type LineOf = (path: (string | number)[]) => number;

/**
 * Consistency of one parsed calendar file: the year in its name and its `year` field
 * agree, every date lies in that year, no date is listed twice, and a weekday marked
 * off says which holiday it is (an unnamed weekday off is most often a typo).
 */
export function calendarFileProblems(rel: string, file: CalendarFile, lineOf: LineOf = () => 1): CalendarProblem[] {
  const out: CalendarProblem[] = [];
  const m = CALENDAR_NAME_RE.exec(rel.split('/').pop() ?? '');
  if (m && Number(m[1]) !== file.year) {
    out.push({
      code: 'calendar-year-mismatch',
      file: rel,
      line: lineOf(['year']),
      message: `文件名是 ${m[1]} 年，但 year 字段是 ${file.year}`,
      hint: `改正 year 字段，或把文件改名为 ${CALENDAR_DIR}/${file.year}.yaml`,
    });
  }
  const seen = new Map<string, number>();
  file.days.forEach((d, i) => {
    if (Number(d.date.slice(0, 4)) !== file.year) {
      out.push({ code: 'calendar-date-outside-year', file: rel, line: lineOf(['days', i, 'date']), message: `日期 ${d.date} 不在 ${file.year} 年内`, hint: `每年的安排写在各自的 ${CALENDAR_DIR}/YYYY.yaml 中` });
    }
    const first = seen.get(d.date);
    if (first !== undefined) {
      out.push({ code: 'calendar-date-duplicate', file: rel, line: lineOf(['days', i, 'date']), message: `日期 ${d.date} 重复（第 ${lineOf(['days', first, 'date'])} 行已有）`, hint: '每个日期只能出现一次' });
    } else seen.set(d.date, i);
    if (d.off && weekday(d.date) <= 5 && !d.name.trim()) {
      out.push({
        code: 'calendar-off-without-name',
        file: rel,
        line: lineOf(['days', i]),
        message: `${d.date}（${WEEKDAY_ZH[weekday(d.date)]}）标为休息日，但没有写节日名称`,
        hint: '工作日放假须注明节日（name: 国庆节）；如是笔误，把 off 改为 false 或删除此行',
      });
    }
  });
  return out;
}
