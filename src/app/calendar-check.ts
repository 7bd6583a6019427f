// Check rules for the ledger's own calendar files (calendar/YYYY.yaml): every file is read
// and validated (problems with file:line), then its year, dates and names are checked.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckLoader, CheckRule, Problem } from './check.js';
import { CALENDAR_DIR, CALENDAR_NAME_RE, CalendarFile, calendarFileProblems } from '../calendar/file.js';
import { readYamlResult } from '../ledger/yamlfile.js';

interface LoadedCalendarFile {
  rel: string;
  file: CalendarFile;
  lineOf: (path: (string | number)[]) => number;
}

const KEY = 'calendarFiles';

export const CALENDAR_LOADERS: CheckLoader[] = [
  {
    load: (input) => {
      const problems: Problem[] = [];
      const files: LoadedCalendarFile[] = [];
      input.extra[KEY] = files;
      const dir = join(input.root, CALENDAR_DIR);
      if (!existsSync(dir)) return problems;
      for (const name of readdirSync(dir).sort()) {
        const rel = `${CALENDAR_DIR}/${name}`;
        if (!/\.ya?ml$/.test(name)) continue;
        if (!CALENDAR_NAME_RE.test(name)) {
          problems.push({ code: 'calendar-file-name', file: rel, line: 1, message: `日历文件名应为四位年份加 .yaml（如 ${CALENDAR_DIR}/2027.yaml），此文件不会被读取` });
          continue;
        }
        const r = readYamlResult(input.root, rel, CalendarFile);
        if (!r.ok) {
          problems.push(...r.problems.map((p) => ({ code: 'file-invalid', file: p.file, line: p.line, message: p.message })));
          continue;
        }
        files.push({ rel, file: r.value, lineOf: r.lineOf });
      }
      return problems;
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
