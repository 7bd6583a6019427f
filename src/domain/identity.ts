// Personal data of petitioners: ID numbers (GB 11643: 18 characters with a check digit, or
// the old 15-digit form), phone numbers, and masking for lists and tables.
import { isValidDate } from './time.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdProblem = 'format' | 'birth' | 'check' | 'future';

/** Validates an ID number; `today` bounds the birth date. Returns the problem or null. */
export function idNumberProblem(raw: string, today: string): IdProblem | null {
  const s = raw.trim().toUpperCase();
  if (/^\d{17}[\dX]$/.test(s)) {
    const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
    if (!isValidDate(birth) || birth < '1900-01-01') return 'birth';
    if (birth > today) return 'future';
    return idCheckChar(s.slice(0, 17)) === s[17] ? null : 'check';
  }
  if (/^\d{15}$/.test(s)) {
    const birth = `19${s.slice(6, 8)}-${s.slice(8, 10)}-${s.slice(10, 12)}`;
    return isValidDate(birth) ? null : 'birth';
  }
  return 'format';
}

export const ID_PROBLEM_ZH: Record<IdProblem, string> = {
  format: '应为 18 位（最后一位可为 X）或旧式 15 位数字',
  birth: '其中的出生日期不存在',
  future: '其中的出生日期在今天之后',
  check: '校验位不对（GB 11643），请核对是否抄错',
};

/** Sex from the ID number (odd 17th / 15th digit = 男). */
export function sexFromId(raw: string): '男' | '女' | '' {
  const s = raw.trim();
  const d = s.length === 18 ? s[16] : s.length === 15 ? s[14] : undefined;
  if (!d || !/\d/.test(d)) return '';
  return Number(d) % 2 === 1 ? '男' : '女';
}

