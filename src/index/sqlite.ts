// The case index: a SQLite database in .xinfang/index.db (better-sqlite3), derived from the
// case files and never the source of truth. Opening it brings it up to date without reading
// every file: each year folder's modification time and the git HEAD are compared with what
// the index last saw, and only a folder that changed is listed again (its files' mtime and
// size against the rows). A missing, damaged or older-version index is rebuilt; a change of
// the deadline rules or the calendar recomputes the derived columns from the stored cases.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { foldCase } from '../domain/case.js';
import type { CaseFile } from '../domain/events.js';
import { LedgerFileError } from '../errors.js';
import { CASES_DIR } from '../ledger/cases.js';
import type { Ledger } from '../ledger/ledger.js';
import type { FileProblem } from '../ledger/yamlfile.js';
import { loadCalendar } from '../calendar/index.js';
import { deriveFromState, type DeriveEnv } from './derive.js';
import { parseFile } from './parse.js';
import { REBUILD_FROM, rebuildFromFiles } from './sqlite-rebuild.js';
import { INDEX_FILE, INDEX_VERSION, INDEXES, SCHEMA } from './schema.js';
import { gitChanged, readHead } from './git-state.js';
import { detachParts, dropScratch } from './parallel.js';
import { isCorruption, removeIndex, sameDirs, toolVersion, walMode } from './db-files.js';
import { RowWriter } from './row-writes.js';
import { SqliteQueries } from './sqlite-queries.js';
import type { CaseStore } from './store.js';

type DB = BetterSqlite3.Database;
const require = createRequire(import.meta.url);

export interface OpenOptions {
  /** The command's day (volatile rows depend on it). */
  today: string;
  /** Rebuild from the files whatever the index holds (`xinfang reindex`). */
  rebuild?: boolean;
  /** Progress of a long rebuild (a TTY shows it). */
  progress?: (done: number, total: number) => void;
  /** Where a rebuild parses on worker threads (tests): the worker's file, from how many files. */
  parallel?: { worker: string | null; from: number };
}

export class SqliteStore extends SqliteQueries implements CaseStore {
  readonly kind = 'sqlite' as const;
  private envCache?: DeriveEnv;
  /** Each case's row replaced or removed, with its term counts and matters (row-writes.ts). */
  private rows = new RowWriter((sql) => this.stmt(sql));
  /** The scratch databases of a rebuild on worker threads (attached until the transaction ends). */
  private scratch: string[] = [];

  private constructor(
    db: DB,
    private ledger: Ledger,
    private opts: OpenOptions,
  ) {
    super(db);
  }

