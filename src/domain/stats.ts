// Quarterly statistics (统计表): counts and the rates offices are assessed on, for a period,
// computed from the cases as they stood on `asOf` (the report date; owner, units and status on statusDate). Pure: the deadline
// rules come in as functions, names as lookups. Every rate is {numerator, denominator,
// value} with value null when the denominator is 0. The definitions are in docs/reports.md;
// keep the two in step.
import { eventDate, foldCase, liveEvents, type CaseState } from './case.js';
import { CHANNELS, type CaseFile, type Event } from './events.js';
import { factStateOn, statsFacts, type StatsFacts } from './stats-facts.js';
import { addDays, addMonths, diffDays, monthOf, monthRange, previousQuarter, quarterOf, quarterRange } from './time.js';

export interface Period {
  from: string;
  to: string;
}

export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

export const RATE_KEYS = ['accepted_in_time', 'closed_in_time', 'rated', 'satisfaction', 'satisfaction_with_basic', 'repeat', 'leader_owned_resolved'] as const;
export type RateKey = (typeof RATE_KEYS)[number];
export const RATE_ZH: Record<RateKey, string> = {
  accepted_in_time: '及时受理率',
  closed_in_time: '按期办结率',
  rated: '参评率',
  satisfaction: '满意率',
  satisfaction_with_basic: '满意率（含基本满意）',
  repeat: '重复信访率',
  leader_owned_resolved: '领导包案化解率',
};
/** What each rate divides, for table notes. */
export const RATE_DEF_ZH: Record<RateKey, string> = {
  accepted_in_time: '期限内作出受理或不予受理决定的件数 / 本期登记且受理期限已届满或已决定的件数',
  closed_in_time: '办理期限内办结的件数 / 办理期限落在本期且已到期或已办结的件数',
  rated: '结案时有信访人意见的次数 / 本期结案次数',
  satisfaction: '满意 / 参评',
  satisfaction_with_basic: '满意＋基本满意 / 参评',
  repeat: '重复信访件次 / 本期全部信访件次（登记与再次来访来信）',
  leader_owned_resolved: '状态截至日已结案且信访人不是“不满意”的件数 / 本期登记、状态截至日有包案领导且未被不予受理的件数',
};

