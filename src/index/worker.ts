// A worker thread of a full rebuild: takes case files from the shared list (a chunk at a
// time, from a counter shared with the other workers), parses them and writes their rows,
// with the index's own schema and mapping (insertRow), into a database of its own. The
// main thread then copies those tables into the index in SQL (src/index/parallel.ts), so
// no row crosses between threads as JavaScript objects.
import { createRequire } from 'node:module';
import { workerData, type MessagePort } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { loadCalendar } from '../calendar/index.js';
import type { FileProblem } from '../ledger/yamlfile.js';
import { parseFile } from './parse.js';
import { SCHEMA } from './schema.js';
import { PAGE_SIZE } from './db-files.js';
import { insertRow } from './rows.js';
import { CHUNK, type WorkerData, type WorkerDone } from './parallel.js';

const { root, rels, rules, warnings, today, dbPath, port, signal } = workerData as WorkerData & { port: MessagePort };
// [0] wakes the main thread, [1] the next file to take, [2] files done (progress).
const shared = new Int32Array(signal);
const wake = () => {
  Atomics.add(shared, 0, 1);
  Atomics.notify(shared, 0);
};
let done: WorkerDone = { problems: [] };
let db: BetterSqlite3.Database | undefined;
try {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  db = new Database(dbPath);
  db.pragma(`page_size = ${PAGE_SIZE}`);
  // A scratch file: deleted after the copy, or left by a killed process and deleted later.
  // Its pages are new ones, which a rollback journal need not keep: the journal in memory.
  // (better-sqlite3's defensive mode refuses journal_mode = OFF.)
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -16384');
  db.exec(SCHEMA);
  const stmts = new Map<string, BetterSqlite3.Statement>();
  const stmt = (sql: string) => {
    let s = stmts.get(sql);
    if (!s) stmts.set(sql, (s = db!.prepare(sql)));
    return s;
  };
  const env = { rules, warnings, today, cal: loadCalendar(root) };
  const problems: FileProblem[] = [];
  const df = new Map<string, number>();
  db.exec('BEGIN');
  for (;;) {
    const start = Atomics.add(shared, 1, CHUNK);
    if (start >= rels.length) break;
    const end = Math.min(start + CHUNK, rels.length);
    for (let i = start; i < end; i++) {
      const p = parseFile(root, rels[i]!, env);
      if ('problems' in p) problems.push(...p.problems);
      else if (!('gone' in p)) {
        // The row's place in the sorted list of files: the index keeps the files' order.
        insertRow(stmt, p, p.row.id, i + 1);
        for (const t of p.row.terms) df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
    Atomics.add(shared, 2, end - start);
    wake();
  }
  const term = stmt('INSERT INTO terms (term, df) VALUES (?, ?)');
  for (const [t, n] of df) term.run(t, n);
  db.exec('COMMIT');
  done = { problems };
} catch (e) {
  done = { problems: [], error: (e as Error).stack ?? String(e) };
} finally {
  try {
    db?.close();
  } catch {
    /* reported above */
  }
  port.postMessage(done);
  wake();
}
