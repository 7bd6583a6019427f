// Quarterly reports: the periods, the statistics of each office with the change against the
// previous period, the county roll-up over several ledgers and the leaders' reception days;
// the figures come from src/domain/stats.ts. The documents built from them (统计表, roll-up,
// --json) are in reports-doc.ts, the register (登记表) in register.ts and the work summary
// (阶段性工作总结) in summary.ts, all re-exported here.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { CaseState } from '../domain/case.js';
import { deadlineSet } from '../domain/deadlines.js';
import { factDeadlinesFrom } from '../domain/stats-facts.js';
import {
  change,
  periodStats,
  periodAccumulator,
  periodStatsOf,
  previousPeriod,
  sumStats,
  type Change,
  type Period,
  type PeriodStats,
  type StatsOptions,
} from '../domain/stats.js';
import { dateZh, quarterOf, quarterRange, shanghaiDate } from '../domain/time.js';
import { Ledger, CONFIG_FILE } from '../ledger/ledger.js';
import { loadTaxonomy } from '../ledger/reference.js';
import { caseStore } from './cases.js';
import { ledgerCalendar, leaderNameOf, unitNameOf } from './case-extras.js';

export interface ReportPeriod extends Period {
  /** 2026Q4 when the period is a quarter. */
  quarter: string | null;
  /** 2026年第四季度 / 2026年10月1日至2026年11月15日 */
  label: string;
}

const QZH = ['', '一', '二', '三', '四'];

export function quarterPeriod(q: string): ReportPeriod {
  const r = quarterRange(q);
  return { from: r.from, to: r.to, quarter: q, label: `${q.slice(0, 4)}年第${QZH[Number(q.slice(5))]}季度` };
}

export function rangePeriod(from: string, to: string): ReportPeriod {
  if (to < from) throw new InputError(`--to（截止日期）${to} 早于 --from（起始日期）${from}`, 'bad_value');
  const q = quarterOf(from);
  const r = quarterRange(q);
  if (r.from === from && r.to === to) return quarterPeriod(q);
  return { from, to, quarter: null, label: `${dateZh(from)}至${dateZh(to)}` };
}

function periodOf(p: Period): ReportPeriod {
  return rangePeriod(p.from, p.to);
}

/** The options that tie the pure statistics to one ledger: its deadlines, names and catalogue. */
export function statsOptions(ledger: Ledger, asOf: string): StatsOptions {
  const tax = loadTaxonomy();
  const purposes = new Map(tax.purposes.map((p) => [p.key, p.name]));
  const cal = ledgerCalendar(ledger);
  return {
    asOf,
    groupThreshold: ledger.config.intake.group_threshold,
    deadlines: factDeadlinesFrom((s) => deadlineSet(s, ledger.config.deadlines, cal, asOf)),
    purposeName: (k) => purposes.get(k) ?? k,
    leaderName: (id) => leaderNameOf(ledger, id),
    unitName: (id) => unitNameOf(ledger, id),
    purposeOrder: tax.purposes.map((p) => p.name),
    categoryOrder: tax.categories.map((c) => c.name),
  };
}

export interface OfficeStats {
  office: { name: string; code: string; root: string };
  current: PeriodStats;
  previous: PeriodStats;
  change: Change;
}

/** Leaders' reception days of a quarter (from the roster's compliance check). */
export interface ReceptionSummary {
  scheduled: number;
  held: number;
  held_with_visitors: number;
  held_without_visitors: number;
  /** Recorded as not kept (缺岗). */
  missed: number;
  /** Past days nothing was recorded for (未记录): never counted as missed. */
  unrecorded: number;
  upcoming: number;
  /** held / (held + missed); null when no day was due. */
  rate: number | null;
  leaders: { office: string; name: string; title: string; scheduled: number; held: number; held_with_visitors: number; held_without_visitors: number; missed: number; unrecorded: number; upcoming: number; rate: number | null; missed_dates: string[]; unrecorded_dates: string[] }[];
  /** Offices without a roster for the quarter. */
  without_roster: string[];
}

export interface StatsReport {
  /** Set by addReception: null when the period is not a quarter or no office has a roster. */
  reception?: ReceptionSummary | null;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  asOf: string;
  /** One entry per office; the figures below are their sum (one office: its own). */
  offices: OfficeStats[];
  current: PeriodStats;
  previous: PeriodStats;
  change: Change;
}

