// Repairing the repeat links by hand: `case link ID --repeat-of EARLIER`, `case unlink ID`,
// and `case merge DUP --into ORIG` for a case registered by mistake as new — its
// registration becomes a further visit of the original (one commit for both files), its
// own events stay, and it is marked merged so that every report counts it once.
import { InputError } from '../errors.js';
import { foldCase, type CaseState } from '../domain/case.js';
import type { CaseFile, NewEvent } from '../domain/events.js';
import { CaseFile as CaseFileSchema } from '../domain/event-schemas.js';
import { personInCommon } from '../domain/repeat.js';
import { checkText } from '../domain/input.js';
import { caseRel, readCase } from '../ledger/cases.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { withLock } from '../ledger/lock.js';
import { appendEvents, indexBeforeWrite, indexWritten, loadCase, stamp } from './cases.js';
import { refuse } from './case-guards.js';

const names = (s: CaseState) => s.file.petitioners.map((p) => p.name).join('、');

function reasonText(v: string | undefined, field: string): string {
  return v === undefined ? '' : checkText(v, field, 'line');
}

/** Why `later` cannot be linked to (or merged into) `earlier`, or undefined. */
function linkProblem(later: CaseState, earlier: CaseState, verb: string): string | undefined {
  if (later.id === earlier.id) return `${later.id} 不能${verb}它自己`;
  if (!personInCommon(later.file.petitioners, earlier.file.petitioners)) {
    return `${later.id} 的信访人（${names(later)}）与 ${earlier.id} 的信访人（${names(earlier)}）不是同一人（身份证号不同，或姓名与电话都不相同），不能${verb}`;
  }
  if (earlier.received > later.received) return `${earlier.id} 收到于 ${earlier.received}，晚于 ${later.id}（${later.received}）：只能${verb}此前的案件，请对调两个编号`;
  if (earlier.mergedInto) return `${earlier.id} 已并入 ${earlier.mergedInto}，请改用 ${earlier.mergedInto}`;
  return undefined;
}

/** Links a case to earlier cases of the same person as a repeat (重复信访). */
export function linkRepeat(ledger: Ledger, ref: string, earlierRefs: string[], input: { reason?: string }, clerk: Clerk): CaseState {
  if (!earlierRefs.length) throw new InputError('缺少必填项：--repeat-of（此前的案件编号）', 'missing');
  const reason = reasonText(input.reason, '--reason（理由）');
  const s0 = loadCase(ledger, ref);
  const earlier = earlierRefs.map((r) => loadCase(ledger, r));
  const check = (s: CaseState) => {
    if (s.mergedInto) refuse(`${s.id} 已并入 ${s.mergedInto}，不能再关联`, 'merged');
    for (const e of earlier) {
      const bad = linkProblem(s, e, '关联为重复信访');
      if (bad) throw new InputError(bad, 'bad_value');
    }
    const add = earlier.map((e) => e.id).filter((id) => !s.file.repeat_of.includes(id));
    if (!add.length) refuse(`${s.id} 已关联为 ${earlier.map((e) => e.id).join('、')} 的重复信访，无需再关联`, 'unchanged');
  };
  check(s0);
  const next = (f: CaseFile) => [...f.repeat_of, ...earlier.map((e) => e.id).filter((id) => !f.repeat_of.includes(id))];
  return appendEvents(
    ledger,
    s0.id,
    [{ type: 'correct', field: 'repeat_of', old: s0.file.repeat_of, new: next(s0.file), reason }],
    `关联 ${s0.id} 为 ${earlier.map((e) => e.id).join('、')} 的重复信访${reason ? `：${reason}` : ''}`,
    clerk,
    { check, mutate: (f) => ({ ...f, repeat_of: next(f) }) },
  );
}

