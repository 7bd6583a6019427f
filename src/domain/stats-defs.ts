// The shapes of the quarterly statistics (stats.ts): periods, rates with their names and
// what each divides (keep in step with docs/reports.md), the dimensions of the breakdowns,
// the options a computation takes and the figures of one period (PeriodStats).
import type { CaseState } from './case.js';

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

/** 85.7% ; — when null. */
export function percent(r: Rate | number | null, digits = 1): string {
  const v = r === null ? null : typeof r === 'number' ? r : r.value;
  return v === null ? '—' : `${(v * 100).toFixed(digits)}%`;
}
