// The case lifecycle after registration (包案, 受理, 办理, 交办, 延期, 中止, 督办, 评查,
// 阅批, 更正, 审批, 信访人意见, 结案, 回访, 重新办理): one function per command. Each
// validates its input, then appends its event under the case's lock — the state checks
// run again on the fresh file inside the lock — and commits exactly the case file. Any
// refusal throws before anything is written. The clerk's `now` is when it happened.
// A case's history (history.ts), `due` and `due --supervise` (due.ts) and the notices
// (notices.ts) are re-exported from here.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { badField, InputError, ProblemError } from '../errors.js';
import { eventDate, liveEvents, STATUS_ZH, type CaseState } from '../domain/case.js';
import { CHANNELS, DECISIONS, DISPOSITIONS, MODES_ZH, OPINIONS, SUPERVISION_FORMS, type CaseFile, type Channel, type Event, type NewEvent, type ReceptionMode } from '../domain/events.js';
import { resolveLeader, resolveUnit } from '../domain/leaders.js';
import { resolveCategory, resolvePurpose } from '../domain/taxonomy.js';
import { CONDITION_ZH, type Readiness } from '../domain/readiness.js';
import { shanghaiDate } from '../domain/time.js';
import { checkDate, checkFileName, checkPeople, checkText, fitFileName, FILE_NAME_MAX_BYTES, recordDateProblem, resolvePlace, type TextKind } from '../domain/input.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import type { Leader, Unit } from '../ledger/schema.js';
import { loadTaxonomy } from '../ledger/reference.js';
import { appendEvent, appendEvents, loadCase } from './cases.js';
import { readinessOf, unitNameOf } from './case-extras.js';
import { dutyOn } from './duty.js';
import { mustBeOpen, refuse } from './case-guards.js';

// ---- shared checks -----------------------------------------------------------------

function mustNotBeSuspended(s: CaseState, what: string): void {
  if (s.status === 'suspended') refuse(`${s.id} 正在中止（停止计时），不能${what}。先 xinfang case resume ${s.id}`);
}

/** Events that move the case along; the story of these must stay in order. */
const STEPS = new Set<Event['type']>(['accept', 'decline', 'handle', 'transfer', 'reply', 'extend', 'suspend', 'resume', 'review', 'approve', 'opinion', 'close', 'reopen']);

