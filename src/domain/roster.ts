// The reception roster as pure rules: who receives on which working day of a month, from
// the office's schedule rules, the leaders (with their absences), the working-day
// calendar, the slots of earlier months (for continuity and fairness) and the slots set
// by hand (kept as they are). No files, no clock. See docs/roster.md for the rules.
//
// Order of work inside a month: hand-set slots first (they are fixed), then the rules
// that are tied to a date (monthly `on`), the weekly rotations (a week needs the same
// leader on several days), the monthly and quarterly days that may move, the daily
// rotations (they can skip a busy leader on any day) and last the `floor` top-up, which
// needs to know what the other rules gave. A leader is never booked twice on one day.
// Rule dates are in roster-dates.ts, the rotation memory in roster-rotation.ts, the
// balance over a period in roster-balance.ts.
import type { Leader, Rule } from '../ledger/schema.js';
import type { RosterSlot } from '../ledger/roster-file.js';
import { addDays, monthRange, quarterOf, quarterRange } from './time.js';
import { awayOn } from './leaders.js';
import { rulePool } from './rule-pool.js';
import { fixedTarget, weekStart } from './roster-dates.js';
// The rotation memory of one rule (who served last, turns this quarter).
import { RuleState } from './roster-rotation.js';

/** What the scheduler needs of the working-day calendar (see src/calendar). */
export interface DayCalendar {
  isWorkday(date: string): boolean;
  workdaysIn(from: string, to: string): string[];
}

export interface Gap {
  rule: string;
  date?: string;
  leader?: string;
  reason: string;
}

export interface ScheduleInput {
  month: string;
  rules: readonly Rule[];
  places: readonly { id: string; name: string }[];
  leaders: readonly Leader[];
  calendar: DayCalendar;
  /** Slots of earlier months (at least the quarter so far and the last generated month). */
  history: readonly RosterSlot[];
  /** Slots of this month set by hand: kept exactly, and counted like any other. */
  fixed: readonly RosterSlot[];
  /** The office's working day: the hours of a rule that gives none (a rule of 一天). */
  workingHours?: string;
}

export interface ScheduleResult {
  slots: RosterSlot[];
  gaps: Gap[];
}

/** Leaders of a rule's pool, in leaders.yaml order: by role, by title or by id/name. */
export function poolOf(rule: Rule, leaders: readonly Leader[]): Leader[] {
  // A post is matched within a compound title (区委副书记、区长): rule-pool.ts.
  return rulePool(rule, leaders);
}

// Week starts, n-th weekdays and the day a monthly rule's `on` names: roster-dates.ts.
export { fixedTarget, nthWeekday, weekStart } from './roster-dates.js';

export function placeId(rule: Rule, places: readonly { id: string; name: string }[]): string {
  return places.find((p) => p.id === rule.place || p.name === rule.place)?.id ?? rule.place;
}

