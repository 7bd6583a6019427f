// The one set of input rules: the limits and checks for every value a person gives — on the
// command line, at a prompt, or through the use cases behind both. Defined once, here; the
// CLI's option parsing (src/cli/opts.ts), the prompts and the use cases (intake, lifecycle,
// leaders, roster …) all call these. Pure: no fs, no clock. A refusal is an InputError
// (exit 2, nothing written) naming the field and what is allowed.
import { badField } from '../errors.js';
import { isValidDate, isValidMonth, isValidQuarter, parseInstant, shanghaiDate } from './time.js';

// ---- years ---------------------------------------------------------------------------

/** Every date, month, quarter or instant given as input lies in these years. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;
const YEARS = `年份应在 ${YEAR_MIN} 到 ${YEAR_MAX} 之间`;

export function yearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX;
}

const DATE_ALLOWED = '应为真实存在的日期，格式 YYYY-MM-DD，如 2026-12-01';

/** Why a date string is refused (undefined: it is a real date in the allowed years). */
export function dateProblem(s: string): string | undefined {
  if (!isValidDate(s)) return DATE_ALLOWED;
  return yearInRange(Number(s.slice(0, 4))) ? undefined : `${YEARS}（${DATE_ALLOWED}）`;
}

export function checkDate(value: unknown, field: string): string {
  const s = String(value ?? '').trim();
  const p = dateProblem(s);
  if (p) throw badField(field, value, p);
  return s;
}

export function checkMonth(value: unknown, field = '--month'): string {
  const s = String(value ?? '').trim();
  if (!isValidMonth(s)) throw badField(field, value, '应为月份，格式 YYYY-MM，如 2026-12');
  if (!yearInRange(Number(s.slice(0, 4)))) throw badField(field, value, `${YEARS}（格式 YYYY-MM，如 2026-12）`);
  return s;
}

export function checkQuarter(value: unknown, field = '--quarter'): string {
  const s = String(value ?? '').trim().toUpperCase();
  if (!isValidQuarter(s)) throw badField(field, value, '应为季度，格式 YYYYQn，如 2026Q4');
  if (!yearInRange(Number(s.slice(0, 4)))) throw badField(field, value, `${YEARS}（格式 YYYYQn，如 2026Q4）`);
  return s;
}

/** An instant (ISO date or date-time, Shanghai time without an offset) whose Shanghai date is in the allowed years. */
export function instantProblem(s: string): string | undefined {
  const t = parseInstant(s);
  if (!t || Number.isNaN(t.getTime())) return '应为 YYYY-MM-DD 或 "YYYY-MM-DD HH:mm"';
  return yearInRange(Number(shanghaiDate(t).slice(0, 4))) ? undefined : `${YEARS}（应为 YYYY-MM-DD 或 "YYYY-MM-DD HH:mm"）`;
}

export function checkInstant(value: unknown, field: string): Date {
  const s = String(value ?? '').trim();
  const p = instantProblem(s);
  if (p) throw badField(field, value, p);
  return parseInstant(s)!;
}

/**
 * The years a record can be dated in (登记、办理 …, and $XINFANG_NOW): every record is a git
 * commit dated when it happened, and git stores commit dates from 1970 to 2099 only.
 */
export const RECORD_YEAR_MIN = 1970;
export const RECORD_YEAR_MAX = 2099;

/** Why a record cannot be dated on this (Shanghai) day (undefined: it can). */
export function recordDateProblem(date: string): string | undefined {
  const y = Number(date.slice(0, 4));
  if (y < RECORD_YEAR_MIN) return `登记和办理的日期不能早于 ${RECORD_YEAR_MIN} 年（git 无法记录更早的时间）`;
  if (y > RECORD_YEAR_MAX) return `登记和办理的日期不能晚于 ${RECORD_YEAR_MAX} 年（git 无法记录 2100 年及以后的时间）`;
  return undefined;
}

/** A year given alone (calendar --year). */
export function checkYear(value: unknown, field = '--year（年份）'): number {
  const s = String(value ?? '').trim();
  const n = Number(s);
  if (!/^\d{4}$/.test(s) || !yearInRange(n)) throw badField(field, value, `应为 ${YEAR_MIN} 到 ${YEAR_MAX} 之间的年份，如 2026`);
  return n;
}

// ---- numbers -------------------------------------------------------------------------

/** People at one visit (人数), and visitors on a reception day: one limit for every command. */
export const PEOPLE_MAX = 10_000;

/** A whole number min..max given as a number or as text. */
export function checkInt(value: unknown, field: string, min: number, max: number): number {
  const s = typeof value === 'number' ? String(value) : String(value ?? '').trim();
  const n = Number(s);
  if (!/^-?\d{1,16}$/.test(s) || n < min || n > max) throw badField(field, value, `应为 ${min} 到 ${max} 之间的整数`);
  return n;
}

export function checkPeople(value: unknown, field = '--people（人数）', min = 1): number {
  return checkInt(value, field, min, PEOPLE_MAX);
}

// ---- text ----------------------------------------------------------------------------

/**
 * Every kind of text and its longest length (characters). One-line kinds refuse line
 * breaks; all kinds refuse control characters (terminal escapes …) and bidi overrides.
 */
