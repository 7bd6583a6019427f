// The questions the use cases ask of the index (CaseStore), in SQL: the candidates of each
// filter (src/index/store.ts says which are exact and which are candidate filters), the
// stored deadlines of `due`, the statistics facts of a period, matters, petitioner keys,
// term counts. SqliteStore (sqlite.ts) adds opening, freshness and writes.
import type BetterSqlite3 from 'better-sqlite3';
import { foldCase, type CaseState, type Status } from '../domain/case.js';
import type { CaseFile, Channel, Petitioner } from '../domain/events.js';
import { LedgerFileError } from '../errors.js';
import type { FileProblem } from '../ledger/yamlfile.js';
import { personKeys } from './derive.js';
import type { TermStats } from '../domain/similarity.js';
import { searchWhere } from './search-sql.js';
import type { StatsInput } from '../domain/stats.js';
import { unpackFacts } from './facts-codec.js';
import { listFilterExact, passes, type CaseFilter, type ClerkRow, type DueCandidate, type DutyRow, type ListItem, type Matter, type Reception, type RecurRow, windowEnd } from './store.js';
import { unpackListFacts } from './list-codec.js';
import { parseStored, runningDates, unpackParsed, unpackStored, type StoredDeadlines } from './stored-deadlines.js';

/** The most of the index file that statistics map into memory (bytes). */
const STATS_MMAP = 1 << 30;

function isWindowOnly(f: CaseFilter): boolean {
  return f.window !== undefined && Object.keys(f).every((k) => k === 'window' || f[k as keyof CaseFilter] === undefined);
}

/**
 * The stored facts of a statistics window (see `where`, f.window): cases received by its end
 * that reach into it, and volatile ones, without those to fold (suspended, or changed after
 * asOf).
 */
function windowFacts(from: string, end: string, asOf: string): [string, unknown[]] {
  const sql = `SELECT f.facts FROM cases c INDEXED BY cases_reach JOIN facts f ON f.rowid = c.rowid
      WHERE c.reach >= ? AND c.received <= ? AND c.susp = 0 AND c.last_date <= ?
    UNION ALL SELECT f.facts FROM cases c INDEXED BY cases_volatile JOIN facts f ON f.rowid = c.rowid
      WHERE c.volatile = 1 AND c.received <= ? AND c.reach < ? AND c.susp = 0 AND c.last_date <= ?`;
  return [sql, [from, end, asOf, end, from, asOf]];
}

export abstract class SqliteQueries {
  private stmts = new Map<string, BetterSqlite3.Statement>();
  /** What the last sync found wrong with case files (reported by every many-case question). */
  protected problems: FileProblem[] = [];

  protected constructor(protected db: BetterSqlite3.Database) {}

  /** Prepares (once per connection) and returns the statement of `sql`. */
  protected stmt(sql: string): BetterSqlite3.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  // ---- questions ----------------------------------------------------------------

  private where(f: CaseFilter): { sql: string; args: unknown[] } {
    const w: string[] = [];
    const a: unknown[] = [];
    if (f.status) w.push('status = ?') && a.push(f.status);
    if (f.leader) w.push('(owner = ? OR receiver = ?)') && a.push(f.leader, f.leader);
    if (f.unit) w.push('id IN (SELECT id FROM units WHERE unit = ?)') && a.push(f.unit);
    if (f.channel) w.push('channel = ?') && a.push(f.channel);
    if (f.repeat) w.push('repeat = 1');
    if (f.open) w.push('open = 1');
    if (f.from) w.push('received >= ?') && a.push(f.from);
    if (f.to) w.push('received <= ?') && a.push(f.to);
    if (f.dueBy) w.push('open = 1 AND (moving = 1 OR due_min <= ?)') && a.push(f.dueBy);
    if (f.attention) w.push('open = 1 AND (moving = 1 OR needs_instr = 1 OR due_min <= ?)') && a.push(f.attention);
    if (f.window) {
      // Received by the period's end (and by asOf) and: anything dated from the period's start
      // on (its reach: registered, a further visit, closure or reopening, its handling
      // deadline — a few cases more than those with such a date inside the period, which
      // periodStats leaves out); or its figures can move with the day (volatile), or it has
      // events after asOf (judged as it stood then). One covering index range and two small
      // ones (an OR of them would scan every row).
      const { from, end } = windowEnd(f.window);
      const asOf = f.window.asOf;
      w.push(`rowid IN (SELECT rowid FROM cases INDEXED BY cases_reach WHERE reach >= ? AND received <= ?
        UNION SELECT rowid FROM cases WHERE volatile = 1
        UNION SELECT rowid FROM cases INDEXED BY cases_last WHERE last_date > ?) AND received <= ?`);
      a.push(from, end, asOf, end);
    }
    if (f.contacts) {
      // The window's candidates without those that count only for deadlines (a contact is a
      // registration or a further visit, each dated on a day the index keeps).
      const { from, end } = windowEnd(f.contacts);
      const asOf = f.contacts.asOf;
      w.push(`rowid IN (SELECT rowid FROM cases WHERE received >= ? AND received <= ?
        UNION SELECT rowid FROM cases INDEXED BY cases_last WHERE last_date > ?
        UNION SELECT c.rowid FROM sdays d JOIN cases c ON c.id = d.id WHERE d.date >= ? AND d.date <= ?) AND received <= ?`);
      a.push(from, end, asOf, from, end, end);
    }
    if (f.brief) {
      w.push('((open = 1 AND owner = ?) OR recurring = 1 OR id IN (SELECT id FROM appointments WHERE date = ? AND leader = ?))');
      a.push(f.brief.leader, f.brief.date, f.brief.leader);
    }
    if (f.ids) w.push('id IN (SELECT value FROM json_each(?))') && a.push(JSON.stringify(f.ids));
    searchWhere(f, w, a);
    // As a union of two index searches (an OR of the two would scan every row).
    if (f.clerk) w.push('rowid IN (SELECT rowid FROM cases WHERE todo > 0 AND open = 1 UNION ALL SELECT rowid FROM cases WHERE followup_from >= ?)') && a.push(f.clerk.followupSince);
    if (f.ownedOpen) w.push('open = 1 AND owner IS NOT NULL');
    if (f.openGroup !== undefined) w.push('open = 1 AND (people >= ? OR repeat = 1)') && a.push(f.openGroup);
    return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', args: a };
  }

