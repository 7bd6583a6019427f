// Calendar use cases: show a year or a month, check that a year is covered and its
// ledger file is consistent, import a year's official list into calendar/YYYY.yaml.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { badField, InputError, ProblemError } from '../errors.js';
import { addDays, dateRange, monthRange, weekday } from '../domain/time.js';
import { loadCalendar, type Calendar, type CalendarOptions, type DayInfo, type YearInfo } from '../calendar/index.js';
import { CalendarFile, calendarFileProblems, calendarRel, type CalendarProblem } from '../calendar/file.js';
import { parseCalendarText, type ParsedCalendar } from '../calendar/import.js';
import { missingStatutory, STATUTORY_HOLIDAYS } from '../calendar/statutory.js';
import { readYamlResult } from '../ledger/yamlfile.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted';

export const DAY_KIND_ZH: Record<DayKind, string> = { workday: '工作日', weekend: '周末', holiday: '节假日', adjusted: '调休上班' };

export interface DayView {
  date: string;
  weekday: number;
  work: boolean;
  kind: DayKind;
  name: string;
  holiday: string;
  source: DayInfo['source'];
  /** Listed in the year's data (not an ordinary weekday or weekend). */
  listed: boolean;
}

export function dayView(d: DayInfo): DayView {
  const wd = weekday(d.date);
  const kind: DayKind = d.work ? (wd >= 6 ? 'adjusted' : 'workday') : d.name || wd <= 5 ? 'holiday' : 'weekend';
  return { date: d.date, weekday: wd, work: d.work, kind, name: d.name, holiday: d.holiday ?? '', source: d.source, listed: d.listed ?? true };
}

export interface HolidayPeriod {
  name: string;
  from: string;
  to: string;
  days: number;
}

export interface YearSummary {
  year: number;
  source: YearInfo;
  workdays: number;
  restDays: number;
  /** Rest days that belong to a holiday (weekends inside a holiday period included). */
  holidays: number;
  /** Holiday rest days that fall on Monday–Friday. */
  holidayWeekdays: number;
  /** Saturdays and Sundays that are working days (调休). */
  adjusted: number;
  periods: HolidayPeriod[];
  adjustedDays: DayView[];
}

/** Consecutive holiday rest days with one name form a period (春节 2026-02-15 至 02-23). */
export function holidayPeriods(days: DayView[]): HolidayPeriod[] {
  const out: HolidayPeriod[] = [];
  for (const d of days) {
    if (d.kind !== 'holiday') continue;
    const last = out[out.length - 1];
    if (last && last.name === d.name && addDays(last.to, 1) === d.date) {
      last.to = d.date;
      last.days++;
    } else out.push({ name: d.name || '休息日', from: d.date, to: d.date, days: 1 });
  }
  return out;
}

export function yearSummary(cal: Calendar, year: number): YearSummary {
  const source = cal.yearInfo(year);
  const days = dateRange(`${year}-01-01`, `${year}-12-31`).map((d) => dayView(cal.day(d)));
  const holidays = days.filter((d) => d.kind === 'holiday');
  const adjustedDays = days.filter((d) => d.kind === 'adjusted');
  return {
    year,
    source,
    workdays: days.filter((d) => d.work).length,
    restDays: days.filter((d) => !d.work).length,
    holidays: holidays.length,
    holidayWeekdays: holidays.filter((d) => d.weekday <= 5).length,
    adjusted: adjustedDays.length,
    periods: holidayPeriods(days),
    adjustedDays,
  };
}

export interface MonthView {
  month: string;
  source: YearInfo;
  days: DayView[];
}

export function monthView(cal: Calendar, month: string): MonthView {
  const { from, to } = monthRange(month);
  const source = cal.yearInfo(Number(month.slice(0, 4)));
  return { month, source, days: dateRange(from, to).map((d) => dayView(cal.day(d))) };
}

/** Problems of the ledger's calendar file for a year ([] when it has none). */
export function ledgerCalendarProblems(root: string | undefined, year: number): CalendarProblem[] {
  if (!root) return [];
  const rel = calendarRel(year);
  if (!existsSync(join(root, rel))) return [];
  const r = readYamlResult(root, rel, CalendarFile);
  if (!r.ok) return r.problems.map((p) => ({ code: 'file-invalid', file: p.file, line: p.line, message: p.message }));
  return calendarFileProblems(rel, r.value, r.lineOf);
}

/**
 * `calendar check --year Y`: the year's summary when it is covered and the ledger's file
 * for it is consistent; otherwise a ProblemError that says what is wrong and what to do.
 */
