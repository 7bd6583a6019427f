// Corrections of the roster (apart from roster.ts, which holds generation and the other
// hand changes): `roster unset DATE [--leader L] [--rule R]` removes a slot, and `roster set
// DATE --leader L --rule R` on a day without that rule's slot MOVES the leader's day of that
// rule in the same period (month, quarter or week) when the period already has its days,
// instead of adding one more — so the rule keeps its count and `swap` works after.
// Every input is checked before anything is written; one commit per change.
import { badField, InputError } from '../errors.js';
import { checkDate, checkText } from '../domain/input.js';
import { awayOn, resolveLeader } from '../domain/leaders.js';
import { weekStart } from '../domain/roster.js';
import { addDays, monthOf, quarterOf, shanghaiDate, shanghaiISO } from '../domain/time.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import type { Leader, Rule } from '../ledger/schema.js';
import { rosterRel, rosterSchema, type RosterSlot, type RosterFile } from '../ledger/roster-file.js';
import { readRoster, rosterCalendar, viewSlot, type SlotView } from './roster.js';

function needRoster(ledger: Ledger, month: string): RosterFile {
  const r = readRoster(ledger, month);
  if (!r) throw new InputError(`${month} 还没有排班。先生成：xinfang roster generate --month ${month}`, 'no_roster');
  return r;
}

function findRule(ledger: Ledger, name: string): Rule {
  const r = ledger.config.schedule.rules.find((x) => x.name === name.trim());
  if (!r) throw badField('--rule（排班规则）', name, `允许：${ledger.config.schedule.rules.map((x) => x.name).join('、')}`);
  return r;
}

const nameOf = (ledger: Ledger, id: string) => ledger.leaders().leaders.find((l) => l.id === id)?.name ?? id;
const ruleIdx = (ledger: Ledger, name: string) => {
  const i = ledger.config.schedule.rules.findIndex((r) => r.name === name);
  return i < 0 ? 99 : i;
};
const bySlotOrder = (ledger: Ledger) => (a: RosterSlot, b: RosterSlot) => a.date.localeCompare(b.date) || ruleIdx(ledger, a.rule) - ruleIdx(ledger, b.rule);
const isHeld = (f: RosterFile, s: RosterSlot) => f.held.some((h) => h.date === s.date && h.leader === s.leader);

/**
 * `roster unset DATE [--leader L] [--rule R]`: removes the slot (the only one of the day, or
 * the one named). Refused for a day already marked held (`roster held`).
 */
export function unsetSlot(ledger: Ledger, input: { date: string; leader?: string; rule?: string; reason?: string }, clerk: Clerk): SlotView {
  return ledger.locked('roster', () => {
    const date = checkDate(input.date, 'DATE（日期）');
    const reason = checkText(input.reason, '--reason（原因）', 'line');
    const file = needRoster(ledger, monthOf(date));
    const rule = input.rule === undefined ? undefined : findRule(ledger, input.rule);
    const leader = input.leader === undefined ? undefined : resolveLeader(ledger.leaders().leaders, input.leader, '--leader');
    const onDay = file.slots.filter((s) => s.date === date);
    const day = onDay.map((s) => `${s.rule}：${nameOf(ledger, s.leader)}`).join('；');
    const cands = onDay.filter((s) => (!rule || s.rule === rule.name) && (!leader || s.leader === leader.id));
    if (!cands.length) {
      throw new InputError(`${date} 没有${leader ? ` ${leader.name} 的` : ''}${rule ? `“${rule.name}”` : ''}班次（当天：${day || '没有班次'}）`, 'no_slot');
    }
    if (cands.length > 1) throw new InputError(`${date} 有 ${cands.length} 个班次（${day}），请用 --leader 或 --rule 指明撤销哪一个`, 'ambiguous');
    const slot = cands[0]!;
    if (isHeld(file, slot)) throw new InputError(`${date} ${nameOf(ledger, slot.leader)} 已登记接访（roster held），不能撤销这个班次`, 'held');
    ledger
      .change()
      .put(rosterRel(file.month), rosterSchema(), {
        ...file,
        slots: file.slots.filter((s) => s !== slot),
        // Remembered, so that `roster generate --force` does not put it back.
        removed: [...(file.removed ?? []), { date, rule: slot.rule, leader: slot.leader, reason, by: clerk.name, at: shanghaiISO(clerk.now) }],
      })
      .apply(`撤销接访排班 ${date} ${slot.rule}：${nameOf(ledger, slot.leader)}${reason ? `（${reason}）` : ''}`, clerk);
    return viewSlot(ledger, slot);
  });
}

