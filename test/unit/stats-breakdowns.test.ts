// The 承办单位 and 月份 breakdowns of the 统计表 on a small hand-counted ledger:
// units are counted in cases (a case handed to two units is one case), months sit beside
// the previous period's months.
import { describe, expect, it } from 'vitest';
import { testCaseFile } from '../helpers/case-file.js';
import { foldCase } from '../../src/domain/case.js';
import { change, periodStats, previousPeriod, sumStats, type StatsOptions } from '../../src/domain/stats.js';
import { addDays } from '../../src/domain/time.js';
import { statsDoc, statsJson, quarterPeriod, rangePeriod, summaryData, type ReportPeriod, type StatsReport } from '../../src/app/reports.js';

const file = (id: string, received: string, events: [string, Record<string, unknown>][]) => testCaseFile({ id, received, events });

const opts = (asOf: string): StatsOptions => ({
  asOf,
  groupThreshold: 5,
  deadlines: {
    accept: (s) => (s.accepted || s.declined ? null : addDays(s.received, 15)),
    handle: (s) => (s.accepted ? addDays(s.accepted, 60 + s.extensionDays) : null),
  },
  unitName: (u) => ({ U01: '民政办', U02: '司法所' })[u] ?? u,
});

const to = (unit: string): Record<string, unknown> => ({ type: 'transfer', unit, note: '' });

//  Q4 2026: X1 10-05 handed to 民政办 and 司法所; X2 10-10 民政办; X3 11-02 not handed;
//           X4 11-03 司法所; X5 12-01 民政办 and 司法所.
//  Q3 2026: Y1 07-10 民政办 and 司法所; Y2 07-20 not handed; Y3 09-03 司法所.
const CASES = [
  file('QS-2026-A0001', '2026-10-05', [['2026-10-06', to('U01')], ['2026-10-07', to('U02')]]),
  file('QS-2026-A0002', '2026-10-10', [['2026-10-11', to('U01')]]),
  file('QS-2026-A0003', '2026-11-02', []),
  file('QS-2026-A0004', '2026-11-03', [['2026-11-04', to('U02')]]),
  file('QS-2026-A0005', '2026-12-01', [['2026-12-02', to('U01')], ['2026-12-02', to('U02')]]),
  file('QS-2026-A0006', '2026-07-10', [['2026-07-11', to('U01')], ['2026-07-12', to('U02')]]),
  file('QS-2026-A0007', '2026-07-20', []),
  file('QS-2026-A0008', '2026-09-03', [['2026-09-04', to('U02')]]),
].map(foldCase);

function report(asOf = '2027-01-10', period: ReportPeriod = quarterPeriod('2026Q4')): StatsReport {
  const pp = previousPeriod(period);
  const prev = rangePeriod(pp.from, pp.to);
  const current = periodStats(CASES, period, opts(asOf));
  const previous = periodStats(CASES, prev, opts(asOf));
  const office = { office: { name: '青山乡', code: 'QS', root: '/x' }, current, previous, change: change(current, previous) };
  return { period, previousPeriod: prev, asOf, offices: [office], current, previous, change: office.change };
}

const table = (r: StatsReport, key: string) => statsDoc(r, '青山乡').tables.find((t) => t.key === key)!;

describe('按承办单位: counted in cases', () => {
  it('counts each unit once per case and the cases handed to any unit', () => {
    const r = report();
    expect(r.current.total).toBe(5);
    expect(r.current.by.unit).toEqual({ 民政办: 3, 司法所: 3, '（未交办）': 1 });
    expect(r.current.handed).toBe(4); // X1 X2 X4 X5
    expect(r.previous.handed).toBe(2); // Y1 Y3
    expect(statsJson(r).handed).toBe(4);
  });

  it('shares are out of the cases handed to any unit; 合计 counts cases, not mentions', () => {
    const t = table(report(), '按承办单位');
    expect(t.headers).toEqual(['承办单位', '件数', '占比', '上期', '增减']);
    expect(t.rows).toEqual([
      ['民政办', 3, '75.0%', 1, '+2'], // 3 of the 4 handed cases
      ['司法所', 3, '75.0%', 2, '+1'],
      ['（未交办）', 1, '—', 1, '0'],
      ['合计', 5, '—', 3, '+2'], // cases registered, each once: 4 handed + 1 not
    ]);
    expect(t.notes!.join('\n')).toContain('交办事项 4 件');
    expect(t.notes!.join('\n')).toContain('一件事项可能交办多个单位');
  });
});

