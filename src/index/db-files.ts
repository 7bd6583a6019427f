// The index's database file and what it was built with: removing it, telling a damaged one,
// comparing the year folders' times, the tool's version.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { PKG_ROOT } from '../paths.js';
import { sleepSync } from '../ledger/sleep.js';

/**
 * The page size of a rebuild's scratch databases (src/index/worker.ts). A case's JSON is
 * ~3.5 kB: with SQLite's default 4 kB pages many spill into an overflow page each; with
 * 16 kB pages a worker writes its rows about a quarter faster. The index itself keeps the
 * default 4 kB pages: with 16 kB pages `due`, `case list --overdue` and `report stats`,
 * which read scattered rows, took 20–30 % more CPU (and the rebuild's copy would be faster).
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

/**
 * Puts the index in WAL mode. While another process builds it from nothing (with a rollback
 * journal, then WAL again) the change is refused at once with SQLITE_BUSY — SQLite's busy
 * timeout does not wait for it — so it is tried again for up to 15 s (four `visit add` at the
 * same moment on a new ledger failed with "database is locked" under load).
 */
export function walMode(db: BetterSqlite3.Database): void {
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > until) throw e;
      sleepSync(20);
    }
  }
}
