// Quarterly statistics (统计表): counts and the rates offices are assessed on, for a period,
// computed from the cases as they stood on `asOf` (the report date; owner, units and status on statusDate). Pure: the deadline
// rules come in as functions, names as lookups. Every rate is {numerator, denominator,
// value} with value null when the denominator is 0. The definitions are in docs/reports.md;
// keep the two in step. The shapes and the rates' names are in stats-defs.ts, periods and
// cases as they stood in stats-period.ts; both are re-exported here.
import type { CaseState } from './case.js';
import { CHANNELS } from './events.js';
import { factStateOn, statsFacts, type StatsFacts } from './stats-facts.js';
import { DIMENSIONS, rate, RATE_KEYS, type Counts, type Dimension, type Period, type PeriodStats, type RateKey, type StatsOptions } from './stats-defs.js';
import { periodMonths, statusDate, within } from './stats-period.js';
import { monthOf } from './time.js';

// The shapes (periods, rates, dimensions, options, PeriodStats) and percent: stats-defs.ts.
export * from './stats-defs.js';
// Periods and the cases as they stood (statusDate, caseAsOf, caseKnownOn, …): stats-period.ts.
export { caseAsOf, caseKnownOn, periodContacts, periodMonths, previousPeriod, statusDate } from './stats-period.js';

const NONE = '（未填）';
/** The 承办单位 row of the registered cases not handed to any unit. */
export const UNHANDED = '（未交办）';
/** A letter, call or online item has no receiving leader by nature: not an omission. */
const NO_RECEIVER = '（非来访，无接待领导）';

function bump(m: Record<string, number>, k: string, n = 1): void {
  // Own keys only: a row named by free text ("constructor", "__proto__") is just a row.
  const was = Object.hasOwn(m, k) ? m[k]! : 0;
  Object.defineProperty(m, k, { value: was + n, enumerable: true, writable: true, configurable: true });
}

function tick(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

// One collator for every sort of the tables' rows (String#localeCompare with a locale builds one per call).
let collator: Intl.Collator['compare'] | undefined;
const zh = (a: string, b: string): number => (collator ??= new Intl.Collator('zh').compare)(a, b);

function ordered(m: Record<string, number>, order: string[] | undefined): Record<string, number> {
  const keys = Object.keys(m);
  const pos = (k: string) => {
    const i = order?.indexOf(k) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  keys.sort((a, b) => pos(a) - pos(b) || (order ? 0 : m[b]! - m[a]!) || zh(a, b));
  return Object.fromEntries(keys.map((k) => [k, m[k]!]));
}

function byCount(m: Record<string, number>): Record<string, number> {
  const keys = Object.keys(m).sort((a, b) => m[b]! - m[a]! || (a === NONE ? 1 : b === NONE ? -1 : zh(a, b)));
  return Object.fromEntries(keys.map((k) => [k, m[k]!]));
}

/** One case for the statistics: its file folded, or its stored facts (see stats-facts.ts). */
export type StatsInput = { state: CaseState } | { facts: StatsFacts };

/** Figures for one period. `cases` may hold every case of the ledger; the period selects. */
export function periodStats(all: Iterable<CaseState>, period: Period, o: StatsOptions): PeriodStats {
  return periodStatsOf(
    (function* () {
      for (const state of all) yield { state };
    })(),
    period,
    o,
  );
}

/** periodStats over cases or their stored facts (the same sums either way). */
export function periodStatsOf(all: Iterable<StatsInput>, period: Period, o: StatsOptions): PeriodStats {
  const acc = periodAccumulator(period, o);
  for (const input of all) acc.add(input);
  return acc.result();
}

/**
 * What the figures of a period are made from, before names and order. Keys of `by` are as
 * stored — a leader's or a unit's id, a purpose's key, a channel — each named once per report
 * (tallyStats), not once per case; the fixed rows (no receiving leader, no owner, not handed
 * to a unit) are counted apart, so that no id can be taken for one.
 */
interface StatsTally {
  /** Maps, not objects: tens of thousands of bumps, and a key typed by a clerk ("__proto__") is just a key. */
  by: Record<Dimension, Map<string, number>>;
  fixed: { leaderNone: number; noReceiver: number; ownerNone: number; unhanded: number };
  visits: Counts;
  groupVisits: Counts;
  items: { total: number; repeat: number };
  total: number;
  groupCases: number;
  handed: number;
  repeatCases: number;
  closed: number;
  reopened: number;
  beijing: PeriodStats['beijing'];
  acc: { n: number; d: number; pending: number };
  ontime: { n: number; d: number; pending: number };
  rated: { closures: number; rated: number; satisfied: number; basic: number };
  owned: { n: number; d: number };
  unknown: { accept: number; handle: number; years: number[] };
}

function emptyTally(period: Period): StatsTally {
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number>()])) as StatsTally['by'];
  for (const m of periodMonths(period)) by.month.set(m, 0);
  return {
    by,
    fixed: { leaderNone: 0, noReceiver: 0, ownerNone: 0, unhanded: 0 },
    visits: { batches: 0, persons: 0 },
    groupVisits: { batches: 0, persons: 0 },
    items: { total: 0, repeat: 0 },
    total: 0,
    groupCases: 0,
    handed: 0,
    repeatCases: 0,
    closed: 0,
    reopened: 0,
    beijing: { times: 0, cases: 0, list: [] },
    acc: { n: 0, d: 0, pending: 0 },
    ontime: { n: 0, d: 0, pending: 0 },
    rated: { closures: 0, rated: 0, satisfied: 0, basic: 0 },
    owned: { n: 0, d: 0 },
    unknown: { accept: 0, handle: 0, years: [] },
  };
}

