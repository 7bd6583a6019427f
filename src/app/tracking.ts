// `due --followup`: closed cases due a 回访 and a 评查, open group cases without a 集体研究,
// open leader-owned cases whose 五包 items are not all recorded (src/domain/tracking.ts). The
// index gives the candidates, never every case.
import { collectiveDue, dutiesLeft, recurReasonOf, TRACK_BITS } from '../domain/tracking.js';
import type { Ledger } from '../ledger/ledger.js';
import { caseStore, queryCases } from './cases.js';

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
  // 回访, 评查 and 五包 from the index's rows: what decides them is stored with each case
  // (trackBits; the items recorded), and only the office's list of items is asked here.
  const store = caseStore(ledger);
  for (const r of store.recurRows()) {
    const item = { id: r.id, closed: r.closed, leader: r.owner, reason: recurReasonOf((r.bits & TRACK_BITS.repeat) !== 0, (r.bits & TRACK_BITS.dissatisfied) !== 0) };
    if (r.bits & TRACK_BITS.followup) rep.followup_due.push(item);
    if (r.bits & TRACK_BITS.review) rep.review_due.push(item);
  }
  const duties = ledger.config.duties;
  for (const r of store.dutyRows()) {
    const pending = dutiesLeft(r.done, duties);
    if (pending.length) rep.duties_due.push({ id: r.id, received: r.received, leader: r.owner, pending });
  }
  const order = (a: TrackingItem, b: TrackingItem) => a.closed.localeCompare(b.closed) || a.id.localeCompare(b.id);
  rep.followup_due.sort(order);
  rep.review_due.sort(order);
  return rep;
}
