// Turning option strings into values, with Chinese messages that name the option and
// what is allowed. Every command normalises its options through these.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { badField, InputError, missingFields } from '../errors.js';
import { isValidDate, isValidMonth, isValidQuarter, parseInstant } from '../domain/time.js';

export function optDate(value: unknown, field: string): string {
  const s = String(value ?? '').trim();
  if (!isValidDate(s)) throw badField(field, value, '应为真实存在的日期，格式 YYYY-MM-DD，如 2026-12-01');
  return s;
}

export function optMonth(value: unknown, field = '--month'): string {
  const s = String(value ?? '').trim();
  if (!isValidMonth(s)) throw badField(field, value, '应为月份，格式 YYYY-MM，如 2026-12');
  return s;
}

export function optQuarter(value: unknown, field = '--quarter'): string {
  const s = String(value ?? '').trim().toUpperCase();
  if (!isValidQuarter(s)) throw badField(field, value, '应为季度，格式 YYYYQn，如 2026Q4');
  return s;
}

export function optInstant(value: unknown, field: string): Date {
  const t = parseInstant(String(value ?? ''));
  if (!t) throw badField(field, value, '应为 YYYY-MM-DD 或 "YYYY-MM-DD HH:mm"');
  return t;
}

export function optInt(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const s = String(value ?? '').trim();
  const n = Number(s);
  if (!/^-?\d+$/.test(s) || n < min || n > max) {
    throw badField(field, value, max === Number.MAX_SAFE_INTEGER ? `应为不小于 ${min} 的整数` : `应为 ${min} 到 ${max} 之间的整数`);
  }
  return n;
}

/** An enumerated value given as the Chinese word or the English key. */
export function optEnum<K extends string>(value: unknown, field: string, table: Record<K, string>, aliases: Record<string, K> = {}): K {
  const s = String(value ?? '').trim();
  for (const [k, zh] of Object.entries(table) as [K, string][]) if (s === k || s === zh) return k;
  if (aliases[s]) return aliases[s];
  throw badField(field, value, `允许：${(Object.entries(table) as [K, string][]).map(([k, zh]) => `${zh}（${k}）`).join('、')}`);
}

export function requireOpts(opts: Record<string, unknown>, names: [key: string, flag: string][]): void {
  const missing = names.filter(([k]) => opts[k] === undefined || opts[k] === '').map(([, f]) => f);
  if (missing.length) throw missingFields(missing);
}

export function optText(value: unknown, field: string, max = 2000): string {
  const s = String(value ?? '').trim();
  if (!s) throw badField(field, value, '不能为空');
  if (s.length > max) throw badField(field, `${s.slice(0, 10)}…`, `不能超过 ${max} 个字`);
  return s;
}

/**
 * -o FILE, checked before any work: its folder must exist (a mistyped path is not made
 * into new folders) and it must not name a folder. Returns the absolute path.
 */
export function optOutputFile(value: unknown, cwd: string): string {
  const file = resolve(cwd, String(value));
  const dir = dirname(file);
  const st = (f: string) => statSync(f, { throwIfNoEntry: false });
  if (!st(dir)?.isDirectory()) throw new InputError(`-o（输出文件）${file}：文件夹 ${dir} 不存在（请先建立文件夹，或换一个路径）`, 'bad_value');
  if (st(file)?.isDirectory()) throw new InputError(`-o（输出文件）${file} 是一个文件夹，请给出文件名，如 ${file}/输出.html`, 'bad_value');
  return file;
}
