// Hand changes of the roster (apart from roster.ts, which holds generation and the views):
// `roster set DATE --leader L [--rule R] [--replace L2]` puts a leader on a slot (or adds
// one), `roster swap DATE1 DATE2` exchanges the leaders of two slots. Both survive
// regeneration (override); every input is checked before anything is written.
import { badField, InputError } from '../errors.js';
import { checkDate as checkInputDate, checkText } from '../domain/input.js';
import { awayOn, resolveLeader } from '../domain/leaders.js';
import { monthOf, shanghaiISO } from '../domain/time.js';
import type { WorkCalendar } from '../calendar/index.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import type { Leader, Rule } from '../ledger/schema.js';
import { ruleHours } from '../ledger/rule-hours.js';
import { rosterRel, rosterSchema, type RosterSlot } from '../ledger/roster-file.js';
import { needRoster, requireCovered, rosterCalendar, viewSlot, type SlotView } from './roster.js';

function findRule(ledger: Ledger, name: string | undefined): Rule | undefined {
  if (name === undefined) return undefined;
  const r = ledger.config.schedule.rules.find((x) => x.name === name.trim());
  if (!r) throw badField('--rule（排班规则）', name, `允许：${ledger.config.schedule.rules.map((x) => x.name).join('、')}`);
  return r;
}

/** A date given as input: real, in the allowed years (src/domain/input.ts). */
function checkDate(d: string, field: string): string {
  return checkInputDate(d, field);
}

export function activeLeader(ledger: Ledger, ref: string): Leader {
  const l = resolveLeader(ledger.leaders().leaders, ref, '--leader');
  if (!l.active) throw new InputError(`--leader：${l.name}（${l.id}）已离任，不能排班`, 'retired');
  return l;
}

function mustBeFree(ledger: Ledger, slots: RosterSlot[], l: Leader, date: string, except: RosterSlot[]): void {
  const away = awayOn(l, date);
  if (away) throw new InputError(`${l.name} ${away.from} 至 ${away.to} 外出${away.reason ? `（${away.reason}）` : ''}，${date} 不能接访`, 'away');
  const other = slots.find((s) => s.date === date && s.leader === l.id && !except.includes(s));
  if (other) throw new InputError(`${l.name} ${date} 已有接访安排（${other.rule}），同一天不能排两次`, 'double_booked');
}

/** The one slot on a date a command means: by rule, by the leader it replaces, or the only one. */
function pickSlot(ledger: Ledger, slots: RosterSlot[], date: string, rule: Rule | undefined, replace: Leader | undefined): RosterSlot | undefined {
  const name = (id: string) => ledger.leaders().leaders.find((l) => l.id === id)?.name ?? id;
  const onDay = slots.filter((s) => s.date === date);
  let cands = onDay;
  if (rule) cands = cands.filter((s) => s.rule === rule.name);
  if (replace) {
    cands = cands.filter((s) => s.leader === replace.id);
    // --replace names a slot that must exist: never fall through to adding a new one.
    if (cands.length === 0) {
      throw badField(
        '--replace（被替换的领导）',
        replace.name,
        `${date} ${rule ? `“${rule.name}”` : ''}没有 ${replace.name} 的班次（当天：${onDay.length ? onDay.map((s) => `${s.rule}：${name(s.leader)}`).join('；') : '没有班次'}）`,
      );
    }
  }
  if (cands.length > 1) {
    throw new InputError(`${date} 有 ${cands.length} 个班次（${cands.map((s) => `${s.rule}：${name(s.leader)}`).join('；')}），请用 --rule 指明排班规则${rule ? '，或用 --replace 指明被替换的领导' : ''}`, 'ambiguous');
  }
  return cands[0];
}

/** A rest day named with its holiday: 2026-10-03 是休息日（国庆节）. Empty when it is a working day or the year is not covered. */
function restDayText(cal: WorkCalendar, date: string): string {
  if (!cal.covers(Number(date.slice(0, 4))) || cal.isWorkday(date)) return '';
  const n = cal.day(date).name;
  return `${date} 是休息日${n ? `（${n}）` : ''}`;
}

export interface SetInput {
  date: string;
  leader: string;
  rule?: string;
  reason?: string;
  replace?: string;
}

