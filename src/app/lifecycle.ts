// The case lifecycle after registration (包案, 受理, 办理, 交办, 延期, 中止, 督办, 评查,
// 阅批, 更正, 审批, 信访人意见, 结案, 回访, 重新办理): one function per command. Each
// validates its input, then appends its event under the case's lock — the state checks
// run again on the fresh file inside the lock — and commits exactly the case file. Any
// refusal throws before anything is written. The clerk's `now` is when it happened.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { badField, InputError, ProblemError } from '../errors.js';
import { eventDate, isOpen, needsInstruction, STATUS_ZH, type CaseState, type Status } from '../domain/case.js';
import { CHANNELS, DECISIONS, DISPOSITIONS, MODES_ZH, OPINIONS, SUPERVISION_FORMS, type CaseFile, type Channel, type Event, type NewEvent, type ReceptionMode } from '../domain/events.js';
import { resolveLeader, resolveUnit } from '../domain/leaders.js';
import { resolveCategory, resolvePurpose } from '../domain/taxonomy.js';
import { CONDITION_ZH, type Readiness } from '../domain/readiness.js';
import { DEADLINE_ZH, type CaseDeadlines, type Deadline, type DeadlineKind } from '../domain/deadlines.js';
import { addDays, dateZh, diffDays, shanghaiDate } from '../domain/time.js';
import { checkDate, checkFileName, checkPeople, checkText, fitFileName, FILE_NAME_MAX_BYTES, recordDateProblem, resolvePlace, type TextKind } from '../domain/input.js';
import { caseRel } from '../ledger/cases.js';
import { checkRel, shortenName } from '../ledger/txn.js';
import { yamlLib } from '../ledger/yamlfile.js';
import { NOTICE_KINDS, type NoticeKind } from '../domain/notice-kinds.js';
import { git, isGitRepo } from '../ledger/git.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import type { Leader, Unit } from '../ledger/schema.js';
import { loadTaxonomy } from '../ledger/reference.js';
import { appendEvent, appendEvents, appendEventsToCases, loadCase, queryCases } from './cases.js';
import { deadlinesOf, ledgerCalendar, leaderNameOf, readinessOf, unitNameOf } from './case-extras.js';
import { deadlineDate } from '../calendar/deadline.js';
import { NotCoveredError } from '../calendar/calendar.js';
import { dutyOn } from './duty.js';

// ---- shared checks -----------------------------------------------------------------

function refuse(message: string, code = 'bad_state'): never {
  throw new InputError(message, code);
}

/** The case is open (not closed, not declined). */
function mustBeOpen(s: CaseState, what: string): void {
  if (s.status === 'closed') refuse(`${s.id} 已结案，不能${what}。如问题复发，先 xinfang case reopen ${s.id} --reason …`);
  if (s.status === 'declined') refuse(`${s.id} 已决定不予受理，不能${what}`);
}

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
  for (const e of s.file.events) if (STEPS.has(e.type) && eventDate(e.at) > latest) latest = eventDate(e.at);
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
export function transferCase(ledger: Ledger, ref: string, input: { unit?: string; due?: string; note?: string }, clerk: Clerk): CaseState {
  if (!input.unit?.trim()) throw new InputError('缺少必填项：--unit（承办单位）', 'missing');
  const u = activeUnit(ledger, input.unit);
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
    (s) => ({ events: [{ type: 'transfer', unit: u.id, ...(input.due && { due: input.due }), note: note(input.note) }], message: `交办 ${s.id} → ${u.name}${input.due ? `（限 ${input.due}）` : ''}` }),
  );
}

