// Turning option strings into values, with Chinese messages that name the option and
// what is allowed. Every command normalises its options through these; the rules and limits
// themselves (years, lengths, people, names) are defined once in src/domain/input.ts.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { badField, InputError, missingFields } from '../errors.js';
import { onPseudoFs } from '../ledger/textfile.js';
import { OUTPUT_FOLDERS, refuseLedgerTarget } from './output-target.js';
import { ANY_VALUE_MAX, checkDate, checkInstant, checkMonth, checkPeople, checkQuarter, checkText, checkYear, type TextKind } from '../domain/input.js';

export function optDate(value: unknown, field: string): string {
  return checkDate(value, field);
}

export function optMonth(value: unknown, field = '--month'): string {
  return checkMonth(value, field);
}

export function optQuarter(value: unknown, field = '--quarter'): string {
  return checkQuarter(value, field);
}

export function optInstant(value: unknown, field: string): Date {
  return checkInstant(value, field);
}

export function optYear(value: unknown, field = '--year（年份）'): number {
  return checkYear(value, field);
}

export function optInt(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const s = String(value ?? '').trim();
  const n = Number(s);
  if (!/^-?\d+$/.test(s) || n < min || n > max) {
    throw badField(field, value, max === Number.MAX_SAFE_INTEGER ? `应为不小于 ${min} 的整数` : `应为 ${min} 到 ${max} 之间的整数`);
  }
  return n;
}

/** 人数: 1–10,000 (PEOPLE_MAX), the same limit in every command. */
export function optPeople(value: unknown, field = '--people（人数）', min = 1): number {
  return checkPeople(value, field, min);
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

/** A text option of a kind (src/domain/input.ts TEXT_LIMITS); required: not empty. */
export function optText(value: unknown, field: string, kind: TextKind = 'text'): string {
  return checkText(value, field, kind, { required: true });
}

/**
 * Free-text options whose empty value is itself the answer ("none"): `--opinion ''` records no
 * opinion and skips the question, `case correct --value ''` clears a field. The command still
 * refuses an empty text where one is required. Every other option given empty is refused:
 * it must never quietly mean "the default" (`--leader ''`, `--date ''`).
 */
const EMPTY_ALLOWED = new Set(['--value', '--opinion', '--note', '--reason', '--respondent', '--locality', '--address', '--source', '--portfolio', '--contact', '--text', '--facts', '--summary']);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** One value of the command line, as checkCommandLine checks it (fast.ts checks its values with it too). */
export function checkValue(flag: string, v: unknown): void {
  if (typeof v !== 'string') return;
  if (!v.trim() && !EMPTY_ALLOWED.has(flag)) throw badField(flag, v, '给出这个选项时值不能为空（不需要时请不写这个选项）');
  if (CONTROL.test(v)) throw badField(flag, v, '不能含控制字符');
  if (!/^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/.test(v)) throw badField(flag, v, '含有无法识别的字符');
  if (v.length > ANY_VALUE_MAX) throw badField(flag, v, `太长（不能超过 ${ANY_VALUE_MAX} 个字符）`);
}

/**
 * The net under every command line, run before any action: a value given explicitly must
 * not be empty (`--leader ''` is refused, never taken as "use the default"), and no option
 * or argument may hold control characters or be absurdly long. Each option's own kind and
 * limit is checked later by the command (src/domain/input.ts).
 */
export function checkCommandLine(command: Command, args: readonly unknown[]): void {
  const check = checkValue;
  for (let c: Command | null = command; c; c = c.parent) {
    for (const o of c.options) {
      const key = o.attributeName();
      if (c.getOptionValueSource(key) !== 'cli') continue;
      const v = c.getOptionValue(key) as unknown;
      const flag = o.long ?? o.short ?? key;
      if (Array.isArray(v)) for (const x of v) check(flag, x);
      else check(flag, v);
    }
  }
  const names = command.registeredArguments.map((a) => a.name());
  args.forEach((a, i) => {
    const name = names[i] ?? names.at(-1) ?? '参数';
    if (Array.isArray(a)) for (const x of a) check(name, x);
    else check(name, a);
  });
}

/**
 * -o FILE, checked before any work: its folder must exist (a mistyped path is not made into
 * new folders) and be writable, it must not name a folder or anything but a plain file, and
 * it must not be on /proc, /sys or the like. Returns the absolute path. The one place that
 * decides where output may go (extend it here, e.g. for paths inside the ledger).
 */
export function checkOutputPath(value: unknown, cwd: string, field = '-o（输出文件）'): string {
  const given = String(value ?? '');
  if (!given.trim()) throw badField(field, value, '应为文件路径，不能为空');
  if (/[\x00-\x1f\x7f]/.test(given)) throw badField(field, given.replace(/[\x00-\x1f\x7f]/g, '?'), '路径中不能有控制字符');
  const file = resolve(cwd, given);
  const dir = dirname(file);
  const st = (f: string) => {
    try {
      return statSync(f, { throwIfNoEntry: false });
    } catch {
      return undefined; // ENOTDIR, ENAMETOOLONG, ELOOP …: treated as "not there"
    }
  };
  let d = st(dir);
  // A ledger's own output folder (公示/, reports/, notices/) not made yet: made now.
  if (!d && (OUTPUT_FOLDERS as readonly string[]).includes(basename(dir)) && st(join(dirname(dir), 'xinfang.yaml'))?.isFile()) {
    mkdirSync(dir);
    d = st(dir);
  }
  if (!d?.isDirectory()) throw new InputError(`${field}${file}：文件夹 ${dir} 不存在（请先建立文件夹，或换一个路径）`, 'bad_value');
  const f = st(file);
  if (f?.isDirectory()) throw new InputError(`${field}${file} 是一个文件夹，请给出文件名，如 ${file}/输出.html`, 'bad_value');
  if (f && !f.isFile()) throw new InputError(`${field}${file} 不是普通文件（设备、管道等），不能写入；请换一个文件名`, 'bad_value');
  if (onPseudoFs(dir)) throw new InputError(`${field}${file} 在系统文件夹（/proc、/sys 等）中，不能写入；请换一个路径`, 'bad_value');
  try {
    accessSync(f ? file : dir, constants.W_OK);
  } catch {
    throw new InputError(`${field}${file}：没有写入权限（${f ? '文件' : `文件夹 ${dir}`}只读）；请换一个路径`, 'bad_value');
  }
  // Never into a ledger's own files (symlinks and .. resolved): src/cli/output-target.ts.
  refuseLedgerTarget(file, field);
  return file;
}

/** -o FILE (see checkOutputPath). */
export function optOutputFile(value: unknown, cwd: string): string {
  return checkOutputPath(value, cwd);
}
