// Use cases for leaders and units: each reads the file under the ledger lock, changes it,
// validates, writes atomically and commits with a Chinese message.
import { badField, InputError } from '../errors.js';
import { ID_RE, nextId, resolveLeader, resolveUnit, ROLE_ZH } from '../domain/leaders.js';
import { LEADERS_FILE, UNITS_FILE, type Clerk, type Ledger } from '../ledger/ledger.js';
import { LeadersFile, Role, UnitsFile, type Leader, type Unit } from '../ledger/schema.js';
import { shanghaiDate } from '../domain/time.js';
import { checkDate, checkText } from '../domain/input.js';

export interface LeaderInput {
  name: string;
  title: string;
  role: Leader['role'];
  portfolio?: string;
  id?: string;
}

function checkId(id: string, taken: string[], field: string): void {
  if (!ID_RE.test(id)) throw badField(field, id, '应为 1–32 位字母、数字、- 或 _，如 L01');
  if (taken.includes(id)) throw new InputError(`${field}：编号“${id}”已被使用`, 'exists');
}

export function addLeader(ledger: Ledger, input: LeaderInput, clerk: Clerk): Leader {
  return ledger.locked('office', () => {
    const file = ledger.leaders();
    const name = checkText(input.name, '--name（姓名）', 'name', { required: true });
    const title = checkText(input.title, '--title（职务）', 'label', { required: true, empty: '不能为空，如 党委副书记' });
    const portfolio = checkText(input.portfolio, '--portfolio（分管工作）', 'line');
    const id = input.id?.trim() || nextId('L', file.leaders.map((l) => l.id));
    checkId(id, file.leaders.map((l) => l.id), '--id');
    const same = file.leaders.find((l) => l.name === name && l.active);
    if (same && !input.id) {
      throw new InputError(`已有在任领导“${name}”（${same.id}，${same.title}）。同名的另一位领导请用 --id 指定编号`, 'exists');
    }
    const leader: Leader = { id, name, title, role: input.role, portfolio, active: true, absences: [] };
    ledger.change().put(LEADERS_FILE, LeadersFile, { leaders: [...file.leaders, leader] }).apply(`添加领导 ${name}（${title}，${ROLE_ZH[input.role]}）`, clerk);
    return leader;
  });
}

export interface LeaderEdit {
  name?: string;
  title?: string;
  role?: Leader['role'];
  portfolio?: string;
  active?: boolean;
}

export function editLeader(ledger: Ledger, ref: string, edit: LeaderEdit, clerk: Clerk, verb = '修改领导'): Leader {
  return ledger.locked('office', () => {
    const file = ledger.leaders();
    const old = resolveLeader(file.leaders, ref, '领导');
    if (edit.name !== undefined) checkText(edit.name, '--name（姓名）', 'name', { required: true });
    if (edit.title !== undefined) checkText(edit.title, '--title（职务）', 'label', { required: true });
    if (edit.portfolio !== undefined) checkText(edit.portfolio, '--portfolio（分管工作）', 'line');
    if (edit.role !== undefined && !Role.safeParse(edit.role).success) throw badField('--role（角色）', edit.role, `允许：${Object.entries(ROLE_ZH).map(([k, v]) => `${v}（${k}）`).join('、')}`);
    const updated: Leader = {
      ...old,
      ...(edit.name !== undefined && { name: edit.name.trim() }),
      ...(edit.title !== undefined && { title: edit.title.trim() }),
      ...(edit.role !== undefined && { role: edit.role }),
      ...(edit.portfolio !== undefined && { portfolio: edit.portfolio.trim() }),
      ...(edit.active !== undefined && { active: edit.active }),
      ...(edit.active === false && old.active && { retired_on: shanghaiDate(clerk.now) }),
      ...(edit.active === true && { retired_on: undefined }),
    };
    const changed = (Object.keys(edit) as (keyof LeaderEdit)[]).filter((k) => edit[k] !== undefined && updated[k] !== old[k]);
    if (changed.length === 0) return old;
    const leaders = file.leaders.map((l) => (l.id === old.id ? updated : l));
    ledger.change().put(LEADERS_FILE, LeadersFile, { leaders }).apply(`${verb} ${old.name}（${old.id}）：${changed.join('、')}`, clerk);
    return updated;
  });
}

export function addAbsence(ledger: Ledger, ref: string, a: { from: string; to: string; reason: string }, clerk: Clerk): Leader {
  checkDate(a.from, '--from（开始日期）');
  checkDate(a.to, '--to（结束日期）');
  a = { ...a, reason: checkText(a.reason, '--reason（外出事由）', 'line') };
  if (a.to < a.from) throw badField('--to（结束日期）', a.to, `不能早于 --from ${a.from}`);
  return ledger.locked('office', () => {
    const file = ledger.leaders();
    const old = resolveLeader(file.leaders, ref, '领导');
    const overlap = old.absences.find((x) => x.from <= a.to && a.from <= x.to);
    if (overlap) throw new InputError(`${old.name} 在 ${overlap.from} 至 ${overlap.to} 已登记外出（${overlap.reason || '未注明'}），与新的时段重叠`, 'overlap');
    const updated = { ...old, absences: [...old.absences, a].sort((x, y) => x.from.localeCompare(y.from)) };
    ledger
      .change()
      .put(LEADERS_FILE, LeadersFile, { leaders: file.leaders.map((l) => (l.id === old.id ? updated : l)) })
      .apply(`登记 ${old.name} 外出 ${a.from} 至 ${a.to}${a.reason ? `（${a.reason}）` : ''}`, clerk);
    return updated;
  });
}

export function addUnit(ledger: Ledger, input: { name: string; id?: string; contact?: string }, clerk: Clerk): Unit {
  return ledger.locked('office', () => {
    const file = ledger.units();
    const name = checkText(input.name, '--name（单位名称）', 'name', { required: true, empty: '不能为空，如 民政办' });
    const contact = checkText(input.contact, '--contact（联系人及电话）', 'line');
    if (file.units.some((u) => u.name === name)) throw new InputError(`已有承办单位“${name}”`, 'exists');
    const id = input.id?.trim() || nextId('U', file.units.map((u) => u.id));
    checkId(id, file.units.map((u) => u.id), '--id');
    const unit: Unit = { id, name, contact, active: true };
    ledger.change().put(UNITS_FILE, UnitsFile, { units: [...file.units, unit] }).apply(`添加承办单位 ${name}`, clerk);
    return unit;
  });
}

export { resolveLeader, resolveUnit };
