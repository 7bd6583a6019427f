// A full rebuild on two worker threads (src/index/worker.ts). Each worker parses case files
// and writes their rows into a scratch database of its own with the index's schema; the
// calling thread, which holds the index's transaction and so must stay synchronous, only
// waits (showing progress) and then copies the scratch tables in with INSERT … SELECT.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { FileProblem } from '../ledger/yamlfile.js';
import type { DeriveEnv } from './derive.js';
import { builtWorker } from '../paths.js';

/** Files a worker takes from the shared list at a time. */
export const CHUNK = 64;

/** No chunk done by any worker for this long: a worker died. */
const STALL_MS = 120_000;

/** How many workers parse (the machines xinfang runs on have two cores or more). */
const WORKERS = 2;

export interface WorkerData {
  root: string;
  rels: string[];
  rules: DeriveEnv['rules'];
  warnings: DeriveEnv['warnings'];
  today: string;
  /** The worker's scratch database. */
  dbPath: string;
  /** Int32 × 3: a wake-up counter, the next file to take, the files done. */
  signal: SharedArrayBuffer;
}

/** A worker's last message. */
export interface WorkerDone {
  problems: FileProblem[];
  error?: string;
}

/** The built worker beside this module (dist/), or null when running from sources. */
export const workerFile = (): string | null => builtWorker(import.meta.url, ['./index-worker.js', './worker.js']);

/** Scratch databases of a rebuild: `.xinfang/rebuild-PID-N.db` (and a journal a kill left). */
const SCRATCH = /^rebuild-(\d+)-\d+\.db(-journal)?$/;

/** Deletes the scratch databases of processes no longer running (a killed rebuild). */
function removeStale(dir: string): void {
  for (const f of readdirSync(dir)) {
    const m = SCRATCH.exec(f);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (!alive) rmSync(join(dir, f), { force: true });
  }
}

/**
 * Parses and writes `rels` on worker threads into scratch databases in `dir` and returns
 * their paths (and what was wrong with files). The caller copies them in and deletes them
 * (`dropScratch`).
 */
export function buildInWorkers(file: string, dir: string, root: string, rels: string[], env: DeriveEnv, progress?: (done: number, total: number) => void): { parts: string[]; problems: FileProblem[] } {
  mkdirSync(dir, { recursive: true });
  removeStale(dir);
  const signal = new SharedArrayBuffer(12);
  const shared = new Int32Array(signal);
  const parts: string[] = [];
  const ports = Array.from({ length: WORKERS }, (_, i) => {
    const dbPath = join(dir, `rebuild-${process.pid}-${i}.db`);
    rmSync(dbPath, { force: true });
    parts.push(dbPath);
    const { port1, port2 } = new MessageChannel();
    const data: WorkerData & { port: unknown } = { root, rels, rules: env.rules, warnings: env.warnings, today: env.today, dbPath, signal, port: port2 };
    const w = new Worker(file, { workerData: data, transferList: [port2] });
    w.unref();
    return { port: port1, done: null as WorkerDone | null, worker: w };
  });
  let shown = 0;
  // A worker that died (out of memory) cannot say so while this thread waits synchronously:
  // no chunk done for this long means one did.
  let lastWake = -1;
  let lastChange = Date.now();
  let stalled = false;
  while (ports.some((p) => !p.done)) {
    const seen = Atomics.load(shared, 0);
    if (seen !== lastWake) [lastWake, lastChange] = [seen, Date.now()];
    else if (Date.now() - lastChange > STALL_MS) {
      stalled = true;
      break;
    }
    for (const p of ports) {
      const m = p.done ? undefined : receiveMessageOnPort(p.port);
      if (m) p.done = m.message as WorkerDone;
    }
    const n = Atomics.load(shared, 2);
    if (progress && n - shown >= 5000 && n < rels.length) {
      shown = n - (n % 5000);
      progress(shown, rels.length);
    }
    if (ports.some((p) => !p.done)) Atomics.wait(shared, 0, seen, 2000);
  }
  for (const p of ports) {
    p.port.close();
    void p.worker.terminate();
  }
  const error = stalled ? `工作线程 ${STALL_MS / 1000} 秒没有进展（可能内存不足）` : ports.find((p) => p.done!.error)?.done!.error;
  if (error) {
    dropScratch(parts);
    throw new Error(`索引重建失败：${error}`);
  }
  // In the files' order, as a rebuild in one thread reports them.
  const problems = ports.flatMap((p) => p.done!.problems).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { parts, problems };
}

export function dropScratch(parts: readonly string[]): void {
  for (const p of parts) {
    for (const f of [p, `${p}-journal`]) {
      try {
        rmSync(f, { force: true });
      } catch {
        /* still open (Windows): the next rebuild deletes it */
      }
    }
  }
}

/**
 * Copies the rows of the scratch databases into the (empty) tables of `db` in SQL. Every
 * column is copied as it is (the tables have the same schema); the rows of `cases` and `docs`
 * keep their rowids (the files' order) and the term counts are added up.
 */
export function copyParts(db: BetterSqlite3.Database, parts: readonly string[]): void {
  const names = parts.map((_, i) => `part${i}`);
  parts.forEach((p, i) => db.prepare(`ATTACH ? AS ${names[i]}`).run(p));
  const tables = (db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT IN ('meta', 'terms') AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
  for (const t of tables) {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((r) => `"${r.name}"`).filter((c) => c !== '"rowid"');
    const withoutRowid = (db.prepare("SELECT sql FROM main.sqlite_schema WHERE name = ?").get(t) as { sql: string }).sql.includes('WITHOUT ROWID');
    const list = withoutRowid ? cols.join(', ') : `rowid, ${cols.join(', ')}`;
    // In the order of the rowids (or keys): the parts are merged, not sorted.
    const union = names.map((n) => `SELECT ${list} FROM ${n}."${t}"`).join(' UNION ALL ');
    db.exec(`INSERT INTO main."${t}" (${list}) ${withoutRowid ? union : `${union} ORDER BY 1`}`);
  }
  const terms = names.map((n) => `SELECT term, df FROM ${n}.terms`).join(' UNION ALL ');
  db.exec(`INSERT INTO main.terms (term, df) SELECT term, sum(df) FROM (${terms}) GROUP BY term`);
}

export function detachParts(db: BetterSqlite3.Database, parts: readonly string[]): void {
  parts.forEach((_, i) => {
    try {
      db.exec(`DETACH part${i}`);
    } catch {
      /* not attached */
    }
  });
}