export const DIMENSIONS = ['channel', 'purpose', 'category', 'subcategory', 'leader', 'owner', 'unit', 'area', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_ZH: Record<Dimension, string> = {
  channel: '信访渠道',
  purpose: '信访目的',
  category: '内容分类（大类）',
  subcategory: '内容分类（小类）',
  leader: '接待领导',
  owner: '包案领导',
  unit: '承办单位',
  area: '问题属地',
  month: '月份',
};

/** The deadlines of a case as it stood: the last day allowed, or null when not running/unknown. */
export interface DeadlineFns {
  accept(s: CaseState): string | null;
  handle(s: CaseState): string | null;
  /** When accept/handle gave null because the calendar lacks a year: that year (else null). */
  acceptGap?(s: CaseState): number | null;
  handleGap?(s: CaseState): number | null;
}

export interface StatsOptions {
  /** The report date: events after it are ignored, deadlines are judged on it (the state shown is as of statusDate). */
  asOf: string;
  deadlines: DeadlineFns;
  groupThreshold: number;
  purposeName?: (key: string) => string;
  leaderName?: (id: string) => string;
  unitName?: (id: string) => string;
  /** Catalogue order for the purpose and category tables (names). */
  purposeOrder?: string[];
  categoryOrder?: string[];
}

export interface Counts {
  batches: number;
  persons: number;
}

export interface PeriodStats {
  period: Period;
  as_of: string;
  /** The date the owner, units and status are taken on (statusDate: period end, or as_of if earlier). */
  status_as_of: string;
  /** Cases (件) registered in the period. */
  total: number;
  /** Registered cases that are group matters (集体访, people ≥ threshold). */
  group_cases: number;
  /** Registered cases handed to at least one unit (交办), each once: the base of the 承办单位 shares. */
  handed: number;
  /** Registered cases that repeat an earlier matter or were visited again by asOf. */
  repeat_cases: number;
  /** In-person visits (来访) in the period, over every case. */
  visits: Counts;
  group_visits: Counts;
  /** Every contact in the period (registrations and further visits/letters), and the repeats among them. */
  items: { total: number; repeat: number };
  closed: number;
  reopened: number;
  /** 进京非正常上访 dated in the period (种子第五篇 二): how many, on how many cases, and each one. */
  beijing: { times: number; cases: number; list: { id: string; date: string; place: string }[] };
  by: Record<Dimension, Record<string, number>>;
  rates: Record<RateKey, Rate>;
  /** Cases left out of a rate's denominator because their limit had not run out on asOf. */
  pending: { accept: number; handle: number };
  /**
   * Cases whose limit cannot be computed (the calendar lacks a year) and so are in no
   * denominator: registered in the period (accept), or accepted by its end, not closed
   * before it, and the missing year not after it (handle — the deadline may fall in it). `years` are the missing years.
   */
  unknown: { accept: number; handle: number; years: number[] };
}

const NONE = '（未填）';
/** The 承办单位 row of the registered cases not handed to any unit. */
export const UNHANDED = '（未交办）';
/** A letter, call or online item has no receiving leader by nature: not an omission. */
const NO_RECEIVER = '（非来访，无接待领导）';

function within(d: string, p: Period): boolean {
  return d >= p.from && d <= p.to;
}

function refold(file: CaseFile, events: Event[]): CaseState {
  return foldCase({ ...file, events });
}

/**
 * The date a report shows the cases' state on (状态截至): the end of the period, or the
 * report date when the period has not ended yet. The register's 状态/办理结果/包案领导/承办单位
 * and the statistics' 包案领导, 承办单位 and 领导包案化解率 all use it.
 */
export function statusDate(period: Period, asOf: string): string {
  return period.to < asOf ? period.to : asOf;
}

/** A case as it stood at the end of `date`: only the events dated on or before it are folded. */
export function caseAsOf(c: CaseState, date: string): CaseState {
  // A cancelled event (case void) never counts, whenever it was cancelled.
  const live = liveEvents(c.file.events);
  const events = live.filter((e) => eventDate(e.at) <= date);
  if (events.length === c.file.events.length) return c;
  // The registration is the first event and dated on the day received: keep it in any case.
  return refold(c.file, events.length ? events : c.file.events.slice(0, 1));
}

/** A case as known on `asOf`: the events dated after it are left out. */
export function caseKnownOn(c: CaseState, asOf: string): CaseState {
  // A cancelled event (case void) never counts, whenever it was cancelled.
  const events = liveEvents(c.file.events).filter((e) => eventDate(e.at) <= asOf);
  return events.length === c.file.events.length ? c : refold(c.file, events.length ? events : c.file.events.slice(0, 1));
}

/**
 * The contacts of a case dated in the period — its registration and each further visit,
 * letter or call — with their place in the case's contacts (n = 1 is the registration).
 * `s` is the case as known on the report date (caseKnownOn). The statistics count these
 * (信访件次, 来访批次) and the register lists them, so the two always agree.
 */
export function periodContacts(s: CaseState, period: Period): { n: number; visit: CaseState['visits'][number] }[] {
  const out: { n: number; visit: CaseState['visits'][number] }[] = [];
  s.visits.forEach((visit, i) => {
    if (within(visit.date, period)) out.push({ n: i + 1, visit });
  });
  return out;
}

function bump(m: Record<string, number>, k: string, n = 1): void {
  m[k] = (m[k] ?? 0) + n;
}

function ordered(m: Record<string, number>, order: string[] | undefined): Record<string, number> {
  const keys = Object.keys(m);
  const pos = (k: string) => {
    const i = order?.indexOf(k) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  keys.sort((a, b) => pos(a) - pos(b) || (order ? 0 : m[b]! - m[a]!) || a.localeCompare(b, 'zh'));
  return Object.fromEntries(keys.map((k) => [k, m[k]!]));
}

function byCount(m: Record<string, number>): Record<string, number> {
  const keys = Object.keys(m).sort((a, b) => m[b]! - m[a]! || (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b, 'zh')));
  return Object.fromEntries(keys.map((k) => [k, m[k]!]));
}

/** The months of a period, 'YYYY-MM'. */
export function periodMonths(p: Period): string[] {
  const out: string[] = [];
  for (let m = monthOf(p.from); m <= monthOf(p.to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The period before: the previous quarter, the same number of whole months, or the same number of days. */
export function previousPeriod(p: Period): Period {
  const q = quarterOf(p.from);
  const qr = quarterRange(q);
  if (qr.from === p.from && qr.to === p.to) {
    const r = quarterRange(previousQuarter(q));
    return { from: r.from, to: r.to };
  }
  const wholeMonths = p.from.endsWith('-01') && monthRange(monthOf(p.to)).to === p.to;
  if (wholeMonths) {
    const n = periodMonths(p).length;
    return { from: `${addMonths(monthOf(p.from), -n)}-01`, to: addDays(p.from, -1) };
  }
  const days = diffDays(p.from, p.to) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
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

/** periodStatsOf one case at a time: several periods can be summed in one pass over the cases. */
export function periodAccumulator(period: Period, o: StatsOptions): { add: (input: StatsInput) => void; result: () => PeriodStats } {
  const purposeName = o.purposeName ?? ((k: string) => k);
  const leaderName = o.leaderName ?? ((k: string) => k);
  const unitName = o.unitName ?? ((k: string) => k);
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, {} as Record<string, number>])) as PeriodStats['by'];
  for (const m of periodMonths(period)) by.month[m] = 0;
  const visits: Counts = { batches: 0, persons: 0 };
  const groupVisits: Counts = { batches: 0, persons: 0 };
  const items = { total: 0, repeat: 0 };
  let total = 0;
  let groupCases = 0;
  let handed = 0;
  let repeatCases = 0;
  let closedCount = 0;
  let reopened = 0;
  const beijing: PeriodStats['beijing'] = { times: 0, cases: 0, list: [] };
  const acc = { n: 0, d: 0, pending: 0 };
  const ontime = { n: 0, d: 0, pending: 0 };
  const rated = { closures: 0, rated: 0, satisfied: 0, basic: 0 };
  const owned = { n: 0, d: 0 };
  const unknown = { accept: 0, handle: 0, years: new Set<number>() };
  const stateDate = statusDate(period, o.asOf);

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
    const bj = f.beijing.filter(([date]) => within(date, period));
    if (bj.length) {
      beijing.times += bj.length;
      beijing.cases += 1;
      for (const [date, place] of bj) beijing.list.push({ id: f.id, date, place });
    }

    // Closures and reopenings dated in the period; each closure asks for the petitioner's opinion.
    for (const [date, opinion] of f.closes) {
      if (!within(date, period)) continue;
      closedCount += 1;
      rated.closures += 1;
      if (opinion) {
        rated.rated += 1;
        if (opinion === 'satisfied') rated.satisfied += 1;
        if (opinion === 'basically-satisfied') rated.basic += 1;
      }
    }
    for (const date of f.reopens) if (within(date, period)) reopened += 1;

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
        const gap = f.handle.gap;
        const closedBefore = firstClose !== null && firstClose < period.from;
        // The limit needs the calendar of year `gap`, so it falls on or after that year's 1 January.
        if (gap !== null && f.handle.accepted <= period.to && `${gap}-01-01` <= period.to && !closedBefore) {
          unknown.handle += 1;
          unknown.years.add(gap);
        }
      }
    }

    if (!registered) return;
    total += 1;
    if (f.maxPeople >= o.groupThreshold) groupCases += 1;
    if (f.repeatOf || f.visits.length > 1) repeatCases += 1;
    bump(by.channel, CHANNELS[f.channel as keyof typeof CHANNELS]);
    bump(by.purpose, purposeName(f.purpose));
    bump(by.category, f.catMain);
    bump(by.subcategory, `${f.catMain}/${f.catSub}`);
    bump(by.leader, f.receiver ? leaderName(f.receiver) : f.channel === 'visit' ? NONE : NO_RECEIVER);
    // The state (owner, units, status) as it stood on the status date, as in the register.
    const [, owner, units, status, opinion] = factStateOn(f, stateDate);
    bump(by.owner, owner ? leaderName(owner) : NONE);
    // 承办单位: each unit once per case (units are distinct); `handed` counts the case once.
    if (units.length) {
      handed += 1;
      for (const u of units) bump(by.unit, unitName(u));
    } else bump(by.unit, UNHANDED);
    // 问题属地 is free text: a number typed into it is masked in every statistics output.
    bump(by.area, f.area || NONE);
    bump(by.month, monthOf(f.received));

    // 及时受理: the first decision (accept, decline, or a handling/transfer that implies acceptance).
    const limit = f.accept.limit;
    if (limit === null) {
      const gap = f.accept.gap;
      if (gap === null) acc.pending += 1;
      else {
        unknown.accept += 1; // the limit cannot be computed (calendar gap)
        unknown.years.add(gap);
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

  const result = (): PeriodStats => ({
    period: { from: period.from, to: period.to },
    as_of: o.asOf,
    status_as_of: stateDate,
    total,
    group_cases: groupCases,
    handed,
    repeat_cases: repeatCases,
    visits,
    group_visits: groupVisits,
    items,
    closed: closedCount,
    reopened,
    beijing: { ...beijing, list: beijing.list.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)) },
    by: {
      channel: ordered(by.channel, Object.values(CHANNELS)),
      purpose: ordered(by.purpose, o.purposeOrder),
      category: ordered(by.category, o.categoryOrder),
      subcategory: o.categoryOrder ? ordered(by.subcategory, undefined) : byCount(by.subcategory),
      leader: byCount(by.leader),
      owner: byCount(by.owner),
      unit: byCount(by.unit),
      area: byCount(by.area),
      month: by.month,
    },
    rates: {
      accepted_in_time: rate(acc.n, acc.d),
      closed_in_time: rate(ontime.n, ontime.d),
      rated: rate(rated.rated, rated.closures),
      satisfaction: rate(rated.satisfied, rated.rated),
      satisfaction_with_basic: rate(rated.satisfied + rated.basic, rated.rated),
      repeat: rate(items.repeat, items.total),
      leader_owned_resolved: rate(owned.n, owned.d),
    },
    pending: { accept: acc.pending, handle: ontime.pending },
    unknown: { accept: unknown.accept, handle: unknown.handle, years: [...unknown.years].sort() },
  });
  return { add, result };
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

/** 85.7% ; — when null. */
export function percent(r: Rate | number | null, digits = 1): string {
  const v = r === null ? null : typeof r === 'number' ? r : r.value;
  return v === null ? '—' : `${(v * 100).toFixed(digits)}%`;
}
