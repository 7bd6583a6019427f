// Roster use cases: generate months from the office's rules on the working-day calendar,
// show a month, who is on duty on a day, hand changes (set / swap) that survive
// regeneration, the quarter's balance, reminders, and days held. Reads and writes
// rosters/YYYY-MM.yaml; every input is checked before anything is written.
import type { CaseState } from '../domain/case.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { badField, InputError, ProblemError } from '../errors.js';
import { emptyRequiredRules, emptyRuleMessage, EMPTY_RULE_HINT } from '../domain/rule-pool.js';
import { checkDate as checkInputDate, checkText } from '../domain/input.js';
import { balance, schedule, type Gap, type RuleBalance } from '../domain/roster.js';
import { awayOn, resolveLeader } from '../domain/leaders.js';
import { maskPiiText } from '../domain/identity.js';
import { addDays, addMonths, shanghaiDate, dateRange, isValidDate, monthOf, monthRange, quarterRange, shanghaiISO, weekday, dateZh } from '../domain/time.js';
import { NotCoveredError, type WorkCalendar } from '../calendar/index.js';
import { ProvisionalCalendar } from '../calendar/provisional.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { ruleHours, type Leader, type Rule } from '../ledger/schema.js';
import { RosterFile, rosterRel, type RosterSlot } from '../ledger/roster-file.js';
import type { NoticeData, RosterFormat } from '../render/roster.js';
import { createHash } from 'node:crypto';
import { dutyOn, MODE_ZH, readRoster, rosterCalendar, rosterMonths, viewSlot, type SlotView } from './roster-read.js';

export { dutyOn, MODE_ZH, readRoster, rosterCalendar, rosterMonths, viewSlot, type Duty, type SlotView } from './roster-read.js';

/** How far back generation looks for rotation history. */
const HISTORY_MONTHS = 12;

/** A leader's slots on `from` or later, in every generated month. */
export function slotsFrom(ledger: Ledger, from: string, leader: string): RosterSlot[] {
  return rosterMonths(ledger)
    .filter((m) => m >= from.slice(0, 7))
    .flatMap((m) => readRoster(ledger, m)!.slots.filter((s) => s.leader === leader && s.date >= from));
}

function needRoster(ledger: Ledger, month: string): RosterFile {
  const r = readRoster(ledger, month);
  if (!r) throw new InputError(`${month} 还没有排班。先生成：xinfang roster generate --month ${month}`, 'no_roster');
  return r;
}

/** A month the calendar does not cover is refused with the calendar's own message. */
export function requireCovered(cal: WorkCalendar, months: string[]): void {
  for (const m of months) {
    const y = Number(m.slice(0, 4));
    if (!cal.covers(y)) {
      throw new InputError(
        `${new NotCoveredError(y).message}。公布之前要先排班的，可加 --provisional 按周末暂排（排班和公示都标“暂定”，日历导入后用 --force 重新生成）`,
        'not_covered',
      );
    }
  }
}

export interface GeneratedMonth {
  month: string;
  slots: RosterSlot[];
  gaps: Gap[];
  kept: number;
  /** Hand-set slots kept although the leader is now away that day. */
  awayOverrides: RosterSlot[];
  /** Later months that already had a roster and were left as they were (their rotation does not follow this one). */
  later: string[];
  /** Months between the last earlier roster and this one that have none: the rotation skips over them. */
  missing: string[];
  /** Slots of days already past, kept unchanged by a regeneration. */
  past: number;
}

