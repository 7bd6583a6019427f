// The documents built from a StatsReport (src/app/reports.ts): the statistics table of one
// office (统计表, with the change against the previous period and the notes the figures
// need), the county roll-up, the reception table and the --json document, plus the number
// formats they share with the work summary (signed, ratio, pp, monthPairs).
import {
  DIMENSION_ZH,
  DIMENSIONS,
  percent,
  RATE_DEF_ZH,
  RATE_KEYS,
  RATE_ZH,
  type Dimension,
  type Period,
  type PeriodStats,
  UNHANDED,
} from '../domain/stats.js';
import { addDays, dateZh } from '../domain/time.js';
import { loadTaxonomy } from '../ledger/reference.js';
import type { Cell, ReportDoc, ReportTable } from '../render/report-doc.js';
import type { ReceptionSummary, StatsReport } from './reports.js';

/** The reception table: one row per leader, and the total. */
export function receptionTable(rec: ReceptionSummary, withOffice: boolean): ReportTable {
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  return {
    key: '领导接访',
    title: '领导干部接访日',
    headers: [...(withOffice ? ['单位'] : []), '领导', '职务', '应接访（天）', '已接访', '其中有来访', '无人来访', '缺岗', '未记录', '尚未到期', '接访率', '缺岗日期', '未记录日期'],
    textColumns: withOffice ? [0, 1, 2, 12, 13] : [0, 1, 11, 12], // 单位、领导、职务、日期
    rows: [
      ...rec.leaders.map((x) => [...(withOffice ? [x.office] : []), x.name, x.title, x.scheduled, x.held, x.held_with_visitors, x.held_without_visitors, x.missed, x.unrecorded, x.upcoming, pct(x.rate), x.missed_dates.join('、') || '—', x.unrecorded_dates.join('、') || '—']),
      [...(withOffice ? ['合计'] : []), withOffice ? '' : '合计', '', rec.scheduled, rec.held, rec.held_with_visitors, rec.held_without_visitors, rec.missed, rec.unrecorded, rec.upcoming, pct(rec.rate), '', ''],
    ],
    notes: [
      '已接访：当天有该领导接待的来访登记，或登记了“已接访”（xinfang roster held，无人来访时人数为 0）；缺岗：登记了没有到岗（roster held --absent）；未记录：已过去、两样都没有登记的日子，不算缺岗。',
      '接访率＝已接访 / (已接访＋缺岗)，只算已登记的日子。',
      ...(rec.without_roster.length ? [`没有本季度排班的单位：${rec.without_roster.join('、')}`] : []),
    ],
  };
}

/** The --json document (CLI.md): period, total, by, rates, and the rest. */
export function statsJson(r: StatsReport, dims: Dimension[] = [...DIMENSIONS]): Record<string, unknown> {
  const pick = (s: PeriodStats) => Object.fromEntries(dims.map((d) => [d, s.by[d]]));
  const body = (s: PeriodStats) => ({
    period: { from: s.period.from, to: s.period.to },
    status_as_of: s.status_as_of,
    total: s.total,
    group_cases: s.group_cases,
    handed: s.handed,
    repeat_cases: s.repeat_cases,
    first_cases: s.total - s.repeat_cases,
    visits: s.visits,
    group_visits: s.group_visits,
    items: s.items,
    closed: s.closed,
    reopened: s.reopened,
    beijing: s.beijing,
    by: pick(s),
    rates: s.rates,
    pending: s.pending,
    unknown: s.unknown,
  });
  return {
    ...body(r.current),
    quarter: r.period.quarter,
    as_of: r.asOf,
    offices: r.offices.map((o) => ({ name: o.office.name, code: o.office.code, ...body(o.current) })),
    previous: body(r.previous),
    change: r.change,
    reception: r.reception ?? null,
  };
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function ratio(cur: number, prev: number): string {
  if (prev === 0) return cur === 0 ? '0.0%' : '—';
  const v = ((cur - prev) / prev) * 100;
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;
}

export function pp(v: number | null): string {
  if (v === null) return '—';
  const x = v * 100;
  return `${x > 0 ? '+' : ''}${x.toFixed(1)} 个百分点`;
}

/** The note under the rates when the calendar lacks a year some deadline needs. */
function gapNote(c: PeriodStats): string[] {
  const u = c.unknown;
  if (!u.accept && !u.handle) return [];
  return [
    `日历缺 ${u.years.join('、')} 年的节假日安排：受理期限 ${u.accept} 件、办理期限 ${u.handle} 件无法计算，未计入及时受理率、按期办结率（用 xinfang calendar import 补上日历后重新制表）。`,
  ];
}

/** The months of the period paired in order with the previous period's; null where one side has fewer. */
export function monthPairs(c: PeriodStats, p: PeriodStats): [string | null, string | null][] {
  const a = Object.keys(c.by.month);
  const b = Object.keys(p.by.month);
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i] ?? null, b[i] ?? null]);
}

