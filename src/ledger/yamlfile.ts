// The file layer: every YAML file is read through here and validated with its zod schema;
// a problem names the file, the line, the field and what is allowed. Writes are atomic: a
// unique temp file is written and fsynced, then renamed over the old one, so a crash leaves
// either the old file or the new one, never half of either.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type * as YamlNS from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';
import { LedgerFileError } from '../errors.js';
import { maskPiiText } from '../domain/identity.js';
import { fastYaml } from './fastyaml.js';
import { readLedgerText } from './textfile.js';

const requireHere = createRequire(import.meta.url);
let yamlModule: typeof YamlNS | undefined;

declare const __XINFANG_BUILD__: string | undefined;
/**
 * In the bundle, the package built into one CommonJS file beside the chunks
 * (scripts/bundle.mjs: yaml-BUILD.cjs, one file instead of ~75); else from node_modules.
 */
const YAML_ID = typeof __XINFANG_BUILD__ === 'string' ? `./yaml-${__XINFANG_BUILD__}.cjs` : 'yaml';

/**
 * The yaml package, loaded on first use: files that xinfang wrote are read by the fast
 * reader (fastyaml.ts); the full parser is needed for other files, for line numbers of a
 * problem, and for writing. (Kept out of the chunks, so start-up does not pay for it.)
 */
export function yamlLib(): typeof YamlNS {
  return (yamlModule ??= requireHere(YAML_ID) as typeof YamlNS);
}

export interface FileProblem {
  file: string;
  line: number;
  message: string;
  field?: string;
}

export type ReadResult<T> = { ok: true; value: T; lineOf: (path: (string | number)[]) => number } | { ok: false; problems: FileProblem[] };

const FIELD_ZH: Record<string, string> = {};

/** Human path: leaders[2].role */
export function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || '（整个文件）';
}

/** Chinese text for one zod issue: names the field and what is allowed. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const field = fieldPath(issue.path);
  const label = FIELD_ZH[field] ? `${field}（${FIELD_ZH[field]}）` : field;
  switch (issue.code) {
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) return `${label}：缺少必填字段（应为 ${typeZh(issue.expected)}）`;
      return `${label}：应为 ${typeZh(issue.expected)}，实际是 ${quoteInput(input)}`;
    }
    case 'invalid_value':
      return `${label}：不允许的值 ${quoteInput((issue as { input?: unknown }).input)}；允许：${issue.values.map(String).join('、')}`;
    case 'too_small':
      return `${label}：${issue.origin === 'string' ? '不能为空' : issue.origin === 'array' ? `至少 ${String(issue.minimum)} 项` : `不能小于 ${String(issue.minimum)}`}`;
    case 'too_big':
      return `${label}：${issue.origin === 'array' ? `至多 ${String(issue.maximum)} 项` : `不能大于 ${String(issue.maximum)}`}`;
    case 'unrecognized_keys':
      return `${label}：不认识的字段 ${issue.keys.join('、')}（是否拼错？）`;
    case 'invalid_format':
      return `${label}：格式不对，${issue.message}`;
    case 'custom':
      return `${label}：${issue.message}`;
    default:
      return `${label}：${issue.message}`;
  }
}

/** A value from the file as quoted in a message: ID and phone numbers in it masked (an unquoted phone is a number). */
function quoteInput(input: unknown): string {
  return maskPiiText(JSON.stringify(input) ?? String(input));
}

function typeZh(t: string): string {
  return ({ string: '文本', number: '数字', boolean: 'true 或 false', array: '列表', object: '键值表', date: '日期' } as Record<string, string>)[t] ?? t;
}

/** Line (1-based) of the node at a path, or of its nearest ancestor. */
function lineFinder(doc: YamlNS.Document.Parsed, lc: YamlNS.LineCounter) {
  const { isMap, isSeq } = yamlLib();
  return (path: readonly PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let best = 1;
    const lineOfNode = (n: unknown) => {
      const r = (n as Node | null)?.range;
      return r ? lc.linePos(r[0]).line : undefined;
    };
    best = lineOfNode(node) ?? 1;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        const kl = lineOfNode(pair.key);
        if (kl) best = kl;
        node = pair.value;
        const vl = lineOfNode(node);
        if (vl && !isMap(node) && !isSeq(node)) best = vl;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        const l = lineOfNode(node);
        if (l) best = l;
        else break;
      } else break;
    }
    return best;
  };
}

/** Parses and validates text; never throws. */
export function parseYamlText<T>(file: string, text: string, schema: z.ZodType<T>): ReadResult<T> {
  // What xinfang wrote: the fast reader, and line numbers only if someone asks for one.
  const fast = fastYaml(text);
  if (fast !== undefined) {
    const res = schema.safeParse(fast);
    if (res.success) {
      let full: ReadResult<T> | undefined;
      return {
        ok: true,
        value: res.data,
        lineOf: (path) => {
          full ??= parseFull(file, text, schema);
          return full.ok ? full.lineOf(path) : 1;
        },
      };
    }
  }
  return parseFull(file, text, schema);
}