/** Months after the latest roster before `first` and before `first` itself that have no roster. */
export function missingBefore(existing: readonly string[], first: string): string[] {
  const earlier = existing.filter((m) => m < first);
  const last = earlier[earlier.length - 1];
  if (!last) return [];
  const out: string[] = [];
  for (let m = addMonths(last, 1); m < first; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function generateRoster(ledger: Ledger, months: string[], force: boolean, clerk: Clerk, label = months.join('、'), opts: { provisional?: boolean } = {}): GeneratedMonth[] {
  return ledger.locked('roster', () => {
    // --provisional: a year without the official list is scheduled on weekends only, marked 暂定.
    const cal = opts.provisional ? new ProvisionalCalendar(rosterCalendar(ledger)) : rosterCalendar(ledger);
    if (!opts.provisional) requireCovered(cal, months);
    const existing = months.filter((m) => readRoster(ledger, m) !== undefined);
    if (existing.length && !force) {
      throw new InputError(`${existing.join('、')} 已有排班，不会覆盖。重新生成请加 --force（手工调整的班次和已登记的接访情况会保留）`, 'exists');
    }
    const { config } = ledger;
    const leaders = ledger.leaders().leaders;
    if (config.schedule.rules.length === 0) throw new InputError('xinfang.yaml 中没有排班规则（schedule.rules），无法排班', 'no_rules');
    // A rule that names a post or a leader (区委书记每月一天) must have somebody: fail, write nothing.
    const empty = emptyRequiredRules(config.schedule.rules, leaders);
    if (empty.length) throw new ProblemError(`${empty.map(emptyRuleMessage).join('；\n')}。\n${EMPTY_RULE_HINT}`, 'rule_empty', { rules: empty.map((r) => r.name) });
    const history: RosterSlot[] = [];
    for (const m of rosterMonths(ledger)) if (m < months[0]! && m >= addMonths(months[0]!, -HISTORY_MONTHS)) history.push(...readRoster(ledger, m)!.slots);
    const out: GeneratedMonth[] = [];
    const files: RosterFile[] = [];
    const later = rosterMonths(ledger).filter((m) => m > months[months.length - 1]! && !months.includes(m));
    const missing = missingBefore(rosterMonths(ledger), months[0]!);
    const today = shanghaiDate(clerk.now);
    for (const month of months) {
      const old = readRoster(ledger, month);
      // Kept as they are: hand-set slots, and every slot of a day already past (what was
      // scheduled then is history: compliance and held days refer to it).
      const fixed = (old?.slots ?? []).filter((s) => s.override || s.date < today);
      const r = schedule({ month, rules: config.schedule.rules, places: config.places, leaders, calendar: cal, history, fixed, workingHours: config.schedule.working_hours });
      history.push(...r.slots);
      const awayOverrides = fixed.filter((s) => {
        const l = leaders.find((x) => x.id === s.leader);
        return l ? !!awayOn(l, s.date) : false;
      });
      out.push({ month, slots: r.slots, gaps: r.gaps, kept: fixed.filter((x) => x.override).length, past: fixed.filter((x) => !x.override).length, awayOverrides, later, missing });
      // Slots removed by hand (roster unset, src/app/roster-edit.ts) stay removed.
      const removed = old?.removed ?? [];
      const kept = removed.length ? r.slots.filter((s) => s.override || !removed.some((x) => x.date === s.date && x.rule === s.rule)) : r.slots;
      const provisional = cal instanceof ProvisionalCalendar && cal.isProvisional(Number(month.slice(0, 4)));
      files.push({ month, generated_at: shanghaiISO(clerk.now), ...(provisional && { provisional: true }), slots: kept, held: old?.held ?? [], ...(removed.length ? { removed } : {}) });
    }
    const change = ledger.change();
    for (const f of files) change.put(rosterRel(f.month), RosterFile, f);
    change.apply(`${force && existing.length ? '重新生成' : '生成'} ${label} 接访排班${files.some((f) => f.provisional) ? '（暂定：当年节假日安排尚未公布）' : ''}`, clerk);
    return out;
  });
}

export function showRoster(ledger: Ledger, month: string): { month: string; provisional: boolean; days: { date: string; slots: SlotView[] }[] } {
  const r = needRoster(ledger, month);
  const days: { date: string; slots: SlotView[] }[] = [];
  for (const s of r.slots) {
    let day = days[days.length - 1];
    if (!day || day.date !== s.date) days.push((day = { date: s.date, slots: [] }));
    day.slots.push(viewSlot(ledger, s));
  }
  return { month, provisional: !!r.provisional, days };
}

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

function activeLeader(ledger: Ledger, ref: string): Leader {
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
      .put(rosterRel(month), RosterFile, { ...file, slots })
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
    if (f1 === f2) change.put(rosterRel(f1.month), RosterFile, { ...f1, slots: f1.slots.map((s) => (s === s1 ? u1 : s === s2 ? u2 : s)) });
    else {
      change.put(rosterRel(f1.month), RosterFile, { ...f1, slots: f1.slots.map((s) => (s === s1 ? u1 : s)) });
      change.put(rosterRel(f2.month), RosterFile, { ...f2, slots: f2.slots.map((s) => (s === s2 ? u2 : s)) });
    }
    change.apply(`对调接访排班 ${d1} ${n1} ↔ ${d2} ${n2}（${r.name}）`, clerk);
    return [viewSlot(ledger, u1), viewSlot(ledger, u2)];
  });
}