function wholeMonths(p: Period): boolean {
  return p.from.endsWith('-01') && addDays(p.to, 1).endsWith('-01');
}

/** The note under the 承办单位 table: what the shares divide and why they may add up to more than 100%. */
function unitNotes(c: PeriodStats): string[] {
  return [
    `按件统计：占比＝交办该单位的件数 / 交办事项 ${c.handed} 件（交办给任一单位的事项，每件一次）。一件事项可能交办多个单位，各单位件数之和可能大于交办事项件数，占比之和可能超过 100%。`,
    `合计为本期登记的事项件数（每件一次）：交办 ${c.handed} 件，未交办 ${c.total - c.handed} 件。`,
  ];
}

function overviewRows(c: PeriodStats): [string, number][] {
  return [
    ['登记信访事项（件）', c.total],
    ['来访批次', c.visits.batches],
    ['来访人次', c.visits.persons],
    ['集体访批次', c.group_visits.batches],
    ['集体访人次', c.group_visits.persons],
    ['集体访事项（件）', c.group_cases],
    ['信访件次（含再次来访来信）', c.items.total],
    ['重复信访件次', c.items.repeat],
    ['初信初访（件）', c.total - c.repeat_cases],
    ['结案（次）', c.closed],
    ['重新办理（次）', c.reopened],
    ['进京非正常上访（次）', c.beijing.times],
  ];
}

/** 进京非正常上访 of the period, one row each (编号、日期、地点): only when there were any. */
function beijingTable(c: PeriodStats): ReportTable[] {
  if (!c.beijing.list.length) return [];
  return [
    {
      key: '进京非正常上访',
      title: '进京非正常上访',
      headers: ['编号', '日期', '地点'],
      textColumns: [0, 1, 2],
      rows: c.beijing.list.map((b) => [b.id, b.date, b.place]),
      notes: [`本期进京非正常上访 ${c.beijing.times} 次，涉及 ${c.beijing.cases} 件（种子第五篇 二：件件接待、包案；累计重复二次以上由区级主要领导接待、包案）。`],
    },
  ];
}

/**
 * The rows of a dimension's table: for 信访目的 and 内容分类（大类） every entry of the catalogue
 * in its order, zeros included, so the table has the layout of the 登记表's 说明 (大业乡:
 * 信访目的 一至五, 内容分类 政治综合 … 产业信息); then any other name counted (an old case's
 * category no longer in the catalogue). Other dimensions: the names counted, as they come.
 * The counts (by.* in the JSON) are not changed: only the rendered tables gain the zero rows.
 */
function catalogueRows(d: Dimension, counted: string[]): string[] {
  if (d !== 'purpose' && d !== 'category') return counted;
  const tax = loadTaxonomy();
  const catalogue = d === 'purpose' ? tax.purposes.map((p) => p.name) : tax.categories.map((c) => c.name);
  return [...catalogue, ...counted.filter((k) => !catalogue.includes(k))];
}