  private check(): void {
    if (this.problems.length) throw new LedgerFileError(this.problems);
  }

  each(f: CaseFilter, fn: (s: CaseState) => void): void {
    for (const s of this.iterate(f)) fn(s);
  }

  *iterate(f: CaseFilter): Generator<CaseState> {
    this.check();
    const { sql, args } = this.where(f);
    for (const r of this.db.prepare(`SELECT (SELECT doc FROM docs WHERE docs.rowid = cases.rowid) AS doc FROM cases ${sql} ORDER BY received, id`).iterate(...args) as IterableIterator<{ doc: string }>) {
      const s = foldCase(JSON.parse(r.doc) as CaseFile);
      if (passes(s, f)) yield s;
    }
  }

  *listItems(f: CaseFilter): Generator<ListItem> {
    if (!listFilterExact(f)) {
      for (const state of this.iterate(f)) yield { state };
      return;
    }
    this.check();
    const { sql, args } = this.where(f);
    // The stored facts answer for an open case with stored deadlines and for a closed or
    // declined one; a suspended (moving) or merged case is folded.
    const q = `SELECT brief, dl, CASE WHEN (open = 1 AND dl IS NULL) OR (open = 0 AND status NOT IN ('closed', 'declined')) THEN (SELECT doc FROM docs WHERE docs.rowid = cases.rowid) END AS doc
      FROM cases ${sql} ORDER BY received, id`;
    for (const r of this.db.prepare(q).iterate(...args) as IterableIterator<{ brief: string; dl: string | null; doc: string | null }>) {
      if (r.doc === null) {
        yield { facts: unpackListFacts(r.brief), stored: r.dl === null ? null : unpackStored(r.dl) };
        continue;
      }
      const s = foldCase(JSON.parse(r.doc) as CaseFile);
      if (passes(s, f)) yield { state: s };
    }
  }

