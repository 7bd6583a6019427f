// `today`'s list of the clerk's tasks comes from what the index stores of each case (the
// todo bits, the follow-up facts), not from the folded case: over random ledgers (every
// status, repeats, groups, reopenings, opinions, follow-ups) and every group threshold an
// office may set, the stored facts give exactly what the rules give on the folded case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRepeat, type CaseState } from '../../src/domain/case.js';
import { followupCandidate, followupFacts, openTodo, owedFrom, todoBits, todoFromBits } from '../../src/domain/todo.js';
import { readCases, writeCases } from '../helpers/gen-cases.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The rule as the policy words it: closed, owned, not followed up since, and may come back at this office's threshold. */
function owedReference(s: CaseState, threshold: number): string | null {
  if (s.status !== 'closed' || !s.closed || !s.owner) return null;
  if (s.followups.some((f) => f.date >= s.closed!)) return null;
  const group = s.file.people >= threshold || s.visits.some((v) => v.people >= threshold);
  const mayReturn = isRepeat(s) || group || s.collective || s.reopened > 0 || (s.opinion !== null && s.opinion !== 'satisfied');
  return mayReturn ? s.closed : null;
}

describe('the clerk tasks from stored facts', () => {
  it('equal the rules on the folded case, for every threshold', () => {
    let owedSeen = 0;
    let groupOnly = 0;
    for (const seed of [1, 2, 3]) {
      const root = mkdtempSync(join(tmpdir(), 'xf-todo-'));
      dirs.push(root);
      writeCases(root, { n: 400, seed, start: '2025-10-01', end: '2026-11-20' });
      for (const s of readCases(root)) {
        expect(todoFromBits(todoBits(s)), s.id).toEqual(openTodo(s));
        const f = followupFacts(s);
        expect(f.from, s.id).toBe(followupCandidate(s));
        for (const t of [2, 3, 5, 10, 50]) {
          const want = owedReference(s, t);
          expect(owedFrom(f, t), `${s.id} at ${t}`).toBe(want);
          if (want) owedSeen++;
          if (want && !f.sure) groupOnly++;
        }
      }
    }
    // The generated ledgers reach both ways a follow-up is owed.
    expect(owedSeen).toBeGreaterThan(0);
    expect(groupOnly).toBeGreaterThan(0);
  });
});
