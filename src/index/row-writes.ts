// How one case's row is replaced or removed in the index (the writes of a command, a sync
// with the files, a re-derive, a rebuild in one thread): its tables, the summary term counts
// repeat recognition weighs by, and the matters (connected components of the repeat links)
// of the cases it touches. The store (sqlite.ts) holds the transaction.
import type BetterSqlite3 from 'better-sqlite3';
import { summaryTerms } from '../domain/similarity.js';
import type { CaseRow } from './derive.js';
import { insertRow } from './rows.js';
import { CHILD_TABLES, ROWID_TABLES } from './schema.js';

export class RowWriter {
  /** While every row is derived again, the term counts are made once at the end. */
  termsOff = false;

  constructor(private stmt: (sql: string) => BetterSqlite3.Statement) {}

  remove(rel: string, seeds: Set<string>): void {
    const old = this.stmt('SELECT rowid AS k, id, matter FROM cases WHERE rel = ?').get(rel) as { k: number; id: string; matter: string } | undefined;
    if (!old) return;
    for (const r of this.stmt('SELECT id FROM cases WHERE matter = ?').all(old.matter) as { id: string }[]) if (r.id !== old.id) seeds.add(r.id);
    this.countTerms(this.storedTerms(old.id), -1);
    this.deleteChildren(old.id);
    this.deleteRow(old.k);
  }

  /** The case's row and the rows that share its rowid (its JSON, facts, summary). */
  private deleteRow(k: number): void {
    for (const t of [...ROWID_TABLES, 'cases']) this.stmt(`DELETE FROM ${t} WHERE rowid = ?`).run(k);
  }

  private deleteChildren(id: string): void {
    for (const t of CHILD_TABLES) this.stmt(`DELETE FROM ${t} WHERE id = ?`).run(id);
  }

  put(p: { rel: string; mtime: number; size: number; row: CaseRow; doc: string }, matter: string, fresh = false): void {
    const r = p.row;
    let termsKept = false;
    if (!fresh) {
      for (const old of this.stmt('SELECT rowid AS k, id FROM cases WHERE id = ? OR rel = ?').all(r.id, p.rel) as { k: number; id: string }[]) {
        const was = this.storedTerms(old.id);
        if (this.termsOff || (old.id === r.id && was.join('\u0000') === r.terms.join('\u0000'))) termsKept = true;
        else this.countTerms(was, -1);
        this.deleteChildren(old.id);
        this.deleteRow(old.k);
      }
    }
    insertRow((sql) => this.stmt(sql), p, matter);
    if (!fresh && !termsKept && !this.termsOff) this.countTerms(r.terms, 1);
  }

  /** The summary terms of a stored case (from its stored summary). */
  private storedTerms(id: string): string[] {
    const d = this.stmt('SELECT s.summary FROM cases c JOIN summaries s ON s.rowid = c.rowid WHERE c.id = ?').get(id) as { summary: string } | undefined;
    return d ? summaryTerms(d.summary) : [];
  }

  private countTerms(terms: readonly string[], delta: number): void {
    const up = this.stmt('INSERT INTO terms (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df');
    for (const t of terms) up.run(t, delta);
  }

  /** The matter of every case connected to a seed: its component of the repeat links, named by its smallest number. */
  recomputeMatters(seeds: Set<string>): void {
    const done = new Set<string>();
    const exists = this.stmt('SELECT 1 FROM cases WHERE id = ?');
    const next = this.stmt('SELECT target AS n FROM links WHERE id = ? UNION SELECT id AS n FROM links WHERE target = ?');
    const set = this.stmt('UPDATE cases SET matter = ? WHERE id = ?');
    for (const seed of seeds) {
      if (done.has(seed) || !exists.get(seed)) continue;
      const comp = [seed];
      done.add(seed);
      for (let i = 0; i < comp.length; i++) {
        for (const { n } of next.all(comp[i], comp[i]) as { n: string }[]) {
          if (!done.has(n) && exists.get(n)) {
            done.add(n);
            comp.push(n);
          }
        }
      }
      const m = comp.reduce((a, b) => (b < a ? b : a));
      for (const id of comp) set.run(m, id);
    }
  }
}
