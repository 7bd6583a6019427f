// Repeat detection (重复信访): the same person — any petitioner in common by ID number, or
// by name and phone — about substantially the same matter: the same main category and a
// summary whose characters are similar enough (threshold in xinfang.yaml, intake.similarity).
import type { CaseState } from './case.js';
import type { Petitioner } from './events.js';
import { normalizeId, normalizePhone } from './identity.js';
import { similarity } from './similarity.js';

export function samePerson(a: Petitioner, b: Petitioner): boolean {
  if (a.id_number && b.id_number) return normalizeId(a.id_number) === normalizeId(b.id_number);
  return !!a.phone && !!b.phone && a.name.trim() === b.name.trim() && normalizePhone(a.phone) === normalizePhone(b.phone);
}

export function personInCommon(a: readonly Petitioner[], b: readonly Petitioner[]): Petitioner | undefined {
  return a.find((p) => b.some((q) => samePerson(p, q)));
}

export interface RepeatMatch {
  id: string;
  person: string;
  score: number;
  visits: number;
  status: CaseState['status'];
  received: string;
  summary: string;
}

export function findRepeats(
  cases: readonly CaseState[],
  draft: { petitioners: readonly Petitioner[]; category: { main: string }; summary: string; date?: string },
  threshold: number,
): RepeatMatch[] {
  const out: RepeatMatch[] = [];
  for (const c of cases) {
    // A visit registered late repeats only what came before it, never a later case.
    if (draft.date && c.received > draft.date) continue;
    const who = personInCommon(draft.petitioners, c.file.petitioners);
    if (!who) continue;
    if (c.file.category.main !== draft.category.main) continue;
    const score = similarity(draft.summary, c.file.summary);
    if (score < threshold) continue;
    out.push({ id: c.id, person: who.name, score: Math.round(score * 100) / 100, visits: c.visits.length, status: c.status, received: c.received, summary: c.file.summary });
  }
  return out.sort((a, b) => b.score - a.score || b.received.localeCompare(a.received));
}

/**
 * The cases of one matter: the case and every case linked to it as a repeat, in either
 * direction and transitively (A0003 repeats A0002, which repeats A0001: one matter).
 */
export function matterCases(c: CaseState, all: ReadonlyMap<string, CaseState>): string[] {
  const later = new Map<string, string[]>();
  for (const k of all.values()) for (const r of k.file.repeat_of) later.set(r, [...(later.get(r) ?? []), k.id]);
  const seen = new Set<string>([c.id]);
  const todo = [c.id];
  while (todo.length) {
    const id = todo.pop()!;
    const k = id === c.id ? c : all.get(id);
    for (const n of [...(k?.file.repeat_of ?? []), ...(later.get(id) ?? [])]) {
      if (!seen.has(n) && all.has(n)) {
        seen.add(n);
        todo.push(n);
      }
    }
  }
  return [...seen].sort();
}

/** The matter's visits: over the case and every case linked to it as a repeat (matterCases). */
export function matterVisits(c: CaseState, all: ReadonlyMap<string, CaseState>): number {
  return matterCases(c, all).reduce((n, id) => n + (id === c.id ? c : all.get(id))!.visits.length, 0);
}

/** Each case's matter (its cases and their visits), for many cases at once. */
export function matters(all: readonly CaseState[]): Map<string, { cases: string[]; visits: number }> {
  const byId = new Map(all.map((c) => [c.id, c]));
  const out = new Map<string, { cases: string[]; visits: number }>();
  for (const c of all) {
    if (out.has(c.id)) continue;
    const cases = matterCases(c, byId);
    const m = { cases, visits: cases.reduce((n, id) => n + byId.get(id)!.visits.length, 0) };
    for (const id of cases) out.set(id, m);
  }
  return out;
}

/** An ID number registered before under another name: likely a typo in one of the two. */
export interface IdentityConflict {
  id_number: string;
  name: string;
  earlier: { case: string; name: string };
}

export function identityConflicts(cases: readonly CaseState[], petitioners: readonly Petitioner[]): IdentityConflict[] {
  const out: IdentityConflict[] = [];
  for (const p of petitioners) {
    if (!p.id_number) continue;
    const id = normalizeId(p.id_number);
    for (const c of cases) {
      const q = c.file.petitioners.find((x) => x.id_number && normalizeId(x.id_number) === id && x.name.trim() !== p.name.trim());
      if (q) {
        out.push({ id_number: id, name: p.name, earlier: { case: c.id, name: q.name } });
        break;
      }
    }
  }
  return out;
}
