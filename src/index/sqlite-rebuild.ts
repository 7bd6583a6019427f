// A full rebuild of the index from the case files (`xinfang reindex`, a fresh clone, an index
// of another version): every row parsed and derived — on two worker threads for a large
// ledger (parallel.ts), else here — then the secondary indexes, then the matters as the
// connected components of the repeat links (union-find). The store (sqlite.ts) holds the
// transaction; this file only fills the empty tables.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { LedgerFileError } from '../errors.js';
import { CASES_DIR } from '../ledger/cases.js';
import type { FileProblem } from '../ledger/yamlfile.js';
import type { CaseRow, DeriveEnv } from './derive.js';
import { parseFile } from './parse.js';
import { CHILD_TABLES, INDEXES, ROWID_TABLES } from './schema.js';
import { buildInWorkers, copyParts, workerFile } from './parallel.js';

/** Below this many files a rebuild parses in-process (starting threads costs more). */
const PARALLEL_FROM = 3000;
/** From this many cases a change of the rules or the calendar rebuilds from the files (on both cores) instead of re-deriving each row. */
export const REBUILD_FROM = PARALLEL_FROM;

/** What a rebuild needs of the store. */
export interface RebuildHost {
  db: BetterSqlite3.Database;
  root: string;
  env: DeriveEnv;
  /** Where a rebuild parses on worker threads (tests): the worker's file, from how many files. */
  parallel?: { worker: string | null; from: number };
  progress?: (done: number, total: number) => void;
  stmt(sql: string): BetterSqlite3.Statement;
  /** Writes one case's row (fresh: no earlier row to replace). */
  put(p: { rel: string; mtime: number; size: number; row: CaseRow; doc: string }, matter: string, fresh: boolean): void;
  /** The scratch databases attached to the transaction (detached and deleted when it ends). */
  keepScratch(parts: string[]): void;
}

/** Every row from the files of `years`, into the store's empty tables (inside its transaction). */
export function rebuildFromFiles(h: RebuildHost, years: string[]): void {
  const { db, root } = h;
  // Empty tables without their secondary indexes take the rows much faster; the indexes
  // are made once at the end.
  for (const name of INDEXES.matchAll(/CREATE INDEX IF NOT EXISTS (\w+)/g)) db.exec(`DROP INDEX IF EXISTS ${name[1]}`);
  for (const t of ['cases', ...ROWID_TABLES, ...CHILD_TABLES, 'terms']) db.exec(`DELETE FROM ${t}`);
  db.pragma('cache_size = -32768');
  const rels: string[] = [];
  for (const y of [...years].sort()) for (const f of readdirSync(join(root, CASES_DIR, y)).sort()) if (f.endsWith('.yaml') && !f.startsWith('.')) rels.push(`${CASES_DIR}/${y}/${f}`);
  const problems: FileProblem[] = [];
  const worker = h.parallel ? h.parallel.worker : workerFile();
  if (rels.length >= (h.parallel?.from ?? PARALLEL_FROM) && worker) {
    // Parsed and written on worker threads into scratch databases, copied in here in SQL.
    const built = buildInWorkers(worker, join(root, '.xinfang'), root, rels, h.env, h.progress);
    h.keepScratch(built.parts);
    problems.push(...built.problems);
    if (!problems.length) copyParts(db, built.parts);
  } else {
    const df = new Map<string, number>();
    let done = 0;
    for (const rel of rels) {
      const p = parseFile(root, rel, h.env);
      if (++done % 5000 === 0) h.progress?.(done, rels.length);
      if ('gone' in p) continue;
      if ('problems' in p) problems.push(...p.problems);
      else {
        h.put(p, p.row.id, true);
        for (const t of p.row.terms) df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
    const term = h.stmt('INSERT INTO terms (term, df) VALUES (?, ?)');
    for (const [t, n] of df) term.run(t, n);
  }
  h.progress?.(rels.length, rels.length);
  if (problems.length) throw new LedgerFileError(problems);
  db.exec(INDEXES);
  matterComponents(h);
}

/** Matters: connected components of the repeat links among existing cases (union-find), named by their smallest number. */
function matterComponents(h: RebuildHost): void {
  const ids = new Set((h.stmt('SELECT id FROM cases').all() as { id: string }[]).map((r) => r.id));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (y !== r) {
      const n = parent.get(y)!;
      parent.set(y, r);
      y = n;
    }
    return r;
  };
  for (const { a, b } of h.stmt('SELECT id AS a, target AS b FROM links').iterate() as IterableIterator<{ a: string; b: string }>) {
    if (!ids.has(b)) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  }
  const set = h.stmt('UPDATE cases SET matter = ? WHERE id = ?');
  for (const id of parent.keys()) {
    const m = find(id);
    if (m !== id) set.run(m, id);
  }
}
