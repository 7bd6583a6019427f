// Reading the office's own files (xinfang.yaml, leaders.yaml, units.yaml, rosters/, calendar/,
// the shipped taxonomy) validated — without loading zod or the yaml package when nothing
// changed. A command keeps, for each file it validated, the file's exact text, the validated
// value and a checksum of the value in .xinfang/cache/NAME.json; the next read uses that value
// only when the file's text is the same, character for character, the entry was written by
// this very build (BUILD, a hash of the sources set by scripts/bundle.mjs) and the value still
// matches its checksum. Validation is a function of the text and the build, so the value is
// the one validating would give. Anything else — a hand edit, a `git checkout`, a missing,
// damaged, altered or foreign entry — means validating for real, with the same messages as
// always. Writes use it too (the checksum keeps a damaged entry's value out of the files they
// write); `check` never does.
//
// The validators (zod schemas, the YAML readers: validate-files.ts) are loaded only on a
// miss (on-demand.ts). Without a bundle (tsc's dist/,
// the tests) there is no BUILD and nothing is cached unless a test sets a key (useReadCache).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { LedgerFileError } from '../errors.js';
import { readLedgerText } from './textfile.js';
import { onDemand } from './on-demand.js';
import type { ReadResult } from './yamlfile.js';

/** The kinds of file this module reads, each with its schema in validate-files.ts. */
export type FileKind = 'config' | 'leaders' | 'units' | 'roster' | 'calendar' | 'taxonomy';

export interface Validators {
  schemas: Record<FileKind, z.ZodType<unknown>>;
  parseYamlText: <T>(file: string, text: string, schema: z.ZodType<T>) => ReadResult<T>;
}

declare const __XINFANG_BUILD__: string | undefined;
/** Set by the bundle (scripts/bundle.mjs): a hash of the sources it was built from. */
const BUILD: string | undefined = typeof __XINFANG_BUILD__ === 'string' ? __XINFANG_BUILD__ : undefined;

let cacheKey: string | undefined = BUILD;
/** The ledger whose .xinfang/cache/ holds the entries; undefined: no caching in this process. */
let cacheHome: string | undefined;

/** Turns caching on for entries under `root`/.xinfang/cache/ (a read-only command's ledger), or off (undefined). */
export function setReadCacheHome(root: string | undefined): void {
  cacheHome = root;
}

/** Tests: the key entries are written with and must match (the bundle's BUILD otherwise). */
export function useReadCache(key: string | undefined): void {
  cacheKey = key;
}

export const CACHE_DIR = join('.xinfang', 'cache');

/** The validators, loaded now if they are not yet (on-demand.ts). */
export function loadValidators(): Validators {
  return onDemand('validate-files').VALIDATORS;
}

interface Entry {
  build: string;
  kind: FileKind;
  rel: string;
  text: string;
  value: unknown;
  /** checksum(JSON of value): an entry damaged (or altered) in the value is not used. */
  sum: string;
}

/** FNV-1a over the UTF-16 units, twice with different offsets (64 bits): against damage, not against forgery. */
export function checksum(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** .xinfang/cache/config~xinfang.yaml.json, roster~rosters~2026-11.yaml.json … */
function entryPath(home: string, kind: FileKind, rel: string): string {
  return join(home, CACHE_DIR, `${kind}~${rel.replace(/[\\/]/g, '~')}.json`);
}

function cachedValue(path: string, key: string, kind: FileKind, rel: string, text: string): { value: unknown } | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const e = JSON.parse(raw) as Partial<Entry> | null;
    if (e && e.build === key && e.kind === kind && e.rel === rel && e.text === text && 'value' in e && e.sum === checksum(JSON.stringify(e.value))) return { value: e.value };
  } catch {
    /* damaged: validated again and written anew */
  }
  return undefined;
}

/** Plain JSON data (what a YAML file validates to): survives JSON.stringify → JSON.parse unchanged. */
function plainJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(plainJson);
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k in v) if (!Object.prototype.hasOwnProperty.call(v, k) || !plainJson((v as Record<string, unknown>)[k]) || k === '__proto__') return false;
  return true;
}

function store(path: string, entry: Entry): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(16).slice(2, 10)}.tmp`;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, path);
  } catch {
    // A cache: a ledger on a read-only disk (or with a file where .xinfang/cache/ would be) just validates every time.
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing was written */
    }
  }
}

/**
 * Reads `rel` under `root` and validates it as `kind`; throws LedgerFileError naming the file
 * and line, exactly as readYaml (yamlfile.ts) does. From the cache when caching is on and the
 * entry holds this very text.
 */
export function readValidated<T>(root: string, rel: string, kind: FileKind, opts: { shipped?: boolean } = {}): T {
  const r = readLedgerText(root, rel);
  if (!r.ok) throw new LedgerFileError([r.problem]);
  const key = cacheKey;
  const home = cacheHome;
  // The ledger's own files, and the tool's (`shipped`: data/); not another ledger's (report --include).
  const path = key && home && (root === home || opts.shipped) ? entryPath(home, kind, rel) : undefined;
  if (path) {
    const hit = cachedValue(path, key!, kind, rel, r.text);
    if (hit) return hit.value as T;
  }
  const v = loadValidators();
  const res = v.parseYamlText(rel, r.text, v.schemas[kind]);
  if (!res.ok) throw new LedgerFileError(res.problems);
  if (path && plainJson(res.value)) store(path, { build: key!, kind, rel, text: r.text, value: res.value, sum: checksum(JSON.stringify(res.value)) });
  return res.value as T;
}