/** The event cannot happen before the case was received. */
function mustBeAfterReceipt(s: CaseState, clerk: Clerk): void {
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
function mustBeInOrder(s: CaseState, type: Event['type'], clerk: Clerk): void {
  if (!STEPS.has(type)) return;
  const d = shanghaiDate(clerk.now);
  let latest = '';
  for (const e of liveEvents(s.file.events)) if (STEPS.has(e.type) && eventDate(e.at) > latest) latest = eventDate(e.at);
  if (latest && d < latest) throw badField('--date（日期）', d, `不能早于本案最近一次记录的日期 ${latest}（受理、处理、交办、结案等须按发生先后登记）`);
}

/** A required text of a kind (src/domain/input.ts: length limit, no control characters). */
function text(value: string | undefined, field: string, kind: TextKind = 'text'): string {
  return checkText(value, field, kind, { required: true });
}

/** An optional note (说明): '' when not given. */
function note(value: string | undefined, field = '--note（说明）'): string {
  return checkText(value, field, 'text');
}

function activeLeader(ledger: Ledger, ref: string, field: string): Leader {
  const l = resolveLeader(ledger.leaders().leaders, ref, field);
  if (!l.active) throw new InputError(`${field}：${l.name} 已离任`, 'retired');
  return l;
}

function activeUnit(ledger: Ledger, ref: string, field = '--unit（承办单位）'): Unit {
  const u = resolveUnit(ledger.units().units, ref, field);
  if (!u.active) throw new InputError(`${field}：${u.name} 已停用`, 'retired');
  return u;
}

/** Validates against the current file, then appends under the lock (where `check` runs again on the fresh state). */
function record(ledger: Ledger, ref: string, clerk: Clerk, check: (s: CaseState) => void, build: (s: CaseState) => { events: NewEvent[]; message: string; mutate?: (f: CaseFile) => CaseFile; extraPaths?: string[] }): CaseState {
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

// ---- 包案 and 五包 --------------------------------------------------------------------

/** 包案: the owning leader; the receiving leader by default. */
export function assignCase(ledger: Ledger, ref: string, input: { leader?: string; note?: string }, clerk: Clerk): CaseState {
  const s0 = loadCase(ledger, ref);
  const leaderRef = input.leader?.trim() || s0.receiver;
  if (!leaderRef) throw new InputError(`${s0.id} 没有接待领导，请用 --leader 指定包案领导`, 'missing');
  const l = activeLeader(ledger, leaderRef, '--leader（包案领导）');
  return record(
    ledger,
    s0.id,
    clerk,
    (s) => {
      mustBeOpen(s, '变更包案领导');
      if (s.owner === l.id && s.file.events.some((e) => e.type === 'assign')) refuse(`${s.id} 的包案领导已是 ${l.name}`, 'unchanged');
    },
    (s) => ({ events: [{ type: 'assign', leader: l.id, note: note(input.note) }], message: `包案 ${s.id} → ${l.name}` }),
  );
}

/** Resolves 五包 items: the office's wording, or its number 1–5 in the office's list. */
export function resolveDuties(ledger: Ledger, items: string[]): string[] {
  const duties = ledger.config.duties;
  if (!items.length) throw new InputError(`缺少必填项：--done（五包事项，可选：${duties.join('、')}）`, 'missing');
  return items.map((raw) => {
    const v = raw.trim();
    const byNo = /^\d+$/.test(v) ? duties[Number(v) - 1] : undefined;
    const found = byNo ?? duties.find((d) => d === v || d === `包${v}` || d.replace(/^包/, '') === v);
    if (!found) throw badField('--done（五包事项）', raw, `允许：${duties.map((d, i) => `${d}（${i + 1}）`).join('、')}`);
    return found;
  });
}

export function recordDuty(ledger: Ledger, ref: string, input: { done: string[]; note?: string }, clerk: Clerk): CaseState {
  const items = [...new Set(resolveDuties(ledger, input.done))];
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      mustBeOpen(s, '记录五包落实');
      const already = items.filter((i) => s.dutiesDone.includes(i));
      if (already.length === items.length) refuse(`${s.id} 的 ${already.join('、')} 已记录为落实`, 'unchanged');
    },
    (s) => {
      const fresh = items.filter((i) => !s.dutiesDone.includes(i));
      return { events: [{ type: 'duty', items: fresh, note: note(input.note) }], message: `五包 ${s.id}：${fresh.join('、')}` };
    },
  );
}

// ---- 受理 ------------------------------------------------------------------------------

export function acceptCase(ledger: Ledger, ref: string, input: { note?: string }, clerk: Clerk): CaseState {
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      if (s.status !== 'registered' || s.accepted) refuse(`${s.id} 当前为“${STATUS_ZH[s.status]}”，只有待受理的案件可以受理`);
    },
    (s) => ({ events: [{ type: 'accept', note: note(input.note) }], message: `受理 ${s.id}` }),
  );
}

export function declineCase(ledger: Ledger, ref: string, input: { reason?: string }, clerk: Clerk): CaseState {
  const reason = text(input.reason, '--reason（不予受理理由）');
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      if (s.status !== 'registered' || s.accepted) refuse(`${s.id} 当前为“${STATUS_ZH[s.status]}”，只有待受理的案件可以决定不予受理`);
    },
    (s) => ({ events: [{ type: 'decline', reason }], message: `不予受理 ${s.id}：${reason}` }),
  );
}

// ---- 办理 ------------------------------------------------------------------------------

export interface HandleInput {
  disposition: keyof typeof DISPOSITIONS;
  facts?: string;
  decision?: keyof typeof DECISIONS;
  note?: string;
  promiseBy?: string;
}

