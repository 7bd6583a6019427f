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
  draft: { petitioners: readonly Petitioner[]; category: { main: string }; summary: string },
  threshold: number,
): RepeatMatch[] {
  const out: RepeatMatch[] = [];
  for (const c of cases) {
    const who = personInCommon(draft.petitioners, c.file.petitioners);
    if (!who) continue;
    if (c.file.category.main !== draft.category.main) continue;
    const score = similarity(draft.summary, c.file.summary);
    if (score < threshold) continue;
    out.push({ id: c.id, person: who.name, score: Math.round(score * 100) / 100, visits: c.visits.length, status: c.status, received: c.received, summary: c.file.summary });
  }
  return out.sort((a, b) => b.score - a.score || b.received.localeCompare(a.received));
}

/** The matter's visits counted over the case and the earlier cases it repeats. */
export function matterVisits(c: CaseState, all: ReadonlyMap<string, CaseState>): number {
  const seen = new Set<string>();
  const walk = (id: string): number => {
    if (seen.has(id)) return 0;
    seen.add(id);
    const k = all.get(id);
    if (!k) return 0;
    return k.visits.length + k.file.repeat_of.reduce((n, r) => n + walk(r), 0);
  };
  return walk(c.id);
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
