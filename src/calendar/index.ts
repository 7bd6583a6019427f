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
import { loadValidators, readValidated } from '../ledger/readcache.js';
import { readLedgerText } from '../ledger/textfile.js';
import type { z } from 'zod';
import { NotCoveredError, type DayInfo, type WorkCalendar } from './calendar.js';
import { CALENDAR_DIR, CALENDAR_NAME_RE, calendarFileProblems, calendarRel } from './file-rules.js';
import type { CalendarFile } from './file.js';

export { NotCoveredError, type DayInfo, type WorkCalendar } from './calendar.js';
export { deadlineDate, timeUsed, elapsedFraction, countDays, DAY_COUNT_MODES, DAY_COUNT_ZH, type DayCountMode, type TimeUsed } from './deadline.js';
export type { CalendarFile, CalendarDay } from './file.js';
export { calendarRel, calendarFileProblems, CALENDAR_DIR, type CalendarProblem } from './file-rules.js';

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
  /** work[i]: 1 when day i of the year (0 = 1 January) is a working day. */
  work: Uint8Array;
  /** cum[i]: working days among the first i days of the year. */
  cum: Int32Array;
}

/** Day of the year, 0 = 1 January. */
function ordinal(date: string): number {
  const y = Number(date.slice(0, 4));
  return (Date.UTC(y, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - Date.UTC(y, 0, 1)) / 86_400_000;
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

type OfficialYear = { holidays?: Record<string, string>; workdays?: Record<string, string> };
/** Parsed package files, shared by every calendar of the process (they never change). */
const officialYears = new Map<string, OfficialYear>();

function officialYear(path: string): OfficialYear {
  let y = officialYears.get(path);
  if (!y) {
    y = JSON.parse(readFileSync(path, 'utf8')) as OfficialYear;
    officialYears.set(path, y);
  }
  return y;
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
      const data = officialYear(json);
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
    let data: YearData | null = null;
    if (info.official || info.ledger) {
      const n = ordinal(`${year}-12-31`) + 1;
      const work = new Uint8Array(n);
      const cum = new Int32Array(n + 1);
      const jan1 = weekday(`${year}-01-01`) - 1; // 0 = Monday
      for (let i = 0; i < n; i++) work[i] = (jan1 + i) % 7 < 5 ? 1 : 0;
      for (const [d, sp] of special) if (d.startsWith(`${year}-`)) work[ordinal(d)] = sp.off ? 0 : 1;
      for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + work[i]!;
      data = { info, base: info.official ? 'official' : 'ledger', special, work, cum };
    }
    this.years.set(year, data);
    return data;
  }

  /** One error per missing year, made once: deadlines of a county's cases ask thousands of times. */
  private notCovered = new Map<number, NotCoveredError>();

  private need(year: number): YearData {
    const d = this.load(year);
    if (d) return d;
    let e = this.notCovered.get(year);
    if (!e) this.notCovered.set(year, (e = new NotCoveredError(year)));
    throw e;
  }

  covers(year: number): boolean {
    if (this.years.has(year)) return this.years.get(year) !== null;
    // Answered without reading the year when the package has its file and the ledger none
    // (a ledger file is validated first, as load() does): `due` asks about every year from
    // the first covered one (2004) to today's, and each command would read ~23 files.
    if (existsSync(join(this.officialDir, `${year}.json`)) && !(this.ledgerRoot && existsSync(join(this.ledgerRoot, calendarRel(year))))) return true;
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
    if (!s) return { date, work: !weekend, name: '', source: y.base, listed: false };
    if (s.off) return { date, work: false, name: s.name, source: s.source, listed: true };
    // A working day: on a weekend it is a 调休 day, and `holiday` says for which holiday.
    return { date, work: true, name: weekend ? '调休' : '', source: s.source, listed: true, ...(s.name && { holiday: s.name }) };
  }

  /** For a date known to be valid (loops over addDays). */
  private isWork(date: string): boolean {
    return this.need(Number(date.slice(0, 4))).work[ordinal(date)] === 1;
  }

  private valid(date: string): string {
    if (!isValidDate(date)) throw badField('日期', date, '应为真实存在的日期 YYYY-MM-DD');
    return date;
  }

  isWorkday(date: string): boolean {
    return this.isWork(this.valid(date));
  }

  /**
   * Walks forward from `date` (which counts when `includeStart`) to the `n`-th working day,
   * stepping through each year's table rather than through date strings.
   */
  private walk(date: string, n: number, includeStart: boolean): string {
    let year = Number(date.slice(0, 4));
    let i = ordinal(date) + (includeStart ? 0 : 1);
    let left = n;
    for (;;) {
      const { work } = this.need(year);
      for (; i < work.length; i++) if (work[i] === 1 && --left === 0) return addDays(`${year}-01-01`, i);
      year++;
      i = 0;
    }
  }

  /**
   * Answers of nextWorkday / addWorkdays so far ('date' or 'date+n'): a rebuild of the index
   * asks the same few thousand of them hundreds of thousands of times. The calendar's data
   * never changes once read; what throws (a year without data) is not kept.
   */
  private walked = new Map<string, string>();

  nextWorkday(date: string): string {
    let d = this.walked.get(date);
    if (d === undefined) this.walked.set(date, (d = this.walk(this.valid(date), 1, true)));
    return d;
  }

  addWorkdays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkdays: n must be a non-negative integer, got ${n}`);
    const key = `${date}+${n}`;
    let d = this.walked.get(key);
    if (d === undefined) {
      this.valid(date);
      this.walked.set(key, (d = n === 0 ? date : this.walk(date, n, false)));
    }
    return d;
  }

  workdaysIn(from: string, to: string): string[] {
    const out: string[] = [];
    for (let d = this.valid(from); d <= this.valid(to); d = addDays(d, 1)) if (this.isWork(d)) out.push(d);
    return out;
  }

  /** How many working days from `from` to `to`, both included (0 when to < from). */
  countWorkdays(from: string, to: string): number {
    this.valid(from);
    this.valid(to);
    if (to < from) return 0;
    const [y1, y2] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    let n = 0;
    for (let y = y1; y <= y2; y++) {
      const { cum } = this.need(y);
      const a = y === y1 ? ordinal(from) : 0;
      const b = y === y2 ? ordinal(to) : cum.length - 2;
      n += cum[b + 1]! - cum[a]!;
    }
    return n;
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
  // Validated (from the cache of a read-only command when unchanged: src/ledger/readcache.ts);
  // the lines of a problem come from reading it again in full.
  const value = readValidated<CalendarFile>(root, rel, 'calendar');
  if (!calendarFileProblems(rel, value).some((p) => p.code !== 'calendar-off-without-name') && value.year === year) return value;
  const text = readLedgerText(root, rel);
  if (!text.ok) throw new LedgerFileError([text.problem]);
  const v = loadValidators();
  const r = v.parseYamlText(rel, text.text, v.schemas.calendar as z.ZodType<CalendarFile>);
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