  *statsInputs(f: CaseFilter, asOf: string): Generator<StatsInput> {
    this.check();
    // A quarter's facts are tens of thousands of rows read once: through a memory map SQLite
    // reads them in place instead of copying each page into its cache (~60 ms less at 100,000
    // cases). Only here: a command that reads most of the file (a full list) would map it all.
    this.db.pragma(`mmap_size = ${STATS_MMAP}`);
    try {
      if (isWindowOnly(f)) {
        // A window alone (every report): the stored facts straight from the covering index
        // (no row of `cases` read), then the few cases to fold.
        const { from, end } = windowEnd(f.window!);
        const [q, args] = windowFacts(from, end, asOf);
        for (const r of this.stmt(q).raw().iterate(...args) as IterableIterator<[string]>) {
          const facts = unpackFacts(r[0]);
          if (facts) yield { facts };
        }
        const folded = `SELECT d.doc FROM cases c JOIN docs d ON d.rowid = c.rowid
          WHERE c.rowid IN (SELECT rowid FROM cases WHERE susp = 1 UNION SELECT rowid FROM cases INDEXED BY cases_last WHERE last_date > ?)
          AND c.received <= ? AND (c.reach >= ? OR c.volatile = 1)`;
        for (const r of this.stmt(folded).raw().iterate(asOf, end, from) as IterableIterator<[string]>) {
          const s = foldCase(JSON.parse(r[0]) as CaseFile);
          if (passes(s, f)) yield { state: s };
        }
        return;
      }
      const { sql, args } = this.where(f);
      // Stored facts hold while no event lies after asOf and no deadline moves with the day (a
      // suspension counts the days until it ends). A deadline the calendar cannot date yet
      // does not move with the day: its facts say so (a calendar import makes them again).
      const q = `SELECT CASE WHEN susp = 1 OR last_date > ? THEN (SELECT doc FROM docs WHERE docs.rowid = cases.rowid) END AS doc,
        CASE WHEN susp = 1 OR last_date > ? THEN NULL ELSE (SELECT facts FROM facts WHERE facts.rowid = cases.rowid) END AS facts
        FROM cases ${sql}`;
      for (const r of this.db.prepare(q).iterate(asOf, asOf, ...args) as IterableIterator<{ doc: string | null; facts: string | null }>) {
        if (r.facts !== null) {
          const facts = unpackFacts(r.facts);
          if (facts) yield { facts };
          continue;
        }
        const s = foldCase(JSON.parse(r.doc!) as CaseFile);
        if (passes(s, f)) yield { state: s };
      }
    } finally {
      this.db.pragma('mmap_size = 0');
    }
  }

  *dueCandidates(attention: string, everyOpen: boolean): Generator<DueCandidate> {
    this.check();
    // A case never suspended is judged on its stored deadlines; a moving one is folded. A
    // volatile one lacks a year of the calendar (due lists it among the calendar's gaps).
    const q = `SELECT id, status, owner, channel, received, needs_instr, dl, CASE WHEN dl IS NULL THEN (SELECT doc FROM docs WHERE docs.rowid = cases.rowid) END AS doc
      FROM cases WHERE open = 1 ${everyOpen ? '' : 'AND (moving = 1 OR volatile = 1 OR needs_instr = 1 OR due_min <= ?)'} ORDER BY received, id`;
    type R = { id: string; status: Status; owner: string | null; channel: Channel; received: string; needs_instr: number; dl: string | null; doc: string | null };
    for (const r of this.stmt(q).iterate(...(everyOpen ? [] : [attention])) as IterableIterator<R>) {
      if (r.dl !== null) {
        const p = parseStored(r.dl);
        let whole: StoredDeadlines | undefined;
        const stored = (): StoredDeadlines => (whole ??= unpackParsed(p));
        yield { row: { id: r.id, status: r.status, owner: r.owner, channel: r.channel, received: r.received, needsInstruction: r.needs_instr === 1, running: runningDates(p), units: p[2], awaiting: p[3], stored } };
        continue;
      }
      const s = foldCase(JSON.parse(r.doc!) as CaseFile);
      if (passes(s, { open: true })) yield { state: s };
    }
  }

  cases(f: CaseFilter = {}): CaseState[] {
    const out: CaseState[] = [];
    this.each(f, (s) => out.push(s));
    return out;
  }

