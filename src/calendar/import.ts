// Reading a year's official holiday list from the files people can get hold of:
//   - the per-year JSON of public holiday datasets (holiday-cn):
//       {"year": 2027, "papers": [...], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}
//   - chinese-days' own per-year JSON ({"holidays": {date: "English,中文,n"}, "workdays": {...}})
//   - iCalendar: one VEVENT per holiday period or 调休 working day, all-day DTSTART and
//     DTEND (exclusive) and a SUMMARY; a SUMMARY with 班/补班/上班 (or "Work") marks
//     working days, any other marks rest days.
// Pure: text in, days out; a bad file throws InputError naming the line or field.
import { LineCounter, parseDocument } from 'yaml';
import '../domain/zod.js';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { addDays, isValidDate, parseInstant, shanghaiDate } from '../domain/time.js';
import { issueMessage, parseYamlText } from '../ledger/yamlfile.js';
import type { CalendarDay } from './file.js';

export interface ParsedCalendar {
  format: 'holiday-cn' | 'chinese-days' | 'ics';
  /** The year the file says it is for (holiday-cn's `year`), if any. */
  year?: number;
  /** Where the list comes from (the notices the file cites), if it says. */
  source: string;
  days: CalendarDay[];
}

const bad = (file: string, line: number | undefined, message: string) =>
  new InputError(`${file}${line ? `:${line}` : ''}: ${message}`, 'bad_calendar_file', '支持的格式：节假日数据集的年度 JSON（{"year", "days": [{"name", "date", "isOffDay"}]}）、chinese-days 的年度 JSON、iCalendar（.ics）');

export function parseCalendarText(file: string, text: string): ParsedCalendar {
  const t = text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(t)) return parseJson(file, t);
  if (/^\s*BEGIN:VCALENDAR/im.test(t)) return parseIcs(file, t);
  throw bad(file, 1, '不认识的文件格式：既不是 JSON，也不是 iCalendar（应以 BEGIN:VCALENDAR 开头）');
}

// ---------------------------------------------------------------- JSON

const HolidayCnDay = z.object({
  name: z.string().trim().min(1),
  date: z.string().refine(isValidDate, { message: '应为真实存在的日期 YYYY-MM-DD' }),
  isOffDay: z.boolean(),
});
const HolidayCn = z.object({
  year: z.number().int().min(1949).max(2200).optional(),
  papers: z.array(z.string()).optional(),
  days: z.array(HolidayCnDay),
});
const ChineseDaysYear = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()).default({}),
});

/** The line of a JSON syntax error: from V8's "position N" when it gives one, else from the YAML parser. */
function jsonLine(text: string, message: string): number | undefined {
  const m = /position (\d+)/.exec(message);
  if (m) return text.slice(0, Number(m[1])).split('\n').length;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const e = doc.errors[0];
  return e ? lc.linePos(e.pos[0]).line : undefined;
}

