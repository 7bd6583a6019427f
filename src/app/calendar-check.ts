// Check rules for the ledger's own calendar files (calendar/YYYY.yaml): every file is read
// and validated (problems with file:line), then its year, dates and names are checked.
import { loadYamlDir, type CheckLoader, type CheckRule, type LoadedFile } from './check.js';
import { CALENDAR_DIR, CALENDAR_NAME_RE, CalendarFile, calendarFileProblems } from '../calendar/file.js';

type LoadedCalendarFile = LoadedFile<CalendarFile>;

const KEY = 'calendarFiles';

export const CALENDAR_LOADERS: CheckLoader[] = [
  {
    load: (input) => {
      const r = loadYamlDir(input, {
        dir: CALENDAR_DIR,
        nameRe: CALENDAR_NAME_RE,
        schema: CalendarFile,
        nameProblem: (rel) => ({ code: 'calendar-file-name', file: rel, line: 1, message: `日历文件名应为四位年份加 .yaml（如 ${CALENDAR_DIR}/2027.yaml），此文件不会被读取` }),
      });
      input.extra[KEY] = r.files;
      return r.problems;
    },
  },
];

/** One rule per code, so that each kind of problem can be listed and tested on its own. */
function rule(code: string): CheckRule {
  return {
    code,
    run: (input) =>
      ((input.extra[KEY] as LoadedCalendarFile[] | undefined) ?? []).flatMap((f) => calendarFileProblems(f.rel, f.file, f.lineOf).filter((p) => p.code === code)),
  };
}

export const CALENDAR_RULES: CheckRule[] = [rule('calendar-year-mismatch'), rule('calendar-date-outside-year'), rule('calendar-date-duplicate'), rule('calendar-off-without-name')];
