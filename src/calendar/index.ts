// Loads the working-day calendar. Three layers, read lazily one year at a time:
//   1. the official schedule shipped by chinese-days (dist/years/YYYY.json), read as a file
//      so that exactly the years it has are covered and no other;
//   2. years the package lacks that this tool ships itself (data/calendar/YYYY.yaml);
//   3. the ledger's own calendar/YYYY.yaml, which covers a year neither has and overrides
//      single dates of a year that is covered.
// A year none of them has is not covered: asking about it throws NotCoveredError.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { badField, LedgerFileError } from '../errors.js';
import { addDays, isValidDate, weekday } from '../domain/time.js';
import { DATA_DIR } from '../paths.js';
import { readYamlResult } from '../ledger/yamlfile.js';
import { NotCoveredError, type DayInfo, type WorkCalendar } from './calendar.js';
import { CALENDAR_DIR, CALENDAR_NAME_RE, calendarFileProblems, calendarRel, CalendarFile } from './file.js';

export { NotCoveredError, type DayInfo, type WorkCalendar } from './calendar.js';
export { CalendarFile, CalendarDay, calendarRel, calendarFileProblems, CALENDAR_DIR, type CalendarProblem } from './file.js';

export interface CalendarOptions {
  /** Folder holding chinese-days' YYYY.json files (tests point it elsewhere). */
  officialDir?: string;
  /** Folder holding the tool's own data/calendar/YYYY.yaml. */
  dataDir?: string;
}

interface Special {
  off: boolean;
  name: string;
  source: DayInfo['source'];
}

/** What one year's calendar is made of. */
export interface YearInfo {
  year: number;
  /** The official layer: "chinese-days 1.5.7", "data/calendar/2027.yaml (source)", or null. */
  official: string | null;
  /** The ledger file, when the ledger has one for the year. */
  ledger: string | null;
  /** The ledger file's `source` field. */
  ledgerSource: string;
  /** Dates the ledger file lists. */
  ledgerDays: number;
}

interface YearData {
  info: YearInfo;
  base: DayInfo['source'];
  special: Map<string, Special>;
}

let officialDirCache: string | undefined;
let officialLabelCache: string | undefined;

function defaultOfficialDir(): string {
  if (!officialDirCache) {
    const pkg = createRequire(import.meta.url).resolve('chinese-days/package.json');
    officialDirCache = join(dirname(pkg), 'dist', 'years');
    try {
      const v = (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version;
      officialLabelCache = `chinese-days ${v ?? ''}`.trim();
    } catch {
      officialLabelCache = 'chinese-days';
    }
  }
  return officialDirCache;
}

function yearsIn(dir: string, re: RegExp): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => re.exec(f))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => Number(m[1]));
}

/** "National Day,国庆节,3" → 国庆节 */
function zhName(value: string): string {
  const parts = value.split(',');
  return (parts[1] ?? parts[0] ?? '').trim();
}

export class Calendar implements WorkCalendar {
  private years = new Map<number, YearData | null>();
  private readonly officialDir: string;
  private readonly officialLabel: string;
  private readonly dataDir: string;

  constructor(
    readonly ledgerRoot?: string,
    opts: CalendarOptions = {},
  ) {
    this.officialDir = opts.officialDir ?? defaultOfficialDir();
    this.officialLabel = opts.officialDir ? 'chinese-days' : (officialLabelCache ?? 'chinese-days');
    this.dataDir = opts.dataDir ?? join(DATA_DIR, 'calendar');
  }