export function replyCase(ledger: Ledger, ref: string, input: { unit?: string; text?: string }, clerk: Clerk): CaseState {
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
    (s) => ({ events: [{ type: 'reply', unit: u.id, text: body }], message: `答复 ${s.id}：${u.name}` }),
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

/** 领导阅批: the duty leader of the day by default, else the owner. */
export function instructCase(ledger: Ledger, ref: string, input: { leader?: string; text?: string }, clerk: Clerk): CaseState {
  const body = text(input.text, '--text（批示内容）');
  const s0 = loadCase(ledger, ref);
  const today = shanghaiDate(clerk.now);
  const ref2 = input.leader?.trim() || dutyOn(ledger, today)[0]?.leader || s0.owner || '';
  if (!ref2) throw new InputError(`${today} 没有排班的值班领导，${s0.id} 也没有包案领导：请用 --leader 指定批示领导`, 'missing');
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

export const CORRECTABLE = ['summary', 'respondent', 'locality', 'purpose', 'category', 'people', 'channel', 'receiver', 'place', 'mode', 'opinion', 'source'] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];
export const FIELD_ZH: Record<CorrectableField, string> = {
  summary: '诉求',
  respondent: '被反映人',
  locality: '问题属地',
  purpose: '信访目的',
  category: '内容分类',
  people: '人数',
  channel: '渠道',
  receiver: '接待领导',
  place: '接待地点',
  mode: '接访方式',
  opinion: '处理意见',
  source: '来源',
};

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

// ---- 历史 ------------------------------------------------------------------------------

export interface HistoryEntry {
  commit: string;
  author: string;
  date: string;
  subject: string;
  /** Events this commit added to the case file. */
  events: Event[];
  /** Registration fields this commit changed. */
  fields: string[];
}

function eventsAt(root: string, rev: string, rel: string): { events: Event[]; reg: Record<string, unknown> } | null {
  try {
    const doc = yamlLib().parse(git(root, ['show', `${rev}:${rel}`])) as Record<string, unknown> | null;
    if (!doc) return null;
    const { events, ...reg } = doc;
    return { events: Array.isArray(events) ? (events as Event[]) : [], reg };
  } catch {
    return null;
  }
}

/** The case's commits, oldest first, each with the events it added (git log + the file at each commit). */
export function caseHistory(ledger: Ledger, ref: string): { case: CaseState; entries: HistoryEntry[] } {
  const s = loadCase(ledger, ref);
  if (!isGitRepo(ledger.root)) throw new InputError('台账不是 git 仓库，没有修改历史（xinfang init 默认建立 git 仓库）', 'no_git');
  const rel = caseRel(s.id);
  const out = git(ledger.root, ['log', '--reverse', '--format=%H%x1f%an%x1f%aI%x1f%s', '--', rel]).trim();
  const entries: HistoryEntry[] = [];
  let prev: { events: Event[]; reg: Record<string, unknown> } | null = null;
  for (const line of out ? out.split('\n') : []) {
    const [commit, author, date, subject] = line.split('\x1f') as [string, string, string, string];
    const cur = eventsAt(ledger.root, commit, rel);
    const seen = new Set((prev?.events ?? []).map((e) => e.id));
    const added = (cur?.events ?? []).filter((e) => !seen.has(e.id));
    const fields = prev && cur ? Object.keys(cur.reg).filter((k) => JSON.stringify(cur.reg[k]) !== JSON.stringify(prev!.reg[k])) : [];
    entries.push({ commit, author, date, subject, events: added, fields });
    prev = cur;
  }
  return { case: s, entries };
}

// ---- due ---------------------------------------------------------------------------

export interface DueItem {
  id: string;
  kind: Deadline['kind'];
  deadline: string;
  /** Overdue: days past the deadline; due soon: days left. */
  days: number;
  warning: string;
  leader: string | null;
  units: string[];
  status: Status;
}

export interface DueReport {
  today: string;
  within: number;
  overdue: DueItem[];
  due_soon: DueItem[];
  /** Letters, calls and mailbox items still waiting for the duty leader's instruction. */
  awaiting_instruction: { id: string; channel: Channel; received: string; leader: string | null }[];
  calendar_gaps: { id: string; deadline: string; year: number }[];
}

function unitsOf(s: CaseState, d: CaseDeadlines): string[] {
  const overdueUnits = d.transfers.filter((t) => t.running && t.level === 'overdue').map((t) => t.unit!);
  return overdueUnits.length ? overdueUnits : s.awaitingReply.length ? s.awaitingReply : s.units;
}

/**
 * A date no running deadline with at most `days` days left can lie beyond: in working-day
 * counting the day before the (days+1)-th working day after today, else today + days.
 * Where the calendar lacks the year, a generous bound (twice the days plus a month).
 */
export function reachDate(ledger: Ledger, today: string, days: number): string {
  const n = Math.max(0, days);
  if (ledger.config.deadlines.day_count !== 'workdays') return addDays(today, n);
  try {
    return addDays(ledgerCalendar(ledger).addWorkdays(today, n + 1), -1);
  } catch (e) {
    if (!(e instanceof NotCoveredError)) throw e;
    return addDays(today, 2 * n + 31);
  }
}

export function dueReport(ledger: Ledger, today: string, within?: number): DueReport {
  const n = within ?? ledger.config.warnings.due_soon_days;
  const rep: DueReport = { today, within: n, overdue: [], due_soon: [], awaiting_instruction: [], calendar_gaps: [] };
  // The index gives the candidates (open, with a deadline within reach, waiting for an
  // instruction, or with dates that move); the rules below decide on each.
  for (const s of queryCases(ledger, { attention: reachDate(ledger, today, n) })) {
    if (!isOpen(s)) continue;
    const d = deadlinesOf(ledger, s, today);
    for (const g of d.gaps) rep.calendar_gaps.push({ id: s.id, deadline: g.kind, year: g.year });
    if (needsInstruction(s)) rep.awaiting_instruction.push({ id: s.id, channel: s.file.channel, received: s.received, leader: s.owner });
    const running = [d.accept, ...(d.handle ? [d.handle] : []), ...d.transfers, ...(d.promise ? [d.promise] : [])].filter((x) => x.running && x.date);
    const late = running.filter((x) => today > x.date!).sort((a, b) => a.date!.localeCompare(b.date!));
    const base = { leader: s.owner, units: unitsOf(s, d), status: s.status };
    if (late.length) {
      const x = late[0]!;
      rep.overdue.push({ id: s.id, kind: x.kind, deadline: x.date!, days: diffDays(x.date!, today), warning: 'overdue', ...base });
      continue;
    }
    const soon = running.filter((x) => x.daysLeft !== null && x.daysLeft <= n).sort((a, b) => a.daysLeft! - b.daysLeft!);
    if (soon.length) {
      const x = soon[0]!;
      rep.due_soon.push({ id: s.id, kind: x.kind, deadline: x.date!, days: x.daysLeft!, warning: d.level, ...base });
    }
  }
  rep.overdue.sort((a, b) => b.days - a.days || a.id.localeCompare(b.id));
  rep.due_soon.sort((a, b) => a.days - b.days || a.id.localeCompare(b.id));
  return rep;
}

export interface SuperviseResult {
  supervised: { id: string; unit: string }[];
  skipped: { id: string; last: string }[];
  notices: string[];
}

/** Where a 督办通知 about an overdue case goes: its units, else its owning leader, else the office itself. */
export type NoticeAddressee = { unit: string } | { leader: string } | { office: true };

function addresseesOf(item: { units: string[]; leader: string | null }): NoticeAddressee[] {
  if (item.units.length) return item.units.map((unit) => ({ unit }));
  if (item.leader) return [{ leader: item.leader }];
  // Neither transferred nor owned (e.g. a letter registered with nobody on duty): the
  // 信访办 itself must act — name an owning leader or a unit — so the notice lists it
  // under the office, never under a blank “包案领导”.
  return [{ office: true }];
}

function addresseeName(ledger: Ledger, a: NoticeAddressee): { to: string; file: string } {
  if ('unit' in a) {
    const n = unitNameOf(ledger, a.unit);
    return { to: n, file: n };
  }
  if ('leader' in a) {
    const n = `包案领导${leaderNameOf(ledger, a.leader)}`;
    return { to: n, file: n };
  }
  return { to: `${ledger.config.office.name}信访办公室（未交办、未包案事项）`, file: '信访办' };
}

/**
 * notices/<today>/督办通知-<name>.txt with a name every file system takes: no path or control
 * characters, at most 200 bytes (a long name is cut, with a hash of the whole), and distinct
 * from the names already `taken` (two addressees whose names differ only in such characters).
 */
function noticeRel(today: string, name: string, taken: string[]): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\\/:*?"<>|\s\x00-\x1f\x7f]+/g, '_').replace(/^\.+/, '_') || '_';
  const hash = createHash('sha256').update(name).digest('hex');
  const budget = 200 - Buffer.byteLength('督办通知-.txt');
  let rel = `notices/${today}/督办通知-${shortenName(safe, budget, hash)}.txt`;
  for (let n = 2; taken.includes(rel); n++) rel = `notices/${today}/督办通知-${shortenName(safe, budget - 4, hash)}-${n}.txt`;
  checkRel(rel);
  return rel;
}

