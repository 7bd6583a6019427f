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
  return escalationsOf(
    ledger,
    cases.map((c) => ({ id: c.id, open: isOpen(c), owner: c.owner })),
  );
}

/** The same from what a list row knows of each case: open, and its owning leader. */
export function escalationsOf(ledger: Ledger, cases: readonly { id: string; open: boolean; owner: string | null }[]): Map<string, Escalation> {
  const principal = new Set(ledger.leaders().leaders.filter((l) => l.role === 'principal').map((l) => l.id));
  const threshold = ledger.config.intake.escalate_after_visits;
  const m = caseStore(ledger).matters(cases.map((c) => c.id));
  const out = new Map<string, Escalation>();
  for (const c of cases) {
    const { visits, cases: ids } = m.get(c.id)!;
    out.set(c.id, { visits, cases: ids, escalate: c.open && visits >= threshold && !(c.owner && principal.has(c.owner)) });
  }
  return out;
}
