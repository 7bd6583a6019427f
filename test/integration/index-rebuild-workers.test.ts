// A rebuild on worker threads (each writing a scratch database that is copied in with SQL)
// makes the same index as a rebuild in one thread: every table, row for row, with repeat
// links, an empty year folder and a file that is not a case; a file with problems stops
// both the same way, and no scratch database is left behind.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { ensureBuilt, newLedger, ROOT, TEAM } from '../helpers/index.js';
import { writeCases } from '../helpers/gen-cases.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { SqliteStore } from '../../src/index/sqlite.js';
import { LedgerFileError } from '../../src/errors.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const WORKER = join(ROOT, 'dist', 'bundle', 'index-worker.js');
const ONE_THREAD = { worker: null, from: Infinity };
const THREADS = { worker: WORKER, from: 0 };

/** Every table of the index, every row (with the rowids of the rowid tables), in key order. */
function dump(root: string): Record<string, unknown[]> {
  const db = new Database(join(root, '.xinfang', 'index.db'), { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[];
    out.schema = tables;
    for (const t of tables.filter((x) => x.sql.startsWith('CREATE TABLE'))) {
      const rowid = !t.sql.includes('WITHOUT ROWID');
      out[t.name] = db.prepare(`SELECT ${rowid ? 'rowid AS _rowid, ' : ''}* FROM "${t.name}" ORDER BY ${rowid ? 'rowid' : '1, 2'}`).all();
    }
    out.version = [db.pragma('user_version', { simple: true })];
    return out;
  } finally {
    db.close();
  }
}

function rebuild(root: string, parallel: typeof THREADS | typeof ONE_THREAD): { index?: Record<string, unknown[]>; error?: unknown } {
  try {
    SqliteStore.open(Ledger.open(root), { today: '2026-11-25', rebuild: true, parallel }).close();
    return { index: dump(root) };
  } catch (e) {
    return { error: e };
  }
}

describe('a rebuild on worker threads', () => {
  it('makes the index a rebuild in one thread makes, and stops the same way on a bad file', async () => {
    ensureBuilt();
    expect(existsSync(WORKER)).toBe(true);
    const root = await newLedger({ git: false, leaders: TEAM, units: ['民政办', '村镇建设办'] });
    writeCases(root, { n: 400, seed: 11, start: '2025-10-01', end: '2026-11-20' });
    mkdirSync(join(root, 'cases', '2024'), { recursive: true }); // an empty year folder
    writeFileSync(join(root, 'cases', '2026', 'notes.txt'), '不是案件文件');

    const one = rebuild(root, ONE_THREAD);
    const two = rebuild(root, THREADS);
    expect(one.error).toBeUndefined();
    expect(two.error).toBeUndefined();
    expect((one.index!.cases as unknown[]).length).toBe(400);
    expect((one.index!.links as unknown[]).length).toBeGreaterThan(0);
    expect((one.index!.terms as unknown[]).length).toBeGreaterThan(0);
    const matters = new Set((one.index!.cases as { matter: string }[]).map((c) => c.matter));
    expect(matters.size).toBeLessThan(400);
    expect(two.index).toEqual(one.index);

    // A file with problems: both stop with the same message, and the index is as it was.
    writeFileSync(join(root, 'cases', '2026', 'QS-2026-A9999.yaml'), 'id: QS-2026-A9999\nchannel: 飞鸽\n');
    writeFileSync(join(root, 'cases', '2025', 'QS-2025-A9998.yaml'), 'id: [\n');
    const bad1 = rebuild(root, ONE_THREAD);
    const bad2 = rebuild(root, THREADS);
    expect(bad1.error).toBeInstanceOf(LedgerFileError);
    expect(bad2.error).toBeInstanceOf(LedgerFileError);
    expect((bad2.error as LedgerFileError).problems).toEqual((bad1.error as LedgerFileError).problems);
    expect([...new Set((bad1.error as LedgerFileError).problems.map((p) => p.file))]).toEqual(['cases/2025/QS-2025-A9998.yaml', 'cases/2026/QS-2026-A9999.yaml']);
    expect(readdirSync(join(root, '.xinfang')).filter((f) => f.startsWith('rebuild-'))).toEqual([]);

    // The files mended (the folders' times, in meta, have changed): the same index again.
    rmSync(join(root, 'cases', '2026', 'QS-2026-A9999.yaml'));
    rmSync(join(root, 'cases', '2025', 'QS-2025-A9998.yaml'));
    const again = rebuild(root, THREADS).index!;
    expect(again).toEqual(rebuild(root, ONE_THREAD).index);
    expect(again.cases).toEqual(one.index!.cases);
    expect(readdirSync(join(root, '.xinfang')).filter((f) => f.startsWith('rebuild-'))).toEqual([]);
  }, 120_000);

  it('deletes the scratch databases a killed rebuild left behind', async () => {
    ensureBuilt();
    const root = await newLedger({ git: false });
    writeCases(root, { n: 20, seed: 3, start: '2026-01-01', end: '2026-11-20' });
    mkdirSync(join(root, '.xinfang'), { recursive: true });
    // No process has this id (above the kernel's pid_max).
    writeFileSync(join(root, '.xinfang', 'rebuild-99999999-0.db'), 'left over');
    writeFileSync(join(root, '.xinfang', 'rebuild-99999999-1.db-journal'), 'left over');
    rebuild(root, THREADS);
    expect(readdirSync(join(root, '.xinfang')).filter((f) => f.startsWith('rebuild-'))).toEqual([]);
  }, 60_000);

  it('a new deadline rule: a large ledger is rebuilt from its files, a small one re-derived; both as a fresh build', async () => {
    ensureBuilt();
    const root = await newLedger({ git: false, leaders: TEAM, units: ['民政办', '村镇建设办'] });
    writeCases(root, { n: 300, seed: 5, start: '2025-10-01', end: '2026-11-20' });
    const open = (parallel: typeof THREADS | typeof ONE_THREAD) => SqliteStore.open(Ledger.open(root), { today: '2026-11-25', parallel }).close();
    const setTransferDays = (n: number) => {
      const f = join(root, 'xinfang.yaml');
      const text = readFileSync(f, 'utf8');
      expect(text).toMatch(/^ {2}transfer_days: \d+$/m);
      writeFileSync(f, text.replace(/^ {2}transfer_days: \d+$/m, `  transfer_days: ${n}`));
    };
    open(THREADS);
    const before = dump(root);

    // "Large" (from 0 cases here): the index is made anew from the files, exactly as reindex makes it.
    setTransferDays(25);
    open(THREADS);
    const rebuilt = dump(root);
    expect(rebuilt.cases).not.toEqual(before.cases); // the transfer deadlines moved
    expect(rebuild(root, THREADS).index).toEqual(rebuilt);

    // "Small": re-derived in place, row by row (new rowids), with the same rows as a fresh build.
    setTransferDays(15);
    open(ONE_THREAD);
    const byId = (d: Record<string, unknown[]>) => (d.cases as { _rowid: number; id: string }[]).map(({ _rowid, ...r }) => r).sort((a, b) => a.id.localeCompare(b.id));
    const rederived = dump(root);
    expect((rederived.cases as { _rowid: number }[]).map((r) => r._rowid)).not.toEqual((before.cases as { _rowid: number }[]).map((r) => r._rowid));
    expect(byId(rederived)).toEqual(byId(before));
  }, 120_000);
});