/** The 统计表 as tables: overview, rates, one table per dimension (current, previous, change). */
export function statsDoc(r: StatsReport, officeName: string, dims: Dimension[] = [...DIMENSIONS]): ReportDoc {
  const c = r.current;
  const p = r.previous;
  const tables: ReportTable[] = [];
  const prevRows = new Map(overviewRows(p));
  tables.push({
    key: '总体情况',
    title: '总体情况',
    headers: ['项目', '本期', `上期（${r.previousPeriod.label}）`, '增减', '增减幅度'],
    rows: overviewRows(c).map(([k, v]) => [k, v, prevRows.get(k) ?? 0, signed(v - (prevRows.get(k) ?? 0)), ratio(v, prevRows.get(k) ?? 0)]),
  });
  tables.push({
    key: '主要指标',
    title: '主要指标',
    headers: ['指标', '分子', '分母', '本期', '上期', '增减', '口径'],
    rows: RATE_KEYS.map((k) => [RATE_ZH[k], c.rates[k].numerator, c.rates[k].denominator, percent(c.rates[k]), percent(p.rates[k]), pp(r.change.rates[k]), RATE_DEF_ZH[k]]),
    notes: [
      `统计截至 ${r.asOf}：受理期限、办理期限尚未届满且未办结的事项不计入分母（受理 ${c.pending.accept} 件、办结 ${c.pending.handle} 件）。分母为 0 的比率记为“—”。`,
      `状态截至 ${c.status_as_of}：包案领导、承办单位和领导包案化解率按这一天的状态（与登记表相同）。`,
      ...gapNote(c),
    ],
  });
  for (const d of dims) {
    const cur = c.by[d];
    const prev = p.by[d];
    const share = (n: number, base: number) => (base ? `${((n / base) * 100).toFixed(1)}%` : '—');
    let rows: Cell[][];
    let notes: string[] | undefined;
    if (d === 'month') {
      // The n-th month of the period beside the n-th month of the previous one (10月 vs 7月).
      const pairs = monthPairs(c, p);
      rows = pairs.map(([k, pk]) => [
        k ?? '',
        k === null ? '' : (cur[k] ?? 0),
        k === null ? '' : share(cur[k] ?? 0, c.total),
        pk ?? '',
        pk === null ? '' : (prev[pk] ?? 0),
        k === null || pk === null ? '' : signed((cur[k] ?? 0) - (prev[pk] ?? 0)),
      ]);
      rows.push(['合计', c.total, c.total ? '100.0%' : '—', '', p.total, signed(c.total - p.total)]);
      if (!wholeMonths(c.period) || !wholeMonths(p.period)) notes = ['期间不是整月的，首末月只计期间内的日子，与上期同位的月份天数可能不同。'];
    } else if (d === 'unit') {
      // Shares of the cases handed to any unit; 合计 counts the registered cases, each once.
      const keys = [...new Set([...Object.keys(cur), ...Object.keys(prev)])].sort((a, b) => Number(a === UNHANDED) - Number(b === UNHANDED));
      rows = keys.map((k) => [k, cur[k] ?? 0, k === UNHANDED ? '—' : share(cur[k] ?? 0, c.handed), prev[k] ?? 0, signed((cur[k] ?? 0) - (prev[k] ?? 0))]);
      rows.push(['合计', c.total, '—', p.total, signed(c.total - p.total)]);
      notes = unitNotes(c);
    } else {
      const keys = catalogueRows(d, [...new Set([...Object.keys(cur), ...Object.keys(prev)])]);
      rows = keys.map((k) => [k, cur[k] ?? 0, share(cur[k] ?? 0, c.total), prev[k] ?? 0, signed((cur[k] ?? 0) - (prev[k] ?? 0))]);
      rows.push(['合计', c.total, c.total ? '100.0%' : '—', p.total, signed(c.total - p.total)]);
    }
    tables.push({
      key: `按${DIMENSION_ZH[d].replace(/（.*）/, (m) => m.slice(1, -1))}`,
      title: `按${DIMENSION_ZH[d]}`,
      headers: d === 'month' ? ['月份', '件数', '占比', '上期月份', '上期', '增减'] : [DIMENSION_ZH[d], '件数', '占比', '上期', '增减'],
      rows,
      chart: { label: 0, value: 1, skipLast: true },
      ...(notes && { notes }),
    });
  }
  tables.push(...beijingTable(c));
  if (r.reception) tables.push(receptionTable(r.reception, false));
  return {
    title: `${officeName}领导干部接待群众来访情况统计表`,
    subtitle: [`统计期间：${r.period.label}（${r.period.from} 至 ${r.period.to}）`, `制表日期：${dateZh(r.asOf)}`],
    tables,
  };
}

