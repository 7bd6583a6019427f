// Civil dates and Shanghai times without the machine's time zone: China keeps +08:00 all
// year, so a fixed offset is exact. Dates are 'YYYY-MM-DD' strings; arithmetic goes
// through UTC midnight so that no local DST or TZ setting can shift a day.

export const OFFSET_MS = 8 * 3600 * 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Day numbers (days since 1970-01-01) from and to civil dates, by the proleptic Gregorian
// calendar for any year — Date.UTC would read years 0–99 as 1900–1999 — and without
// building Date objects or strings on the way (these run millions of times in a report).
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const D = (s: string, i: number) => s.charCodeAt(i) - 48;

/** The day number of 'YYYY-MM-DD'. */
function dayNumber(date: string): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    return daysFromCivil(D(date, 0) * 1000 + D(date, 1) * 100 + D(date, 2) * 10 + D(date, 3), D(date, 5) * 10 + D(date, 6), D(date, 8) * 10 + D(date, 9));
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return daysFromCivil(y, m, d);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of a day number. */
function civil(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 0 ? '-' : ''}${String(Math.abs(y)).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

function toUTC(date: string): number {
  return dayNumber(date) * 86_400_000;
}

export function addDays(date: string, n: number): string {
  return civil(dayNumber(date) + n);
}

/** Whole days from a to b (b - a). */
export function diffDays(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return ((((dayNumber(date) % 7) + 7 + 3) % 7) + 1);
}

export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): string {
  // A command asks for the day of the same instant once per case: the last answer is kept.
  const t = instant.getTime();
  if (t !== lastInstant) {
    lastInstant = t;
    lastDate = new Date(t + OFFSET_MS).toISOString().slice(0, 10);
  }
  return lastDate;
}
let lastInstant = NaN;
let lastDate = '';

/** ISO time with +08:00, to the second: 2026-11-25T09:30:00+08:00. */
export function shanghaiISO(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

/**
 * Parses an ISO date or date-time. A date alone is midnight in Shanghai; a date-time
 * without an offset is Shanghai time. Returns null when not a real time.
 */
export function parseInstant(s: string): Date | null {
  const t = s.trim();
  if (isValidDate(t)) return new Date(toUTC(t) - OFFSET_MS);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (!m || !isValidDate(m[1]!)) return null;
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  const base = toUTC(m[1]!) + ((hh * 60 + mm) * 60 + ss) * 1000;
  const zone = m[5];
  if (!zone) return new Date(base - OFFSET_MS);
  if (zone === 'Z') return new Date(base);
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const off = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return new Date(base - sign * off);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function isValidMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export function isValidQuarter(s: string): boolean {
  return /^\d{4}Q[1-4]$/.test(s);
}

export function quarterOf(date: string): string {
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}Q${Math.ceil(m / 3)}`;
}

export function quarterRange(q: string): { from: string; to: string; months: string[] } {
  const y = q.slice(0, 4);
  const n = Number(q.slice(5));
  const first = `${y}-${String((n - 1) * 3 + 1).padStart(2, '0')}`;
  const months = [first, addMonths(first, 1), addMonths(first, 2)];
  return { from: monthRange(months[0]!).from, to: monthRange(months[2]!).to, months };
}

export function previousQuarter(q: string): string {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(5));
  return n === 1 ? `${y - 1}Q4` : `${y}Q${n - 1}`;
}

export const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

/** 2026年12月1日 */
export function dateZh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