function parseJson(file: string, text: string): ParsedCalendar {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    // V8's message is English: say what is wrong in Chinese; the line is in the file:line lead.
    const why = /Unexpected end/i.test(msg) ? '文件在中途结束（缺少 ] 或 }）' : /Unexpected token|Unexpected non-whitespace|Expected/i.test(msg) ? '此处有多余或缺少的符号（括号、引号、逗号）' : '不是有效的 JSON';
    throw bad(file, jsonLine(text, msg), `JSON 语法错误：${why}`);
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && 'holidays' in data && !('days' in data)) {
    const r = ChineseDaysYear.safeParse(data);
    if (!r.success) throw bad(file, undefined, issueMessage(r.error.issues[0]!));
    const days: CalendarDay[] = [];
    for (const [map, off] of [[r.data.holidays, true], [r.data.workdays, false]] as const) {
      for (const [date, v] of Object.entries(map)) {
        if (!isValidDate(date)) throw bad(file, undefined, `${off ? 'holidays' : 'workdays'}：“${date}”不是真实存在的日期`);
        const parts = v.split(',');
        days.push({ date, off, name: (parts[1] ?? parts[0] ?? '').trim() });
      }
    }
    return { format: 'chinese-days', source: '', days: days.sort((a, b) => a.date.localeCompare(b.date)) };
  }
  // Validate through the YAML reader (JSON is YAML) to name the line of a bad field.
  const r = parseYamlText(file, text, HolidayCn);
  if (!r.ok) {
    const p = r.problems[0]!;
    throw bad(file, p.line, p.message + (r.problems.length > 1 ? `（另有 ${r.problems.length - 1} 处问题）` : ''));
  }
  const seen = new Map<string, number>();
  r.value.days.forEach((d, i) => {
    if (seen.has(d.date)) throw bad(file, r.lineOf(['days', i, 'date']), `days[${i}].date：日期 ${d.date} 重复（days[${seen.get(d.date)}] 已有）`);
    seen.set(d.date, i);
  });
  return {
    format: 'holiday-cn',
    year: r.value.year,
    source: (r.value.papers ?? []).join(' '),
    days: r.value.days.map((d) => ({ date: d.date, off: d.isOffDay, name: d.name })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}

// ---------------------------------------------------------------- iCalendar

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

/** Unfolds continuation lines (RFC 5545 §3.1) keeping each property's first line number. */
function icsProps(text: string): Prop[] {
  const raw = text.split(/\r\n|\n|\r/);
  const out: Prop[] = [];
  let cur: { text: string; line: number } | null = null;
  const flush = () => {
    if (!cur || !cur.text.trim()) return;
    const colon = findColon(cur.text);
    const head = colon < 0 ? cur.text : cur.text.slice(0, colon);
    const value = colon < 0 ? '' : cur.text.slice(colon + 1);
    const [name, ...ps] = head.split(';');
    const params: Record<string, string> = {};
    for (const p of ps) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
    }
    out.push({ name: (name ?? '').trim().toUpperCase(), params, value, line: cur.line });
  };
  raw.forEach((l, i) => {
    if ((l.startsWith(' ') || l.startsWith('\t')) && cur) cur.text += l.slice(1);
    else {
      flush();
      cur = { text: l, line: i + 1 };
    }
  });
  flush();
  return out;
}

/** The colon that ends the property name and parameters (not one inside a quoted parameter). */
function findColon(s: string): number {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') quoted = !quoted;
    else if (s[i] === ':' && !quoted) return i;
  }
  return -1;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? ' ' : c)).trim();
}

