// `case beijing`: records a 进京非正常上访 on a case (date and place), with the leader who
// receives and owns it, as the district rule asks (src/domain/beijing.ts).
import { badField, InputError } from '../errors.js';
import { beijingRequirement } from '../domain/beijing.js';
import { isOpen, type CaseState } from '../domain/case.js';
import type { NewEvent } from '../domain/events.js';
import { checkDate, checkText } from '../domain/input.js';
import { resolveLeader } from '../domain/leaders.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { appendEvents, caseStore, loadCase } from './cases.js';

export interface BeijingResult {
  case: CaseState;
  /** 进京非正常上访 over the matter (the case and its repeats), this one included. */
  count: number;
  owner: { id: string; name: string; title: string } | null;
}

/** 进京非正常上访 over a case's matter (the case and every case linked to it as a repeat). */
export function matterBeijing(ledger: Ledger, s: CaseState): number {
  const ids = caseStore(ledger).matters([s.id]).get(s.id)?.cases ?? [s.id];
  return ids.reduce((n, id) => n + (id === s.id ? s : loadCase(ledger, id)).beijing.length, 0);
}

export function recordBeijing(ledger: Ledger, ref: string, input: { date: string; place?: string; leader?: string; note?: string; today: string }, clerk: Clerk): BeijingResult {
  const date = checkDate(input.date, '--date（进京上访日期）');
  if (date > input.today) throw badField('--date（进京上访日期）', date, `不能晚于今天 ${input.today}`);
  const place = checkText(input.place, '--place（地点）', 'line', { required: true, empty: '必须给出，如 国家信访局、天安门地区' });
  const note = input.note === undefined ? '' : checkText(input.note, '--note（说明）', 'text');
  const s0 = loadCase(ledger, ref);
  if (!isOpen(s0)) throw new InputError(`${s0.id} 已${s0.status === 'closed' ? '结案' : '不予受理'}；再次进京上访的，请先 xinfang case reopen ${s0.id}，或登记为新的信访事项`, 'bad_state');
  const leaders = ledger.leaders().leaders;
  const lead = input.leader === undefined ? undefined : resolveLeader(leaders, input.leader, '--leader（接待包案领导）');
  if (lead && !lead.active) throw badField('--leader（接待包案领导）', input.leader, `${lead.name} 已离任`);
  const owner = lead?.id ?? s0.owner;
  const count = matterBeijing(ledger, s0) + 1;
  const principal = (id: string) => leaders.find((l) => l.id === id)?.role === 'principal';
  const need = beijingRequirement({ count, escalateAfter: ledger.config.intake.beijing_escalate_after, owner, principal });
  if (need) {
    const names = leaders.filter((l) => l.active && l.role === 'principal').map((l) => l.name);
    throw new InputError(`${s0.id}：${need}（--leader 主要领导${names.length ? `：${names.join('、')}` : ''}）。未登记`, 'beijing_owner');
  }
  const events: NewEvent[] = [{ type: 'beijing', date, place, note }];
  if (lead && lead.id !== s0.owner) events.push({ type: 'assign', leader: lead.id, note: '进京非正常上访：接待、包案' });
  const s = appendEvents(ledger, s0.id, events, `进京非正常上访 ${s0.id}：${date} ${place}${lead ? `，${lead.name} 接待包案` : ''}`, clerk);
  const o = leaders.find((l) => l.id === s.owner);
  return { case: s, count, owner: o ? { id: o.id, name: o.name, title: o.title } : null };
}
