// The quarterly register (登记表): one row per reception of the period, as of the report
// date's state (statusDate), and its ReportDoc for the renderers.
import { liveEvents, STATUS_ZH, type CaseState } from '../domain/case.js';
import { CHANNELS, DECISIONS, DISPOSITIONS, MODES_ZH, OPINIONS } from '../domain/events.js';
import { maskId, maskPhone, maskPiiDeep } from '../domain/identity.js';
import { type Period, caseAsOf, caseKnownOn, periodContacts, statusDate } from '../domain/stats.js';
import { dateZh } from '../domain/time.js';
import type { Ledger } from '../ledger/ledger.js';
import { loadTaxonomy } from '../ledger/reference.js';
import type { ReportDoc } from '../render/report-doc.js';
import { caseStore } from './cases.js';
import { leaderNameOf, unitNameOf } from './case-extras.js';
import type { ReportPeriod } from './reports.js';

// ── 登记表 ────────────────────────────────────────────────────────────────────────────

export const REGISTER_HEADERS = ['编号', '登记日期', '接待日期', '次数', '渠道', '信访人', '人数', '问题属地', '信访目的', '内容分类', '诉求摘要', '接待领导', '包案领导', '承办单位', '状态', '办理结果'];

export interface RegisterRow {
  id: string;
  /** The case's first registration date (登记日期). */
  date: string;
  /** The date of this reception (the registration, or a further visit, letter or call). */
  reception_date: string;
  /** Which contact of the case this is (1 = the registration) … */
  visit: number;
  /** … of how many the case had by the report date. */
  visits: number;
  channel: string;
  petitioners: string;
  people: number;
  locality: string;
  purpose: string;
  category: string;
  summary: string;
  receiver: string;
  owner: string;
  units: string;
  status: string;
  result: string;
}

function resultText(s: CaseState): string {
  const parts: string[] = [];
  if (s.status === 'declined') {
    const e = [...liveEvents(s.file.events)].reverse().find((x) => x.type === 'decline');
    return `不予受理${e && e.type === 'decline' ? `：${e.reason}` : ''}`;
  }
  if (s.handled) parts.push(DISPOSITIONS[s.handled.disposition] + (s.handled.decision ? `（${DECISIONS[s.handled.decision]}）` : '') + (s.handled.disposition === 'promised' && s.resolved ? `，${s.resolved.date} 兑现` : ''));
  if (s.closed) parts.push(`${s.closed} 结案`);
  if (s.opinion) parts.push(`信访人${OPINIONS[s.opinion]}`);
  if (s.reopened) parts.push(`重新办理 ${s.reopened} 次`);
  return parts.join('；') || '—';
}

/**
 * Every reception of the period, one row each: the registrations dated in it and every
 * further visit, letter or call of a case — also of a case registered in an earlier
 * period (种子第五篇 五(三)：对领导干部接待的上访问题要做好登记). The rows are the contacts the
 * statistics count (periodContacts), so the register and the 统计表 agree: rows = 信访件次,
 * rows of 来访 = 来访批次.
 */
