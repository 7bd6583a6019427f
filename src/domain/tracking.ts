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
  return duties.filter((d) => !s.dutiesDone.includes(d));
}

/** Why: 重复信访 / 信访人不满意. */
export function recurReason(s: CaseState): string {
  return [isRepeat(s) ? '重信重访' : '', s.opinion === 'dissatisfied' ? '信访人不满意' : ''].filter(Boolean).join('、');
}
