// The case lifecycle after registration (包案, 受理, 办理, 交办, 延期, 中止, 督办, 评查,
// 阅批, 更正, 审批, 信访人意见, 结案, 回访, 重新办理): one function per command. Each
// validates its input, then appends its event under the case's lock — the state checks
// run again on the fresh file inside the lock — and commits exactly the case file. Any
// refusal throws before anything is written. The clerk's `now` is when it happened.
// The checks and `record` every step shares are in lifecycle-common.ts; 更正, 审批, 意见, 结案,
// 回访 and 重新办理 in lifecycle-closing.ts. A case's history (history.ts), `due` and `due
// --supervise` (due.ts), the notices (notices.ts) and lifecycle-closing.ts are re-exported here.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { badField, InputError } from '../errors.js';
import { STATUS_ZH, type CaseState } from '../domain/case.js';
import { DECISIONS, DISPOSITIONS, SUPERVISION_FORMS } from '../domain/events.js';
import { resolveUnit } from '../domain/leaders.js';
import { shanghaiDate } from '../domain/time.js';
import { checkDate, checkFileName, checkText, fitFileName, FILE_NAME_MAX_BYTES } from '../domain/input.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { appendEvent, loadCase } from './cases.js';
import { unitNameOf } from './case-extras.js';
import { dutyOn } from './duty.js';
import { mustBeOpen, refuse } from './case-guards.js';

import { activeLeader, activeUnit, mustBeAfterReceipt, mustNotBeSuspended, note, record, text } from './lifecycle-common.js';

export * from './lifecycle-closing.js';

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
