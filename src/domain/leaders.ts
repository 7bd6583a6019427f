// Leaders and units as the domain sees them: finding one by id or unique name, the next
// free id, and whether a leader is away on a date.
import { InputError } from '../errors.js';
import { checkText } from './input.js';
import type { Leader, Unit } from '../ledger/schema.js';

export const ROLE_ZH: Record<Leader['role'], string> = {
  principal: '主要领导',
  member: '班子成员',
  'dept-principal': '部门主要领导',
  'dept-member': '部门班子成员',
};

export function resolveLeader(leaders: readonly Leader[], ref: string, field = '--leader'): Leader {
  const v = checkText(ref, field, 'ref', { required: true });
  const byId = leaders.find((l) => l.id === v);
  if (byId) return byId;
  const byName = leaders.filter((l) => l.name === v);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new InputError(`${field}：有 ${byName.length} 位领导叫“${v}”，请用编号：${byName.map((l) => `${l.id}（${l.title}）`).join('、')}`, 'ambiguous');
  const names = leaders.filter((l) => l.active).map((l) => `${l.name}（${l.id}）`);
  throw new InputError(`${field}：没有领导“${v}”。${names.length ? `现有：${names.join('、')}` : '台账还没有领导，先用 xinfang leader add 添加'}`, 'unknown_leader');
}

export function resolveUnit(units: readonly Unit[], ref: string, field = '--unit'): Unit {
  const v = checkText(ref, field, 'ref', { required: true });
  const u = units.find((u) => u.id === v) ?? units.find((u) => u.name === v);
  if (u) return u;
  const names = units.map((u) => `${u.name}（${u.id}）`);
  throw new InputError(`${field}：没有承办单位“${v}”。${names.length ? `现有：${names.join('、')}` : '台账还没有承办单位，先用 xinfang unit add 添加'}`, 'unknown_unit');
}

/** Next id with a prefix: L01, L02 … (after the highest number in use). */
export function nextId(prefix: string, ids: readonly string[]): string {
  let max = 0;
  for (const id of ids) {
    const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${String(max + 1).padStart(2, '0')}`;
}

export function awayOn(leader: Leader, date: string): { from: string; to: string; reason: string } | undefined {
  return leader.absences.find((a) => a.from <= date && date <= a.to);
}

export const ID_RE = /^[A-Za-z0-9_-]{1,32}$/;