/** A DTSTART/DTEND value as a Shanghai date, and whether it was a date-time. */
function icsDate(file: string, p: Prop): { date: string; time: boolean; midnight: boolean } {
  const v = p.value.trim();
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) {
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    if (!isValidDate(date)) throw bad(file, p.line, `${p.name}：“${v}”不是真实存在的日期`);
    return { date, time: false, midnight: true };
  }
  m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(v);
  if (m) {
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ? 'Z' : ''}`;
    const t = parseInstant(iso);
    if (!t) throw bad(file, p.line, `${p.name}：“${v}”不是有效的日期时间`);
    const date = shanghaiDate(t);
    return { date, time: true, midnight: shanghaiISOTime(t) === '00:00:00' };
  }
  throw bad(file, p.line, `${p.name}：“${v}”应为日期 YYYYMMDD（如 ${p.name};VALUE=DATE:20270101）或日期时间 YYYYMMDDTHHMMSS`);
}

function shanghaiISOTime(t: Date): string {
  return new Date(t.getTime() + 8 * 3600 * 1000).toISOString().slice(11, 19);
}

const WORK_RE = /补班|上班|班|\bwork(day)?\b/i;

/** 春节(休) → 春节; 春节 补班 第1天/共2天 → 春节; National Day(Holiday) → National Day */
export function holidayName(summary: string): string {
  const s = summary
    .replace(/[(（][^)）]*[)）]/g, ' ')
    .replace(/第\s*\d+\s*天\s*\/?\s*(共\s*\d+\s*天)?/g, ' ')
    .replace(/假期|放假|休息|补班|上班|调休|补休/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s || summary.trim();
}

function parseIcs(file: string, text: string): ParsedCalendar {
  const props = icsProps(text);
  const events: Prop[][] = [];
  let cur: Prop[] | null = null;
  let beginLine = 0;
  for (const p of props) {
    if (p.name === 'BEGIN' && p.value.trim().toUpperCase() === 'VEVENT') {
      if (cur) throw bad(file, p.line, `第 ${beginLine} 行的 VEVENT 没有 END:VEVENT 就开始了新的 VEVENT`);
      cur = [];
      beginLine = p.line;
    } else if (p.name === 'END' && p.value.trim().toUpperCase() === 'VEVENT') {
      if (!cur) throw bad(file, p.line, '多余的 END:VEVENT');
      events.push([{ name: 'BEGIN', params: {}, value: 'VEVENT', line: beginLine }, ...cur]);
      cur = null;
    } else if (cur) cur.push(p);
  }
  if (cur) throw bad(file, beginLine, 'VEVENT 没有 END:VEVENT（文件不完整？）');
  if (events.length === 0) throw bad(file, undefined, '文件中没有任何 VEVENT（节假日事件）');

  const byDate = new Map<string, { day: CalendarDay; line: number }>();
  for (const ev of events) {
    const begin = ev[0]!.line;
    const get = (n: string) => ev.find((p) => p.name === n);
    const startP = get('DTSTART');
    if (!startP) throw bad(file, begin, '这个 VEVENT 缺少 DTSTART（开始日期）');
    const sumP = get('SUMMARY');
    const summary = sumP ? unescapeText(sumP.value) : '';
    if (!summary) throw bad(file, sumP?.line ?? begin, '这个 VEVENT 缺少 SUMMARY（节日名称，如 春节(休) 或 春节(班)）');
    const start = icsDate(file, startP);
    let last = start.date;
    const endP = get('DTEND');
    const durP = get('DURATION');
    if (endP) {
      const end = icsDate(file, endP);
      // DTEND is exclusive: an all-day event 20261001–20261008 covers 1 to 7 October.
      last = end.time && !end.midnight ? end.date : addDays(end.date, -1);
      if (last < start.date) throw bad(file, endP.line, `DTEND ${endP.value.trim()} 不晚于 DTSTART ${startP.value.trim()}（DTEND 是结束后的第一天）`);
    } else if (durP) {
      const m = /^P(\d+)D$/i.exec(durP.value.trim()) ?? /^P(\d+)W$/i.exec(durP.value.trim());
      if (!m || Number(m[1]) < 1) throw bad(file, durP.line, `DURATION “${durP.value.trim()}”应为整天数，如 P3D`);
      const n = Number(m[1]) * (/W$/i.test(durP.value.trim()) ? 7 : 1);
      last = addDays(start.date, n - 1);
    }
    if (last > addDays(start.date, 62)) throw bad(file, startP.line, `“${summary}”从 ${start.date} 到 ${last}，超过两个月，不像节假日安排`);
    const off = !WORK_RE.test(summary);
    const name = holidayName(summary);
    for (let d = start.date; d <= last; d = addDays(d, 1)) {
      const prev = byDate.get(d);
      if (prev && prev.day.off !== off) {
        throw bad(file, startP.line, `${d} 既标为${off ? '休息' : '上班'}（“${summary}”），又在第 ${prev.line} 行标为${prev.day.off ? '休息' : '上班'}`);
      }
      if (!prev) byDate.set(d, { day: { date: d, off, name }, line: startP.line });
    }
  }
  const calName = props.find((p) => p.name === 'X-WR-CALNAME' || p.name === 'NAME');
  return {
    format: 'ics',
    source: calName ? unescapeText(calName.value) : '',
    days: [...byDate.values()].map((x) => x.day).sort((a, b) => a.date.localeCompare(b.date)),
  };
}
