// Corrections of the office's own lists: `unit edit|remove` (a unit a case names is never
// removed) and `leader away --cancel|--until` (an absence called off, cut short or
// prolonged). Each reads the file under the office lock, writes it and commits; the
// history is git's.
import { badField, InputError } from '../errors.js';
import { checkDate, checkText } from '../domain/input.js';
import { resolveLeader, resolveUnit } from '../domain/leaders.js';
import { shanghaiDate } from '../domain/time.js';
import { LEADERS_FILE, UNITS_FILE, type Clerk, type Ledger } from '../ledger/ledger.js';
import { LeadersFile, UnitsFile, type Leader, type Unit } from '../ledger/schema.js';
import type { RosterSlot } from '../ledger/roster-file.js';
import { caseStore } from './cases.js';
import { slotsFrom } from './roster.js';

/** `unit edit U [--name N] [--contact C]`. */
export function editUnit(ledger: Ledger, ref: string, edit: { name?: string; contact?: string }, clerk: Clerk): Unit {
  if (edit.name === undefined && edit.contact === undefined) throw new InputError('没有要修改的内容：请给出 --name 或 --contact', 'missing');
  return ledger.locked('office', () => {
    const file = ledger.units();
    const old = resolveUnit(file.units, ref, '承办单位');
    const name = edit.name === undefined ? old.name : checkText(edit.name, '--name（单位名称）', 'name', { required: true, empty: '不能为空，如 民政办' });
    const contact = edit.contact === undefined ? old.contact : checkText(edit.contact, '--contact（联系人及电话）', 'line');
    if (name !== old.name && file.units.some((u) => u.id !== old.id && u.name === name)) throw new InputError(`已有承办单位“${name}”`, 'exists');
    const changed = [...(name !== old.name ? [`名称 ${old.name} → ${name}`] : []), ...(contact !== old.contact ? ['联系人'] : [])];
    if (!changed.length) throw new InputError(`${old.name}（${old.id}）没有变化`, 'unchanged');
    const updated: Unit = { ...old, name, contact };
    ledger
      .change()
      .put(UNITS_FILE, UnitsFile, { units: file.units.map((u) => (u.id === old.id ? updated : u)) })
      .apply(`修改承办单位 ${old.name}（${old.id}）：${changed.join('、')}`, clerk);
    return updated;
  });
}

/** `unit remove U`: refused while any case names the unit (the index answers; never every file). */
export function removeUnit(ledger: Ledger, ref: string, clerk: Clerk): Unit {
  return ledger.locked('office', () => {
    const file = ledger.units();
    const u = resolveUnit(file.units, ref, '承办单位');
    const users = caseStore(ledger).unitCases(u.id, 6);
    if (users.length) {
      throw new InputError(`${u.name}（${u.id}）还有案件引用（${users.slice(0, 5).join('、')}${users.length > 5 ? ' 等' : ''}），不能删除。改名用 xinfang unit edit ${u.id} --name 新名称`, 'in_use');
    }
    ledger
      .change()
      .put(UNITS_FILE, UnitsFile, { units: file.units.filter((x) => x.id !== u.id) })
      .apply(`删除承办单位 ${u.name}（${u.id}）`, clerk);
    return u;
  });
}

type Absence = Leader['absences'][number];

/** The absence meant: the one holding `on` when given, else the one running today, else the next. */
function pickAbsence(l: Leader, on: string | undefined, today: string): Absence {
  const list = l.absences;
  const text = list.length ? `已登记：${list.map((a) => `${a.from} 至 ${a.to}${a.reason ? `（${a.reason}）` : ''}`).join('；')}` : '没有登记任何外出';
  if (on !== undefined) {
    const a = list.find((x) => x.from <= on && on <= x.to);
    if (!a) throw badField('--from（外出开始日期）', on, `${l.name} 在这一天没有登记外出（${text}）`);
    return a;
  }
  const a = list.find((x) => x.from <= today && today <= x.to) ?? [...list].sort((x, y) => x.from.localeCompare(y.from)).find((x) => x.from > today);
  if (!a) throw new InputError(`${l.name} 今天及以后没有登记外出（${text}）。更早的外出请用 --from 指明开始日期`, 'no_absence');
  return a;
}

export interface AbsenceChange {
  leader: Leader;
  before: Absence;
  after: Absence | null;
  /** The leader's roster slots now inside the absence (to reassign). */
  slots: RosterSlot[];
}

/**
 * `leader away L --cancel [--from D]` (called off: removed) or `--until D [--from D]` (the
 * new last day, earlier or later). A longer absence may not run into another one.
 */
export function changeAbsence(ledger: Ledger, ref: string, input: { cancel?: boolean; until?: string; from?: string }, clerk: Clerk): AbsenceChange {
  if (!!input.cancel === (input.until !== undefined)) throw new InputError('请给出 --cancel（取消外出）或 --until 日期（外出提前结束或延长到该日）之一', 'missing');
  const on = input.from === undefined ? undefined : checkDate(input.from, '--from（外出开始日期）');
  const until = input.until === undefined ? undefined : checkDate(input.until, '--until（外出结束日期）');
  const today = shanghaiDate(clerk.now);
  return ledger.locked('office', () => {
    const file = ledger.leaders();
    const l = resolveLeader(file.leaders, ref, '领导');
    const a = pickAbsence(l, on, today);
    let after: Absence | null = null;
    if (until !== undefined) {
      if (until < a.from) throw badField('--until（外出结束日期）', until, `不能早于这次外出的开始日期 ${a.from}；整段取消请用 --cancel`);
      if (until === a.to) throw new InputError(`${l.name} 这次外出本来就到 ${a.to} 结束`, 'unchanged');
      const clash = l.absences.find((x) => x !== a && x.from <= until && a.from <= x.to);
      if (clash) throw new InputError(`延长到 ${until} 会与 ${clash.from} 至 ${clash.to} 的外出重叠`, 'overlap');
      after = { ...a, to: until };
    }
    const updated: Leader = { ...l, absences: l.absences.flatMap((x) => (x === a ? (after ? [after] : []) : [x])) };
    const what = after ? `外出改为 ${a.from} 至 ${after.to}（原到 ${a.to}）` : `取消外出 ${a.from} 至 ${a.to}`;
    ledger
      .change()
      .put(LEADERS_FILE, LeadersFile, { leaders: file.leaders.map((x) => (x.id === l.id ? updated : x)) })
      .apply(`${l.name}${what}${a.reason ? `（${a.reason}）` : ''}`, clerk);
    const slots = after && after.to > a.to ? slotsFrom(ledger, a.to, l.id).filter((s) => s.date > a.to && s.date <= after!.to) : [];
    return { leader: updated, before: a, after, slots };
  });
}
