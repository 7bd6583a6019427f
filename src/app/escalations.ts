// Whether a case's matter calls for a principal leader (intake.escalate_after_visits): its
// visits and cases from the index. Apart from intake.ts so that `case show` does not load
// registration.
import { isOpen, type CaseState } from '../domain/case.js';
import type { Ledger } from '../ledger/ledger.js';
import { caseStore } from './cases.js';

export interface Escalation {
  /** Visits of the matter: the case and every case linked to it as a repeat. */
  visits: number;
  /** The cases of the matter. */
  cases: string[];
  /** Open, the matter has reached intake.escalate_after_visits, and no principal leader owns the case. */
  escalate: boolean;
}

/** Escalation of each of `cases` (each case's matter comes from the index). */
export function escalations(ledger: Ledger, cases: readonly CaseState[]): Map<string, Escalation> {
  const principal = principalLeaders(ledger);
  const threshold = ledger.config.intake.escalate_after_visits;
  const m = caseStore(ledger).matters(cases.map((c) => c.id));
  const out = new Map<string, Escalation>();
  for (const c of cases) {
    const { visits, cases: ids } = m.get(c.id)!;
    out.set(c.id, { visits, cases: ids, escalate: isOpen(c) && visits >= threshold && !(c.owner && principal.has(c.owner)) });
  }
  return out;
}

function principalLeaders(ledger: Ledger): Set<string> {
  return new Set(ledger.leaders().leaders.filter((l) => l.role === 'principal').map((l) => l.id));
}

/**
 * The cases among `rows` (what a list row knows: open, owning leader) whose matter calls for
 * a principal leader. Only open cases not owned by a principal leader are asked about, and
 * only their matters' visit counts (one question for the batch).
 */
export function escalatingOf(ledger: Ledger, rows: readonly { id: string; open: boolean; owner: string | null }[]): Set<string> {
  const principal = principalLeaders(ledger);
  const threshold = ledger.config.intake.escalate_after_visits;
  const ask = rows.filter((c) => c.open && !(c.owner && principal.has(c.owner))).map((c) => c.id);
  const out = new Set<string>();
  if (!ask.length) return out;
  for (const [id, visits] of caseStore(ledger).matterVisits(ask)) if (visits >= threshold) out.add(id);
  return out;
}