/** All slots of the given months that have a roster file; the months without one are listed. */
export function slotsOf(ledger: Ledger, months: string[]): { slots: RosterSlot[]; held: RosterFile['held']; missing: string[] } {
  const slots: RosterSlot[] = [];
  const held: RosterFile['held'] = [];
  const missing: string[] = [];
  for (const m of months) {
    const r = readRoster(ledger, m);
    if (!r) missing.push(m);
    else {
      slots.push(...r.slots);
      held.push(...r.held);
    }
  }
  return { slots, held, missing };
}

export interface BalanceReport {
  quarter: string;
  missing: string[];
  rules: (Omit<RuleBalance, 'leaders'> & {
    leaders: { id: string; name: string; days: number; turns: number; away_days: number; all_days: number }[];
    /** A `floor` rule: every leader of its pool should have at least floor_days in the quarter, under all rules together. */
    floor: boolean;
    floor_days: number;
    /** Leaders of a floor rule's pool below floor_days under all rules (names). */
    short: string[];
  })[];
}

export function rosterBalance(ledger: Ledger, quarter: string): BalanceReport {
  const qr = quarterRange(quarter);
  const cal = rosterCalendar(ledger);
  requireCovered(cal, qr.months);
  const { slots, missing } = slotsOf(ledger, qr.months);
  if (missing.length === 3) throw new InputError(`${quarter} 还没有排班。先生成：xinfang roster generate --quarter ${quarter}`, 'no_roster');
  const leaders = ledger.leaders().leaders;
  const wd = cal.workdaysIn(qr.from, qr.to);
  const allDays = (id: string) => new Set(slots.filter((s) => s.leader === id).map((s) => s.date)).size;
  const rules = balance(ledger.config.schedule.rules, leaders, slots, qr, wd).map((b, i) => {
    const rule = ledger.config.schedule.rules[i]!;
    const rows = b.leaders.map((x) => ({ id: x.id, name: leaders.find((l) => l.id === x.id)?.name ?? x.id, days: x.days, turns: x.turns, away_days: x.awayDays, all_days: allDays(x.id) }));
    const floorDays = rule.floor ? (rule.days_per_period ?? 1) : 0;
    return { ...b, leaders: rows, floor: !!rule.floor, floor_days: floorDays, short: rule.floor ? rows.filter((r) => r.all_days < floorDays).map((r) => r.name) : [] };
  });
  return { quarter, missing, rules };
}

export interface Reminder {
  leader: { id: string; name: string; title: string };
  slots: SlotView[];
  text: string;
}

