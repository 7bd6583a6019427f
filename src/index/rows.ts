// The one mapping of a case's row to the index's tables, shared by the writes of a command
// (sqlite.ts) and the worker threads of a full rebuild (worker.ts).
import type BetterSqlite3 from 'better-sqlite3';
import type { CaseRow } from './derive.js';

/** Prepares (once per connection) and returns the statement of `sql`. */
export type StmtOf = (sql: string) => BetterSqlite3.Statement;

/**
 * The one mapping of a row to its tables (cases, docs, facts, summaries and the child tables), used by `put`
 * and by the worker threads of a full rebuild (src/index/worker.ts), which write the same
 * tables in databases of their own. `rowid` null: the next free one.
 */
export function insertRow(stmt: StmtOf, p: { rel: string; mtime: number; size: number; row: CaseRow; doc: string }, matter: string, rowid: number | null = null): void {
  const r = p.row;
  const m = /^(.*-\d{4}-[A-Z])(\d+)$/.exec(r.id);
  const info = stmt(
    `INSERT INTO cases (rowid, id, rel, year, mtime, size, received, last_date, status, open, receiver, owner, channel, purpose, cat_main, cat_sub, people, visits, repeat, needs_instr, due_min, reach, volatile, moving, susp, dl, brief, recurring, matter, prefix, num, todo, followup_from, fu_sure, track, duties)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    rowid, r.id, p.rel, p.rel.split('/')[1], p.mtime, p.size, r.received, r.last_date, r.status, r.open, r.receiver, r.owner, r.channel, r.purpose, r.cat_main, r.cat_sub,
    r.people, r.visits, r.repeat, r.needs_instr, r.due_min, r.reach, r.volatile, r.moving, r.susp, r.dl, r.brief, r.recurring, matter, m ? m[1] : r.id, m ? Number(m[2]) : 0, r.todo, r.followup_from, r.fu_sure, r.track, r.duties,
  );
  stmt('INSERT INTO docs (rowid, doc) VALUES (?, ?)').run(info.lastInsertRowid, p.doc);
  stmt('INSERT INTO facts (rowid, facts) VALUES (?, ?)').run(info.lastInsertRowid, r.facts);
  stmt('INSERT INTO summaries (rowid, summary) VALUES (?, ?)').run(info.lastInsertRowid, r.summary);
  for (const u of r.units) stmt('INSERT OR IGNORE INTO units (id, unit) VALUES (?, ?)').run(r.id, u);
  for (const k of r.keys) stmt('INSERT OR IGNORE INTO pkeys (key, id) VALUES (?, ?)').run(k, r.id);
  for (const t of r.links) stmt('INSERT OR IGNORE INTO links (id, target) VALUES (?, ?)').run(r.id, t);
  r.receptions.forEach((v, n) => stmt('INSERT INTO receptions (id, n, date, leader, channel, people) VALUES (?, ?, ?, ?, ?, ?)').run(r.id, n, v.date, v.leader, v.channel, v.people));
  for (const d of r.days) stmt('INSERT OR IGNORE INTO sdays (date, id) VALUES (?, ?)').run(d, r.id);
  r.appointments.forEach((a, n) => stmt('INSERT INTO appointments (id, n, date, leader) VALUES (?, ?, ?, ?)').run(r.id, n, a.date, a.leader));
  stmt('INSERT OR REPLACE INTO search (id, who, body) VALUES (?, ?, ?)').run(r.id, r.who, r.body);
}
