// `due --followup`: closed cases due a 回访 and a 评查, open group cases without a 集体研究,
// open leader-owned cases whose 五包 items are not all recorded (src/domain/tracking.ts). The
// index gives the candidates, never every case.
import { collectiveDue, dutiesPending, followupDue, recurReason, reviewDue } from '../domain/tracking.js';
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
  /** Open group cases (集体访) with no recorded 集体研究 decision. */
  collective_due: { id: string; received: string; people: number; leader: string | null }[];
  /** Open leader-owned cases with 五包 items not recorded as done, and which. */
  duties_due: { id: string; received: string; leader: string; pending: string[] }[];
}

export function trackingReport(ledger: Ledger): TrackingReport {
  const rep: TrackingReport = { followup_due: [], review_due: [], collective_due: [], duties_due: [] };
  const t = ledger.config.intake.group_threshold;
  for (const s of queryCases(ledger, { openGroup: t })) {
    if (collectiveDue(s, t)) rep.collective_due.push({ id: s.id, received: s.received, people: Math.max(s.file.people, ...s.visits.map((v) => v.people)), leader: s.owner });
  }
  for (const s of queryCases(ledger, { closedRecurring: true })) {
    const item = { id: s.id, closed: s.closed!, leader: s.owner, reason: recurReason(s) };
    if (followupDue(s)) rep.followup_due.push(item);
    if (reviewDue(s)) rep.review_due.push(item);
  }
  const duties = ledger.config.duties;
  for (const s of queryCases(ledger, { ownedOpen: true })) {
    const pending = dutiesPending(s, duties);
    if (pending.length) rep.duties_due.push({ id: s.id, received: s.received, leader: s.owner!, pending });
  }
  const order = (a: TrackingItem, b: TrackingItem) => a.closed.localeCompare(b.closed) || a.id.localeCompare(b.id);
  rep.followup_due.sort(order);
  rep.review_due.sort(order);
  return rep;
}