export function handleCase(ledger: Ledger, ref: string, input: HandleInput, clerk: Clerk): CaseState {
  const facts = text(input.facts, '--facts（查明的事实）');
  const today = shanghaiDate(clerk.now);
  if (input.disposition === 'promised') {
    if (!input.promiseBy) throw new InputError('限期解决（promised）需要 --promise-by（承诺解决日期 YYYY-MM-DD）', 'missing');
    checkDate(input.promiseBy, '--promise-by（承诺解决日期）');
    if (input.promiseBy < today) throw badField('--promise-by（承诺解决日期）', input.promiseBy, `不能早于处理日期 ${today}`);
  } else if (input.promiseBy) throw badField('--promise-by（承诺解决日期）', input.promiseBy, '只用于 --disposition 限期解决（promised）');
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      mustBeOpen(s, '记录处理');
      mustNotBeSuspended(s, '记录处理');
    },
    (s) => ({
      events: [{ type: 'handle', disposition: input.disposition, facts, ...(input.decision && { decision: input.decision }), note: note(input.note), ...(input.promiseBy && { promise_by: input.promiseBy }) }],
      message: `处理 ${s.id}：${DISPOSITIONS[input.disposition]}${input.decision ? `，${DECISIONS[input.decision]}` : ''}${input.promiseBy ? `，承诺 ${input.promiseBy} 前解决` : ''}`,
    }),
  );
}

/** 交办: to a unit, by a due date (given, or transfer_days after today). */
export function transferCase(ledger: Ledger, ref: string, input: { unit?: string; due?: string; note?: string; handler?: string }, clerk: Clerk): CaseState {
  if (!input.unit?.trim()) throw new InputError('缺少必填项：--unit（承办单位）', 'missing');
  const u = activeUnit(ledger, input.unit);
  const handler = input.handler === undefined ? '' : text(input.handler, '--handler（承办人）', 'name');
  const today = shanghaiDate(clerk.now);
  if (input.due !== undefined) {
    checkDate(input.due, '--due（办结期限）');
    if (input.due <= today) throw badField('--due（办结期限）', input.due, `应晚于交办日期 ${today}`);
  }
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      mustBeOpen(s, '交办');
      mustNotBeSuspended(s, '交办');
      if (s.awaitingReply.includes(u.id)) refuse(`${s.id} 已交办 ${u.name}，尚未答复；催办请用 xinfang case supervise ${s.id} --form … --note …`, 'exists');
    },
    (s) => ({ events: [{ type: 'transfer', unit: u.id, ...(input.due && { due: input.due }), note: note(input.note), ...(handler && { handler }) }], message: `交办 ${s.id} → ${u.name}${handler ? `（承办人 ${handler}）` : ''}${input.due ? `（限 ${input.due}）` : ''}` }),
  );
}

export function replyCase(ledger: Ledger, ref: string, input: { unit?: string; text?: string; toPetitioner?: boolean }, clerk: Clerk): CaseState {
  if (!input.unit?.trim()) throw new InputError('缺少必填项：--unit（答复的承办单位）', 'missing');
  const u = resolveUnit(ledger.units().units, input.unit, '--unit（承办单位）');
  const body = text(input.text, '--text（书面答复内容）', 'long');
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      mustBeOpen(s, '记录答复');
      if (!s.awaitingReply.includes(u.id)) refuse(s.units.includes(u.id) ? `${u.name} 已答复 ${s.id}` : `${s.id} 没有交办给 ${u.name}${s.awaitingReply.length ? `；待答复的单位：${s.awaitingReply.map((x) => unitNameOf(ledger, x)).join('、')}` : ''}`);
    },
    // --to-petitioner (部门：各有关责任科室……书面回复信访人): the unit's written reply went to the petitioner.
    (s) => ({ events: [{ type: 'reply', unit: u.id, text: body, ...(input.toPetitioner && { to_petitioner: true }) }], message: `答复 ${s.id}：${u.name}${input.toPetitioner ? '（书面回复信访人）' : ''}` }),
  );
}