export function schedule(input: ScheduleInput): ScheduleResult {
  const { month, rules, leaders, calendar } = input;
  const hoursOf = (rule: Rule): string => {
    const h = rule.hours ?? input.workingHours;
    if (!h) throw new RangeError(`rule ${rule.name} has no hours and no working day was given`);
    return h;
  };
  const { from, to } = monthRange(month);
  const quarter = quarterOf(from);
  const qr = quarterRange(quarter);
  const monthIndex = qr.months.indexOf(month);
  const workdays = calendar.workdaysIn(from, to);
  const slots: RosterSlot[] = [];
  const gaps: Gap[] = [];
  const booked = new Map<string, Set<string>>();
  const isBooked = (leader: string, date: string) => booked.get(date)?.has(leader) ?? false;
  const free = (l: Leader, date: string) => !awayOn(l, date) && !isBooked(l.id, date);
  const book = (s: RosterSlot) => {
    slots.push(s);
    if (!booked.has(s.date)) booked.set(s.date, new Set());
    booked.get(s.date)!.add(s.leader);
  };
  for (const s of input.fixed) book({ ...s });
  const fixedOf = (rule: Rule) => input.fixed.filter((s) => s.rule === rule.name);
  const inQuarter = (d: string) => d >= qr.from && d <= qr.to;

  const states = new Map<string, RuleState>();
  const stateOf = (rule: Rule): RuleState => {
    let st = states.get(rule.name);
    if (!st) {
      st = new RuleState(rule, poolOf(rule, leaders));
      const hist = input.history.filter((s) => s.rule === rule.name && s.date < from).sort((a, b) => a.date.localeCompare(b.date));
      if (rule.kind === 'weekly') {
        // Turns are weeks: count each leader once per ISO week.
        const seen = new Set<string>();
        for (const s of hist) {
          const k = `${s.leader}|${weekStart(s.date)}`;
          st.served(s.leader, s.date, inQuarter(s.date) && !seen.has(k));
          seen.add(k);
        }
      } else for (const s of hist) st.served(s.leader, s.date, inQuarter(s.date));
      states.set(rule.name, st);
    }
    return st;
  };
  const make = (rule: Rule, date: string, leader: string): RosterSlot => ({
    date,
    rule: rule.name,
    leader,
    place: placeId(rule, input.places),
    hours: hoursOf(rule),
    mode: rule.mode,
  });
  const name = (id: string) => leaders.find((l) => l.id === id)?.name ?? id;

  /** The free working day nearest to `target` for a leader: the target, then later, then earlier. */
  const nearestFree = (l: Leader, target: string, laterFirst: boolean): string | undefined => {
    const after = workdays.filter((d) => d >= target);
    const before = workdays.filter((d) => d < target).reverse();
    if (laterFirst) return after.find((d) => free(l, d)) ?? before.find((d) => free(l, d));
    // Spread placement: alternate later / earlier around the target.
    for (let i = 0; i < Math.max(after.length, before.length); i++) {
      if (after[i] && free(l, after[i]!)) return after[i];
      if (before[i] && free(l, before[i]!)) return before[i];
    }
    return undefined;
  };

  /** Places `need` days per leader at evenly spaced working days of the month. */
  const spread = (rule: Rule, need: Map<string, number>, st: RuleState) => {
    const order = st.order(st.pool.filter((l) => (need.get(l.id) ?? 0) > 0));
    const queue: Leader[] = [];
    const left = new Map(need);
    while (order.some((l) => (left.get(l.id) ?? 0) > 0)) {
      for (const l of order) {
        if ((left.get(l.id) ?? 0) > 0) {
          queue.push(l);
          left.set(l.id, left.get(l.id)! - 1);
        }
      }
    }
    queue.forEach((l, i) => {
      const target = workdays[Math.floor(((i + 0.5) * workdays.length) / queue.length)];
      const d = target === undefined ? undefined : nearestFree(l, target, false);
      if (!d) {
        gaps.push({ rule: rule.name, leader: l.id, reason: `${name(l.id)} 本月没有可排的工作日（外出或已有其他接访安排）` });
        return;
      }
      book(make(rule, d, l.id));
      st.served(l.id, d);
    });
  };

  const byPhase = (r: Rule): number => {
    if (r.floor) return 5;
    if (r.kind === 'monthly' && r.on) return 0;
    if (r.kind === 'weekly') return 1;
    if (r.kind === 'monthly') return 2;
    if (r.kind === 'quarterly') return 3;
    return 4; // daily
  };
  const ordered = rules.map((r, i) => [r, i] as const).sort((a, b) => byPhase(a[0]) - byPhase(b[0]) || a[1] - b[1]);

  for (const [rule] of ordered) {
    const st = stateOf(rule);
    if (st.pool.length === 0) {
      gaps.push({ rule: rule.name, reason: `规则“${rule.name}”的人员范围内没有在任领导` });
      continue;
    }
    const fixed = fixedOf(rule);
    if (rule.floor) floorRule(rule, st, fixed);
    else if (rule.kind === 'daily') daily(rule, st, fixed);
    else if (rule.kind === 'weekly') weekly(rule, st, fixed);
    else if (rule.kind === 'monthly') monthly(rule, st, fixed);
    else quarterly(rule, st, fixed);
  }

  function daily(rule: Rule, st: RuleState, fixed: RosterSlot[]): void {
    for (const d of workdays) {
      const f = fixed.filter((s) => s.date === d);
      if (f.length) {
        for (const s of f) st.served(s.leader, d);
        continue;
      }
      const pick = st.order(st.pool.filter((l) => free(l, d)))[0];
      if (!pick) {
        gaps.push({ rule: rule.name, date: d, reason: `${d} 规则“${rule.name}”的领导都外出或已有安排，无人可排` });
        continue;
      }
      book(make(rule, d, pick.id));
      st.served(pick.id, d);
    }
  }

  function weekly(rule: Rule, st: RuleState, fixed: RosterSlot[]): void {
    const weeks = new Map<string, string[]>();
    for (const d of workdays) {
      const w = weekStart(d);
      if (!weeks.has(w)) weeks.set(w, []);
      weeks.get(w)!.push(d);
    }
    for (const [monday, days] of weeks) {
      const sunday = addDays(monday, 6);
      const prev = input.history.filter((s) => s.rule === rule.name && s.date >= monday && s.date <= sunday && s.date < from);
      const fixedHere = fixed.filter((s) => s.date >= monday && s.date <= sunday);
      for (const s of fixedHere) st.served(s.leader, s.date, false);
      const open = days.filter((d) => !fixedHere.some((s) => s.date === d));
      const n = rule.days_per_period;
      let targets: string[];
      if (n === undefined) targets = open;
      else {
        const remaining = n - prev.length - fixedHere.length;
        if (remaining <= 0) continue;
        if (prev.length === 0 && !weekOwnedHere(rule, monday)) continue;
        targets = open; // narrowed to the leader's free days below
      }
      if (targets.length === 0) continue;
      // The week's leader: kept from the previous month's part of the week, else the rotation's next.
      // (the leader with most of those days: a stand-in for a day away is not the week's leader)
      const prevCount = new Map<string, number>();
      for (const s of prev) prevCount.set(s.leader, (prevCount.get(s.leader) ?? 0) + 1);
      const weekLeader = [...prevCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      const carried = weekLeader ? st.pool.find((l) => l.id === weekLeader) : undefined;
      let leader: Leader | undefined;
      const need = n === undefined ? targets.length : n - prev.length - fixedHere.length;
      const freeDays = (l: Leader) => targets.filter((d) => free(l, d)).length;
      if (carried && freeDays(carried) >= Math.min(need, 1)) leader = carried;
      else {
        const cands = st.pool.filter((l) => freeDays(l) >= need);
        leader = st.order(cands)[0];
        if (!leader) {
          const best = Math.max(...st.pool.map(freeDays));
          if (best > 0) leader = st.order(st.pool.filter((l) => freeDays(l) === best))[0];
        }
      }
      if (!leader) {
        gaps.push({ rule: rule.name, date: monday, reason: `${monday} 起的一周，规则“${rule.name}”的领导都外出或已有安排，无人可排` });
        continue;
      }
      const turn = !carried || carried.id !== leader.id;
      let chosen: string[];
      if (n === undefined) chosen = targets;
      else {
        const pref = preferredDays(rule, targets, monday);
        chosen = pref.filter((d) => free(leader!, d)).slice(0, need);
        if (chosen.length < need) chosen = [...chosen, ...pref.filter((d) => !chosen.includes(d))].slice(0, need).sort();
      }
      let first = true;
      for (const d of chosen) {
        let who: Leader | undefined = free(leader, d) ? leader : undefined;
        // The week's leader is away that day: the rotation's next free leader stands in.
        who ??= st.order(st.pool.filter((l) => free(l, d)))[0];
        if (!who) {
          gaps.push({ rule: rule.name, date: d, reason: `${d} 规则“${rule.name}”的领导都外出或已有安排，无人可排` });
          continue;
        }
        book(make(rule, d, who.id));
        st.served(who.id, d, who.id === leader.id ? turn && first : false);
        if (who.id === leader.id) first = false;
      }
    }
  }

  /** Weekly rules with a few days a week: which month schedules a week that straddles two. */
  function weekOwnedHere(rule: Rule, monday: string): boolean {
    const wd = rule.on?.weekday;
    if (wd !== undefined) return addDays(monday, wd - 1).slice(0, 7) === month;
    if (monday >= from) return true;
    // The week began last month: it is ours only when last month had no working day in it.
    try {
      return calendar.workdaysIn(monday, addDays(from, -1)).length === 0;
    } catch {
      return true; // last month's year is not covered: nobody else can schedule it
    }
  }

  /** Candidate days of a week for a weekly rule with `days_per_period`: `on.weekday` first. */
  function preferredDays(rule: Rule, days: string[], monday: string): string[] {
    const wd = rule.on?.weekday;
    if (wd === undefined) return days;
    const target = addDays(monday, wd - 1);
    return [...days.filter((d) => d >= target), ...days.filter((d) => d < target).reverse()];
  }

  function monthly(rule: Rule, st: RuleState, fixed: RosterSlot[]): void {
    const n = rule.days_per_period ?? 1;
    for (const s of fixed) st.served(s.leader, s.date);
    const need = new Map<string, number>();
    for (const l of st.pool) need.set(l.id, Math.max(0, n - fixed.filter((s) => s.leader === l.id).length));
    const target = fixedTarget(rule, month);
    if (target) {
      for (const l of st.order(st.pool)) {
        if ((need.get(l.id) ?? 0) === 0) continue;
        const d = nearestFree(l, target, true);
        if (!d) {
          gaps.push({ rule: rule.name, leader: l.id, reason: `${name(l.id)} 本月没有可排的工作日（外出或已有其他接访安排）` });
          need.set(l.id, 0);
          continue;
        }
        book(make(rule, d, l.id));
        st.served(l.id, d);
        need.set(l.id, need.get(l.id)! - 1);
      }
    }
    spread(rule, need, st);
  }

  /** Quarterly plan: the pool's days spread over the quarter's three months. */
  function quarterPlanDue(rule: Rule, st: RuleState, pool: Leader[]): Map<string, number> {
    const n = rule.days_per_period ?? 1;
    // Order by the rotation as it stood before the quarter, so every month agrees on the plan.
    const before = new RuleState(rule, st.pool);
    for (const s of input.history) if (s.rule === rule.name && s.date < qr.from) before.served(s.leader, s.date, false);
    const entries: string[] = [];
    for (let k = 0; k < n; k++) for (const l of before.order(pool)) entries.push(l.id);
    const due = new Map<string, number>();
    entries.forEach((id, j) => {
      const m = Math.floor(((j + 0.5) * 3) / entries.length);
      if (m <= monthIndex) due.set(id, (due.get(id) ?? 0) + 1);
    });
    return due;
  }

  function quarterly(rule: Rule, st: RuleState, fixed: RosterSlot[]): void {
    for (const s of fixed) st.served(s.leader, s.date);
    const due = quarterPlanDue(rule, st, st.pool);
    const need = new Map<string, number>();
    for (const l of st.pool) {
      const have = input.history.filter((s) => s.rule === rule.name && s.leader === l.id && inQuarter(s.date) && s.date < from).length + fixed.filter((s) => s.leader === l.id).length;
      need.set(l.id, Math.max(0, (due.get(l.id) ?? 0) - have));
    }
    spread(rule, need, st);
  }

  function floorRule(rule: Rule, st: RuleState, fixed: RosterSlot[]): void {
    for (const s of fixed) st.served(s.leader, s.date);
    const n = rule.days_per_period ?? 1;
    const others = rules.filter((r) => r.name !== rule.name && !r.floor);
    const inOtherPool = (l: Leader) => others.some((r) => poolOf(r, leaders).some((x) => x.id === l.id));
    const quarterSlots = [...input.history.filter((s) => inQuarter(s.date) && s.date < from), ...slots];
    const hasOther = (l: Leader) => quarterSlots.some((s) => s.leader === l.id && s.rule !== rule.name);
    const own = (l: Leader) => quarterSlots.filter((s) => s.leader === l.id && s.rule === rule.name).length;
    const lastMonth = monthIndex === 2;
    const planned = st.pool.filter((l) => !inOtherPool(l));
    const due = quarterPlanDue(rule, st, planned);
    const need = new Map<string, number>();
    for (const l of st.pool) {
      if (hasOther(l)) continue;
      // A leader who also serves another rule may still get a slot from it later in the
      // quarter: top up only in the quarter's last month, when everything else is known.
      const wanted = inOtherPool(l) ? (lastMonth ? n : 0) : (due.get(l.id) ?? 0);
      need.set(l.id, Math.max(0, wanted - own(l)));
    }
    spread(rule, need, st);
  }

  const ruleIndex = new Map(rules.map((r, i) => [r.name, i]));
  const leaderIndex = new Map(leaders.map((l, i) => [l.id, i]));
  slots.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (ruleIndex.get(a.rule) ?? 99) - (ruleIndex.get(b.rule) ?? 99) ||
      (leaderIndex.get(a.leader) ?? 0) - (leaderIndex.get(b.leader) ?? 0),
  );
  return { slots, gaps };
}

// Days and turns per leader of each rule over a period: roster-balance.ts.
export { balance, type RuleBalance } from './roster-balance.js';