/**
 * `due --supervise`: a supervision event on every overdue case not supervised in the last
 * supervise_every_days days and one 督办通知 per unit (cases without a unit: per owning
 * leader; cases with neither: under the office itself) under notices/<today>/ — all of it
 * ONE change and one commit. Every notice is rendered and every case checked under its
 * lock before anything is written: an unusable template (the office's own) or a case
 * closed meanwhile refuses the whole run with nothing written.
 */
export async function superviseOverdue(ledger: Ledger, form: keyof typeof SUPERVISION_FORMS, clerk: Clerk): Promise<SuperviseResult> {
  const today = shanghaiDate(clerk.now);
  const every = ledger.config.supervise_every_days;
  const rep = dueReport(ledger, today);
  const res: SuperviseResult = { supervised: [], skipped: [], notices: [] };
  const groups = new Map<string, { to: NoticeAddressee; items: DueItem[] }>();
  const todo: DueItem[] = [];
  for (const item of rep.overdue) {
    const s = loadCase(ledger, item.id);
    const last = s.supervisions.map((x) => x.date).sort().pop();
    if (last && diffDays(last, today) < every) {
      res.skipped.push({ id: s.id, last });
      continue;
    }
    todo.push(item);
    for (const a of addresseesOf(item)) {
      const key = JSON.stringify(a);
      const g = groups.get(key) ?? { to: a, items: [] };
      g.items.push(item);
      groups.set(key, g);
    }
  }
  const notices: { rel: string; text: string }[] = [];
  for (const g of groups.values()) {
    const { to, file } = addresseeName(ledger, g.to);
    const body = await renderSupervisionNotice(ledger, { to, form, today, items: g.items.map((i) => ({ ...i, case: loadCase(ledger, i.id) })) });
    notices.push({ rel: noticeRel(today, file, notices.map((n) => n.rel)), text: body });
  }
  if (!todo.length) return res;
  const items = todo.map((item) => {
    const unit = item.units[0] ?? '';
    const note = `超期督办：${DEADLINE_ZH[item.kind]} ${item.deadline} 已超期 ${item.days} 天`;
    return { id: item.id, events: [{ type: 'supervise' as const, form, note, unit }], check: (c: CaseState) => mustBeOpen(c, '督办') };
  });
  appendEventsToCases(ledger, items, notices, `督办 ${todo.length} 件超期案件（${SUPERVISION_FORMS[form]}）`, clerk);
  for (const i of items) res.supervised.push({ id: i.id, unit: i.events[0]!.unit });
  res.notices.push(...notices.map((n) => n.rel));
  return res;
}

