// `xinfang import FILE`: an old register (.xlsx or .csv) becomes cases. Every row is checked
// as a registration would be (validateIntake) and reported with its row number, column,
// value and why; nothing is written while any row is bad unless the clerk asks to skip the
// bad rows. Rows become cases in date order, each keeping its old number (original_no);
// repeat detection (src/domain/repeat.ts) links a row to the earlier cases of the same
// person on the same matter — already in the ledger or earlier in the file. All the new
// case files are written and committed as ONE change (src/ledger/txn.ts).
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../errors.js';
import { foldCase, type CaseState } from '../domain/case.js';
import { CHANNEL_ALIASES, CHANNELS, type Channel } from '../domain/events.js';
import { CaseFile } from '../domain/event-schemas.js';
import { personInCommon } from '../domain/repeat.js';
import { dateProblem } from '../domain/input.js';
import { parseInstant } from '../domain/time.js';
import { caseIdPattern, caseRel, CASES_DIR } from '../ledger/cases.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { NameTaken, writeFiles } from '../ledger/txn.js';
import { toYaml } from '../ledger/yamlfile.js';
import { personKeys } from '../index/derive.js';
import { caseStore, indexBeforeWrite, indexWritten } from './cases.js';
import { registrationFields, repeatsFor, validateIntake, type Draft, type IntakeInput } from './intake.js';
import { columnMap, fieldZh, readSheet, type ImportField, type Sheet } from './import-read.js';

export interface RowProblem {
  row: number;
  column: string;
  value: string;
  why: string;
}

export interface RowPlan {
  row: number;
  original_no: string;
  date: string;
  name: string;
  /** The number the case gets (when written). */
  id: string;
  repeat_of: string[];
}

export interface ImportResult {
  file: string;
  rows: number;
  ok: RowPlan[];
  bad: { row: number; problems: RowProblem[] }[];
  written: boolean;
  dry_run: boolean;
}

