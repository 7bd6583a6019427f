// `due --followup`: closed cases due a 回访 and a 评查 (src/domain/tracking.ts). The index gives
// the candidates (closed repeats and 不满意 cases), never every case.
import { followupDue, recurReason, reviewDue } from '../domain/tracking.js';
import type { Ledger } from '../ledger/ledger.js';
import { queryCases } from './cases.js';

export interface TrackingItem {
  id: string;
  closed: string;
  leader: string | null;
  reason: string;
}

export interface TrackingReport {
  followup_due: TrackingItem[];
  review_due: TrackingItem[];
}

export function trackingReport(ledger: Ledger): TrackingReport {
  const rep: TrackingReport = { followup_due: [], review_due: [] };
  for (const s of queryCases(ledger, { closedRecurring: true })) {
    const item = { id: s.id, closed: s.closed!, leader: s.owner, reason: recurReason(s) };
    if (followupDue(s)) rep.followup_due.push(item);
    if (reviewDue(s)) rep.review_due.push(item);
  }
  const order = (a: TrackingItem, b: TrackingItem) => a.closed.localeCompare(b.closed) || a.id.localeCompare(b.id);
  rep.followup_due.sort(order);
  rep.review_due.sort(order);
  return rep;
}
