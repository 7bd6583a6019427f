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

export function phoneValid(raw: string): boolean {
  const p = normalizePhone(raw);
  return MOBILE.test(p) || LANDLINE.test(p) || LOCAL.test(p) || SERVICE.test(p);
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