function officeStats(ledger: Ledger, period: Period, prev: Period, asOf: string, cases?: CaseState[]): OfficeStats {
  // The index streams the cases that can count in a period as of asOf (never all of a
  // county's cases in memory at once); periodStats decides on each.
  const store = cases ? null : caseStore(ledger);
  const o = statsOptions(ledger, asOf);
  let current: PeriodStats;
  let previous: PeriodStats;
  if (cases) {
    current = periodStats(cases, period, o);
    previous = periodStats(cases, prev, o);
  } else if (asOf < period.from || asOf < prev.from) {
    const figures = (p: Period) => periodStatsOf(store!.statsInputs(asOf >= p.from ? { window: { from: p.from, to: p.to, asOf } } : { to: asOf }, asOf), p, o);
    current = figures(period);
    previous = figures(prev);
  } else {
    // Both periods in one pass over the index: the candidates of a window over both are a
    // superset of each one's; each period takes those received by its end.
    const a = periodAccumulator(period, o);
    const b = periodAccumulator(prev, o);
    const endA = asOf < period.to ? asOf : period.to;
    const endB = asOf < prev.to ? asOf : prev.to;
    const from = prev.from < period.from ? prev.from : period.from;
    const to = prev.to > period.to ? prev.to : period.to;
    for (const x of store!.statsInputs({ window: { from, to, asOf } }, asOf)) {
      const received = 'facts' in x ? x.facts.received : x.state.received;
      if (received <= endA) a.add(x);
      if (received <= endB) b.add(x);
    }
    current = a.result();
    previous = b.result();
  }
  return { office: { name: ledger.config.office.name, code: ledger.config.office.code, root: ledger.root }, current, previous, change: change(current, previous) };
}

/** Opens every ledger named by --include (validated before anything is computed). */
export function openIncluded(cwd: string, dirs: string[]): Ledger[] {
  const bad = dirs.filter((d) => !existsSync(join(resolve(cwd, d), CONFIG_FILE)));
  if (bad.length) throw new InputError(`--include 指向的目录不是台账（没有 ${CONFIG_FILE}）：${bad.map((d) => resolve(cwd, d)).join('、')}`, 'no_ledger');
  return dirs.map((d) => Ledger.open(resolve(cwd, d)));
}

/** Statistics for one ledger, or the sum over several (county roll-up). */
export function statsReport(ledgers: Ledger[], period: ReportPeriod, now: Date): StatsReport {
  if (!ledgers.length) throw new InputError('没有要统计的台账', 'no_ledger');
  const seen = new Set<string>();
  const unique = ledgers.filter((l) => (seen.has(resolve(l.root)) ? false : (seen.add(resolve(l.root)), true)));
  const asOf = shanghaiDate(now);
  const prev = previousPeriod(period);
  const offices = unique.map((l) => officeStats(l, period, prev, asOf));
  const current = offices.length === 1 ? offices[0]!.current : sumStats(offices.map((o) => o.current));
  const previous = offices.length === 1 ? offices[0]!.previous : sumStats(offices.map((o) => o.previous));
  return { period, previousPeriod: periodOf(prev), asOf, offices, current, previous, change: change(current, previous) };
}

/**
 * Adds the leaders' reception days (scheduled, held, missed) from the roster's own
 * compliance check; only for a quarter, and only for offices that have its roster.
 */
export async function addReception(r: StatsReport, ledgers: Ledger[]): Promise<StatsReport> {
  r.reception = null;
  if (!r.period.quarter) return r;
  const { compliance } = await import('./roster-attendance.js');
  const rec: ReceptionSummary = { scheduled: 0, held: 0, held_with_visitors: 0, held_without_visitors: 0, missed: 0, unrecorded: 0, upcoming: 0, rate: null, leaders: [], without_roster: [] };
  const seen = new Set<string>();
  for (const l of ledgers) {
    if (seen.has(resolve(l.root))) continue;
    seen.add(resolve(l.root));
    let c;
    try {
      c = await compliance(l, r.period.quarter, r.asOf);
    } catch (e) {
      if ((e as { code?: string }).code === 'no_roster') {
        rec.without_roster.push(l.config.office.name);
        continue;
      }
      throw e;
    }
    rec.scheduled += c.totals.scheduled;
    rec.held += c.totals.held;
    rec.held_with_visitors += c.totals.held_with_visitors;
    rec.held_without_visitors += c.totals.held_without_visitors;
    rec.missed += c.totals.missed;
    rec.unrecorded += c.totals.unrecorded;
    rec.upcoming += c.totals.upcoming;
    for (const x of c.leaders) {
      rec.leaders.push({
        office: l.config.office.name,
        name: x.name,
        title: x.title,
        scheduled: x.scheduled,
        held: x.held,
        held_with_visitors: x.held_with_visitors,
        held_without_visitors: x.held_without_visitors,
        missed: x.missed,
        unrecorded: x.unrecorded,
        upcoming: x.upcoming,
        rate: x.rate,
        missed_dates: x.missed_dates,
        unrecorded_dates: x.unrecorded_dates,
      });
    }
  }
  if (rec.without_roster.length === seen.size) return r;
  rec.rate = rec.held + rec.missed ? rec.held / (rec.held + rec.missed) : null;
  r.reception = rec;
  return r;
}

// The documents (统计表, roll-up, reception table, --json) and their number formats: reports-doc.ts.
export { monthPairs, pp, ratio, receptionTable, rollupDoc, signed, statsDoc, statsJson } from './reports-doc.js';

export { REGISTER_HEADERS, registerDoc, registerRows, visitText, type RegisterRow } from './register.js';
export { renderSummary, summaryData, summaryTemplate } from './summary.js';