export function checkCalendarYear(root: string | undefined, year: number, opts?: CalendarOptions): YearSummary {
  const problems = ledgerCalendarProblems(root, year);
  if (problems.length) {
    throw new ProblemError(
      `${calendarRel(year)} 有 ${problems.length} 个问题：\n` + problems.map((p) => `${p.file}:${p.line}: ${p.message}${p.hint ? `\n  提示：${p.hint}` : ''}`).join('\n'),
      'calendar_invalid',
      { problems },
    );
  }
  const cal = loadCalendar(root, opts);
  if (!cal.covers(year)) {
    const covered = cal.coveredYears();
    const range = covered.length ? `（现有数据：${rangeText(covered)}）` : '';
    throw new ProblemError(`${year} 年未覆盖${range}：${year} 年的法定节假日和调休安排尚无数据，不能按工作日计算。请在台账中添加 ${calendarRel(year)}，或用 xinfang calendar import FILE 导入国务院办公厅公布的当年安排`, 'not_covered', { year, covered });
  }
  // Covered only when the list names the seven statutory holidays: a partial year is reported.
  const lacking = missingStatutory(year, cal.specialDays(year).map((d) => ({ off: !d.work, name: d.name })));
  if (lacking.length) {
    throw new ProblemError(
      `${year} 年的数据不完整，缺少法定节假日：${lacking.join('、')}，不能当作已覆盖。请导入国务院办公厅公布的全年安排：xinfang calendar import FILE --year ${year}`,
      'calendar_partial',
      { year, missing: lacking },
    );
  }
  return yearSummary(cal, year);
}

function rangeText(years: number[]): string {
  const parts: string[] = [];
  let a = years[0]!;
  let b = a;
  for (const y of [...years.slice(1), NaN]) {
    if (y === b + 1) b = y;
    else {
      parts.push(a === b ? `${a}` : `${a}–${b}`);
      a = b = y;
    }
  }
  return parts.join('、') + ' 年';
}

export interface ImportResult {
  year: number;
  file: string;
  format: ParsedCalendar['format'];
  days: number;
  restDays: number;
  workDays: number;
  /** Dates in the imported file that lie in another year, which were left out. */
  skipped: string[];
  replaced: boolean;
}

/** Everything an import will write, computed and validated before anything is written. */
export function planImport(path: string, text: string, yearOpt?: number): { file: CalendarFile; parsed: ParsedCalendar; skipped: string[] } {
  const label = basename(path);
  const parsed = parseCalendarText(label, text);
  if (yearOpt !== undefined && parsed.year !== undefined && parsed.year !== yearOpt) {
    throw badField('--year（年份）', yearOpt, `文件 ${label} 的 year 字段是 ${parsed.year}，两者应一致`);
  }
  let year = yearOpt ?? parsed.year;
  if (year === undefined) {
    const years = [...new Set(parsed.days.map((d) => Number(d.date.slice(0, 4))))].sort();
    if (years.length === 0) throw new InputError(`${label}: 文件中没有任何日期`, 'bad_calendar_file');
    if (years.length > 1) throw new InputError(`${label}: 文件包含 ${years.join('、')} 年的日期，请用 --year 指定导入哪一年`, 'ambiguous_year');
    year = years[0]!;
  }
  const inYear = parsed.days.filter((d) => d.date.startsWith(`${year}-`));
  const skipped = parsed.days.filter((d) => !d.date.startsWith(`${year}-`)).map((d) => d.date);
  if (inYear.length === 0) throw new InputError(`${label}: 文件中没有 ${year} 年的日期`, 'bad_calendar_file');
  const file = CalendarFile.parse({ year, source: parsed.source || `导入自 ${label}`, days: inYear });
  const problems = calendarFileProblems(calendarRel(year), file);
  if (problems.length) throw new InputError(`${label}: ${problems.map((p) => p.message).join('；')}`, 'bad_calendar_file');
  // A year's list names all seven statutory holidays; one that does not is partial: refused.
  const lacking = missingStatutory(year, file.days);
  if (lacking.length) {
    throw new InputError(
      `${label}: ${year} 年的放假安排不完整，缺少法定节假日：${lacking.join('、')}（应有 ${STATUTORY_HOLIDAYS.join('、')} 七个）。请导入国务院办公厅公布的全年安排；台账未作改动`,
      'calendar_partial',
    );
  }
  return { file, parsed, skipped };
}

/** `calendar import FILE`: writes and commits calendar/YYYY.yaml, replacing the year's file. */
export function importCalendar(ledger: Ledger, path: string, yearOpt: number | undefined, clerk: Clerk, cwd = process.cwd()): ImportResult {
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`无法读取文件 ${path}：${code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : code}`, 'bad_file');
  }
  const { file, parsed, skipped } = planImport(full, text, yearOpt);
  const rel = calendarRel(file.year);
  return ledger.locked('calendar', () => {
    const replaced = existsSync(join(ledger.root, rel));
    ledger.change().put(rel, CalendarFile, file).apply(`导入 ${file.year} 年节假日安排`, clerk);
    return {
      year: file.year,
      file: rel,
      format: parsed.format,
      days: file.days.length,
      restDays: file.days.filter((d) => d.off).length,
      workDays: file.days.filter((d) => !d.off).length,
      skipped,
      replaced,
    };
  });
}