/** Removes a case's repeat links (all, or only to `from`): it was not the same matter. */
export function unlinkRepeat(ledger: Ledger, ref: string, input: { from?: string; reason?: string }, clerk: Clerk): CaseState {
  const reason = reasonText(input.reason, '--reason（理由）');
  const s0 = loadCase(ledger, ref);
  const from = input.from ? loadCase(ledger, input.from).id : undefined;
  const next = (f: CaseFile) => (from ? f.repeat_of.filter((id) => id !== from) : []);
  const check = (s: CaseState) => {
    if (s.mergedInto) refuse(`${s.id} 已并入 ${s.mergedInto}：并入的案件不能取消关联`, 'merged');
    if (!s.file.repeat_of.length) refuse(`${s.id} 没有关联为重复信访，无需取消`, 'unchanged');
    if (from && !s.file.repeat_of.includes(from)) refuse(`${s.id} 没有关联 ${from}（关联的是 ${s.file.repeat_of.join('、')}）`, 'unchanged');
  };
  check(s0);
  return appendEvents(
    ledger,
    s0.id,
    [{ type: 'correct', field: 'repeat_of', old: s0.file.repeat_of, new: next(s0.file), reason }],
    `取消 ${s0.id} 的重复信访关联（${from ?? s0.file.repeat_of.join('、')}）${reason ? `：${reason}` : ''}`,
    clerk,
    { check, mutate: (f) => ({ ...f, repeat_of: next(f) }) },
  );
}

/**
 * Merges a duplicate registration into the original case: the original gets a further visit
 * for each visit of the duplicate — its registration (dated on the duplicate's day, with its
 * channel, leader, people, place) and any further visits; the duplicate keeps its events, is
 * linked to the original and marked merged. Both files in one commit.
 */
export function mergeCase(ledger: Ledger, dupRef: string, origRef: string, input: { note?: string }, clerk: Clerk): { dup: CaseState; orig: CaseState } {
  const note = reasonText(input.note, '--note（说明）');
  const dupId = loadCase(ledger, dupRef).id;
  const origId = loadCase(ledger, origRef).id;
  const check = (dup: CaseState, orig: CaseState) => {
    if (dup.mergedInto) refuse(`${dup.id} 已并入 ${dup.mergedInto}`, 'unchanged');
    const bad = linkProblem(dup, orig, '并入');
    if (bad) throw new InputError(bad, 'bad_value');
  };
  check(loadCase(ledger, dupId), loadCase(ledger, origId));
  indexBeforeWrite(ledger);
  const write = () => {
    const d = readCase(ledger.root, dupId);
    const o = readCase(ledger.root, origId);
    if (!d || !o) throw new InputError(`没有案件 ${!d ? dupId : origId}`, 'unknown_case');
    const dup = foldCase(d);
    const orig = foldCase(o);
    check(dup, orig);
    // Every visit of the duplicate (its registration and any further visits) becomes one of the original.
    const visits: NewEvent[] = [];
    for (const e of d.events) {
      if (e.type !== 'registered' && e.type !== 'visit') continue;
      const first = e.type === 'registered';
      visits.push({
        type: 'visit',
        date: first ? dup.received : e.date,
        channel: e.channel,
        receiver: e.receiver,
        people: e.people,
        place: e.place,
        mode: e.mode,
        petitioners: first ? d.petitioners.map((p) => p.name) : e.petitioners,
        note: `由 ${dup.id} 并入（${first ? '原误登记为新案件' : `${dup.id} 的再次来访`}）${note ? `：${note}` : ''}`,
      });
    }
    const add = d.petitioners.filter((p) => !o.petitioners.some((q) => q.name === p.name && (!p.id_number || !q.id_number || p.id_number === q.id_number)));
    const nextOrig = CaseFileSchema.parse({ ...o, petitioners: [...o.petitioners, ...add], events: [...o.events, ...visits.map((v) => stamp(v, clerk))] });
    const nextDup = CaseFileSchema.parse({
      ...d,
      repeat_of: d.repeat_of.includes(orig.id) ? d.repeat_of : [...d.repeat_of, orig.id],
      events: [...d.events, stamp({ type: 'merged', into: orig.id, note }, clerk)],
    });
    const change = ledger.change();
    change.put(caseRel(dupId), CaseFileSchema, nextDup);
    change.put(caseRel(origId), CaseFileSchema, nextOrig);
    change.apply(`合并 ${dupId} → ${origId}：重复登记改为 ${origId} 的再次来访${note ? `（${note}）` : ''}`, clerk);
    indexWritten(ledger, [caseRel(dupId), caseRel(origId)]);
    return { dup: foldCase(nextDup), orig: foldCase(nextOrig) };
  };
  const [a, b] = [dupId, origId].sort() as [string, string];
  return withLock(ledger.root, `case-${a}`, () => withLock(ledger.root, `case-${b}`, write));
}
