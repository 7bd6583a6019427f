// Corrections that keep history: `case void` (an event that cancels an earlier one — both
// stay in the file, the cancelled one no longer counts anywhere) and `case resolve` (a
// 限期解决 promise kept, recorded as what it is instead of a second, false handling).
// Each appends one event under the case's lock and commits exactly the case file.
import { badField } from '../errors.js';
import { eventDate, liveEvents, type CaseState } from '../domain/case.js';
import { DISPOSITIONS, type Event } from '../domain/events.js';
import { checkDate, checkText, recordDateProblem } from '../domain/input.js';
import { shanghaiDate } from '../domain/time.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { appendEvent, loadCase } from './cases.js';
import { mustBeOpen, refuse } from './case-guards.js';

/** Event types and how a clerk names them (for messages). */
export const EVENT_ZH: Record<Event['type'], string> = {
  registered: '登记',
  visit: '再次来访',
  assign: '包案',
  duty: '五包落实',
  accept: '受理',
  decline: '不予受理',
  handle: '处理',
  transfer: '交办',
  reply: '单位答复',
  extend: '延期',
  suspend: '中止',
  resume: '恢复办理',
  supervise: '督办',
  review: '评查',
  collective: '集体研究',
  attach: '附件',
  instruct: '批示',
  correct: '更正',
  approve: '审批意见',
  opinion: '信访人意见',
  close: '结案',
  followup: '回访',
  reopen: '重新办理',
  appointment: '约访',
  'merge-conflict': '合并冲突',
  merged: '并入他案',
  beijing: '进京非正常上访',
  void: '撤销',
  resolve: '承诺兑现',
};

const what = (e: Event) => `${EVENT_ZH[e.type]}（${eventDate(e.at)}，编号 ${e.id}）`;

/**
 * The event a clerk means: `last` (the latest event that still counts), the event's id, or
 * the end of it (at least 4 characters, as `case show` prints 〔…〕 and `case history`).
 */
export function findEvent(s: CaseState, ref: string): Event {
  const events = s.file.events;
  const v = ref.trim();
  if (v === 'last' || v === '最后' || v === '上一条') {
    const live = liveEvents(events);
    const e = live[live.length - 1]!;
    if (e.type === 'registered') refuse(`${s.id} 除登记外没有其他记录，没有可撤销的`, 'nothing');
    return e;
  }
  const up = v.toUpperCase();
  if (up.length < 4) throw badField('EVENT（要撤销的记录）', ref, '应为 last（最近一条）或记录编号（case show --json 的 events[].id，或其末尾至少 4 位）');
  const hits = events.filter((e) => e.id.toUpperCase() === up || e.id.toUpperCase().endsWith(up));
  if (!hits.length) {
    const live = liveEvents(events).filter((e) => e.type !== 'registered');
    const list = live.length ? `本案的记录：${live.map((e) => `${e.id.slice(-6)} ${EVENT_ZH[e.type]}（${eventDate(e.at)}）`).join('；')}` : '本案除登记外没有其他记录';
    throw badField('EVENT（要撤销的记录）', ref, `${s.id} 没有这条记录。可用 last，或记录编号的末尾几位。${list}`);
  }
  if (hits.length > 1) throw badField('EVENT（要撤销的记录）', ref, `对应 ${hits.length} 条记录（${hits.map(what).join('；')}），请写完整编号`);
  return hits[0]!;
}

/** What a later event that still counts would lose if `target` were cancelled (null when nothing). */
function dependent(s: CaseState, target: Event): string | null {
  const live = liveEvents(s.file.events);
  const after = live.slice(live.findIndex((e) => e.id === target.id) + 1);
  if (target.type === 'transfer') {
    const again = after.find((e) => e.type === 'transfer' && e.unit === target.unit);
    const reply = after.find((e) => e.type === 'reply' && e.unit === target.unit);
    if (reply && (!again || again.id > reply.id)) return `之后已有该单位的书面答复（${reply.id}）`;
  }
  if (target.type === 'suspend' && after.some((e) => e.type === 'resume')) return '之后已恢复办理';
  if (target.type === 'handle' && target.disposition === 'promised' && after.some((e) => e.type === 'resolve')) return '之后已记录承诺兑现';
  if (target.type === 'close' && after.some((e) => e.type === 'followup' || e.type === 'reopen')) return '之后已有回访或重新办理';
  if ((target.type === 'accept' || target.type === 'decline') && s.status === 'closed') return '案件已结案';
  return null;
}

/**
 * `case void ID EVENT|last --reason R`: a `void` event naming the cancelled one. Refused for
 * the registration (correct its fields with `case correct`), a void, an event already
 * cancelled, and an event later ones rest on (cancel those first).
 */
