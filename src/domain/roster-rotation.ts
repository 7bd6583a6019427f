// The rotation memory of one schedule rule (pure), used by the scheduler (roster.ts): when
// each leader of its pool last served it and how many turns each had this quarter, and the
// order in which they come next.
import type { Leader, Rule } from '../ledger/schema.js';

/** Rotation memory of one rule: when each leader last served it, and turns this quarter. */
export class RuleState {
  last = new Map<string, string>();
  turns = new Map<string, number>();
  constructor(
    readonly rule: Rule,
    readonly pool: Leader[],
  ) {}
  served(leader: string, date: string, turn = true): void {
    if ((this.last.get(leader) ?? '') < date) this.last.set(leader, date);
    if (turn) this.turns.set(leader, (this.turns.get(leader) ?? 0) + 1);
  }
  /** Never scheduled first, then whoever waited longest, then fewer turns, then pool order. */
  order(cands: Leader[]): Leader[] {
    const idx = new Map(this.pool.map((l, i) => [l.id, i]));
    return [...cands].sort(
      (a, b) =>
        (this.last.get(a.id) ?? '').localeCompare(this.last.get(b.id) ?? '') ||
        (this.turns.get(a.id) ?? 0) - (this.turns.get(b.id) ?? 0) ||
        (idx.get(a.id) ?? 0) - (idx.get(b.id) ?? 0),
    );
  }
}
