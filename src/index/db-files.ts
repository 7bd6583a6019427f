// The index's database file and what it was built with: removing it, telling a damaged one,
// comparing the year folders' times, the tool's version.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PKG_ROOT } from '../paths.js';

/**
 * The page size of a new index file (and of a rebuild's scratch databases). A case's JSON is
 * ~3.5 kB: with SQLite's default 4 kB pages many spill into an overflow page each; with 16 kB
 * pages the file is about a quarter smaller and a rebuild writes and copies it much faster.
 * It only applies to a file being created (an existing index keeps its pages until rebuilt).
 */
export const PAGE_SIZE = 16384;

export function sameDirs(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

export function isCorruption(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return /^SQLITE_(CORRUPT|NOTADB|CANTOPEN|IOERR|FORMAT|ERROR)/.test(code) || /malformed|not a database|no such table|no such column/.test(String((e as Error).message));
}

export function removeIndex(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(p, { force: true });
}

let toolVersionCache: string | undefined;
export function toolVersion(): string {
  if (toolVersionCache === undefined) {
    try {
      toolVersionCache = String((JSON.parse(readFileSync(join(PKG_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '');
    } catch {
      toolVersionCache = '';
    }
  }
  return toolVersionCache;
}
