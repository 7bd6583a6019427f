// What the case lifecycle adds to a case's view: deadlines, warning level, 五包 checklist,
// closure readiness. Computed, never stored.
import type { CaseState } from '../domain/case.js';
import type { Ledger } from '../ledger/ledger.js';

export interface CaseExtras {
  /** Fields merged into the case's JSON (deadlines, warning, readiness …). */
  json: Record<string, unknown>;
  /** Extra lines for `case show`. */
  detailLines: string[];
  /** Short text for the list's 期限 column. */
  dueText: string;
  overdue: boolean;
  /** Days left on the running deadline, null when no deadline is running. */
  daysLeft: number | null;
}

export function caseExtras(_ledger: Ledger, _s: CaseState, _now: Date): CaseExtras {
  return { json: { deadlines: { accept: null, handle: null }, warning: 'normal' }, detailLines: [], dueText: '—', overdue: false, daysLeft: null };
}