describe('按月份: beside the previous period’s months', () => {
  it('a quarter: October beside July, November beside August, December beside September', () => {
    const r = report();
    const t = table(r, '按月份');
    expect(t.headers).toEqual(['月份', '件数', '占比', '上期月份', '上期', '增减']);
    expect(t.rows).toEqual([
      ['2026-10', 2, '40.0%', '2026-07', 2, '0'], // X1 X2 | Y1 Y2
      ['2026-11', 2, '40.0%', '2026-08', 0, '+2'], // X3 X4 | —
      ['2026-12', 1, '20.0%', '2026-09', 1, '0'], // X5 | Y3
      ['合计', 5, '100.0%', '', 3, '+2'],
    ]);
    expect(t.notes ?? []).toEqual([]);
    const data = summaryData({ config: { office: { name: '青山乡', code: 'QS', issuer: '' } } } as never, r);
    expect(data.months).toEqual([
      { month: '2026-10', count: 2, previous_month: '2026-07', previous: 2 },
      { month: '2026-11', count: 2, previous_month: '2026-08', previous: 0 },
      { month: '2026-12', count: 1, previous_month: '2026-09', previous: 1 },
    ]);
  });

  it('a period of days: the months in order beside the previous period’s, partial months noted', () => {
    // 2026-10-10..2026-11-03 (25 days); previous 2026-09-15..2026-10-09.
    const r = report('2027-01-10', rangePeriod('2026-10-10', '2026-11-03'));
    expect(r.previousPeriod).toMatchObject({ from: '2026-09-15', to: '2026-10-09' });
    const t = table(r, '按月份');
    expect(t.rows).toEqual([
      ['2026-10', 1, '33.3%', '2026-09', 0, '+1'], // X2 | Y3 is 09-03, before the previous period
      ['2026-11', 2, '66.7%', '2026-10', 1, '+1'], // X3 X4 | X1
      ['合计', 3, '100.0%', '', 1, '+2'],
    ]);
    expect(t.notes!.join('')).toContain('只计期间内的日子');
  });

  it('months that do not pair up are left blank on the other side', () => {
    // 2026-10-31..2026-11-01: two months; previous 2026-10-29..2026-10-30: one.
    const t = table(report('2027-01-10', rangePeriod('2026-10-31', '2026-11-01')), '按月份');
    expect(t.rows).toEqual([
      ['2026-10', 0, '—', '2026-10', 0, '0'],
      ['2026-11', 0, '—', '', '', ''],
      ['合计', 0, '—', '', 0, '0'],
    ]);
  });
});

describe('rows named by free text', () => {
  it('counts a 问题属地 of “constructor”, “toString” or “__proto__” as any other, also when offices are added up', () => {
    const areas = ['constructor', '__proto__', 'toString', 'constructor'];
    const cases = areas.map((area, i) => foldCase(testCaseFile({ id: `QS-2026-A010${i}`, received: '2026-10-05', events: [], extra: { locality: area } })));
    const s = periodStats(cases, quarterPeriod('2026Q4'), opts('2027-01-10'));
    expect(Object.entries(s.by.area)).toEqual([['constructor', 2], ['__proto__', 1], ['toString', 1]]);
    expect(Object.getPrototypeOf(s.by.area)).toBe(Object.prototype);
    const sum = sumStats([s, s]);
    expect(Object.entries(sum.by.area)).toEqual([['constructor', 4], ['__proto__', 2], ['toString', 2]]);
  });
});