/** The period a rule counts its days in, as [from, to] dates; null for rules without a count (daily, weekly every day). */
function periodOf(rule: Rule, date: string): { from: string; to: string; quota: number; perLeader: boolean } | null {
  if (rule.kind === 'monthly') {
    const m = monthOf(date);
    return { from: `${m}-01`, to: addDays(`${monthOf(addDays(`${m}-28`, 4))}-01`, -1), quota: rule.days_per_period ?? 1, perLeader: true };
  }
  if (rule.kind === 'quarterly') {
    const q = quarterOf(date);
    const first = Number(q.slice(5)) * 3 - 2;
    const from = `${q.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
    const next = first + 3 > 12 ? `${Number(q.slice(0, 4)) + 1}-01-01` : `${q.slice(0, 4)}-${String(first + 3).padStart(2, '0')}-01`;
    return { from, to: addDays(next, -1), quota: rule.days_per_period ?? 1, perLeader: true };
  }
  if (rule.kind === 'weekly' && rule.days_per_period) {
    const from = weekStart(date);
    return { from, to: addDays(from, 6), quota: rule.days_per_period, perLeader: false };
  }
  return null;
}

function mustBeFree(ledger: Ledger, slots: RosterSlot[], l: Leader, date: string, except: RosterSlot): void {
  const away = awayOn(l, date);
  if (away) throw new InputError(`${l.name} ${away.from} 至 ${away.to} 外出${away.reason ? `（${away.reason}）` : ''}，${date} 不能接访`, 'away');
  const other = slots.find((s) => s.date === date && s.leader === l.id && s !== except);
  if (other) throw new InputError(`${l.name} ${date} 已有接访安排（${other.rule}），同一天不能排两次`, 'double_booked');
}

/**
 * `roster set DATE --leader L --rule R` where DATE has no slot of R: when the period of R
 * (its month, quarter or week) already has its days for L (for a weekly rule: at all), that
 * day moves to DATE. Returns null when nothing is to move (the day is simply added by
 * setSlot, or DATE already has R's slot and setSlot changes its leader).
 */
export function moveRuleDay(ledger: Ledger, input: { date: string; leader: string; rule?: string; reason?: string }, clerk: Clerk): { slot: SlotView; from: string } | null {
  if (input.rule === undefined) return null;
  return ledger.locked('roster', () => {
    const date = checkDate(input.date, 'DATE（日期）');
    const rule = findRule(ledger, input.rule!);
    const period = periodOf(rule, date);
    if (!period) return null;
    const file = needRoster(ledger, monthOf(date));
    if (file.slots.some((s) => s.date === date && s.rule === rule.name)) return null;
    const l = resolveLeader(ledger.leaders().leaders, input.leader, '--leader');
    if (!l.active) throw new InputError(`--leader：${l.name}（${l.id}）已离任，不能排班`, 'retired');
    // The rule's slots in the period, across the months it spans.
    const months = [...new Set([monthOf(period.from), monthOf(addDays(period.from, 40)), monthOf(period.to)].filter((m) => m <= monthOf(period.to)))];
    const files = new Map<string, RosterFile>();
    for (const m of months) {
      const r = m === file.month ? file : readRoster(ledger, m);
      if (r) files.set(m, r);
    }
    const inPeriod = [...files.values()].flatMap((f) => f.slots.filter((s) => s.rule === rule.name && s.date >= period.from && s.date <= period.to && (!period.perLeader || s.leader === l.id)));
    if (inPeriod.length < period.quota) return null;
    const today = shanghaiDate(clerk.now);
    const movable = inPeriod.filter((s) => s.date >= today);
    if (movable.length !== 1) {
      throw new InputError(
        `${rule.name} 在 ${period.from} 至 ${period.to} 已有 ${inPeriod.length} 天${period.perLeader ? `（${l.name}）` : ''}：${inPeriod.map((s) => `${s.date} ${nameOf(ledger, s.leader)}`).join('、')}。` +
          (movable.length ? '请先用 xinfang roster unset 撤销要改掉的那一天，再设置新的日期' : '这些日子都已过去，不能改到别的日子'),
        movable.length ? 'ambiguous' : 'past',
      );
    }
    const old = movable[0]!;
    const oldFile = files.get(monthOf(old.date))!;
    if (isHeld(oldFile, old)) throw new InputError(`${old.date} ${nameOf(ledger, old.leader)} 已登记接访，不能改期`, 'held');
    const cal = rosterCalendar(ledger);
    if (cal.covers(Number(date.slice(0, 4))) && !cal.isWorkday(date)) {
      const n = cal.day(date).name;
      throw new InputError(`${date} 是休息日${n ? `（${n}）` : ''}，不排接访`, 'rest_day');
    }
    mustBeFree(ledger, [...files.values()].flatMap((f) => f.slots), l, date, old);
    const reason = checkText(input.reason, '--reason（调整原因）', 'line');
    const moved: RosterSlot = { ...old, date, leader: l.id, override: { reason: reason || `由 ${old.date} 改到 ${date}`, by: clerk.name, at: shanghaiISO(clerk.now) } };
    const change = ledger.change();
    if (oldFile.month === file.month) {
      change.put(rosterRel(file.month), rosterSchema(), { ...file, slots: [...file.slots.filter((s) => s !== old), moved].sort(bySlotOrder(ledger)) });
    } else {
      change.put(rosterRel(oldFile.month), rosterSchema(), { ...oldFile, slots: oldFile.slots.filter((s) => s !== old) });
      change.put(rosterRel(file.month), rosterSchema(), { ...file, slots: [...file.slots, moved].sort(bySlotOrder(ledger)) });
    }
    change.apply(`调整接访排班 ${rule.name}：${nameOf(ledger, old.leader)} ${old.date} → ${l.name} ${date}${reason ? `（${reason}）` : ''}`, clerk);
    return { slot: viewSlot(ledger, moved), from: old.date };
  });
}