/** periodStatsOf one case at a time: several periods can be summed in one pass over the cases. */
export function periodAccumulator(period: Period, o: StatsOptions): { add: (input: StatsInput) => void; result: () => PeriodStats } {
  const t = emptyTally(period);
  const { by, fixed, visits, groupVisits, items, beijing, acc, ontime, rated, owned, unknown } = t;
  const stateDate = statusDate(period, o.asOf);
  const gap = (y: number) => {
    if (!unknown.years.includes(y)) unknown.years.push(y);
  };

  const add = (input: StatsInput): void => {
    // The case as it stood on asOf: later events are not known to this report.
    const f = 'facts' in input ? input.facts : statsFacts(input.state, o.asOf, o.deadlines);
    if (!f || f.received > o.asOf) return;
    const registered = within(f.received, period);

    // Contacts in the period: the registration and every further visit, letter or call.
    f.visits.forEach(([date, channel, people], i) => {
      if (!within(date, period)) return;
      items.total += 1;
      if (i > 0 || f.repeatOf) items.repeat += 1;
      if (channel === 'visit') {
        visits.batches += 1;
        visits.persons += people;
        if (people >= o.groupThreshold) {
          groupVisits.batches += 1;
          groupVisits.persons += people;
        }
      }
    });

    // 进京非正常上访 dated in the period, on any case (also one registered earlier).
    const bj = f.beijing.length ? f.beijing.filter(([date]) => within(date, period)) : f.beijing;
    if (bj.length) {
      beijing.times += bj.length;
      beijing.cases += 1;
      for (const [date, place] of bj) beijing.list.push({ id: f.id, date, place });
    }

    // Closures and reopenings dated in the period; each closure asks for the petitioner's opinion.
    for (const [date, opinion] of f.closes) {
      if (!within(date, period)) continue;
      t.closed += 1;
      rated.closures += 1;
      if (opinion) {
        rated.rated += 1;
        if (opinion === 'satisfied') rated.satisfied += 1;
        if (opinion === 'basically-satisfied') rated.basic += 1;
      }
    }
    for (const date of f.reopens) if (within(date, period)) t.reopened += 1;

    // 按期办结: judged in the period the handling deadline falls in, on the first closure.
    const firstClose = f.closes[0]?.[0] ?? null;
    if (f.handle) {
      const due = f.handle.due;
      if (due && within(due, period)) {
        if (firstClose !== null) {
          ontime.d += 1;
          if (firstClose <= due) ontime.n += 1;
        } else if (f.declined) {
          // declined after acceptance: no handling to judge
        } else if (o.asOf > due) ontime.d += 1;
        else ontime.pending += 1;
      } else if (!due) {
        const year = f.handle.gap;
        const closedBefore = firstClose !== null && firstClose < period.from;
        // The limit needs the calendar of year `gap`, so it falls on or after that year's 1 January.
        if (year !== null && f.handle.accepted <= period.to && `${year}-01-01` <= period.to && !closedBefore) {
          unknown.handle += 1;
          gap(year);
        }
      }
    }

    if (!registered) return;
    t.total += 1;
    if (f.maxPeople >= o.groupThreshold) t.groupCases += 1;
    if (f.repeatOf || f.visits.length > 1) t.repeatCases += 1;
    tick(by.channel, f.channel);
    tick(by.purpose, f.purpose);
    tick(by.category, f.catMain);
    tick(by.subcategory, `${f.catMain}/${f.catSub}`);
    if (f.receiver) tick(by.leader, f.receiver);
    else if (f.channel === 'visit') fixed.leaderNone += 1;
    else fixed.noReceiver += 1;
    // The state (owner, units, status) as it stood on the status date, as in the register.
    const [, owner, units, status, opinion] = factStateOn(f, stateDate);
    if (owner) tick(by.owner, owner);
    else fixed.ownerNone += 1;
    // 承办单位: each unit once per case (units are distinct); `handed` counts the case once.
    if (units.length) {
      t.handed += 1;
      for (const u of units) tick(by.unit, u);
    } else fixed.unhanded += 1;
    // 问题属地 is free text: a number typed into it is masked in every statistics output.
    tick(by.area, f.area || NONE);
    tick(by.month, monthOf(f.received));

    // 及时受理: the first decision (accept, decline, or a handling/transfer that implies acceptance).
    const limit = f.accept.limit;
    if (limit === null) {
      const year = f.accept.gap;
      if (year === null) acc.pending += 1;
      else {
        unknown.accept += 1; // the limit cannot be computed (calendar gap)
        gap(year);
      }
    } else if (f.decided !== null) {
      acc.d += 1;
      if (f.decided <= limit) acc.n += 1;
    } else if (o.asOf > limit) acc.d += 1;
    else acc.pending += 1;

    // 领导包案化解: owned by a leader, not declined; resolved = closed and not 不满意.
    if (owner && status !== 'declined') {
      owned.d += 1;
      if (status === 'closed' && opinion !== 'dissatisfied') owned.n += 1;
    }
  };

  return { add, result: () => tallyStats(t, period, o) };
}

