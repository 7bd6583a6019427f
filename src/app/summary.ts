// The work summary (阶段性工作总结): the period's figures handed to a liquid template (the
// office's own or ours); never a petitioner's data.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { percent, RATE_KEYS, RATE_ZH } from '../domain/stats.js';
import { dateZh } from '../domain/time.js';
import type { Ledger } from '../ledger/ledger.js';
import { TEMPLATES_DIR } from '../paths.js';
import { monthPairs, pp, ratio, signed, type StatsReport } from './reports.js';

/** --template FILE, else the office's LEDGER/templates/summary.liquid, else ours. */
export function summaryTemplate(ledgerRoot: string, file?: string): { path: string; origin: 'option' | 'office' | 'builtin' } {
  if (file) {
    if (!existsSync(file)) throw new InputError(`--template（模板文件）${file} 不存在`, 'bad_value');
    return { path: file, origin: 'option' };
  }
  const office = join(ledgerRoot, 'templates', 'summary.liquid');
  if (existsSync(office)) return { path: office, origin: 'office' };
  return { path: join(TEMPLATES_DIR, 'reports', 'summary.liquid'), origin: 'builtin' };
}

/** What a summary template may use: office, period and figures — never a petitioner's data. */
export function summaryData(ledger: Ledger, r: StatsReport, tracking?: { followup_due: number; review_due: number; duties_due?: number; collective_due?: number }): Record<string, unknown> {
  const c = r.current;
  const top = (m: Record<string, number>, n = 3) =>
    Object.entries(m)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, count]) => ({ name, count, share: c.total ? `${((count / c.total) * 100).toFixed(1)}%` : '—' }));
  const rates = Object.fromEntries(
    RATE_KEYS.map((k) => [k, { ...c.rates[k], name: RATE_ZH[k], percent: percent(c.rates[k]), previous: percent(r.previous.rates[k]), change: pp(r.change.rates[k]) }]),
  );
  return {
    office: { name: ledger.config.office.name, code: ledger.config.office.code, issuer: ledger.config.office.issuer },
    period: { from: r.period.from, to: r.period.to, label: r.period.label, quarter: r.period.quarter },
    previous_period: { label: r.previousPeriod.label },
    made: dateZh(r.asOf),
    total: c.total,
    previous_total: r.previous.total,
    total_change: signed(r.change.total),
    total_ratio: ratio(c.total, r.previous.total),
    visits: c.visits,
    group_visits: c.group_visits,
    group_cases: c.group_cases,
    repeat_cases: c.repeat_cases,
    first_cases: c.total - c.repeat_cases,
    items: c.items,
    closed: c.closed,
    reopened: c.reopened,
    beijing: { times: c.beijing.times, cases: c.beijing.cases },
    // Closed cases due a 回访 / 评查 on the report date (due --followup), for this office.
    tracking: tracking ?? null,
    rates,
    top_categories: top(c.by.category),
    top_purposes: top(c.by.purpose),
    top_areas: top(c.by.area),
    channels: Object.entries(c.by.channel).map(([name, count]) => ({ name, count })),
    leaders: Object.entries(c.by.leader).map(([name, count]) => ({ name, count })),
    months: monthPairs(c, r.previous)
      .filter(([k]) => k !== null)
      .map(([month, pk]) => ({ month: month!, count: c.by.month[month!] ?? 0, previous_month: pk ?? '', previous: pk === null ? 0 : (r.previous.by.month[pk] ?? 0) })),
    reception: r.reception
      ? {
          scheduled: r.reception.scheduled,
          held: r.reception.held,
          held_with_visitors: r.reception.held_with_visitors,
          held_without_visitors: r.reception.held_without_visitors,
          missed: r.reception.missed,
          unrecorded: r.reception.unrecorded,
          percent: r.reception.rate === null ? '—' : `${(r.reception.rate * 100).toFixed(1)}%`,
          missed_leaders: r.reception.leaders.filter((x) => x.missed > 0).map((x) => ({ name: x.name, title: x.title, missed: x.missed })),
        }
      : null,
  };
}

export async function renderSummary(ledger: Ledger, r: StatsReport, templateFile?: string): Promise<string> {
  const src = summaryTemplate(ledger.root, templateFile);
  // include/render/layout only from the ledger's templates/ and ours; a ledger's file is never a template.
  const { confinedLiquid, readTemplateFile, templateError } = await import('../render/liquid.js');
  const engine = confinedLiquid([join(ledger.root, 'templates'), join(TEMPLATES_DIR, 'reports')], { strictFilters: true, ownPropertyOnly: true });
  const text = readTemplateFile(src.path);
  try {
    const { trackingReport } = await import('./tracking.js');
    const t = trackingReport(ledger);
    return await engine.parseAndRender(text, summaryData(ledger, r, { followup_due: t.followup_due.length, review_due: t.review_due.length, duties_due: t.duties_due.length, collective_due: t.collective_due.length }));
  } catch (e) {
    throw templateError(src.path, e);
  }
}