export function voidEvent(ledger: Ledger, ref: string, input: { event: string; reason?: string }, clerk: Clerk): { case: CaseState; voided: Event } {
  const reason = checkText(input.reason, '--reason（撤销原因）', 'text', { required: true });
  const check = (s: CaseState): Event => {
    const d = shanghaiDate(clerk.now);
    const bad = recordDateProblem(d);
    if (bad) throw badField('--date（日期）', d, bad);
    const t = findEvent(s, input.event);
    if (t.type === 'registered') refuse(`登记是案件本身，不能撤销。登记内容有误请更正：xinfang case correct ${s.id} --field 字段 --value 正确值 --reason 原因`, 'not_voidable');
    if (t.type === 'void') refuse(`${what(t)} 是一条撤销记录，不能再撤销`, 'not_voidable');
    // A merge wrote two files (the duplicate's mark, the original's further visit): cancelling one side would count the visit twice or never.
    if (t.type === 'merged') refuse(`${what(t)} 是案件合并，不能撤销：合并同时改了 ${t.into}（增加了一次再次来访）`, 'not_voidable');
    if (t.type === 'visit' && /^由 \S+ 并入/.test(t.note)) refuse(`${what(t)} 是合并来的再次来访（${t.note}），不能单独撤销`, 'not_voidable');
    if (t.type === 'correct') refuse(`${what(t)} 已改写登记内容，撤销它不会改回；请再用 xinfang case correct ${s.id} --field ${t.field} --value 原来的值 --reason … 更正回去`, 'not_voidable');
    if (s.voided.includes(t.id)) {
      const by = s.file.events.find((e) => e.type === 'void' && e.event === t.id);
      refuse(`${what(t)} 已于 ${by ? eventDate(by.at) : ''} 撤销${by && by.type === 'void' ? `（${by.reason}）` : ''}，不能重复撤销`, 'already_voided');
    }
    if (s.status === 'closed' && t.type !== 'close' && t.type !== 'followup' && t.type !== 'attach') {
      refuse(`${s.id} 已结案，只能撤销结案、回访或附件记录；要撤销其他记录，先撤销结案（xinfang case void ${s.id} 结案记录编号 --reason …）或 xinfang case reopen`, 'bad_state');
    }
    const dep = dependent(s, t);
    if (dep) refuse(`不能撤销 ${what(t)}：${dep}。请先撤销后面的记录`, 'has_dependents');
    return t;
  };
  const s0 = loadCase(ledger, ref);
  const target = check(s0);
  const s = appendEvent(ledger, s0.id, { type: 'void', event: target.id, reason }, `撤销 ${s0.id} 的${EVENT_ZH[target.type]}记录（${eventDate(target.at)}）：${reason}`, clerk, {
    check: (c) => {
      if (check(c).id !== target.id) refuse(`${c.id} 在此期间有了新的记录，请重新执行`, 'changed');
    },
  });
  return { case: s, voided: target };
}

/**
 * `case resolve ID [--date D] [--note N]`: the 限期解决 promise of the current handling was
 * kept on D (today by default). Stops the promise deadline and satisfies the closure's
 * 处理到位 condition; the register and the answer letter say the promise was kept.
 */
export function resolveCase(ledger: Ledger, ref: string, input: { date?: string; note?: string }, clerk: Clerk): CaseState {
  const today = shanghaiDate(clerk.now);
  const date = input.date === undefined ? today : checkDate(input.date, '--date（兑现日期）');
  const note = checkText(input.note, '--note（兑现情况）', 'text');
  const check = (s: CaseState) => {
    mustBeOpen(s, '记录承诺兑现');
    const h = s.handled;
    if (!h) refuse(`${s.id} 还没有处理结果；限期解决先记：xinfang case handle ${s.id} --disposition promised --facts … --promise-by 日期`, 'bad_state');
    if (h.disposition !== 'promised') refuse(`${s.id} 的处理方式是“${DISPOSITIONS[h.disposition]}”，不是限期解决，没有要兑现的承诺`, 'bad_state');
    if (s.resolved) refuse(`${s.id} 的承诺已于 ${s.resolved.date} 记录兑现`, 'unchanged');
    if (date < eventDate(h.at)) throw badField('--date（兑现日期）', date, `不能早于作出承诺的日期 ${eventDate(h.at)}`);
    if (date > today) throw badField('--date（兑现日期）', date, `不能晚于今天 ${today}`);
  };
  const s0 = loadCase(ledger, ref);
  check(s0);
  const late = s0.handled?.promise_by && date > s0.handled.promise_by ? `（晚于承诺的 ${s0.handled.promise_by}）` : '';
  return appendEvent(ledger, s0.id, { type: 'resolve', date, note }, `承诺兑现 ${s0.id}：${date}${late}`, clerk, { check });
}