/** The figures of a tally: rows named (ids with the same name add up) and ordered, rates computed. */
function tallyStats(t: StatsTally, period: Period, o: StatsOptions): PeriodStats {
  const purposeName = o.purposeName ?? ((k: string) => k);
  const leaderName = o.leaderName ?? ((k: string) => k);
  const unitName = o.unitName ?? ((k: string) => k);
  // Ids with the same name add up (as the rows always did), and a fixed row with a name equal to it.
  const named = (m: Map<string, number>, name: (k: string) => string = (k) => k, extra: [string, number][] = []): Record<string, number> => {
    const out = new Map<string, number>();
    const add = (key: string, n: number) => out.set(key, (out.get(key) ?? 0) + n);
    for (const [k, n] of m) add(name(k), n);
    for (const [key, n] of extra) if (n) add(key, n);
    return Object.fromEntries(out);
  };
  const { by, fixed, acc, ontime, rated, owned, unknown } = t;
  return {
    period: { from: period.from, to: period.to },
    as_of: o.asOf,
    status_as_of: statusDate(period, o.asOf),
    total: t.total,
    group_cases: t.groupCases,
    handed: t.handed,
    repeat_cases: t.repeatCases,
    visits: { ...t.visits },
    group_visits: { ...t.groupVisits },
    items: { ...t.items },
    closed: t.closed,
    reopened: t.reopened,
    beijing: { ...t.beijing, list: [...t.beijing.list].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)) },
    by: {
      channel: ordered(named(by.channel, (k) => CHANNELS[k as keyof typeof CHANNELS]), Object.values(CHANNELS)),
      purpose: ordered(named(by.purpose, purposeName), o.purposeOrder),
      category: ordered(named(by.category), o.categoryOrder),
      subcategory: o.categoryOrder ? ordered(named(by.subcategory), undefined) : byCount(named(by.subcategory)),
      leader: byCount(named(by.leader, leaderName, [[NONE, fixed.leaderNone], [NO_RECEIVER, fixed.noReceiver]])),
      owner: byCount(named(by.owner, leaderName, [[NONE, fixed.ownerNone]])),
      unit: byCount(named(by.unit, unitName, [[UNHANDED, fixed.unhanded]])),
      area: byCount(named(by.area)),
      month: named(by.month),
    },
    rates: {
      accepted_in_time: rate(acc.n, acc.d),
      closed_in_time: rate(ontime.n, ontime.d),
      rated: rate(rated.rated, rated.closures),
      satisfaction: rate(rated.satisfied, rated.rated),
      satisfaction_with_basic: rate(rated.satisfied + rated.basic, rated.rated),
      repeat: rate(t.items.repeat, t.items.total),
      leader_owned_resolved: rate(owned.n, owned.d),
    },
    pending: { accept: acc.pending, handle: ontime.pending },
    unknown: { accept: unknown.accept, handle: unknown.handle, years: [...unknown.years].sort() },
  };
}