  private load(year: number): YearData | null {
    if (this.years.has(year)) return this.years.get(year)!;
    const special = new Map<string, Special>();
    const info: YearInfo = { year, official: null, ledger: null, ledgerSource: '', ledgerDays: 0 };
    const json = join(this.officialDir, `${year}.json`);
    const shipped = join(this.dataDir, `${year}.yaml`);
    if (existsSync(json)) {
      const data = JSON.parse(readFileSync(json, 'utf8')) as { holidays?: Record<string, string>; workdays?: Record<string, string> };
      for (const [date, v] of Object.entries(data.holidays ?? {})) special.set(date, { off: true, name: zhName(v), source: 'official' });
      for (const [date, v] of Object.entries(data.workdays ?? {})) special.set(date, { off: false, name: zhName(v), source: 'official' });
      info.official = this.officialLabel;
    } else if (existsSync(shipped)) {
      const file = readCalendarFile(this.dataDir, `${year}.yaml`, year);
      for (const d of file.days) special.set(d.date, { off: d.off, name: d.name, source: 'official' });
      info.official = `data/calendar/${year}.yaml${file.source ? `（${file.source}）` : ''}`;
    }
    if (this.ledgerRoot && existsSync(join(this.ledgerRoot, calendarRel(year)))) {
      const file = readCalendarFile(this.ledgerRoot, calendarRel(year), year);
      for (const d of file.days) special.set(d.date, { off: d.off, name: d.name, source: 'ledger' });
      info.ledger = calendarRel(year);
      info.ledgerSource = file.source;
      info.ledgerDays = file.days.length;
    }
    const data = info.official || info.ledger ? { info, base: (info.official ? 'official' : 'ledger') as DayInfo['source'], special } : null;
    this.years.set(year, data);
    return data;
  }

  private need(year: number): YearData {
    const d = this.load(year);
    if (!d) throw new NotCoveredError(year);
    return d;
  }

  covers(year: number): boolean {
    return this.load(year) !== null;
  }

  coveredYears(): number[] {
    const ys = new Set<number>([...yearsIn(this.officialDir, /^(\d{4})\.json$/), ...yearsIn(this.dataDir, CALENDAR_NAME_RE)]);
    if (this.ledgerRoot) for (const y of yearsIn(join(this.ledgerRoot, CALENDAR_DIR), CALENDAR_NAME_RE)) ys.add(y);
    return [...ys].sort((a, b) => a - b);
  }

  /** Where a year's data comes from; throws NotCoveredError when nothing covers it. */
  yearInfo(year: number): YearInfo {
    return { ...this.need(year).info };
  }

  day(date: string): DayInfo {
    if (!isValidDate(date)) throw badField('日期', date, '应为真实存在的日期 YYYY-MM-DD');
    const y = this.need(Number(date.slice(0, 4)));
    const weekend = weekday(date) >= 6;
    const s = y.special.get(date);
    if (!s) return { date, work: !weekend, name: '', source: y.base };
    if (s.off) return { date, work: false, name: s.name, source: s.source };
    // A working day: on a weekend it is a 调休 day, and `holiday` says for which holiday.
    return { date, work: true, name: weekend ? '调休' : '', source: s.source, ...(s.name && { holiday: s.name }) };
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

  /** Every day of a year that differs from the plain weekday/weekend rule or is listed. */
  specialDays(year: number): DayInfo[] {
    const y = this.need(year);
    return [...y.special.keys()]
      .filter((d) => d.startsWith(`${year}-`))
      .sort()
      .map((d) => this.day(d));
  }
}

/** Reads a calendar file and refuses one that is broken or inconsistent (file:line). */
function readCalendarFile(root: string, rel: string, year: number): CalendarFile {
  const r = readYamlResult(root, rel, CalendarFile);
  if (!r.ok) throw new LedgerFileError(r.problems);
  // An unnamed weekday off is reported by check but still a rest day; the rest would
  // make dates ambiguous, so the file is refused until repaired.
  const bad = calendarFileProblems(rel, r.value, r.lineOf).filter((p) => p.code !== 'calendar-off-without-name');
  if (bad.length) throw new LedgerFileError(bad.map((p) => ({ file: p.file, line: p.line, message: p.message })));
  if (r.value.year !== year) throw new LedgerFileError([{ file: rel, line: r.lineOf(['year']), message: `year 字段应为 ${year}` }]);
  return r.value;
}

/** The calendar for a ledger (its calendar/*.yaml apply), or the official one alone. */
export function loadCalendar(ledgerRoot?: string, opts?: CalendarOptions): Calendar {
  return new Calendar(ledgerRoot, opts);
}