export function normalizeId(raw: string): string {
  return raw.trim().toUpperCase();
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const LOCAL = /^\d{7,8}$/;
const SERVICE = /^(400|800)-?\d{3}-?\d{4}$|^9\d{4}$|^12\d{3}$/;

/** Spaces, brackets and +86 dropped; a mobile written in groups (138-0013-8000) becomes 13800138000; a landline keeps one dash after its area code (0830-555-1234 → 0830-5551234). */
export function normalizePhone(raw: string): string {
  const p = raw.trim().replace(/[\s（）()]/g, '').replace(/^\+?86-?/, '');
  const digits = p.replace(/-/g, '');
  if (MOBILE.test(digits)) return digits;
  const land = /^(0\d{2,3})-(\d+(?:-\d+)*)$/.exec(p);
  if (land && /^\d{7,8}$/.test(land[2]!.replace(/-/g, ''))) return `${land[1]}-${land[2]!.replace(/-/g, '')}`;
  return p;
}

/**
 * The same phone however it is written, for recognising a person: digits only, without a
 * leading +86 / 0086 (0830 5551234, 0830-555-1234 and (0830)5551234 are one number).
 */
export function phoneKey(raw: string): string {
  let d = raw.replace(/\D/g, '');
  if (/^(0086|86)1[3-9]\d{9}$/.test(d)) d = d.slice(d.length - 11);
  else if (/^0086/.test(d)) d = `0${d.slice(4)}`;
  return d;
}

export function phoneValid(raw: string): boolean {
  const p = normalizePhone(raw);
  return MOBILE.test(p) || LANDLINE.test(p) || LOCAL.test(p) || SERVICE.test(p);
}

const EMERGENCY = /^1(1\d|2\d)$/; // 110, 119, 120, 122 …
const SHORT_SERVICE = /^(1\d{4}|9\d{4}|9\d{5}|1\d{5})$/; // 12345 政务热线, 12315, 95588, 96110 …

/**
 * Why a number cannot be a petitioner's own phone (undefined: it can): not a phone number, or
 * a service line — 12345 and other 12xxx hotlines, 95xxx/96xxx, 400/800, emergency numbers,
 * or a "local number" starting with 1 (12345678), which no Chinese local number does.
 */
export function petitionerPhoneProblem(raw: string): string | undefined {
  const p = normalizePhone(raw);
  const digits = p.replace(/-/g, '');
  if (EMERGENCY.test(digits) || SHORT_SERVICE.test(digits) || /^(400|800)\d{7}$/.test(digits) || SERVICE.test(p)) {
    return '这是服务热线或特服号码（如 12345、95588、400 电话），不是信访人本人的电话；不知道本人电话时不填';
  }
  if (/^1\d{6,7}$/.test(digits)) return '不是有效的电话号码：本地号码不以 1 开头，手机号应为 11 位（如 13800138000）';
  if (!phoneValid(p)) return '应为 11 位手机号（如 13800138000）或带区号的固话（如 0830-5551234）';
  return undefined;
}

/** 110105********002X */
export function maskId(id: string): string {
  if (!id) return '';
  if (id.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length === 15) return `${id.slice(0, 6)}******${id.slice(12)}`;
  return id.length > 4 ? `${'*'.repeat(id.length - 4)}${id.slice(-4)}` : '****';
}

/** 138****8000; 0830-****1234 */
export function maskPhone(phone: string): string {
  if (!phone) return '';
  const p = normalizePhone(phone);
  if (MOBILE.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  const m = /^(0\d{2,3})-?(\d{7,8})(-\d+)?$/.exec(p);
  if (m) return `${m[1]}-****${m[2]!.slice(-4)}`;
  return p.length > 4 ? `${'*'.repeat(p.length - 4)}${p.slice(-4)}` : '****';
}

/** Keeps the first character of a name: 张** */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}

// ── Numbers inside free text ─────────────────────────────────────────────────────────
// A summary, a note or a title may carry an ID number or a phone typed in by hand. Every
// public or structured output runs free text through maskPiiText (unless --unmasked):
// ID numbers (18 characters, the last may be X, or the old 15 digits), mobiles (11 digits
// starting 13–19, also written 138-0013-8000, 138 0013 8000 or +86 …) and landlines with
// an area code (0830-5551234, 0830 5551234, (0830)5551234, 010-12345678, 08305551234).
// Digits or Latin letters must not continue on either side, so amounts, dates, case
// numbers, ids and hashes are left alone; full-width digits count as digits. A number without an area code (5551234) is
// not masked: it cannot be told from an amount.
const D = '[0-9０-９]';
const PII_TEXT = new RegExp(
  [
    `(?<id>${D}{17}[0-9０-９XxＸｘ]|${D}{15})`,
    `(?<mobile>(?:[+＋]?[8８][6６][-\\s]?)?[1１][3-9３-９]${D}(?:[-\\s]?${D}{4}){2})`,
    `(?<land>(?:[(（]0${D}{2,3}[)）]|[0０]${D}{2,3})[-－\\s]?${D}{7,8})`,
  ]
    .map((p) => `(?<![0-9A-Za-z０-９])${p}(?![0-9A-Za-z０-９])`)
    .join('|'),
  'gu',
);
const FULL_DIGITS = /[０-９Ｘｘ]/g;
const halfWidth = (s: string) => s.replace(FULL_DIGITS, (c) => (c === 'Ｘ' || c === 'ｘ' ? 'X' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** Free text with every ID number and phone number in it masked like maskId / maskPhone. */
export function maskPiiText(text: string): string {
  // Fast path: every number masked has 3 digits, at most one separator, then 4 more (dates and times do not).
  if (!text || !/[0-9０-９]{3}[-－\s]?[0-9０-９]{4}/.test(text)) return text;
  return text.replace(PII_TEXT, (m, ...rest) => {
    const g = rest.at(-1) as { id?: string; mobile?: string; land?: string };
    const plain = halfWidth(m);
    if (g.id) return maskId(plain.toUpperCase());
    if (g.mobile) {
      const digits = plain.replace(/\D/g, '').slice(-11);
      return maskPhone(digits);
    }
    const land = /^[(（]?(0\d{2,3})[)）]?[-－\s]?(\d{7,8})$/.exec(plain);
    return land ? `${land[1]}-****${land[2]!.slice(-4)}` : maskPhone(plain);
  });
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * A JSON-like value with maskPiiText applied to every string (keys in `skip` are left as they
 * are). Copy on write: an array or object none of whose strings changes is returned itself
 * (most of a case has no number to mask: `case list --json` of 60,000 cases spent 2.5 s copying).
 */
export function maskPiiDeep<T>(value: T, skip: ReadonlySet<string> = NO_KEYS): T {
  if (typeof value === 'string') return maskPiiText(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const m = maskPiiDeep(v, skip);
      if (m !== v) (out ??= value.slice())[i] = m;
    }
    return (out ?? value) as T;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    let out: Record<string, unknown> | null = null;
    for (const k in obj) {
      if (!Object.hasOwn(obj, k) || skip.has(k)) continue;
      const v = obj[k];
      const m = maskPiiDeep(v, skip);
      if (m !== v) (out ??= { ...obj })[k] = m;
    }
    return (out ?? value) as T;
  }
  return value;
}