export interface Change {
  total: number;
  visits_batches: number;
  visits_persons: number;
  /** Rate value differences (current − previous), null when either is null. */
  rates: Record<RateKey, number | null>;
}

export function change(cur: PeriodStats, prev: PeriodStats): Change {
  const rates = Object.fromEntries(
    RATE_KEYS.map((k) => {
      const a = cur.rates[k].value;
      const b = prev.rates[k].value;
      return [k, a === null || b === null ? null : a - b];
    }),
  ) as Change['rates'];
  return { total: cur.total - prev.total, visits_batches: cur.visits.batches - prev.visits.batches, visits_persons: cur.visits.persons - prev.visits.persons, rates };
}

/** Adds several offices' figures: counts add up, rates are recomputed from the summed parts. */
export function sumStats(list: PeriodStats[]): PeriodStats {
  const first = list[0];
  if (!first) throw new RangeError('sumStats needs at least one office');
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, {} as Record<string, number>])) as PeriodStats['by'];
  for (const s of list) for (const d of DIMENSIONS) for (const [k, n] of Object.entries(s.by[d])) bump(by[d], k, n);
  const sum = (f: (s: PeriodStats) => number) => list.reduce((n, s) => n + f(s), 0);
  const rates = Object.fromEntries(RATE_KEYS.map((k) => [k, rate(sum((s) => s.rates[k].numerator), sum((s) => s.rates[k].denominator))])) as PeriodStats['rates'];
  return {
    period: first.period,
    as_of: first.as_of,
    status_as_of: first.status_as_of,
    total: sum((s) => s.total),
    group_cases: sum((s) => s.group_cases),
    handed: sum((s) => s.handed),
    repeat_cases: sum((s) => s.repeat_cases),
    visits: { batches: sum((s) => s.visits.batches), persons: sum((s) => s.visits.persons) },
    group_visits: { batches: sum((s) => s.group_visits.batches), persons: sum((s) => s.group_visits.persons) },
    items: { total: sum((s) => s.items.total), repeat: sum((s) => s.items.repeat) },
    closed: sum((s) => s.closed),
    reopened: sum((s) => s.reopened),
    beijing: { times: sum((s) => s.beijing.times), cases: sum((s) => s.beijing.cases), list: list.flatMap((s) => s.beijing.list) },
    by: {
      channel: ordered(by.channel, Object.values(CHANNELS)),
      purpose: ordered(by.purpose, Object.keys(first.by.purpose)),
      category: ordered(by.category, Object.keys(first.by.category)),
      subcategory: byCount(by.subcategory),
      leader: byCount(by.leader),
      owner: byCount(by.owner),
      unit: byCount(by.unit),
      area: byCount(by.area),
      month: Object.fromEntries(periodMonths(first.period).map((m) => [m, by.month[m] ?? 0])),
    },
    rates,
    pending: { accept: sum((s) => s.pending.accept), handle: sum((s) => s.pending.handle) },
    unknown: {
      accept: sum((s) => s.unknown.accept),
      handle: sum((s) => s.unknown.handle),
      years: [...new Set(list.flatMap((s) => s.unknown.years))].sort(),
    },
  };
}
