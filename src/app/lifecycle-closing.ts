// The lifecycle's last steps: 更正 (correct), 审批, 信访人意见, 结案条件 and 结案, 回访 and
// 重新办理 (re-exported by lifecycle.ts).
import { badField, InputError, ProblemError } from '../errors.js';
import { STATUS_ZH, type CaseState } from '../domain/case.js';
import { CHANNELS, MODES_ZH, OPINIONS, type Channel, type NewEvent, type ReceptionMode } from '../domain/events.js';
import { resolveLeader } from '../domain/leaders.js';
import { resolveCategory, resolvePurpose } from '../domain/taxonomy.js';
import { CONDITION_ZH, type Readiness } from '../domain/readiness.js';
import { checkDate, checkPeople, checkText, resolvePlace } from '../domain/input.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { loadTaxonomy } from '../ledger/reference.js';
import { loadCase } from './cases.js';
import { readinessOf } from './case-extras.js';
import { mustBeOpen, refuse } from './case-guards.js';

import { activeLeader, note, record, text } from './lifecycle-common.js';

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
