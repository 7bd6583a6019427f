// Repeat detection (重复信访): the same person — any petitioner in common by ID number, or
// by name and phone (any format) — about the same matter: the same main category, and a
// matter score (matterScore) at or above a threshold. The score is the weighted text
// similarity of the two summaries (similarity.ts) with evidence beside the text: the same
// sub-category, the same amounts, the same place and respondent. At or above
// intake.similarity the visit is linked without asking; between intake.possible and it the
// earlier case is offered (a terminal) or listed as a possible repeat (--no-input).
import { countedVisits, type CaseState } from './case.js';
import type { Petitioner } from './events.js';
import { normalizeId, phoneKey } from './identity.js';
import { NO_STATS, quantities, similarity, type TermStats } from './similarity.js';

export function samePerson(a: Petitioner, b: Petitioner): boolean {
  if (a.id_number && b.id_number) return normalizeId(a.id_number) === normalizeId(b.id_number);
  return !!a.phone && !!b.phone && a.name.trim() === b.name.trim() && phoneKey(a.phone) === phoneKey(b.phone) && phoneKey(a.phone) !== '';
}

export function personInCommon(a: readonly Petitioner[], b: readonly Petitioner[]): Petitioner | undefined {
  return a.find((p) => b.some((q) => samePerson(p, q)));
}

export interface RepeatMatch {
  id: string;
  person: string;
  score: number;
  /** At or above the threshold of a sure repeat (linked without asking). */
  sure: boolean;
  visits: number;
  status: CaseState['status'];
  received: string;
  summary: string;
}

/** One side of a comparison: what a registration says about its matter. */
export interface MatterText {
  summary: string;
  category: { main: string; sub: string };
  locality?: string;
  respondent?: string;
}

/** Weights of the evidence beside the text (tuned on the tuning part of test/fixtures/repeat-pairs.yaml). */
export const MATTER_WEIGHTS = { sameSub: 0.12, otherSub: -0.08, sameAmount: 0.15, otherAmount: -0.12, samePlace: 0.05, otherPlace: -0.1 };

const clean = (s: string | undefined) => (s ?? '').replace(/[\s\p{P}\p{S}]/gu, '');

/** How surely two registrations of the same person are about the same matter (about 0 … 1.3). */
export function matterScore(a: MatterText, b: MatterText, stats: TermStats = NO_STATS): number {
  const W = MATTER_WEIGHTS;
  let score = similarity(a.summary, b.summary, stats);
  if (a.category.main === b.category.main && a.category.sub && b.category.sub && a.category.sub !== '其它' && b.category.sub !== '其它') {
    score += a.category.sub === b.category.sub ? W.sameSub : W.otherSub;
  }
  // Amounts (more than a few units: money, areas): the same one is strong evidence, none in common counts against.
  const qa = quantities(a.summary).filter((n) => n >= 100);
  const qb = quantities(b.summary).filter((n) => n >= 100);
  if (qa.length && qb.length) score += qa.some((n) => qb.includes(n)) ? W.sameAmount : W.otherAmount;
  for (const k of ['locality', 'respondent'] as const) {
    const x = clean(a[k]);
    const y = clean(b[k]);
    if (x && y) score += x === y || x.includes(y) || y.includes(x) ? W.samePlace : W.otherPlace;
  }
  return score;
}

export interface RepeatThresholds {
  /** Linked without asking. */
  sure: number;
  /** Offered or listed as possible. */
  possible: number;
}

export function findRepeats(
  cases: readonly CaseState[],
  draft: { petitioners: readonly Petitioner[]; category: { main: string; sub: string }; summary: string; locality?: string; respondent?: string; date?: string },
  thresholds: RepeatThresholds,
  stats: TermStats = NO_STATS,
): RepeatMatch[] {
  const out: RepeatMatch[] = [];
  for (const c of cases) {
    // A visit registered late repeats only what came before it, never a later case.
    if (draft.date && c.received > draft.date) continue;
    // A case merged into another is counted there; the other is the candidate.
    if (c.mergedInto) continue;
    const who = personInCommon(draft.petitioners, c.file.petitioners);
    if (!who) continue;
    if (c.file.category.main !== draft.category.main) continue;
    const score = matterScore(draft, c.file, stats);
    if (score < thresholds.possible) continue;
    out.push({ id: c.id, person: who.name, score: Math.round(score * 100) / 100, sure: score >= thresholds.sure, visits: c.visits.length, status: c.status, received: c.received, summary: c.file.summary });
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
  return matterCases(c, all).reduce((n, id) => n + countedVisits((id === c.id ? c : all.get(id))!).length, 0);
}

/** Each case's matter (its cases and their visits), for many cases at once. */
export function matters(all: readonly CaseState[]): Map<string, { cases: string[]; visits: number }> {
  const byId = new Map(all.map((c) => [c.id, c]));
  const out = new Map<string, { cases: string[]; visits: number }>();
  for (const c of all) {
    if (out.has(c.id)) continue;
    const cases = matterCases(c, byId);
    const m = { cases, visits: cases.reduce((n, id) => n + countedVisits(byId.get(id)!).length, 0) };
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
