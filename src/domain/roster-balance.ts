// The balance of a roster over a period (pure): days and turns per leader of each rule,
// the days each was away, and the spread of turns among those who were not (roster balance).
import type { Leader, Rule } from '../ledger/schema.js';
import type { RosterSlot } from '../ledger/roster-file.js';
import { awayOn } from './leaders.js';
import { weekStart } from './roster-dates.js';
import { poolOf } from './roster.js';

/** Days (and, for weekly rules, weeks) per leader of each rule over a set of slots. */
export interface RuleBalance {
  rule: string;
  kind: Rule['kind'];
  /** What a turn is: a day, or for weekly rules a week. */
  unit: 'day' | 'week';
  leaders: { id: string; days: number; turns: number; awayDays: number }[];
  /** max − min turns among the pool's leaders who were not away in the period. */
  spread: number;
}

export function balance(rules: readonly Rule[], leaders: readonly Leader[], slots: readonly RosterSlot[], period: { from: string; to: string }, workdays: readonly string[]): RuleBalance[] {
  return rules.map((rule) => {
    const pool = poolOf(rule, leaders);
    const mine = slots.filter((s) => s.rule === rule.name && s.date >= period.from && s.date <= period.to);
    const ids = [...new Set([...pool.map((l) => l.id), ...mine.map((s) => s.leader)])];
    const rows = ids.map((id) => {
      const ls = mine.filter((s) => s.leader === id);
      const leader = leaders.find((l) => l.id === id);
      const awayDays = leader ? workdays.filter((d) => awayOn(leader, d)).length : 0;
      const turns = rule.kind === 'weekly' ? new Set(ls.map((s) => weekStart(s.date))).size : ls.length;
      return { id, days: ls.length, turns, awayDays };
    });
    const counted = rows.filter((r) => r.awayDays === 0 && pool.some((l) => l.id === r.id)).map((r) => r.turns);
    const spread = counted.length ? Math.max(...counted) - Math.min(...counted) : 0;
    return { rule: rule.name, kind: rule.kind, unit: rule.kind === 'weekly' ? 'week' : 'day', leaders: rows, spread };
  });
}