  matters(ids: readonly string[]): Map<string, Matter> {
    const out = new Map<string, Matter>();
    // Two questions for the whole batch: each case's matter, then every case of those matters.
    const matterOf = new Map<string, string>();
    for (const r of this.stmt('SELECT id, matter FROM cases WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: string; matter: string }[]) matterOf.set(r.id, r.matter);
    const byMatter = new Map<string, Matter>();
    const rows = this.stmt('SELECT matter, id, visits FROM cases WHERE matter IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify([...new Set(matterOf.values())])) as { matter: string; id: string; visits: number }[];
    for (const r of rows) {
      let m = byMatter.get(r.matter);
      if (!m) byMatter.set(r.matter, (m = { cases: [], visits: 0 }));
      m.cases.push(r.id);
      m.visits += r.visits;
    }
    for (const id of ids) {
      const m = matterOf.get(id);
      out.set(id, (m !== undefined && byMatter.get(m)) || { cases: [id], visits: 0 });
    }
    return out;
  }

  clerkRows(followupSince: string): ClerkRow[] {
    this.check();
    // The candidates are open cases and closed ones (never merged, suspended ones included:
    // their tasks do not move with the day): each row's stored facts and its summary (from
    // its own table: reading it out of each case's JSON cost ~200 ms at 100,000 cases).
    const q = `SELECT brief, todo, followup_from, fu_sure, (SELECT summary FROM summaries WHERE summaries.rowid = cases.rowid) AS summary
      FROM cases WHERE rowid IN (SELECT rowid FROM cases WHERE todo > 0 AND open = 1 UNION ALL SELECT rowid FROM cases WHERE followup_from >= ?) ORDER BY received, id`;
    const out: ClerkRow[] = [];
    for (const r of this.stmt(q).all(followupSince) as { brief: string; todo: number; followup_from: string | null; fu_sure: number; summary: string }[]) {
      const facts = unpackListFacts(r.brief);
      out.push({ facts, todo: r.todo, followup: { from: r.followup_from, sure: r.fu_sure === 1, maxPeople: facts.maxPeople }, summary: r.summary });
    }
    return out;
  }

  recurRows(): RecurRow[] {
    this.check();
    const out: RecurRow[] = [];
    for (const r of this.stmt('SELECT brief, track FROM cases WHERE track > 0 ORDER BY received, id').all() as { brief: string; track: number }[]) {
      const f = unpackListFacts(r.brief);
      out.push({ id: f.id, closed: f.closed!, owner: f.owner, bits: r.track });
    }
    return out;
  }

  dutyRows(): DutyRow[] {
    this.check();
    const rows = this.stmt('SELECT id, received, owner, duties FROM cases WHERE open = 1 AND owner IS NOT NULL ORDER BY received, id').all() as { id: string; received: string; owner: string; duties: string | null }[];
    return rows.map((r) => ({ id: r.id, received: r.received, owner: r.owner, done: JSON.parse(r.duties ?? '[]') as string[] }));
  }

  matterVisits(ids: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const id of ids) out.set(id, 0);
    const q = 'SELECT c.id, sum(m.visits) FROM cases c JOIN cases m ON m.matter = c.matter WHERE c.id IN (SELECT value FROM json_each(?)) GROUP BY c.id';
    for (const [id, v] of this.stmt(q).raw().all(JSON.stringify(ids)) as [string, number][]) out.set(id, v);
    return out;
  }

  byPerson(ps: readonly Petitioner[]): CaseState[] {
    const keys = personKeys(ps);
    if (!keys.length) return [];
    const ids = (this.db.prepare('SELECT DISTINCT id FROM pkeys WHERE key IN (SELECT value FROM json_each(?))').all(JSON.stringify(keys)) as { id: string }[]).map((r) => r.id);
    return ids.length ? this.cases({ ids }) : [];
  }

  termStats(terms: readonly string[]): TermStats {
    const df = new Map<string, number>();
    const one = this.stmt('SELECT df FROM terms WHERE term = ?');
    for (const t of new Set(terms)) {
      const r = one.get(t) as { df: number } | undefined;
      if (r && r.df > 0) df.set(t, r.df);
    }
    return { docs: this.count(), df };
  }

  unitCases(unit: string, limit: number): string[] {
    return (this.stmt('SELECT id FROM units WHERE unit = ? ORDER BY id LIMIT ?').all(unit, limit) as { id: string }[]).map((r) => r.id);
  }

  receptions(from: string, to: string): Reception[] {
    return this.stmt('SELECT id, date, leader, channel, people FROM receptions WHERE date >= ? AND date <= ? ORDER BY date, id, n').all(from, to) as Reception[];
  }

  receptionDays(from: string, to: string): Set<string> {
    const out = new Set<string>();
    for (const r of this.stmt("SELECT DISTINCT date, leader FROM receptions WHERE date >= ? AND date <= ? AND channel = 'visit'").raw().all(from, to) as [string, string][]) out.add(`${r[0]}|${r[1]}`);
    return out;
  }

  idsEndingWith(suffix: string, year?: string): string[] {
    const rows = (year ? this.stmt('SELECT id FROM cases WHERE year = ? ORDER BY id').all(year) : this.stmt('SELECT id FROM cases ORDER BY id').all()) as { id: string }[];
    return rows.map((r) => r.id).filter((id) => id.endsWith(suffix));
  }

  highestNumber(code: string, year: number, station: string): number {
    const prefix = `${code}-${year}-${station}`;
    const r = this.stmt('SELECT max(num) AS n FROM cases WHERE prefix = ?').get(prefix) as { n: number | null };
    return r.n ?? 0;
  }

  count(): number {
    return (this.stmt('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  }

  /** Every row's file and stored case, one at a time (for `check`). */
  eachRow(fn: (r: { rel: string; doc: string }) => void): void {
    for (const r of this.stmt('SELECT c.rel, d.doc FROM cases c JOIN docs d ON d.rowid = c.rowid').iterate() as IterableIterator<{ rel: string; doc: string }>) fn(r);
  }

  /** The matter column of every case (for `check` and tests). */
  matterColumn(): Map<string, string> {
    return new Map((this.stmt('SELECT id, matter FROM cases').all() as { id: string; matter: string }[]).map((r) => [r.id, r.matter]));
  }
}