  static open(ledger: Ledger, opts: OpenOptions): SqliteStore {
    const dir = join(ledger.root, '.xinfang');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, INDEX_FILE);
    rmSync(join(dir, 'index.json'), { force: true }); // the cache of earlier versions
    const Database = require('better-sqlite3') as typeof BetterSqlite3;
    let store: SqliteStore | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      let db: DB | undefined;
      try {
        db = new Database(path, { timeout: 15_000 });
        walMode(db);
        db.pragma('synchronous = NORMAL');
        const version = db.pragma('user_version', { simple: true }) as number;
        if (version !== INDEX_VERSION || opts.rebuild) {
          if (version !== 0 || opts.rebuild) {
            db.close();
            removeIndex(path);
            db = new Database(path, { timeout: 15_000 });
            walMode(db);
            db.pragma('synchronous = NORMAL');
          }
          db.exec('BEGIN IMMEDIATE');
          if ((db.pragma('user_version', { simple: true }) as number) === 0) {
            db.exec(SCHEMA);
            db.exec(INDEXES);
            db.pragma(`user_version = ${INDEX_VERSION}`);
          }
          db.exec('COMMIT');
        }
        // Up to 8 MB of pages kept by SQLite (four times its default); the system's file cache holds
        // the rest. A 64 MB cache (as before) made no command at 100,000 cases faster — not even a
        // full list, which asks for each batch's matters while its own query runs — and cost the
        // long ones ~55 MB of peak memory (`case list` of every case 287 → 232 MB, `check`
        // 206 → 148 MB, `case list --json` 226 → 163 MB).
        db.pragma('cache_size = -8192');
        store = new SqliteStore(db, ledger, opts);
        if (store.rebuildDue()) {
          // As `xinfang reindex` does: a new index from the files, on both cores.
          db.close();
          removeIndex(path);
          continue;
        }
        store.sync();
        return store;
      } catch (e) {
        if (e instanceof LedgerFileError) throw e;
        try {
          db?.close();
        } catch {
          /* already closed */
        }
        // A damaged index file: start again from the files.
        if (attempt === 0 && isCorruption(e)) {
          removeIndex(path);
          continue;
        }
        throw e;
      }
    }
    throw new Error('unreachable');
  }

  close(): void {
    this.db.close();
  }

  private meta(k: string): string | undefined {
    return (this.stmt('SELECT v FROM meta WHERE k = ?').get(k) as { v: string } | undefined)?.v;
  }
  private setMeta(k: string, v: string): void {
    this.stmt('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v').run(k, v);
  }

  private env(): DeriveEnv {
    this.envCache ??= { rules: this.ledger.config.deadlines, warnings: this.ledger.config.warnings, cal: loadCalendar(this.ledger.root), today: this.opts.today };
    return this.envCache;
  }

  /**
   * The rules, the calendar or the tool changed (every row's derived columns must be made
   * again) and the ledger is large: rebuilding from the files on both cores is faster than
   * re-deriving row by row in sync (100,000 cases: ~25 s against ~46 s), and takes the
   * memory of a cold build. A small ledger re-derives.
   */
  private rebuildDue(): boolean {
    const seen = this.meta('sig');
    return seen !== undefined && seen !== this.signature() && this.count() >= (this.opts.parallel?.from ?? REBUILD_FROM);
  }

  /** What derived columns depend on besides the case file: the rules and the calendar. */
  private signature(): string {
    const cfg = this.ledger.config;
    const calDir = join(this.ledger.root, 'calendar');
    const cal = existsSync(calDir)
      ? readdirSync(calDir)
          .sort()
          .map((f) => {
            const st = statSync(join(calDir, f));
            return `${f}:${st.mtimeMs}:${st.size}`;
          })
      : [];
    return JSON.stringify({ d: cfg.deadlines, w: cfg.warnings, cal, tool: toolVersion() });
  }

  /** Sets the journal mode; false when it cannot change now (another connection has the index open). */
  private journal(mode: 'delete' | 'wal'): boolean {
    try {
      return String(this.db.pragma(`journal_mode = ${mode}`, { simple: true })).toLowerCase() === mode;
    } catch {
      return false;
    }
  }

  // ---- freshness ----------------------------------------------------------------

  /** Brings the index up to date with the files (see the file comment). */
  sync(): void {
    const root = this.ledger.root;
    const casesDir = join(root, CASES_DIR);
    const years = existsSync(casesDir) ? readdirSync(casesDir).filter((y) => /^\d{4}$/.test(y)) : [];
    const dirsNow: Record<string, number> = {};
    for (const y of years) {
      try {
        const st = statSync(join(casesDir, y));
        if (st.isDirectory()) dirsNow[y] = st.mtimeMs;
      } catch {
        /* vanished meanwhile */
      }
    }
    const head = readHead(root);
    const sig = this.signature();
    const dirsSeen = JSON.parse(this.meta('dirs') ?? '{}') as Record<string, number>;
    const headSeen = this.meta('head') ?? '';
    const sigSeen = this.meta('sig');
    const empty = this.meta('built') === undefined;
    const same = !empty && sig === sigSeen && head === headSeen && sameDirs(dirsSeen, dirsNow);
    if (same) return;

    // Built from nothing: with a rollback journal the new pages are written once (WAL writes
    // them twice: to the log, then into the file). Only while no other connection has the
    // index open (the mode cannot change then); WAL again afterwards.
    const bulk = empty && this.journal('delete');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      // Another process may have brought it up to date while this one waited for the lock.
      const dirsSeen2 = JSON.parse(this.meta('dirs') ?? '{}') as Record<string, number>;
      const empty2 = this.meta('built') === undefined;
      if (empty2) {
        this.rebuild(years.filter((y) => y in dirsNow));
      } else {
        if (this.meta('sig') !== sig) this.rederive();
        const seeds = new Set<string>();
        const refreshed = new Set<string>();
        const problems: FileProblem[] = [];
        for (const y of Object.keys(dirsSeen2)) if (!(y in dirsNow)) for (const r of this.stmt('SELECT rel FROM cases WHERE year = ?').all(y) as { rel: string }[]) this.rows.remove(r.rel, seeds);
        for (const y of Object.keys(dirsNow)) if (dirsSeen2[y] !== dirsNow[y]) this.scanDir(y, seeds, refreshed, problems);
        const headSeen2 = this.meta('head') ?? '';
        if (head !== headSeen2 && headSeen2 && head) {
          const changed = gitChanged(root, headSeen2, head);
          if (changed) for (const rel of changed) if (!refreshed.has(rel)) this.refresh(rel, seeds, problems);
          // git cannot tell (the old commit is gone: history rewritten, gc): compare every
          // file's mtime and size with its row instead.
          else for (const y of Object.keys(dirsNow)) if (dirsSeen2[y] === dirsNow[y]) this.scanDir(y, seeds, refreshed, problems);
        }
        this.rows.recomputeMatters(seeds);
        if (problems.length) throw new LedgerFileError(problems);
      }
      this.setMeta('dirs', JSON.stringify(dirsNow));
      this.setMeta('head', head);
      this.setMeta('sig', sig);
      this.setMeta('built', 'yes');
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    } finally {
      if (bulk) this.journal('wal');
      if (this.scratch.length) {
        detachParts(this.db, this.scratch);
        dropScratch(this.scratch);
        this.scratch = [];
      }
    }
  }

  private scanDir(year: string, seeds: Set<string>, refreshed: Set<string>, problems: FileProblem[]): void {
    const dir = join(this.ledger.root, CASES_DIR, year);
    const rows = new Map((this.stmt('SELECT rel, mtime, size FROM cases WHERE year = ?').all(year) as { rel: string; mtime: number; size: number }[]).map((r) => [r.rel, r]));
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.yaml') || f.startsWith('.')) continue;
      const rel = `${CASES_DIR}/${year}/${f}`;
      const row = rows.get(rel);
      rows.delete(rel);
      let st;
      try {
        st = statSync(join(dir, f));
      } catch {
        continue;
      }
      if (row && st.isFile() && row.mtime === st.mtimeMs && row.size === st.size) continue;
      refreshed.add(rel);
      this.refresh(rel, seeds, problems);
    }
    for (const rel of rows.keys()) this.rows.remove(rel, seeds);
  }

  /** Reads one file again and replaces its row (or removes it when the file is gone). */
  private refresh(rel: string, seeds: Set<string>, problems: FileProblem[]): void {
    const p = parseFile(this.ledger.root, rel, this.env());
    if ('gone' in p) return this.rows.remove(rel, seeds);
    if ('problems' in p) {
      problems.push(...p.problems);
      return;
    }
    const old = this.stmt('SELECT id, matter FROM cases WHERE rel = ?').get(rel) as { id: string; matter: string } | undefined;
    if (old) {
      for (const r of this.stmt('SELECT id FROM cases WHERE matter = ?').all(old.matter) as { id: string }[]) seeds.add(r.id);
    }
    this.rows.put(p, p.row.id);
    seeds.add(p.row.id);
    for (const t of p.row.links) seeds.add(t);
  }

  /** The rules or the calendar changed: recompute every row's derived columns from its stored case. */
  private rederive(): void {
    const env = this.env();
    // In batches, so that a county's cases are never all in memory at once.
    const batch = this.stmt('SELECT c.rowid AS k, c.rel, c.mtime, c.size, c.matter, d.doc FROM cases c JOIN docs d ON d.rowid = c.rowid WHERE c.rowid > ? ORDER BY c.rowid LIMIT 2000');
    const ids = (this.stmt('SELECT max(rowid) AS m FROM cases').get() as { m: number | null }).m ?? 0;
    // The dictionary of summaries may have changed with the tool: the term counts are made again.
    const df = new Map<string, number>();
    this.rows.termsOff = true;
    for (let after = 0; after < ids; ) {
      const rows = batch.all(after) as { k: number; rel: string; mtime: number; size: number; matter: string; doc: string }[];
      if (!rows.length) break;
      after = rows[rows.length - 1]!.k;
      for (const c of rows) {
        const row = deriveFromState(foldCase(JSON.parse(c.doc) as CaseFile), env);
        this.rows.put({ rel: c.rel, mtime: c.mtime, size: c.size, row, doc: c.doc }, c.matter);
        for (const t of row.terms) df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
    this.rows.termsOff = false;
    this.db.exec('DELETE FROM terms');
    const term = this.stmt('INSERT INTO terms (term, df) VALUES (?, ?)');
    for (const [t, n] of df) term.run(t, n);
  }

  /** Every row from the files (sqlite-rebuild.ts). */
  private rebuild(years: string[]): void {
    rebuildFromFiles(
      {
        db: this.db,
        root: this.ledger.root,
        env: this.env(),
        parallel: this.opts.parallel,
        progress: this.opts.progress,
        stmt: (sql) => this.stmt(sql),
        put: (p, matter, fresh) => this.rows.put(p, matter, fresh),
        keepScratch: (parts) => (this.scratch = parts),
      },
      years,
    );
  }

  written(rels: readonly string[]): void {
    const root = this.ledger.root;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const seeds = new Set<string>();
      const problems: FileProblem[] = [];
      for (const rel of rels) if (rel.startsWith(`${CASES_DIR}/`) && rel.endsWith('.yaml')) this.refresh(rel, seeds, problems);
      this.rows.recomputeMatters(seeds);
      // A file that cannot be read (never one xinfang wrote): leave the folder's time as it
      // was, so that the next command lists the folder again and reports the file.
      if (problems.length) return void this.db.exec('COMMIT');
      // What this process wrote is in; the folders' new times and the new HEAD are ours.
      const dirs = JSON.parse(this.meta('dirs') ?? '{}') as Record<string, number>;
      for (const y of new Set(rels.filter((r) => r.startsWith(`${CASES_DIR}/`)).map((r) => r.split('/')[1]!))) {
        try {
          dirs[y] = statSync(join(root, CASES_DIR, y)).mtimeMs;
        } catch {
          delete dirs[y];
        }
      }
      this.setMeta('dirs', JSON.stringify(dirs));
      this.setMeta('head', readHead(root));
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }
}
