// What the seed asks offices to keep track of after closure:
//  - 回访 (第一篇 二(五)：“对解决难度大、结案后可能反复的信访案件，要实行包案领导回访责任制”): a closed case
//    that may come back — a repeat (visited again or linked to earlier cases) or closed with the
//    petitioner 不满意 — is due a follow-up until one is recorded after its closure;
//  - 评查 (第一篇 三(六)：“对重点疑难案件、重信重访案件和信访人对处理结果不满意的案件，组织相关部门逐案评查”):
//    the same cases are due a review until one is recorded after the closure.
import { isGroup, isOpen, isRepeat, type CaseState } from './case.js';

/** Closed and likely to come back: a repeat, or the petitioner was 不满意. */
export function mayRecur(s: CaseState): boolean {
  return s.status === 'closed' && (isRepeat(s) || s.opinion === 'dissatisfied');
}

export function followupDue(s: CaseState): boolean {
  return mayRecur(s) && !s.followups.some((f) => f.date >= s.closed!);
}

export function reviewDue(s: CaseState): boolean {
  return mayRecur(s) && !s.reviews.some((r) => r.date >= s.closed!);
}

/**
 * 集体研究 (第一篇 二(三)：“对涉及人数多、组织化倾向明显的群体性问题，包案的领导干部要组织有关部门提出解决问题的
 * 意见和建议，提交领导班子集体研究”): an open group case with no recorded collective decision.
 */
export function collectiveDue(s: CaseState, groupThreshold: number): boolean {
  return isOpen(s) && isGroup(s, groupThreshold) && !s.collective;
}

/**
 * 五包 (第一篇 二(三)：包案领导对所包案件“包掌握情况、包思想教育、包跟踪督办、包解决化解、包息诉息访”):
 * the items of the office's list (`duties`) not yet recorded (`case duty`) on an open case
 * that has an owning leader; empty when all are done.
 */
export function dutiesPending(s: CaseState, duties: readonly string[]): string[] {
  if (!isOpen(s) || !s.owner) return [];
  return dutiesLeft(s.dutiesDone, duties);
}

/** The items of the office's list not among those recorded. */
export function dutiesLeft(done: readonly string[], duties: readonly string[]): string[] {
  return duties.filter((d) => !done.includes(d));
}

/** Why: 重复信访 / 信访人不满意. */
export function recurReason(s: CaseState): string {
  return recurReasonOf(isRepeat(s), s.opinion === 'dissatisfied');
}

export function recurReasonOf(repeat: boolean, dissatisfied: boolean): string {
  return [repeat ? '重信重访' : '', dissatisfied ? '信访人不满意' : ''].filter(Boolean).join('、');
}

/** Bits of the index's `track` column: a 回访 due, a 评查 due, and why (a repeat, 不满意). */
export const TRACK_BITS = { followup: 1, review: 2, repeat: 4, dissatisfied: 8 } as const;

/** What the index stores for `due --followup`: 0 unless a 回访 or a 评查 is due (no rule of the office decides it). */
export function trackBits(s: CaseState): number {
  const due = (followupDue(s) ? TRACK_BITS.followup : 0) | (reviewDue(s) ? TRACK_BITS.review : 0);
  if (!due) return 0;
  return due | (isRepeat(s) ? TRACK_BITS.repeat : 0) | (s.opinion === 'dissatisfied' ? TRACK_BITS.dissatisfied : 0);
}