/** The slots from today through today + days, grouped per leader, with the notice text. */
export function reminders(ledger: Ledger, today: string, days: number): { from: string; to: string; missing: string[]; reminders: Reminder[] } {
  const to = addDays(today, days);
  const months = [...new Set(dateRange(today, to).map(monthOf))];
  const { slots, missing } = slotsOf(ledger, months);
  const mine = slots.filter((s) => s.date >= today && s.date <= to);
  const byLeader = new Map<string, SlotView[]>();
  for (const s of mine) {
    const v = viewSlot(ledger, s);
    if (!byLeader.has(s.leader)) byLeader.set(s.leader, []);
    byLeader.get(s.leader)!.push(v);
  }
  const office = ledger.config.office;
  const signer = office.issuer || `${office.name}信访工作领导小组办公室`;
  const reminders: Reminder[] = [...byLeader.values()].map((vs) => {
    const l = vs[0]!.leader;
    const lines = vs.map((v) => `${dateZh(v.date)}（${v.weekday}）${v.hours.replace('-', '—')}，在${v.place.name}${v.mode_zh}`);
    const text =
      `${l.name}同志：\n` +
      `根据本单位领导干部定期接待群众来访安排，您的接访时间如下：\n` +
      lines.map((x) => `  ${x}；`).join('\n') +
      `\n请提前安排好工作，准时到岗，做好接访准备。如因公务不能接访，请尽早告知信访办调整（可与其他领导对调）。\n` +
      `${signer}\n${dateZh(today)}`;
    return { leader: { id: l.id, name: l.name, title: l.title }, slots: vs, text };
  });
  return { from: today, to, missing, reminders };
}

// `roster held` (one leader, or everyone on duty that day; --absent for 缺岗): roster-attendance.ts.
export { markHeld, markDay } from './roster-attendance.js';


/** Builds the public notice data of a month: no petitioner data, by construction. */
/** A stable iCalendar UID for a slot: its date, its rule and its place among that rule's slots of the day. */
export function slotUid(code: string, date: string, rule: string, n: number): string {
  const h = createHash('sha1').update(rule).digest('hex').slice(0, 10);
  return `${date.replace(/-/g, '')}-${h}-${n}@${code.toLowerCase()}.xinfang`;
}

/**
 * What the notice says about the month's calendar: the holidays (rest days with a name,
 * clipped to the month: 10月1日至7日 国庆节) when nobody receives, and a note for a
 * working weekend day (调休上班) so that petitioners do not take a Saturday for a mistake.
 * A month whose year the calendar does not cover has neither.
 */
function monthDays(ledger: Ledger, month: string): { holidays: NoticeData['holidays']; dayNote: (date: string) => string } {
  const cal = rosterCalendar(ledger);
  // A provisional month (the list not out yet) has no holidays to print: its title says 暂定.
  if (!cal.covers(Number(month.slice(0, 4)))) return { holidays: [], dayNote: () => '' };
  const { from, to } = monthRange(month);
  const holidays: NoticeData['holidays'] = [];
  for (const d of dateRange(from, to)) {
    const info = cal.day(d);
    if (info.work || !info.name) continue;
    const last = holidays[holidays.length - 1];
    if (last && last.name === info.name && addDays(last.to, 1) === d) last.to = d;
    else holidays.push({ name: info.name, from: d, to: d, text: '' });
  }
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
  for (const h of holidays) {
    const span = h.from === h.to ? md(h.from) : h.from.slice(5, 7) === h.to.slice(5, 7) ? `${md(h.from)}至${Number(h.to.slice(8))}日` : `${md(h.from)}至${md(h.to)}`;
    h.text = `${span}（${h.name}）`;
  }
  const dayNote = (date: string) => (weekday(date) >= 6 && cal.isWorkday(date) ? '调休上班' : '');
  return { holidays, dayNote };
}