export function registerRows(ledger: Ledger, period: Period, opts: { unmasked?: boolean; asOf: string }): RegisterRow[] {
  const tax = loadTaxonomy();
  const purposes = new Map(tax.purposes.map((p) => [p.key, p.name]));
  const name = (id: string) => (id ? leaderNameOf(ledger, id) : '—');
  // Each case as it stood on the status date (the period's end, or today for the current one).
  const at = statusDate(period, opts.asOf);
  // Each row is made (and masked) as its case is read, so a county's quarter never holds
  // its cases in memory at once: only the rows and what they are sorted by.
  const entries: { date: string; at: string; id: string; n: number; row: RegisterRow }[] = [];
  for (const c of caseStore(ledger).iterate({ contacts: { from: period.from, to: period.to, asOf: opts.asOf } })) {
    if (c.received > opts.asOf) continue;
    const known = caseKnownOn(c, opts.asOf);
    // A duplicate merged into an earlier case is registered there (as its further visit).
    if (known.mergedInto) continue;
    const contacts = periodContacts(known, period);
    if (!contacts.length) continue;
    const s = caseAsOf(known, at);
    const total = known.visits.length;
    for (const { n, visit: v } of contacts) {
      const row: RegisterRow = {
        id: s.id,
        date: s.received,
        reception_date: v.date,
        visit: n,
        visits: total,
        channel: CHANNELS[v.channel] + (v.channel === 'visit' ? `·${MODES_ZH[v.mode]}` : ''),
        petitioners: s.file.petitioners
          .map((p) => {
            const id = opts.unmasked ? p.id_number : maskId(p.id_number);
            const phone = opts.unmasked ? p.phone : maskPhone(p.phone);
            const extra = [id, phone].filter(Boolean).join('，');
            return `${p.name}${extra ? `（${extra}）` : ''}`;
          })
          .join('；'),
        people: v.people,
        locality: s.file.locality || '—',
        purpose: purposes.get(s.file.purpose) ?? s.file.purpose,
        category: `${s.file.category.main}/${s.file.category.sub}`,
        summary: s.file.summary,
        receiver: name(v.leader),
        owner: s.owner ? name(s.owner) : '—',
        units: s.units.map((u) => unitNameOf(ledger, u) + handlerText(s, u)).join('、') || '—',
        status: STATUS_ZH[s.status],
        result: resultText(s),
      };
      // ID and phone numbers typed into free text (summary, names, a decline reason …) are
      // masked like the petitioners' own, unless --unmasked.
      entries.push({ date: v.date, at: s.file.received_at, id: s.id, n, row: opts.unmasked ? row : maskPiiDeep(row, KEEP_KEYS) });
    }
  }
  entries.sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id) || a.n - b.n);
  return entries.map((e) => e.row);
}

/** “（承办人 张三）”: the last 承办人 named when the case was handed to the unit (区：落实承办单位和承办人). */
function handlerText(s: CaseState, unit: string): string {
  const h = [...s.file.events].reverse().find((e) => e.type === 'transfer' && e.unit === unit && e.handler);
  return h && h.type === 'transfer' && h.handler ? `（承办人 ${h.handler}）` : '';
}

const KEEP_KEYS = new Set(['id', 'date', 'reception_date']);

/** 第 2 次／共 3 次 */
export function visitText(r: Pick<RegisterRow, 'visit' | 'visits'>): string {
  return `第 ${r.visit} 次／共 ${r.visits} 次`;
}

export function registerDoc(ledger: Ledger, period: ReportPeriod, rows: RegisterRow[], asOf: string, unmasked: boolean): ReportDoc {
  return {
    title: `${ledger.config.office.name}领导干部接待群众来访登记表`,
    subtitle: [
      `登记期间：${period.label}（${period.from} 至 ${period.to}），接待 ${rows.length} 件次（本期登记 ${rows.filter((r) => r.visit === 1).length} 件，再次来访来信 ${rows.filter((r) => r.visit > 1).length} 件次，其中以前登记的 ${rows.filter((r) => r.visit > 1 && r.date < period.from).length} 件次）`,
      `状态截至 ${statusDate(period, asOf)}（状态、包案领导、承办单位、办理结果只计这一天及以前的记录）`,
      `制表日期：${dateZh(asOf)}${unmasked ? '　内含完整个人信息，注意保密' : '　身份证号、电话已遮盖'}`,
    ],
    tables: [
      {
        key: '登记表',
        title: '登记表',
        headers: REGISTER_HEADERS,
        textColumns: REGISTER_HEADERS.map((_, i) => i),
        rows: rows.map((r) => [r.id, r.date, r.reception_date, visitText(r), r.channel, r.petitioners, r.people, r.locality, r.purpose, r.category, r.summary, r.receiver, r.owner, r.units, r.status, r.result]),
      },
    ],
  };
}

// ── 阶段性工作总结 ───────────────────────────────────────────────────────────────────