/** 延期: approved, cumulative at most max_extension_days. */
export function extendCase(ledger: Ledger, ref: string, input: { days: number; reason?: string; leader?: string }, clerk: Clerk): CaseState {
  const reason = text(input.reason, '--reason（延期理由）');
  const max = ledger.config.deadlines.max_extension_days;
  if (!Number.isInteger(input.days) || input.days < 1) throw badField('--days（延期天数）', input.days, '应为正整数');
  const s0 = loadCase(ledger, ref);
  const approverRef = input.leader?.trim() || s0.owner || '';
  if (!approverRef) throw new InputError(`${s0.id} 没有包案领导，请用 --leader 指定批准延期的领导`, 'missing');
  const approver = activeLeader(ledger, approverRef, '--leader（批准领导）');
  return record(
    ledger,
    s0.id,
    clerk,
    (s) => {
      mustBeOpen(s, '延期');
      if (!s.handleStart) refuse(`${s.id} 尚未受理，办理期限还没有开始，不能延期`);
      if (s.extensionDays + input.days > max) {
        throw badField('--days（延期天数）', input.days, `延期累计不能超过 ${max} 天（已延期 ${s.extensionDays} 天，最多还能延 ${Math.max(0, max - s.extensionDays)} 天）`);
      }
    },
    (s) => ({ events: [{ type: 'extend', days: input.days, reason, approved_by: approver.id }], message: `延期 ${s.id} ${input.days} 天（${approver.name} 批准）：${reason}` }),
  );
}

export function suspendCase(ledger: Ledger, ref: string, input: { reason?: string }, clerk: Clerk): CaseState {
  const reason = text(input.reason, '--reason（中止理由）');
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      mustBeOpen(s, '中止');
      if (s.status === 'suspended') refuse(`${s.id} 已在中止中`);
      if (!s.handleStart) refuse(`${s.id} 尚未受理，办理期限还没有开始，不能中止计时`);
    },
    (s) => ({ events: [{ type: 'suspend', reason }], message: `中止 ${s.id}：${reason}` }),
  );
}

export function resumeCase(ledger: Ledger, ref: string, input: { note?: string }, clerk: Clerk): CaseState {
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      if (s.status !== 'suspended') refuse(`${s.id} 没有中止，当前为“${STATUS_ZH[s.status]}”`);
      const from = s.suspensions.find((x) => x.to === null)?.from;
      if (from && shanghaiDate(clerk.now) < from) throw badField('--date（恢复日期）', shanghaiDate(clerk.now), `不能早于中止日期 ${from}`);
    },
    (s) => ({ events: [{ type: 'resume', note: note(input.note) }], message: `恢复办理 ${s.id}` }),
  );
}

// ---- 督办, 评查, 集体研究, 附件, 阅批 ------------------------------------------------------

export function superviseCase(ledger: Ledger, ref: string, input: { form: keyof typeof SUPERVISION_FORMS; note?: string; unit?: string }, clerk: Clerk): CaseState {
  const note = text(input.note, '--note（督办内容）');
  const unit = input.unit?.trim() ? resolveUnit(ledger.units().units, input.unit, '--unit（被督办单位）') : undefined;
  return record(
    ledger,
    ref,
    clerk,
    (s) => mustBeOpen(s, '督办'),
    (s) => ({ events: [{ type: 'supervise', form: input.form, note, unit: unit?.id ?? '' }], message: `督办 ${s.id}：${SUPERVISION_FORMS[input.form]}${unit ? ` ${unit.name}` : ''}` }),
  );
}

export function reviewCase(ledger: Ledger, ref: string, input: { result: 'pass' | 'redo'; note?: string }, clerk: Clerk): CaseState {
  const note = text(input.note, '--note（评查意见）');
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      if (s.status === 'declined') refuse(`${s.id} 已决定不予受理，没有可评查的办理结果`);
      if (s.status === 'closed' && input.result === 'redo') refuse(`${s.id} 已结案；需重新办理时用 xinfang case reopen ${s.id} --reason …`);
      if (!s.handled) refuse(`${s.id} 还没有处理结果，无从评查`);
    },
    (s) => ({ events: [{ type: 'review', result: input.result, note }], message: `评查 ${s.id}：${input.result === 'pass' ? '通过' : '发回重新办理'}` }),
  );
}