/** The county roll-up: one table per figure group with a column per office and the total. */
export function rollupDoc(r: StatsReport, title: string, dims: Dimension[] = [...DIMENSIONS]): ReportDoc {
  const names = r.offices.map((o) => o.office.name);
  const all = [...r.offices.map((o) => o.current), r.current];
  const tables: ReportTable[] = [];
  const ov = all.map(overviewRows);
  const prevOv = overviewRows(r.previous);
  const prevNote = `上期合计为${r.previousPeriod.label}（${r.previousPeriod.from} 至 ${r.previousPeriod.to}）各单位之和；比率的增减以百分点表示。`;
  tables.push({
    key: '总体情况',
    title: '总体情况',
    headers: ['项目', ...names, '合计', '上期合计', '增减'],
    rows: ov[0]!.map(([k], i) => {
      const cur = ov[ov.length - 1]![i]![1];
      const prev = prevOv[i]![1];
      return [k, ...ov.map((o) => o[i]![1]), prev, signed(cur - prev)];
    }),
    notes: [prevNote],
  });
  tables.push({
    key: '主要指标',
    title: '主要指标',
    headers: ['指标', ...names, '合计', '合计分子/分母', '上期合计', '增减'],
    rows: RATE_KEYS.map((k) => [
      RATE_ZH[k],
      ...all.map((s) => percent(s.rates[k])),
      `${r.current.rates[k].numerator}/${r.current.rates[k].denominator}`,
      percent(r.previous.rates[k]),
      pp(r.change.rates[k]),
    ]),
    notes: ['合计的比率由各单位的分子、分母分别相加后计算，不是各单位比率的平均。', ...gapNote(r.current)],
  });
  for (const d of dims) {
    const keys = d === 'unit' || d === 'month' ? Object.keys(r.current.by[d]) : catalogueRows(d, Object.keys(r.current.by[d]));
    const colSum = (s: PeriodStats) => Object.values(s.by[d]).reduce((a, b) => a + b, 0);
    tables.push({
      key: `按${DIMENSION_ZH[d].replace(/（.*）/, (m) => m.slice(1, -1))}`,
      title: `按${DIMENSION_ZH[d]}`,
      headers: [DIMENSION_ZH[d], ...names, '合计'],
      // 合计 counts cases, each once (a case handed to two units is one case).
      rows: [...keys.map((k) => [k, ...all.map((s) => s.by[d][k] ?? 0)]), ['合计', ...all.map((s) => (d === 'unit' ? s.total : colSum(s)))]],
      chart: { label: 0, value: names.length + 1, skipLast: true },
      ...(d === 'unit' && { notes: unitNotes(r.current) }),
    });
  }
  tables.push(...beijingTable(r.current));
  if (r.reception) tables.push(receptionTable(r.reception, true));
  return {
    title,
    subtitle: [`汇总单位：${names.join('、')}`, `统计期间：${r.period.label}（${r.period.from} 至 ${r.period.to}）`, `制表日期：${dateZh(r.asOf)}`],
    tables,
  };
}