export function setSlot(ledger: Ledger, input: SetInput, clerk: Clerk): { slot: SlotView; previous: string | null } {
  return ledger.locked('roster', () => {
    const date = checkDate(input.date, 'DATE（日期）');
    const month = monthOf(date);
    const file = needRoster(ledger, month);
    const l = activeLeader(ledger, input.leader);
    const rule = findRule(ledger, input.rule);
    const replace = input.replace ? resolveLeader(ledger.leaders().leaders, input.replace, '--replace') : undefined;
    const cal = rosterCalendar(ledger);
    requireCovered(cal, [month]);
    let target = pickSlot(ledger, file.slots, date, rule, replace);
    const reason = checkText(input.reason, '--reason（调整原因）', 'line');
    const override = { reason: reason || '手工调整', by: clerk.name, at: shanghaiISO(clerk.now) };
    let slots: RosterSlot[];
    let previous: string | null = null;
    if (!target) {
      const rest = restDayText(cal, date);
      if (rest) throw new InputError(`${rest}，不排接访`, 'rest_day');
      if (!rule) throw new InputError(`${date} 没有班次；新增班次请用 --rule 指明排班规则（${ledger.config.schedule.rules.map((r) => r.name).join('、')}）`, 'no_slot');
      mustBeFree(ledger, file.slots, l, date, []);
      const p = ledger.config.places.find((x) => x.id === rule.place || x.name === rule.place);
      target = { date, rule: rule.name, leader: l.id, place: p?.id ?? rule.place, hours: ruleHours(rule, ledger.config.schedule.working_hours), mode: rule.mode, override };
      slots = [...file.slots, target].sort((a, b) => a.date.localeCompare(b.date) || ruleIdx(ledger, a.rule) - ruleIdx(ledger, b.rule));
    } else {
      previous = target.leader;
      if (target.leader === l.id) throw new InputError(`${date} ${target.rule} 已是 ${l.name}，无需调整`, 'unchanged');
      mustBeFree(ledger, file.slots, l, date, [target]);
      const updated: RosterSlot = { ...target, leader: l.id, override };
      slots = file.slots.map((s) => (s === target ? updated : s));
      target = updated;
    }
    const prevName = previous ? (ledger.leaders().leaders.find((x) => x.id === previous)?.name ?? previous) : null;
    ledger
      .change()
      .put(rosterRel(month), rosterSchema(), { ...file, slots })
      .apply(`调整接访排班 ${date} ${target.rule}：${prevName ? `${prevName} → ` : ''}${l.name}${reason ? `（${reason}）` : ''}`, clerk);
    return { slot: viewSlot(ledger, target), previous };
  });
}

function ruleIdx(ledger: Ledger, name: string): number {
  const i = ledger.config.schedule.rules.findIndex((r) => r.name === name);
  return i < 0 ? 99 : i;
}

export function swapSlots(ledger: Ledger, input: { date1: string; date2: string; rule?: string; reason?: string }, clerk: Clerk): [SlotView, SlotView] {
  return ledger.locked('roster', () => {
    const d1 = checkDate(input.date1, 'DATE1（日期）');
    const d2 = checkDate(input.date2, 'DATE2（日期）');
    if (d1 === d2) throw badField('DATE2（日期）', d2, '应与 DATE1 不同');
    const rule = findRule(ledger, input.rule);
    const f1 = needRoster(ledger, monthOf(d1));
    const f2 = monthOf(d2) === monthOf(d1) ? f1 : needRoster(ledger, monthOf(d2));
    let r = rule;
    if (!r) {
      const on1 = new Set(f1.slots.filter((s) => s.date === d1).map((s) => s.rule));
      const common = [...new Set(f2.slots.filter((s) => s.date === d2).map((s) => s.rule))].filter((x) => on1.has(x));
      if (common.length !== 1) {
        const cal = rosterCalendar(ledger);
        const rest = [d1, d2].map((d) => restDayText(cal, d)).filter(Boolean);
        if (rest.length) throw new InputError(`${rest.join('，')}，没有班次可以对调`, 'rest_day');
        throw new InputError(
          common.length === 0 ? `${d1} 与 ${d2} 没有同一排班规则的班次可以对调` : `${d1} 与 ${d2} 有多个排班规则的班次（${common.join('、')}），请用 --rule 指明`,
          common.length === 0 ? 'no_slot' : 'ambiguous',
        );
      }
      r = ledger.config.schedule.rules.find((x) => x.name === common[0]) ?? ({ name: common[0]! } as Rule);
    }
    const s1 = pickSlot(ledger, f1.slots, d1, r, undefined);
    const s2 = pickSlot(ledger, f2.slots, d2, r, undefined);
    if (!s1 || !s2) throw new InputError(`${!s1 ? d1 : d2} 没有“${r.name}”的班次`, 'no_slot');
    if (s1.leader === s2.leader) throw new InputError(`${d1} 与 ${d2} 都是同一位领导，无需对调`, 'unchanged');
    const leaders = ledger.leaders().leaders;
    const l1 = leaders.find((l) => l.id === s1.leader);
    const l2 = leaders.find((l) => l.id === s2.leader);
    const all = f1 === f2 ? f1.slots : [...f1.slots, ...f2.slots];
    if (l2) mustBeFree(ledger, all, l2, d1, [s1, s2]);
    if (l1) mustBeFree(ledger, all, l1, d2, [s1, s2]);
    const n1 = l1?.name ?? s1.leader;
    const n2 = l2?.name ?? s2.leader;
    const at = shanghaiISO(clerk.now);
    const reason = checkText(input.reason, '--reason（对调原因）', 'line');
    const u1: RosterSlot = { ...s1, leader: s2.leader, override: { reason: reason || `与 ${d2} 对调`, by: clerk.name, at } };
    const u2: RosterSlot = { ...s2, leader: s1.leader, override: { reason: reason || `与 ${d1} 对调`, by: clerk.name, at } };
    const change = ledger.change();
    if (f1 === f2) change.put(rosterRel(f1.month), rosterSchema(), { ...f1, slots: f1.slots.map((s) => (s === s1 ? u1 : s === s2 ? u2 : s)) });
    else {
      change.put(rosterRel(f1.month), rosterSchema(), { ...f1, slots: f1.slots.map((s) => (s === s1 ? u1 : s)) });
      change.put(rosterRel(f2.month), rosterSchema(), { ...f2, slots: f2.slots.map((s) => (s === s2 ? u2 : s)) });
    }
    change.apply(`对调接访排班 ${d1} ${n1} ↔ ${d2} ${n2}（${r.name}）`, clerk);
    return [viewSlot(ledger, u1), viewSlot(ledger, u2)];
  });
}