// ---- 告知书 and 督办通知 (src/render/notice.ts renders the liquid templates) -----------------

function office(ledger: Ledger) {
  const o = ledger.config.office;
  return { name: o.name, code: o.code, issuer: o.issuer || o.name };
}

function caseData(s: CaseState) {
  return {
    id: s.id,
    received: s.received,
    received_zh: dateZh(s.received),
    channel: CHANNELS[s.file.channel],
    summary: s.file.summary,
    petitioners: s.file.petitioners.map((p) => p.name).join('、'),
    people: s.file.people,
  };
}

async function render(ledger: Ledger, kind: NoticeKind, data: Record<string, unknown>): Promise<string> {
  const { renderNotice } = await import('../render/notice.js');
  return renderNotice(ledger.root, kind, data);
}

/** A notice about one case. Refused when the case has nothing to notify of that kind. */
export async function caseNotice(ledger: Ledger, ref: string, kind: NoticeKind, now: Date): Promise<string> {
  const s = loadCase(ledger, ref);
  const today = shanghaiDate(now);
  const dl = deadlinesOf(ledger, s, today);
  const petitioner = s.file.petitioners.map((p) => p.name).join('、') + (s.file.people > s.file.petitioners.length ? ` 等 ${s.file.people} 人` : '');
  const base = {
    office: office(ledger),
    year: s.id.split('-')[1],
    today_zh: dateZh(today),
    petitioner,
    case: caseData(s),
    rules: ledger.config.deadlines,
    accepted_zh: s.accepted ? dateZh(s.accepted) : '',
    handle_deadline_zh: dl.handle?.date ? dateZh(dl.handle.date) : '',
  };
  const need = (ok: unknown, msg: string) => {
    if (!ok) throw new InputError(`${s.id} ${msg}，不能出具${NOTICE_KINDS[kind]}`, 'bad_state');
  };
  switch (kind) {
    case 'accept': {
      need(s.accepted && s.status !== 'declined', '尚未受理');
      // The notice promises handle_days from the acceptance: later extensions,
      // suspensions or a reopen do not change what was promised then.
      let promised = '';
      try {
        promised = dateZh(deadlineDate(ledgerCalendar(ledger), s.accepted!, ledger.config.deadlines.handle_days, ledger.config.deadlines.day_count));
      } catch (e) {
        if (!(e instanceof NotCoveredError)) throw e;
      }
      return render(ledger, kind, { ...base, handle_deadline_zh: promised });
    }
    case 'decline': {
      const d = [...s.file.events].reverse().find((e) => e.type === 'decline');
      need(s.status === 'declined' && d, '没有不予受理的决定');
      return render(ledger, kind, { ...base, decline: { reason: d && d.type === 'decline' ? d.reason : '' } });
    }
    case 'extend': {
      // Only an extension of the current handling period (a reopen starts a new one).
      const evs = s.file.events;
      const since = evs.map((e) => e.type).lastIndexOf('reopen');
      const x = [...evs.slice(since + 1)].reverse().find((e) => e.type === 'extend');
      need(x, '本轮办理没有延期记录');
      const e = x as Extract<typeof x, { type: 'extend' }>;
      return render(ledger, kind, { ...base, extend: { days: e.days, reason: e.reason, total: s.extensionDays, approved_by: e.approved_by ? leaderNameOf(ledger, e.approved_by) : '包案领导' } });
    }
    case 'reply': {
      const h = s.handled;
      need(h, '还没有处理结果');
      const replies = s.file.events.filter((e) => e.type === 'reply').map((e) => (e.type === 'reply' ? { unit: unitNameOf(ledger, e.unit), text: e.text, date: eventDate(e.at) } : null));
      return render(ledger, kind, {
        ...base,
        reply: {
          facts: h!.facts,
          disposition: DISPOSITIONS[h!.disposition],
          decision: h!.decision ? DECISIONS[h!.decision] : '',
          note: h!.note,
          promise_by_zh: h!.promise_by ? dateZh(h!.promise_by) : '',
          units: replies,
        },
      });
    }
    case 'supervise': {
      need(dl.overdue || s.awaitingReply.length, '既未超期也没有待答复的交办单位');
      const to = s.awaitingReply.length ? s.awaitingReply.map((u) => unitNameOf(ledger, u)).join('、') : addresseeName(ledger, s.owner ? { leader: s.owner } : { office: true }).to;
      const running = [dl.accept, ...(dl.handle ? [dl.handle] : []), ...dl.transfers, ...(dl.promise ? [dl.promise] : [])].filter((d) => d.running && d.date);
      const worst = running.sort((a, b) => a.date!.localeCompare(b.date!))[0];
      const items = worst ? [{ id: s.id, kind: worst.kind, deadline: worst.date!, days: Math.max(0, -(worst.daysLeft ?? 0)), leader: s.owner, case: s }] : [];
      return renderSupervisionNotice(ledger, { to, form: 'letter', today, items });
    }
  }
}

export interface SupervisionItem {
  id: string;
  kind: DeadlineKind;
  deadline: string;
  days: number;
  leader: string | null;
  case: CaseState;
}

/** One 督办通知 to a unit (or an owning leader) listing its overdue cases. */
export async function renderSupervisionNotice(ledger: Ledger, g: { to: string; form: keyof typeof SUPERVISION_FORMS; today: string; items: SupervisionItem[] }): Promise<string> {
  return render(ledger, 'supervise', {
    office: office(ledger),
    to: g.to,
    form: SUPERVISION_FORMS[g.form],
    today_zh: dateZh(g.today),
    items: g.items.map((i) => ({
      id: i.id,
      kind: DEADLINE_ZH[i.kind],
      deadline: i.deadline,
      deadline_zh: dateZh(i.deadline),
      days: i.days,
      leader: i.leader ? leaderNameOf(ledger, i.leader) : '未确定（请由信访办指定包案领导）',
      petitioner: i.case.file.petitioners.map((p) => p.name).join('、'),
      summary: i.case.file.summary,
    })),
  });
}
