// What every lifecycle step shares (lifecycle.ts, lifecycle-closing.ts): the order and state
// checks, free-text and reference checks, and `record` — validate, append under the case's
// lock, commit exactly the case file.
import { badField, InputError } from '../errors.js';
import { eventDate, liveEvents, type CaseState } from '../domain/case.js';
import { type CaseFile, type Event, type NewEvent } from '../domain/events.js';
import { resolveLeader, resolveUnit } from '../domain/leaders.js';
import { shanghaiDate } from '../domain/time.js';
import { checkText, recordDateProblem, type TextKind } from '../domain/input.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import type { Leader, Unit } from '../ledger/schema.js';
import { appendEvents, loadCase } from './cases.js';
import { refuse } from './case-guards.js';


// ---- shared checks -----------------------------------------------------------------

export function mustNotBeSuspended(s: CaseState, what: string): void {
  if (s.status === 'suspended') refuse(`${s.id} 正在中止（停止计时），不能${what}。先 xinfang case resume ${s.id}`);
}

/** Events that move the case along; the story of these must stay in order. */
const STEPS = new Set<Event['type']>(['accept', 'decline', 'handle', 'transfer', 'reply', 'extend', 'suspend', 'resume', 'review', 'approve', 'opinion', 'close', 'reopen']);

/** The event cannot happen before the case was received. */
export function mustBeAfterReceipt(s: CaseState, clerk: Clerk): void {
  const d = shanghaiDate(clerk.now);
  const bad = recordDateProblem(d);
  if (bad) throw badField('--date（日期）', d, bad);
  if (d < s.received) throw badField('--date（日期）', d, `不能早于案件登记日期 ${s.received}`);
}

/**
 * A step (受理, 处理, 交办, 结案 …) cannot be dated before the latest step already recorded:
 * a handling before the acceptance, or a closure before the handling, would tell the case
 * out of order and compute deadlines from the wrong day. Notes (包案, 五包, 督办, 附件 …)
 * may be filled in later with their own dates.
 */
export function mustBeInOrder(s: CaseState, type: Event['type'], clerk: Clerk): void {
  if (!STEPS.has(type)) return;
  const d = shanghaiDate(clerk.now);
  let latest = '';
  for (const e of liveEvents(s.file.events)) if (STEPS.has(e.type) && eventDate(e.at) > latest) latest = eventDate(e.at);
  if (latest && d < latest) throw badField('--date（日期）', d, `不能早于本案最近一次记录的日期 ${latest}（受理、处理、交办、结案等须按发生先后登记）`);
}

/** A required text of a kind (src/domain/input.ts: length limit, no control characters). */
export function text(value: string | undefined, field: string, kind: TextKind = 'text'): string {
  return checkText(value, field, kind, { required: true });
}

/** An optional note (说明): '' when not given. */
export function note(value: string | undefined, field = '--note（说明）'): string {
  return checkText(value, field, 'text');
}

export function activeLeader(ledger: Ledger, ref: string, field: string): Leader {
  const l = resolveLeader(ledger.leaders().leaders, ref, field);
  if (!l.active) throw new InputError(`${field}：${l.name} 已离任`, 'retired');
  return l;
}

export function activeUnit(ledger: Ledger, ref: string, field = '--unit（承办单位）'): Unit {
  const u = resolveUnit(ledger.units().units, ref, field);
  if (!u.active) throw new InputError(`${field}：${u.name} 已停用`, 'retired');
  return u;
}

/** Validates against the current file, then appends under the lock (where `check` runs again on the fresh state). */
export function record(ledger: Ledger, ref: string, clerk: Clerk, check: (s: CaseState) => void, build: (s: CaseState) => { events: NewEvent[]; message: string; mutate?: (f: CaseFile) => CaseFile; extraPaths?: string[] }): CaseState {
  const s = loadCase(ledger, ref);
  mustBeAfterReceipt(s, clerk);
  check(s);
  const b = build(s);
  const checkAll = (c: CaseState) => {
    mustBeAfterReceipt(c, clerk);
    check(c);
    for (const e of b.events) mustBeInOrder(c, e.type, clerk);
  };
  for (const e of b.events) mustBeInOrder(s, e.type, clerk);
  return appendEvents(ledger, s.id, b.events, b.message, clerk, { check: checkAll, mutate: b.mutate, extraPaths: b.extraPaths });
}