export function noticeData(ledger: Ledger, month: string, now: Date): NoticeData {
  const r = needRoster(ledger, month);
  const office = ledger.config.office;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const monthZh = `${y}年${m}月`;
  const today = shanghaiISO(now).slice(0, 10);
  const views = r.slots.map((s) => viewSlot(ledger, s));
  const { holidays, dayNote } = monthDays(ledger, month);
  const rows = views.map((v) => ({
    date: v.date,
    date_zh: `${Number(v.date.slice(5, 7))}月${Number(v.date.slice(8))}日`,
    weekday: v.weekday,
    weekday_short: v.weekday.replace('星期', '周'),
    hours: v.hours,
    // A number typed into a leader's record or a rule name is not for the notice board
    // (the office's own booking line and places are: they are printed as written).
    leader: maskPiiText(v.leader.name),
    title: maskPiiText(v.leader.title),
    scope: maskPiiText(v.leader.portfolio),
    place: v.place.name,
    address: v.place.address,
    mode: v.mode_zh,
    rule: maskPiiText(v.rule),
    day_note: dayNote(v.date),
  }));
  // Rows of one date are merged in the HTML notice (rowspan): the first carries the count.
  const spans = rows.map((row, i) => (i > 0 && rows[i - 1]!.date === row.date ? 0 : rows.slice(i).findIndex((x) => x.date !== row.date) === -1 ? rows.length - i : rows.slice(i).findIndex((x) => x.date !== row.date)));
  const seen = new Map<string, number>();
  const events = rows.map((row, i) => {
    const k = `${row.date}|${row.rule}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    const [h1, h2] = row.hours.split('-') as [string, string];
    const t = (d: string, hm: string) => `${d.replace(/-/g, '')}T${hm.replace(':', '')}00`;
    return {
      ...row,
      uid: slotUid(office.code, row.date, row.rule, n),
      start: t(row.date, h1),
      end: t(row.date, h2),
      summary: `${row.mode}：${row.leader}（${row.title}）`,
      location: row.address ? `${row.place}（${row.address}）` : row.place,
      description: `${row.rule}。接待范围：${row.scope || '综合'}。${office.booking ? `预约方式：${office.booking}` : ''}`,
      _i: i,
    };
  });
  const usedPlaces = [...new Set(r.slots.map((s) => s.place))];
  const places = ledger.config.places.filter((p) => usedPlaces.includes(p.id)).map((p) => ({ name: p.name, address: p.address }));
  return {
    single_place: places.length === 1 ? places[0]!.name : '',
    title: `${office.name}领导干部接待群众来访安排表（${monthZh}${r.provisional ? '，暂定：当年节假日安排公布后可能调整' : ''}）`,
    month,
    month_zh: monthZh,
    office: { name: office.name, code: office.code, issuer: office.issuer || `${office.name}信访工作领导小组办公室`, booking: office.booking, coordinator: office.coordinator, phone: office.phone, address: office.address },
    issued: today,
    issued_zh: dateZh(today),
    rows: rows.map((r, i) => ({ ...r, day_span: spans[i]! })),
    events: events.map(({ _i, ...e }) => e),
    places,
    holidays,
    holidays_text: holidays.map((h) => h.text).join('、'),
    dtstamp: now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
  };
}

export async function publishRoster(ledger: Ledger, input: { month: string; format: RosterFormat; template?: string; now: Date }): Promise<{ text: string; template: { path: string; origin: string } }> {
  const { readTemplate, renderNotice, templateSource } = await import('../render/roster.js');
  const data = noticeData(ledger, input.month, input.now);
  const src = templateSource(input.format, ledger.root, input.template);
  if (!existsSync(src.path)) throw badField('--template（模板文件）', input.template, '文件不存在');
  const source = readTemplate(src.path); // a ledger's file outside templates/ is refused
  let text: string;
  try {
    text = await renderNotice(input.format, source, data, ledger.root);
  } catch (e) {
    const { templateError } = await import('../render/liquid.js');
    throw templateError(src.path, e);
  }
  return { text, template: src };
}

// ---- Parts that read the cases (compliance, appointments, the leader's brief). The case
// modules are loaded only on these paths.

// Attendance of the reception days (held with/without petitioners, missed, 未记录): roster-attendance.ts.
export { compliance, type ComplianceRow } from './roster-attendance.js';

/** 约访: invites a case's petitioner to a leader's reception day (the leader on duty by default). */
export async function appointCase(ledger: Ledger, input: { id: string; date: string; leader?: string; note?: string; today: string }, clerk: Clerk): Promise<{ id: string; date: string; leader: { id: string; name: string; title: string } }> {
  const date = checkDate(input.date, '--date（约访日期）');
  if (date < input.today) throw badField('--date（约访日期）', date, `不能早于今天 ${input.today}`);
  const { loadCase, appendEvent } = await import('./cases.js');
  const { isOpen } = await import('../domain/case.js');
  const c = loadCase(ledger, input.id);
  if (!isOpen(c)) throw new InputError(`${c.id} 已${c.status === 'closed' ? '结案' : '不予受理'}，不能约访`, 'closed');
  const duty = dutyOn(ledger, date);
  if (!duty.generated) throw new InputError(`${date.slice(0, 7)} 还没有排班，无法确定接访领导。先生成：xinfang roster generate --month ${date.slice(0, 7)}`, 'no_roster');
  let leader: Leader;
  if (input.leader) {
    leader = activeLeader(ledger, input.leader);
    if (!duty.slots.some((s) => s.leader.id === leader.id)) {
      const next = ledger.config.schedule.rules.length ? nextDayOf(ledger, leader.id, date) : undefined;
      throw new InputError(
        `${leader.name} ${date} 没有接访安排${duty.slots.length ? `（当天接访：${duty.slots.map((s) => s.leader.name).join('、')}）` : ''}。${next ? `其下一个接访日：${next}` : '可先用 xinfang roster set 安排'}`,
        'not_scheduled',
      );
    }
  } else {
    const ids = [...new Set(duty.slots.map((s) => s.leader.id))];
    if (ids.length === 0) {
      if (duty.workday === false) throw new InputError(`${date} 是休息日${duty.dayName && duty.dayName !== '调休' ? `（${duty.dayName}）` : ''}，不安排接访；请约在工作日`, 'rest_day');
      throw new InputError(`${date} 没有领导接访；请换一天，或先用 xinfang roster set ${date} --leader 姓名 --rule 规则 安排后再用 --leader 指定`, 'no_slot');
    }
    if (ids.length > 1) throw new InputError(`${date} 有 ${ids.length} 位领导接访（${duty.slots.map((s) => `${s.leader.name}：${s.rule}`).join('；')}），请用 --leader 指定`, 'ambiguous');
    leader = activeLeader(ledger, ids[0]!);
  }
  const away = awayOn(leader, date);
  if (away) throw new InputError(`${leader.name} ${away.from} 至 ${away.to} 外出，${date} 不能约访`, 'away');
  if (c.appointments.some((a) => a.date === date && a.leader === leader.id)) throw new InputError(`${c.id} 已约 ${date} 由 ${leader.name} 接访`, 'exists');
  appendEvent(ledger, c.id, { type: 'appointment', date, leader: leader.id, note: checkText(input.note, '--note（约访说明）', 'text') }, `约访 ${c.id}：${date} ${leader.name}`, clerk);
  return { id: c.id, date, leader: { id: leader.id, name: leader.name, title: leader.title } };
}

function nextDayOf(ledger: Ledger, leader: string, after: string): string | undefined {
  for (const m of rosterMonths(ledger).filter((x) => x >= monthOf(after))) {
    const s = readRoster(ledger, m)!.slots.find((x) => x.leader === leader && x.date > after);
    if (s) return s.date;
  }
  return undefined;
}

export interface BriefCase {
  id: string;
  status: string;
  summary: string;
  petitioners: string;
  people: number;
  due: string;
  overdue: boolean;
  /** Visits in short: 2026-09-10 来访 12 人（王建国）… */
  history: string[];
  note?: string;
}

export interface Brief {
  date: string;
  leader: { id: string; name: string; title: string; portfolio: string };
  slots: SlotView[];
  appointments: BriefCase[];
  owned: BriefCase[];
  returning: BriefCase[];
}

/**
 * The leader's morning brief for a reception day: the petitioners invited that day, the
 * open cases the leader owns (overdue first), and petitioners who came before and may come
 * again (open cases visited more than once, or closed with the petitioner dissatisfied or a
 * recurrence), each with its visits in short. Internal: names are shown, phones masked.
 */
export async function briefFor(ledger: Ledger, input: { date: string; leader?: string; now: Date }): Promise<Brief[]> {
  const date = checkDate(input.date, '--date（日期）');
  const duty = dutyOn(ledger, date);
  let ids: string[];
  if (input.leader) ids = [resolveLeader(ledger.leaders().leaders, input.leader, '--leader').id];
  else {
    ids = [...new Set(duty.slots.map((s) => s.leader.id))];
    if (ids.length === 0) throw new InputError(`${date} 没有领导接访${duty.generated ? '' : `（${date.slice(0, 7)} 还没有排班）`}；可用 --leader 指定领导`, 'no_slot');
  }
  const { queryCases } = await import('./cases.js');
  const { isOpen, STATUS_ZH } = await import('../domain/case.js');
  const { caseExtras } = await import('./case-extras.js');
  const { maskPhone } = await import('../domain/identity.js');
  const { MODES_ZH, CHANNELS } = await import('../domain/events.js');
  const leaders = ledger.leaders().leaders;
  const nameOf = (id: string) => leaders.find((l) => l.id === id)?.name ?? id;
  const view = (c: CaseState, note?: string): BriefCase => {
    const ex = caseExtras(ledger, c, input.now);
    return {
      id: c.id,
      status: STATUS_ZH[c.status],
      summary: c.file.summary,
      petitioners: c.file.petitioners.map((p) => `${p.name}${p.phone ? ` ${maskPhone(p.phone)}` : ''}`).join('、'),
      people: c.file.people,
      due: ex.dueText.replace(/\s*\n\s*/g, ' '),
      overdue: ex.overdue,
      history: c.visits.map((v) => `${v.date} ${(CHANNELS as Record<string, string>)[v.channel] ?? v.channel} ${v.people} 人${v.leader ? `（${nameOf(v.leader)}${v.channel === 'visit' ? `，${MODES_ZH[v.mode]}` : ''}）` : ''}`),
      ...(note !== undefined && { note }),
    };
  };
  return ids.map((id) => {
    // A slot may name a leader leaders.yaml no longer has (a hand edit; check reports it).
    const l = leaders.find((x) => x.id === id) ?? { name: id, title: '', portfolio: '' };
    // The index gives this leader's candidates (appointments that day, open cases owned,
    // cases that keep coming back); the rules below choose among them.
    const cases = queryCases(ledger, { brief: { date, leader: id } });
    const appointments = cases.flatMap((c) => c.appointments.filter((a) => a.date === date && a.leader === id).map((a) => view(c, a.note)));
    const owned = cases.filter((c) => c.owner === id && isOpen(c)).map((c) => view(c));
    owned.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.id.localeCompare(b.id));
    const seen = new Set([...appointments.map((c) => c.id), ...owned.map((c) => c.id)]);
    const returning = cases
      .filter((c) => !seen.has(c.id) && c.visits.some((v) => v.date < date))
      .filter((c) => (isOpen(c) && c.visits.filter((v) => v.channel === 'visit').length > 1) || (!isOpen(c) && (c.opinion === 'dissatisfied' || c.followups.some((f) => f.recurred))))
      .filter((c) => c.visits.some((v) => v.leader === id) || c.owner === id || c.visits.filter((v) => v.channel === 'visit').length > 2)
      .sort((a, b) => (b.visits.at(-1)?.date ?? '').localeCompare(a.visits.at(-1)?.date ?? ''))
      .slice(0, 10)
      .map((c) => view(c));
    return {
      date,
      leader: { id, name: l.name, title: l.title, portfolio: l.portfolio },
      slots: duty.slots.filter((s) => s.leader.id === id),
      appointments,
      owned,
      returning,
    };
  });
}
