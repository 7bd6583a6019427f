// `xinfang export`: the cases (all, or those passing the same filters as `case list`) as
// rows — one per case, the register's columns plus the handling so far — for CSV (UTF-8
// BOM), XLSX and JSON Lines. The cases come from the index, a batch at a time. Identity
// numbers and phones are masked unless asked for (`--unmasked`). The headers are the ones
// `xinfang import` reads, so an export can be imported into another ledger.
import { isRepeat, STATUS_ZH, type CaseState } from '../domain/case.js';
import { CHANNELS, DECISIONS, DISPOSITIONS, MODES_ZH, OPINIONS } from '../domain/events.js';
import { maskId, maskPhone } from '../domain/identity.js';
import { loadTaxonomy } from '../ledger/reference.js';
import type { Ledger } from '../ledger/ledger.js';
import type { CaseFilter } from '../index/store.js';
import { caseStore } from './cases.js';
import { leaderNameOf, unitNameOf } from './case-extras.js';

/** Column key → header (import's usual 登记表 headers where there is one). */
export const EXPORT_COLUMNS = {
  id: '编号',
  original_no: '原编号',
  date: '来访日期',
  channel: '信访形式',
  name: '姓名',
  sex: '性别',
  id_number: '身份证号',
  phone: '联系电话',
  address: '住址',
  people: '人数',
  purpose: '信访目的',
  category: '内容分类',
  summary: '诉求摘要',
  respondent: '被反映人',
  locality: '问题属地',
  leader: '接访领导',
  mode: '接访方式',
  owner: '包案领导',
  units: '承办单位',
  status: '状态',
  opinion: '处理意见',
  result: '办理结果',
  repeat_of: '重复信访',
} as const;
export type ExportRow = Record<keyof typeof EXPORT_COLUMNS, string | number>;

function resultOf(s: CaseState): string {
  if (s.status === 'declined') return '不予受理';
  const parts: string[] = [];
  if (s.handled) parts.push(DISPOSITIONS[s.handled.disposition] + (s.handled.decision ? `（${DECISIONS[s.handled.decision]}）` : '') + (s.handled.disposition === 'promised' && s.resolved ? `，${s.resolved.date} 兑现` : ''));
  if (s.closed) parts.push(`${s.closed} 结案`);
  if (s.opinion) parts.push(`信访人${OPINIONS[s.opinion]}`);
  return parts.join('；');
}

export function exportRow(ledger: Ledger, s: CaseState, unmasked: boolean, purposeName: (k: string) => string): ExportRow {
  const f = s.file;
  const ps = f.petitioners;
  const join = (xs: string[]) => (xs.some(Boolean) ? xs.join('、') : '');
  return {
    id: s.id,
    original_no: f.original_no ?? '',
    date: s.received,
    channel: CHANNELS[f.channel],
    name: ps.map((p) => p.name).join('、'),
    sex: ps[0]?.sex ?? '',
    id_number: join(ps.map((p) => (unmasked ? p.id_number : maskId(p.id_number)))),
    phone: join(ps.map((p) => (unmasked ? p.phone : maskPhone(p.phone)))),
    address: ps[0]?.address ?? '',
    people: f.people,
    purpose: purposeName(f.purpose),
    category: `${f.category.main}/${f.category.sub}`,
    summary: f.summary,
    respondent: f.respondent,
    locality: f.locality,
    leader: f.receiver ? leaderNameOf(ledger, f.receiver) : '',
    mode: MODES_ZH[f.mode],
    owner: s.owner ? leaderNameOf(ledger, s.owner) : '',
    units: s.units.map((u) => unitNameOf(ledger, u)).join('、'),
    status: STATUS_ZH[s.status],
    opinion: f.opinion,
    result: resultOf(s),
    repeat_of: f.repeat_of.join('、') || (isRepeat(s) ? `来访 ${s.visits.length} 次` : ''),
  };
}

/** Each case passing the filter (and `keep`), as an export row, in the order received. */
export function* exportRows(ledger: Ledger, f: CaseFilter, opts: { unmasked: boolean; keep?: (s: CaseState) => boolean }): Generator<ExportRow> {
  const tax = loadTaxonomy();
  const purposeName = (k: string) => tax.purposes.find((p) => p.key === k)?.name ?? k;
  // One case at a time from the index: an export of a county's ledger is written as it is read.
  for (const s of caseStore(ledger).iterate(f)) {
    if (opts.keep && !opts.keep(s)) continue;
    yield exportRow(ledger, s, opts.unmasked, purposeName);
  }
}