export function collectiveCase(ledger: Ledger, ref: string, input: { note?: string }, clerk: Clerk): CaseState {
  const note = text(input.note, '--note（提交集体研究的事项）');
  return record(
    ledger,
    ref,
    clerk,
    (s) => mustBeOpen(s, '提交集体研究'),
    (s) => ({ events: [{ type: 'collective', note }], message: `提交领导班子集体研究 ${s.id}` }),
  );
}

/** Copies FILE into attachments/<case id>/ with its sha256 and records it. */
export function attachFile(ledger: Ledger, ref: string, input: { file: string; kind?: string; name?: string }, clerk: Clerk): CaseState {
  const kind = text(input.kind, '--kind（材料类别，如 答复意见书）', 'label');
  const src = input.file;
  if (!src || !existsSync(src) || !statSync(src).isFile()) throw badField('FILE（附件）', src, '文件不存在或不是普通文件');
  // The name is checked before anything is read or written (src/domain/input.ts): no path
  // separators, not . or .., not .git in any spelling, at most 255 bytes, no control characters.
  const name = input.name === undefined ? basename(src ?? '') : checkText(input.name, '--name（附件名称）', 'line', { required: true });
  const nameField = input.name === undefined ? 'FILE（附件文件名；可用 --name 另取名称）' : '--name（附件名称）';
  checkFileName(name, nameField);
  const safe = checkFileName(name.replace(/[\\/:*?"<>|\s]+/g, '_'), nameField);
  const data = readFileSync(src);
  const sha = createHash('sha256').update(data).digest('hex');
  const s0 = loadCase(ledger, ref);
  mustBeOpenForAttach(s0);
  mustBeAfterReceipt(s0, clerk);
  let rel = `attachments/${s0.id}/${safe}`;
  const dest = () => join(ledger.root, rel);
  if (existsSync(dest())) {
    const same = createHash('sha256').update(readFileSync(dest())).digest('hex') === sha;
    if (same && s0.file.events.some((e) => e.type === 'attach' && e.sha256 === sha)) refuse(`${s0.id} 已有同一文件的附件（${rel}）`, 'exists');
    if (!same) rel = `attachments/${s0.id}/${fitFileName(`${sha.slice(0, 8)}-${safe}`, FILE_NAME_MAX_BYTES)}`;
  }
  // The attachment is one of the change's files: written, committed and, should the commit
  // fail or the command be killed, undone or completed together with the event.
  return appendEvent(ledger, s0.id, { type: 'attach', file: rel, kind, name, sha256: sha }, `附件 ${s0.id}：${kind}（${name}）`, clerk, {
    check: mustBeOpenForAttach,
    extraFiles: [{ rel, text: data }],
  });
}

function mustBeOpenForAttach(s: CaseState): void {
  // Materials may still be filed after closure (archiving), but not on a declined case.
  if (s.status === 'declined') refuse(`${s.id} 已决定不予受理`);
}

/**
 * 领导阅批 (局：“当值领导……必须亲自阅批群众来信”): by default the leader on duty the day the item
 * arrived (not today's), else its receiving leader, else its owner.
 */
export function instructCase(ledger: Ledger, ref: string, input: { leader?: string; text?: string }, clerk: Clerk): CaseState {
  const body = text(input.text, '--text（批示内容）');
  const s0 = loadCase(ledger, ref);
  const ref2 = input.leader?.trim() || dutyOn(ledger, s0.received)[0]?.leader || s0.receiver || s0.owner || '';
  if (!ref2) throw new InputError(`${s0.id} 收到的那天（${s0.received}）没有排班的值班领导，也没有接待或包案领导：请用 --leader 指定批示领导`, 'missing');
  const l = activeLeader(ledger, ref2, '--leader（批示领导）');
  return record(
    ledger,
    s0.id,
    clerk,
    (s) => mustBeOpen(s, '批示'),
    (s) => ({ events: [{ type: 'instruct', leader: l.id, text: body }], message: `批示 ${s.id}：${l.name}` }),
  );
}

// ---- 更正 ------------------------------------------------------------------------------

import { CORRECTABLE, FIELD_ZH, type CorrectableField } from './correctable.js';

export { CORRECTABLE, FIELD_ZH, type CorrectableField } from './correctable.js';

function correctedValue(ledger: Ledger, s: CaseState, field: CorrectableField, raw: string): unknown {
  const v = raw.trim();
  const f = `--value（${FIELD_ZH[field]}）`;
  switch (field) {
    case 'purpose':
      return resolvePurpose(loadTaxonomy(), v).key;
    case 'category':
      return resolveCategory(loadTaxonomy(), v);
    case 'people': {
      const n = checkPeople(v, f);
      if (n < s.file.petitioners.length) throw badField(f, raw, `应为不小于信访人数 ${s.file.petitioners.length} 的整数`);
      return n;
    }
    case 'channel': {
      const hit = (Object.entries(CHANNELS) as [Channel, string][]).find(([k, zh]) => k === v || zh === v);
      if (!hit) throw badField(f, raw, `允许：${Object.entries(CHANNELS).map(([k, zh]) => `${zh}（${k}）`).join('、')}`);
      return hit[0];
    }
    case 'mode': {
      const hit = (Object.entries(MODES_ZH) as [ReceptionMode, string][]).find(([k, zh]) => k === v || zh === v);
      if (!hit) throw badField(f, raw, `允许：${Object.entries(MODES_ZH).map(([k, zh]) => `${zh}（${k}）`).join('、')}`);
      return hit[0];
    }
    case 'receiver':
      return resolveLeader(ledger.leaders().leaders, v, f).id;
    case 'place':
      return resolvePlace(ledger.config.places, v, f).id;
    case 'summary':
      return text(v, f, 'text');
    case 'opinion':
      return checkText(v, f, 'text');
    default:
      // respondent, locality, source: one line each
      return checkText(v, f, 'line');
  }
}

/** Corrects one registration field; the event keeps the old and the new value. */
function shownValue(v: unknown): string {
  if (v && typeof v === 'object' && 'main' in v) {
    const c = v as { main: string; sub: string };
    return `${c.main}/${c.sub}`;
  }
  return String(v);
}

export function correctCase(ledger: Ledger, ref: string, input: { field?: string; value?: string; reason?: string }, clerk: Clerk): CaseState {
  const field = CORRECTABLE.find((k) => k === input.field || FIELD_ZH[k] === input.field);
  if (!field) throw badField('--field（更正的登记项）', input.field, `允许：${CORRECTABLE.map((k) => `${FIELD_ZH[k]}（${k}）`).join('、')}`);
  if (input.value === undefined) throw new InputError('缺少必填项：--value（更正后的值）', 'missing');
  const reason = text(input.reason, '--reason（更正理由）');
  const s0 = loadCase(ledger, ref);
  const value = correctedValue(ledger, s0, field, input.value);
  const same = (s: CaseState) => JSON.stringify(s.file[field]) === JSON.stringify(value);
  return record(
    ledger,
    s0.id,
    clerk,
    (s) => {
      if (same(s)) refuse(`${s.id} 的${FIELD_ZH[field]}已是“${shownValue(value)}”，无需更正`, 'unchanged');
    },
    (s) => ({
      events: [{ type: 'correct', field, old: s.file[field], new: value, reason }],
      message: `更正 ${s.id} ${FIELD_ZH[field]}：${reason}`,
      mutate: (f) => ({ ...f, [field]: value }),
    }),
  );
}

// ---- 审批, 信访人意见, 结案条件, 结案 --------------------------------------------------------

export function approveCase(ledger: Ledger, ref: string, input: { leader?: string; text?: string }, clerk: Clerk): CaseState {
  const body = text(input.text, '--text（审批意见）');
  const s0 = loadCase(ledger, ref);
  const lref = input.leader?.trim() || s0.owner || '';
  if (!lref) throw new InputError(`${s0.id} 没有包案领导：先 xinfang case assign ${s0.id} --leader …，或用 --leader 指定`, 'missing');
  const l = activeLeader(ledger, lref, '--leader（审批领导）');
  return record(
    ledger,
    s0.id,
    clerk,
    (s) => {
      mustBeOpen(s, '签署审批意见');
      if (!s.handled) refuse(`${s.id} 还没有处理结果，包案领导无从审批（先 xinfang case handle）`);
    },
    (s) => ({ events: [{ type: 'approve', leader: l.id, text: body }], message: `审批 ${s.id}：${l.name}` }),
  );
}

export function recordOpinion(ledger: Ledger, ref: string, input: { value: keyof typeof OPINIONS; note?: string }, clerk: Clerk): CaseState {
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      mustBeOpen(s, '记录信访人意见');
      if (!s.handled) refuse(`${s.id} 还没有处理结果，信访人无从表态（先 xinfang case handle）`);
    },
    (s) => ({ events: [{ type: 'opinion', value: input.value, note: note(input.note) }], message: `信访人意见 ${s.id}：${OPINIONS[input.value]}` }),
  );
}

export function caseReadiness(ledger: Ledger, ref: string): { case: CaseState; readiness: Readiness } {
  const s = loadCase(ledger, ref);
  return { case: s, readiness: readinessOf(ledger, s) };
}

export function failedConditionsText(r: Readiness): string {
  return r.conditions
    .filter((c) => !c.ok)
    .map((c) => `${CONDITION_ZH[c.key]}：${c.detail}`)
    .join('\n  · ');
}

/** 结案 (销号存档): refused, with every failing condition named, unless all five hold. */
export function closeCase(ledger: Ledger, ref: string, input: { note?: string }, clerk: Clerk): CaseState {
  const check = (s: CaseState) => {
    if (s.status === 'closed') refuse(`${s.id} 已于 ${s.closed} 结案`);
    if (s.status === 'declined') refuse(`${s.id} 已决定不予受理，无需结案`);
    const r = readinessOf(ledger, s);
    if (!r.ready) {
      const failed = r.conditions.filter((c) => !c.ok);
      throw new ProblemError(`${s.id} 不能结案，${failed.length} 项结案条件未满足：\n  · ${failedConditionsText(r)}`, 'not_ready', r);
    }
  };
  return record(ledger, ref, clerk, check, (s) => ({ events: [{ type: 'close', note: note(input.note) }], message: `结案 ${s.id}（销号存档）` }));
}

// ---- 回访, 重新办理 ---------------------------------------------------------------------

export function followupCase(ledger: Ledger, ref: string, input: { date: string; note?: string; recurred?: boolean; leader?: string }, clerk: Clerk): CaseState {
  const note = text(input.note, '--note（回访情况）');
  checkDate(input.date, '--date（回访日期）');
  const s0 = loadCase(ledger, ref);
  const lref = input.leader?.trim() || s0.owner || '';
  const l = lref ? activeLeader(ledger, lref, '--leader（回访领导）') : undefined;
  return record(
    ledger,
    s0.id,
    clerk,
    (s) => {
      if (s.status !== 'closed') refuse(`${s.id} 当前为“${STATUS_ZH[s.status]}”，回访针对已结案的案件`);
      if (input.date < s.closed!) throw badField('--date（回访日期）', input.date, `不能早于结案日期 ${s.closed}`);
    },
    (s) => {
      const events: NewEvent[] = [{ type: 'followup', date: input.date, note, recurred: !!input.recurred, leader: l?.id ?? '' }];
      // A recurrence reopens the case (包案领导回访责任制: the matter is handled again).
      if (input.recurred) events.push({ type: 'reopen', reason: `回访发现问题复发：${note}` });
      return { events, message: `回访 ${s.id}${input.recurred ? '：问题复发，重新办理' : ''}` };
    },
  );
}

export function reopenCase(ledger: Ledger, ref: string, input: { reason?: string }, clerk: Clerk): CaseState {
  const reason = text(input.reason, '--reason（重新办理的理由）');
  return record(
    ledger,
    ref,
    clerk,
    (s) => {
      if (s.status !== 'closed' && s.status !== 'declined') refuse(`${s.id} 当前为“${STATUS_ZH[s.status]}”，仍在办理，无需重新办理`);
    },
    (s) => ({ events: [{ type: 'reopen', reason }], message: `重新办理 ${s.id}：${reason}` }),
  );
}

export * from './history.js';
export * from './due.js';
export * from './notices.js';