/** Dates as old registers write them: 2026-11-05, 2026/11/5, 2026.11.5, 2026年11月5日, 20261105, an Excel serial. */
export function importDate(v: string): string | null {
  const s = v.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{5})(?:\.\d+)?$/.exec(s);
  if (m) {
    const d = new Date(Date.UTC(1899, 11, 30) + Number(m[1]) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  return null;
}

/** Which field a validation message is about (it names the option: --date, --id-number …). */
const FLAG_FIELD: [RegExp, ImportField][] = [
  [/--date|--at/, 'date'],
  [/--id-number/, 'id_number'],
  [/--phone/, 'phone'],
  [/--address/, 'address'],
  [/--sex/, 'sex'],
  [/--people/, 'people'],
  [/--purpose/, 'purpose'],
  [/--category/, 'category'],
  [/--summary/, 'summary'],
  [/--leader/, 'leader'],
  [/--opinion/, 'opinion'],
  [/--respondent/, 'respondent'],
  [/--locality/, 'locality'],
  [/--name/, 'name'],
];

const splitList = (s: string) => s.split(/[、，,；;\n]+/).map((x) => x.trim()).filter(Boolean);

interface Prepared {
  row: number;
  original_no: string;
  draft: Draft;
}

/** Checks every row; returns the drafts of the good ones and the problems of the bad ones. */
function prepare(ledger: Ledger, sheet: Sheet, cols: Map<ImportField, number>, now: Date, progress?: (n: number, total: number) => void): { good: Prepared[]; bad: ImportResult['bad'] } {
  const good: Prepared[] = [];
  const bad: ImportResult['bad'] = [];
  const numbers = new Map<string, number>();
  sheet.rows.forEach((r, k) => {
    progress?.(k + 1, sheet.rows.length);
    const get = (f: ImportField) => (cols.has(f) ? (r.cells[cols.get(f)!] ?? '').trim() : '');
    const problems: RowProblem[] = [];
    const problem = (f: ImportField, why: string) => problems.push({ row: r.line, column: cols.has(f) ? sheet.headers[cols.get(f)!]! : fieldZh(f), value: get(f), why });
    const original = get('number');
    if (original) {
      const first = numbers.get(original);
      if (first !== undefined) problem('number', `与第 ${first} 行编号重复`);
      else numbers.set(original, r.line);
    }
    const dateText = get('date');
    const date = importDate(dateText);
    if (!dateText) problem('date', '不能为空');
    else if (!date || dateProblem(date)) problem('date', '应为日期，如 2026-11-05、2026/11/5 或 2026年11月5日');
    let channel: Channel = 'visit';
    const ch = get('channel');
    if (ch) {
      const c = (Object.keys(CHANNELS) as Channel[]).find((k) => k === ch || CHANNELS[k] === ch) ?? CHANNEL_ALIASES[ch];
      if (c) channel = c;
      else problem('channel', `允许：${Object.values(CHANNELS).join('、')}`);
    }
    let people: number | undefined;
    const pText = get('people');
    if (pText) {
      people = Number(pText.replace(/人$/, ''));
      if (!Number.isInteger(people) || people < 1) {
        problem('people', '应为正整数');
        people = undefined;
      }
    }
    const names = splitList(get('name'));
    const ids = splitList(get('id_number'));
    const phones = splitList(get('phone'));
    if (!names.length) problem('name', '不能为空');
    if (ids.length > names.length) problem('id_number', `身份证号有 ${ids.length} 个，姓名只有 ${names.length} 个`);
    if (phones.length > names.length) problem('phone', `电话有 ${phones.length} 个，姓名只有 ${names.length} 个`);
    for (const f of ['purpose', 'category', 'summary'] as const) if (!get(f)) problem(f, '不能为空');
    if (problems.length) return void bad.push({ row: r.line, problems });
    const result = get('result');
    const input: IntakeInput = {
      at: parseInstant(`${date}T09:00:00+08:00`)!,
      channel,
      petitioners: names.map((name, i) => ({ name, id_number: ids[i], phone: phones[i], address: i === 0 ? get('address') : '', sex: i === 0 ? get('sex') : '' })),
      people,
      respondent: get('respondent'),
      locality: get('locality'),
      purpose: get('purpose'),
      category: get('category'),
      summary: get('summary'),
      leader: get('leader') || undefined,
      opinion: [get('opinion'), result ? `办理结果：${result}` : ''].filter(Boolean).join('；'),
    };
    try {
      good.push({ row: r.line, original_no: original, draft: validateIntake(ledger, input, now) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const lines = e.message.split('\n').filter((l) => l.trim().startsWith('·'));
      for (const line of lines.length ? lines.map((l) => l.replace(/^\s*·\s*/, '')) : [e.message]) {
        const f = FLAG_FIELD.find(([re]) => re.test(line))?.[1] ?? 'summary';
        // The option's name means nothing in a register: “--phone（信访人 张三的电话）” → “信访人 张三的电话”.
        problem(f, line.replace(/--[a-z-]+（([^）]*)）/g, '$1').replace(/（--[a-z-]+）/g, ''));
      }
      bad.push({ row: r.line, problems });
    }
  });
  return { good, bad };
}

/** Case numbers CODE-YEAR-STATION#### taken on disk (the index may lag behind another program). */
function highestOnDisk(ledger: Ledger, year: number, station: string): number {
  const re = caseIdPattern(ledger.config.office.code, year, station);
  let n = 0;
  try {
    for (const f of readdirSync(join(ledger.root, CASES_DIR, String(year)))) {
      const m = re.exec(f);
      if (m) n = Math.max(n, Number(m[1]));
    }
  } catch {
    /* no folder yet */
  }
  return n;
}

/** The case files of the good rows, numbered from `start` per year, with their repeat links. */
function build(ledger: Ledger, good: Prepared[], start: Map<number, number>, clerk: Clerk): { files: CaseFile[]; plans: RowPlan[]; refused: ImportResult['bad'] } {
  const store = caseStore(ledger);
  const code = ledger.config.office.code;
  const station = ledger.station();
  const next = new Map(start);
  const byKey = new Map<string, CaseState[]>();
  const files: CaseFile[] = [];
  const plans: RowPlan[] = [];
  const refused: ImportResult['bad'] = [];
  for (const p of good) {
    const d = p.draft;
    const earlier = store.byPerson(d.petitioners);
    // Imported before (the same old number, the same person, the same day): not twice.
    const again = p.original_no ? earlier.find((c) => c.file.original_no === p.original_no && c.received === d.date) : undefined;
    if (again) {
      refused.push({ row: p.row, problems: [{ row: p.row, column: fieldZh('number'), value: p.original_no, why: `已导入为 ${again.id}` }] });
      continue;
    }
    // The rows before it of the same person: found by key (ID number; name + phone), then checked.
    const seen = new Set<CaseState>();
    for (const k of personKeys(d.petitioners)) for (const c of byKey.get(k) ?? []) seen.add(c);
    const mine = [...seen].filter((c) => personInCommon(d.petitioners, c.file.petitioners));
    // Linked only when sure, as `visit add --no-input` does; the ledger's term counts weigh the words.
    const repeats = repeatsFor(ledger, d, [...earlier, ...mine]).filter((r) => r.sure).map((r) => r.id);
    const year = Number(d.date.slice(0, 4));
    const n = (next.get(year) ?? 0) + 1;
    next.set(year, n);
    const id = `${code}-${year}-${station}${String(n).padStart(4, '0')}`;
    const base = registrationFields(d, id, `${d.date}T09:00:00+08:00`, repeats, clerk);
    const file = CaseFile.parse({ ...base, ...(p.original_no ? { original_no: p.original_no } : {}) });
    files.push(file);
    const state = foldCase(file);
    for (const k of personKeys(file.petitioners)) byKey.set(k, [...(byKey.get(k) ?? []), state]);
    plans.push({ row: p.row, original_no: p.original_no, date: d.date, name: d.petitioners.map((x) => x.name).join('、'), id, repeat_of: repeats });
  }
  return { files, plans, refused };
}

export interface ImportOptions {
  map?: string;
  dryRun?: boolean;
  skipBad?: boolean;
  progress?: (what: string, n: number, total: number) => void;
}

export async function importRegister(ledger: Ledger, path: string, opts: ImportOptions, clerk: Clerk): Promise<ImportResult> {
  const sheet = await readSheet(path);
  const cols = columnMap(sheet, opts.map);
  const { good, bad } = prepare(ledger, sheet, cols, clerk.now, opts.progress && ((n, t) => opts.progress!('检查', n, t)));
  // Earlier rows first: numbers follow the dates, and a repeat links to what came before it.
  good.sort((a, b) => a.draft.date.localeCompare(b.draft.date) || a.row - b.row);
  const res: ImportResult = { file: path, rows: sheet.rows.length, ok: [], bad, written: false, dry_run: !!opts.dryRun };
  if (!good.length && !bad.length) return res;
  indexBeforeWrite(ledger);
  const years = [...new Set(good.map((g) => Number(g.draft.date.slice(0, 4))))];
  const station = ledger.station();
  const start = () => new Map(years.map((y) => [y, Math.max(caseStore(ledger).highestNumber(ledger.config.office.code, y, station), highestOnDisk(ledger, y, station))]));
  let b = build(ledger, good, start(), clerk);
  res.bad.push(...b.refused);
  res.bad.sort((x, y) => x.row - y.row);
  res.ok = b.plans;
  if (opts.dryRun || (res.bad.length && !opts.skipBad) || !b.files.length) return res;
  const message = `导入登记表 ${basename(path)}：${b.files.length} 件${res.bad.length ? `（跳过有问题的 ${res.bad.length} 行）` : ''}`;
  for (let attempt = 0; ; attempt++) {
    try {
      opts.progress?.('写入', 0, b.files.length);
      writeFiles(
        ledger.root,
        b.files.map((f) => ({ rel: caseRel(f.id), text: toYaml(f), create: true })),
        ledger.commitSpec(message, clerk),
      );
      break;
    } catch (e) {
      // Another command took a number meanwhile: number again after what is on disk now.
      if (!(e instanceof NameTaken) || attempt >= 5) throw e;
      b = build(ledger, good, start(), clerk);
      res.ok = b.plans;
    }
  }
  indexWritten(ledger, b.files.map((f) => caseRel(f.id)));
  res.written = true;
  return res;
}