export const TEXT_LIMITS = {
  /** a person's or a unit's name: 信访人、代表人、领导姓名、承办单位名称 */
  name: 50,
  /** a short label: 职务、材料类别、排班规则名 */
  label: 50,
  /** one line: 被反映人、问题属地、住址、来源、联系人、分管工作、外出事由、调整原因、落款 */
  line: 200,
  /** free text: 诉求摘要、处理意见、说明、理由、查明的事实、批示、审批意见、回访情况 */
  text: 2000,
  /** a long document: 书面答复内容 */
  long: 5000,
  /** a reference to something that exists (领导、单位、案件编号、地点、分类 …) */
  ref: 100,
} as const;
export type TextKind = keyof typeof TEXT_LIMITS;
const MULTILINE: ReadonlySet<TextKind> = new Set(['text', 'long']);

/** Longest value of any option or argument at all (paths included): a net under the kinds above. */
export const ANY_VALUE_MAX = 10_000;

// C0 and C1 controls and DEL, Unicode line/paragraph separators, bidi embeddings/overrides/isolates.
// eslint-disable-next-line no-control-regex
const CONTROL_ONE_LINE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function wellFormed(s: string): boolean {
  return /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/.test(s);
}

/** Why a (trimmed, \r\n-normalised) text of a kind is refused (undefined: accepted). */
export function textProblem(s: string, kind: TextKind): string | undefined {
  const max = TEXT_LIMITS[kind];
  if (!wellFormed(s)) return '含有无法识别的字符（不完整的 Unicode 代理对）';
  if ((MULTILINE.has(kind) ? CONTROL_MULTILINE : CONTROL_ONE_LINE).test(s)) {
    return MULTILINE.has(kind) ? '不能含控制字符（如终端转义符）' : '应为一行文字，不能含换行或控制字符';
  }
  const n = charCount(s);
  if (n > max) return `不能超过 ${max} 个字（现有 ${n} 个字）`;
  return undefined;
}

/**
 * A text value: trimmed (line ends normalised), checked against its kind. `required`: an
 * empty value is refused; otherwise it becomes ''.
 */
export function checkText(value: unknown, field: string, kind: TextKind, opts: { required?: boolean; empty?: string } = {}): string {
  const s = String(value ?? '').replace(/\r\n/g, '\n').trim();
  if (!s) {
    if (opts.required) throw badField(field, value, opts.empty ?? '不能为空');
    return '';
  }
  const p = textProblem(s, kind);
  if (p) throw badField(field, value, p);
  return s;
}

// ---- places --------------------------------------------------------------------------

export interface PlaceLike {
  id: string;
  name: string;
}

/** A reception place of xinfang.yaml, by id or name. */
export function resolvePlace<P extends PlaceLike>(places: readonly P[], ref: string, field = '--place（接待地点）'): P {
  const v = checkText(ref, field, 'ref', { required: true });
  const p = places.find((x) => x.id === v) ?? places.find((x) => x.name === v);
  if (!p) throw badField(field, ref, `应为 xinfang.yaml 中 places 的编号或名称：${places.map((x) => `${x.name}（${x.id}）`).join('、')}`);
  return p;
}

// ---- attachment names ----------------------------------------------------------------

export const FILE_NAME_MAX_BYTES = 255;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)(\..*)?$/i;

/**
 * Why a file name (an attachment's name in the ledger) is refused: path separators, . and ..,
 * control characters, names git or Windows treat specially (.git in any case, with trailing
 * dots or spaces, or as its 8.3 short name GIT~1; .gitignore and the like; CON, NUL …), or
 * longer than 255 bytes of UTF-8.
 */
export function fileNameProblem(name: string): string | undefined {
  if (!name) return '不能为空';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name)) return '不能含换行或控制字符';
  if (!wellFormed(name)) return '含有无法识别的字符';
  if (/[/\\]/.test(name)) return '只能是文件名，不能含路径分隔符 / 或 \\';
  const bare = name.replace(/[. ]+$/, '').toLowerCase();
  if (name === '.' || name === '..' || bare === '' || bare === '.') return '不能是 . 或 ..';
  if (bare === '.git' || bare.startsWith('.git') || /^git~\d+$/.test(bare) || bare === '.xinfang' || /^xinfan~\d+$/.test(bare)) return '不能用 git 或 xinfang 保留的名称（如 .git、.gitignore、GIT~1）';
  if (WINDOWS_DEVICES.test(bare)) return '不能用 Windows 保留的设备名（如 CON、NUL、COM1）';
  const bytes = utf8Bytes(name);
  if (bytes > FILE_NAME_MAX_BYTES) return `不能超过 ${FILE_NAME_MAX_BYTES} 字节（UTF-8，约 ${Math.floor(FILE_NAME_MAX_BYTES / 3)} 个汉字；现有 ${bytes} 字节）`;
  return undefined;
}

export function checkFileName(name: string, field: string): string {
  const p = fileNameProblem(name);
  if (p) throw badField(field, name, p);
  return name;
}

/** Shortens a file name to at most `maxBytes` of UTF-8, keeping its extension. */
function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function fitFileName(name: string, maxBytes: number): string {
  if (utf8Bytes(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = [...name.slice(0, name.length - ext.length)];
  while (stem.length && utf8Bytes(stem.join('') + ext) > maxBytes) stem = stem.slice(0, -1);
  return stem.join('') + ext;
}