function parseFull<T>(file: string, text: string, schema: z.ZodType<T>): ReadResult<T> {
  const { LineCounter, parseDocument } = yamlLib();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // After the first syntax error the parser's further errors are mostly its echo; keep
    // the first one and every duplicate key (each is a separate mistake).
    const errors = doc.errors.filter((e, i) => i === 0 || e.code === 'DUPLICATE_KEY');
    return {
      ok: false,
      problems: errors.map((e) => {
        const from = lc.linePos(e.pos[0]).line;
        // A value that swallowed the next line (that line indented too deep) spans lines.
        const to = Math.max(from, ...doc.errors.filter((x) => lc.linePos(x.pos[0]).line === from).map((x) => lc.linePos(Math.max(x.pos[0], x.pos[1] - 1)).line));
        const where = to > from ? `；请检查第 ${from}–${to} 行的缩进` : '';
        return { file, line: from, message: `YAML 语法错误：${yamlErrorZh(e.code)}${where}（${yamlErrorWhere(text, e.code, e.pos, lc)}）` };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 }) ?? {};
  } catch (e) {
    // An alias without its anchor (*a before &a), or an alias bomb: not a file we can read.
    const bomb = /excessive alias count/i.test((e as Error).message);
    return { ok: false, problems: [{ file, line: 1, message: `YAML 语法错误：${bomb ? '别名（*）展开过多（超过 1000 次），不是 xinfang 写出的文件' : '别名（*）无法解析：引用的锚点（&）不存在或在它之后'}` }] };
  }
  const lineOf = lineFinder(doc, lc);
  // reportInput: so that a message can show the value that was wrong, not “undefined”.
  const res = schema.safeParse(data, { reportInput: true });
  if (!res.success) {
    return {
      ok: false,
      problems: res.error.issues.map((i) => ({ file, line: lineOf(i.path), message: issueMessage(i), field: fieldPath(i.path) })),
    };
  }
  return { ok: true, value: res.data, lineOf };
}

function yamlErrorZh(code: string): string {
  return (
    ({
      DUPLICATE_KEY: '字段重复',
      BAD_INDENT: '缩进不对',
      MISSING_CHAR: '缺少字符',
      UNEXPECTED_TOKEN: '多余或错位的符号',
      BLOCK_AS_IMPLICIT_KEY: '缩进或冒号位置不对',
      MULTILINE_IMPLICIT_KEY: '键不能跨行',
      TAB_AS_INDENT: '不能用 Tab 缩进',
      BAD_DQ_ESCAPE: '双引号中的转义（\\）不对',
      BAD_SCALAR_START: '值的开头字符不能这样用（如 @、`、%，请给值加引号）',
      BLOCK_IN_FLOW: '方括号或花括号中不能有块状内容',
      KEY_OVER_1024_CHARS: '键过长（超过 1024 个字符）',
      MULTIPLE_DOCS: '一个文件中有多个文档（---）',
      MULTIPLE_ANCHORS: '一个值有多个锚点（&）',
      MULTIPLE_TAGS: '一个值有多个标签（!）',
      BAD_ALIAS: '别名（*）不对',
      ALIAS_PROPS: '别名（*）不能带锚点或标签',
      BAD_DIRECTIVE: '指令（%）不对',
      BAD_PROP_ORDER: '锚点与标签的位置不对',
      NON_STRING_KEY: '键应为文字',
      TAG_RESOLVE_FAILED: '标签（!）无法识别',
      BAD_COLLECTION_TYPE: '列表与字段混用',
      IMPOSSIBLE: '无法解析',
    }) as Record<string, string>
  )[code] ?? `格式不对（${code}）`;
}

/** Where a YAML error is, in Chinese (the library's own message is English): the key repeated, or line and column. */
function yamlErrorWhere(text: string, code: string, pos: [number, number], lc: { linePos(offset: number): { line: number; col: number } }): string {
  const p = lc.linePos(pos[0]);
  const at = `第 ${p.line} 行第 ${p.col} 列`;
  if (code !== 'DUPLICATE_KEY') return at;
  const key = text.slice(pos[0]).split('\n')[0]!.replace(/:(\s.*)?$/, '').trim();
  return key ? `“${key.slice(0, 40)}”出现不止一次，${at}` : at;
}

/** Reads and validates a ledger file; throws LedgerFileError naming file and line. */
export function readYaml<T>(root: string, rel: string, schema: z.ZodType<T>): T {
  const r = readYamlResult(root, rel, schema);
  if (!r.ok) throw new LedgerFileError(r.problems);
  return r.value;
}

export function readYamlResult<T>(root: string, rel: string, schema: z.ZodType<T>): ReadResult<T> {
  // A folder in the file's place, bytes that are not UTF-8 …: a problem of the file (textfile.ts).
  const r = readLedgerText(root, rel);
  if (!r.ok) return { ok: false, problems: [r.problem] };
  return parseYamlText(rel, r.text, schema);
}

export function toYaml(value: unknown): string {
  return yamlLib().stringify(value, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', aliasDuplicateObjects: false });
}

/** Writes text to a new, uniquely named temp file beside `path` and fsyncs it; returns its path. */
export function writeTempFile(path: string, text: string): string {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/** Writes text atomically: unique temp file, fsync, rename, fsync the folder. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = writeTempFile(path, text);
  try {
    renameSync(tmp, path);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  try {
    const dfd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  }
}

/** Validates (which also fixes key order) and writes a ledger file atomically. */
export function writeYaml<T>(root: string, rel: string, schema: z.ZodType<T>, value: T, header?: string): void {
  const parsed = schema.parse(value);
  const text = (header ? header.replace(/^/gm, '# ') + '\n' : '') + toYaml(parsed);
  writeFileAtomic(join(root, rel), text);
}
