// The one way templates are rendered: a liquid engine whose include / render / layout can
// read only files in the templates folders it is given (the ledger's templates/ …, our
// templates/ …). A name that is absolute, holds `..` or leads (through a symlink) out of
// those folders is refused, and so is any file of a ledger outside its templates/ folder,
// so no template — ours, an office's, or --template FILE — can print a case file.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { extname, isAbsolute, join, sep } from 'node:path';
import { Liquid, type FS, type LiquidOptions } from 'liquidjs';
import { InputError } from '../errors.js';
import { ledgersHolding, realPath } from '../paths.js';

/** A template reached for a file it may not read. */
export class TemplateRefused extends Error {
  constructor(
    readonly template: string,
    readonly why: string,
  ) {
    super(`不能引用 “${template}”：${why}`);
  }
}

const ONLY = 'include、render、layout 只能引用模板文件夹（台账的 templates/ 或内置模板）中的文件';

function inside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The ledger whose file (outside its templates/ folder) a real path is, or null: such a file is never a template. */
function ledgerFile(real: string): { root: string; rel: string } | null {
  return ledgersHolding(real).find(({ rel }) => rel.split(sep)[0] !== 'templates') ?? null;
}

function confinedFs(): FS {
  const realOf = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return null;
    }
  };
  const contains = (root: string, file: string): boolean => {
    const r = realOf(root);
    const f = realOf(file);
    return !!r && !!f && inside(r, f) && !ledgerFile(f);
  };
  return {
    sep,
    resolve(root: string, file: string, ext: string): string {
      if (isAbsolute(file) || /^[a-zA-Z]:/.test(file) || file.startsWith('~')) throw new TemplateRefused(file, `不能用绝对路径；${ONLY}`);
      if (file.split(/[\\/]/).includes('..')) throw new TemplateRefused(file, `不能用 ..；${ONLY}`);
      if (/[\0]/.test(file)) throw new TemplateRefused(file, ONLY);
      const path = join(root, extname(file) ? file : file + ext);
      const real = realOf(path);
      if (real) {
        const r = realOf(root);
        if (!r || !inside(r, real)) throw new TemplateRefused(file, `它（经符号链接）指向模板文件夹以外的 ${real}；${ONLY}`);
        const l = ledgerFile(real);
        if (l) throw new TemplateRefused(file, `这是台账 ${l.root} 的文件（${l.rel}），不是模板；${ONLY}`);
      }
      return path;
    },
    contains: async (root, file) => contains(root, file),
    containsSync: contains,
    exists: async (f) => existsSync(f),
    existsSync: (f) => existsSync(f),
    readFile: async (f) => readFileSync(f, 'utf8'),
    readFileSync: (f) => readFileSync(f, 'utf8'),
  };
}

/**
 * A liquid engine confined to `roots` (folders that do not exist are left out); a name
 * without an extension is taken as NAME.liquid. Options as liquidjs, except that
 * root/partials/layouts, fs and relativeReference are ours.
 */
export function confinedLiquid(roots: string[], options: Omit<LiquidOptions, 'root' | 'partials' | 'layouts' | 'fs' | 'relativeReference'> = {}): Liquid {
  const dirs = roots.filter((d) => existsSync(d));
  return new Liquid({ strictFilters: true, ownPropertyOnly: true, extname: '.liquid', ...options, root: dirs, partials: dirs, layouts: dirs, relativeReference: false, fs: confinedFs() });
}

/**
 * Reads a template named by --template FILE or found in a ledger: a file of a ledger that
 * is not in its templates/ folder (a case, xinfang.yaml …) is refused (exit 2).
 */
export function readTemplateFile(path: string, field = '--template（模板文件）'): string {
  const l = ledgerFile(realPath(path));
  if (l) throw new InputError(`${field}${path} 是台账 ${l.root} 的文件（${l.rel}），不能用作模板。模板请放在台账的 templates/ 文件夹中，或台账以外`, 'bad_template');
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${field}${path} 无法读取：${(e as NodeJS.ErrnoException).code === 'EISDIR' ? '这是一个文件夹' : `读取失败（${(e as NodeJS.ErrnoException).code ?? '未知原因'}）`}`, 'bad_template');
  }
}

function refusal(e: unknown, depth = 0): TemplateRefused | null {
  if (!e || typeof e !== 'object' || depth > 10) return null;
  if (e instanceof TemplateRefused) return e;
  const x = e as { originalError?: unknown; errors?: unknown[] };
  return refusal(x.originalError, depth + 1) ?? (x.errors ?? []).map((y) => refusal(y, depth + 1)).find(Boolean) ?? null;
}

/** An error from rendering the template at `path` as a Chinese InputError (exit 2). */
export function templateError(path: string, e: unknown, what = '模板'): InputError {
  const r = refusal(e);
  if (r) return new InputError(`${what} ${path} ${r.message}`, 'bad_template');
  const msg = (e as Error)?.message ?? String(e);
  const missing = /Failed to lookup "([^"]*)"/.exec(msg);
  if (missing) return new InputError(`${what} ${path} 引用的 “${missing[1]}” 不在模板文件夹中：${ONLY}`, 'bad_template');
  return new InputError(`${what} ${path} 有错误：${liquidMessageZh(msg.split('\n')[0]!)}`, 'bad_template');
}

// LiquidJS's messages (English) in Chinese: the problem, then where (", line:N, col:M").
const LIQUID_ZH: [RegExp, (...m: string[]) => string][] = [
  [/^undefined filter: (.*)$/, (f) => `没有过滤器“${f}”`],
  [/^undefined variable: (.*)$/, (v) => `没有变量“${v}”`],
  [/^tag "?(.*?)"? not found$/, (t) => `没有标签“${t}”`],
  [/^tag (.*) not closed$/, (t) => `标签 ${t} 没有结束（缺少对应的 {% end… %}）`],
  [/^output (.*) not closed$/, (t) => `输出 ${t} 没有结束（缺少 }}）`],
  [/^raw (.*) not closed$/, () => `raw 没有结束（缺少 {% endraw %}）`],
  [/^\[ not closed$/, () => '方括号没有结束（缺少 ]）'],
  [/^duplicated else$/, () => '重复的 else'],
  [/^unexpected elsif after else$/, () => 'else 之后不能再有 elsif'],
  [/^expected filter name$/, () => '“|”之后缺少过滤器名称'],
  [/^expected "\|" before filter$/, () => '过滤器前缺少“|”'],
  [/^expected variable name$/, () => '缺少变量名'],
  [/^unbalanced parentheses$/, () => '括号不成对'],
  [/^invalid range syntax$/, () => '范围写法不对（应为 (1..5)）'],
  [/^illegal (?:liquid )?tag syntax.*$/, () => '标签写法不对'],
  [/^unexpected (?:token|character) (.*?)(?:, value expected)?$/, (t) => `此处不应有 ${t}`],
  [/^invalid value expression: (.*)$/, (t) => `值的写法不对：${t}`],
];

/** A LiquidJS error message in Chinese; one not known keeps its text after a Chinese lead. */
export function liquidMessageZh(msg: string): string {
  const pos = /, (?:file:.*?, )?line:(\d+), col:(\d+)$/.exec(msg);
  const body = pos ? msg.slice(0, pos.index) : msg;
  const where = pos ? `（第 ${pos[1]} 行第 ${pos[2]} 列）` : '';
  for (const [re, zh] of LIQUID_ZH) {
    const m = re.exec(body);
    if (m) return zh(...m.slice(1)) + where;
  }
  return `模板语法错误${where}（${body}）`;
}
