// What a case waits for from the clerk (登记员), for `xinfang today`: an open case with no
// owning leader, one still waiting for the acceptance decision (受理/不予受理), one whose
// units have all replied but that is not closed yet; and a closed case that owes a
// follow-up (回访): leader-owned, likely to come back (repeat, group, not satisfied,
// reopened before), and not followed up since it was closed.
import { isOpen, isRepeat, type CaseState } from './case.js';

export const TODO_ZH = {
  unowned: '无包案领导',
  undecided: '待受理决定',
  replied: '已答复待结案',
  followup: '待回访',
} as const;
export type TodoKind = keyof typeof TODO_ZH;

/** Bits of the index's `todo` column, one per open-case task. */
export const TODO_BITS: Record<Exclude<TodoKind, 'followup'>, number> = { unowned: 1, undecided: 2, replied: 4 };

/** The clerk's tasks on an open case (none on a closed or declined one). */
export function openTodo(s: CaseState): Exclude<TodoKind, 'followup'>[] {
  if (!isOpen(s)) return [];
  const out: Exclude<TodoKind, 'followup'>[] = [];
  if (!s.owner) out.push('unowned');
  if (s.status === 'registered') out.push('undecided');
  if (s.units.length > 0 && s.awaitingReply.length === 0 && s.status !== 'suspended') out.push('replied');
  return out;
}

export function todoBits(s: CaseState): number {
  return openTodo(s).reduce((n, k) => n | TODO_BITS[k], 0);
}

/**
 * The closure date from which a follow-up (包案领导回访) is owed, or null: a closed case with
 * an owning leader that may come back — a repeat, a group, a petitioner not (fully)
 * satisfied, collectively studied or reopened before — with no follow-up since the closure.
 */
export function followupOwedFrom(s: CaseState, groupThreshold: number): string | null {
  return owedFrom(followupFacts(s), groupThreshold);
}

/** What decides a follow-up under any office's rules (the index stores it: followup_from, fu_sure, the list facts' maxPeople). */
export interface FollowupFacts {
  /** followupCandidate: the closure date, when a follow-up may be owed. */
  from: string | null;
  /** It may come back whatever the group threshold: a repeat, collectively studied, reopened, not (fully) satisfied. */
  sure: boolean;
  /** The most people of the case or any of its contacts (a group at the office's threshold). */
  maxPeople: number;
}

export function followupFacts(s: CaseState): FollowupFacts {
  let maxPeople = s.file.people;
  for (const v of s.visits) if (v.people > maxPeople) maxPeople = v.people;
  return { from: followupCandidate(s), sure: isRepeat(s) || s.collective || s.reopened > 0 || (s.opinion !== null && s.opinion !== 'satisfied'), maxPeople };
}

/** followupOwedFrom from the stored facts: the office's group threshold decides a case that is only a group. */
export function owedFrom(f: FollowupFacts, groupThreshold: number): string | null {
  return f.from !== null && (f.sure || f.maxPeople >= groupThreshold) ? f.from : null;
}

/** The clerk's open-case tasks from their stored bits (todoBits), in TodoKind order. */
export function todoFromBits(bits: number): Exclude<TodoKind, 'followup'>[] {
  return (Object.keys(TODO_BITS) as (keyof typeof TODO_BITS)[]).filter((k) => (bits & TODO_BITS[k]) !== 0);
}

/**
 * What the index stores (followup_from): the closure date of a closed, leader-owned case not
 * followed up since that may come back under any office's rules — a group is judged by the
 * office's threshold, which is at least 2, so here any case with two people or more.
 */
export function followupCandidate(s: CaseState): string | null {
  if (s.status !== 'closed' || !s.closed || !s.owner) return null;
  if (s.followups.some((f) => f.date >= s.closed!)) return null;
  const maybeGroup = s.file.people >= 2 || s.visits.some((v) => v.people >= 2);
  const mayReturn = isRepeat(s) || maybeGroup || s.collective || s.reopened > 0 || (s.opinion !== null && s.opinion !== 'satisfied');
  return mayReturn ? s.closed : null;
}
