// The SQL candidates of `case list --person` and `case find` (the search table; an ID
// number through pkeys). src/domain/find.ts decides on the cases they return.
import { personQuery, searchWords } from '../domain/find.js';
import type { CaseFilter } from './store.js';

/** A LIKE pattern's own characters, taken literally. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Adds the conditions (and their arguments) of `f.person` and `f.text` to `w` and `a`. */
export function searchWhere(f: CaseFilter, w: string[], a: unknown[]): void {
  if (f.person !== undefined) {
    const q = personQuery(f.person);
    if (q.kind === 'id') w.push("id IN (SELECT id FROM pkeys WHERE key = ?)") && a.push(`i:${q.id}`);
    else w.push("id IN (SELECT id FROM search WHERE who LIKE ? ESCAPE '\\')") && a.push(`%${likeEscape(q.kind === 'phone' ? q.digits : q.name)}%`);
  }
  if (f.text !== undefined) {
    // Candidates: the person asked for, or every word somewhere in the case's text or people.
    const q = personQuery(f.text);
    const words = searchWords(f.text);
    const person = q.kind === 'id' ? "id IN (SELECT id FROM pkeys WHERE key = ?)" : "id IN (SELECT id FROM search WHERE who LIKE ? ESCAPE '\\')";
    const each = words.map(() => "(body LIKE ? ESCAPE '\\' OR who LIKE ? ESCAPE '\\')");
    w.push(`(${person}${each.length ? ` OR id IN (SELECT id FROM search WHERE ${each.join(' AND ')})` : ''})`);
    a.push(q.kind === 'id' ? `i:${q.id}` : `%${likeEscape(q.kind === 'phone' ? q.digits : q.name)}%`);
    for (const x of words) a.push(`%${likeEscape(x.toLowerCase())}%`, `%${likeEscape(personQuery(x).kind === 'phone' ? (personQuery(x) as { digits: string }).digits : x)}%`);
  }
}
