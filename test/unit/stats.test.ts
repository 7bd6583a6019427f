// The pure statistics: rates, periods, the roll-up sum, and the case-by-case rules on
// hand-built case files with a fixed deadline rule (accept in 15 days, handle in 60).
import { describe, expect, it } from 'vitest';
import { testCaseFile } from '../helpers/case-file.js';
import { foldCase } from '../../src/domain/case.js';
import type { CaseFile } from '../../src/domain/events.js';
import { change, percent, periodStats, previousPeriod, rate, sumStats, type StatsOptions } from '../../src/domain/stats.js';
import { addDays } from '../../src/domain/time.js';
import { csvCell, renderCsv } from '../../src/render/csv.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { textBar, svgBarChart } from '../../src/render/chart.js';

const file = (id: string, received: string, events: [string, Record<string, unknown>][], extra: Partial<CaseFile> = {}): CaseFile => testCaseFile({ id, received, events, extra });

const opts = (asOf: string): StatsOptions => ({
  asOf,
  groupThreshold: 5,
  deadlines: {
    accept: (s) => (s.accepted || s.declined ? null : addDays(s.received, 15)),
    handle: (s) => (s.accepted ? addDays(s.accepted, 60 + s.extensionDays) : null),
  },
});

const Q1 = { from: '2026-01-01', to: '2026-03-31' };

describe('rate', () => {
  it('is null on an empty denominator and exact otherwise', () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(rate(2, 3).value).toBeCloseTo(2 / 3, 12);
    expect(percent(rate(2, 3))).toBe('66.7%');
    expect(percent(rate(0, 0))).toBe('—');
  });
});

describe('previousPeriod', () => {
  it.each([
    [{ from: '2026-01-01', to: '2026-03-31' }, { from: '2025-10-01', to: '2025-12-31' }],
    [{ from: '2026-10-01', to: '2026-12-31' }, { from: '2026-07-01', to: '2026-09-30' }],
    [{ from: '2026-03-01', to: '2026-03-31' }, { from: '2026-02-01', to: '2026-02-28' }],
    [{ from: '2026-02-01', to: '2026-04-30' }, { from: '2025-11-01', to: '2026-01-31' }],
    [{ from: '2026-03-10', to: '2026-03-19' }, { from: '2026-02-28', to: '2026-03-09' }],
  ])('%o → %o', (p, prev) => expect(previousPeriod(p)).toEqual(prev));
});

describe('periodStats rules', () => {
  it('an extension moves the handling deadline (and so the quarter it is judged in)', () => {
    const plain = foldCase(file('QS-2026-A0001', '2026-01-05', [['2026-01-06', { type: 'accept', note: '' }]]));
    const extended = foldCase(
      file('QS-2026-A0002', '2026-01-05', [
        ['2026-01-06', { type: 'accept', note: '' }],
        ['2026-02-20', { type: 'extend', days: 30, reason: '复杂', approved_by: '' }],
        ['2026-04-20', { type: 'close', note: '' }],
      ]),
    );
    // plain: due 03-07, open on asOf → late in Q1; extended: due 04-06, closed 04-20 → late in Q2
    const q1 = periodStats([plain, extended], Q1, opts('2026-06-30'));
    expect(q1.rates.closed_in_time).toEqual(rate(0, 1));
    const q2 = periodStats([plain, extended], { from: '2026-04-01', to: '2026-06-30' }, opts('2026-06-30'));
    expect(q2.rates.closed_in_time).toEqual(rate(0, 1));
    expect(q2.closed).toBe(1);
    expect(q2.rates.rated).toEqual(rate(0, 1)); // closed without the petitioner's opinion
  });

  it('a reopened case is judged on its first closure; each closure is rated on its own opinion', () => {
    const c = foldCase(
      file('QS-2026-A0003', '2026-01-05', [
        ['2026-01-06', { type: 'accept', note: '' }],
        ['2026-02-01', { type: 'opinion', value: 'satisfied', note: '' }],
        ['2026-02-02', { type: 'close', note: '' }],
        ['2026-03-01', { type: 'reopen', reason: '复发' }],
        ['2026-03-20', { type: 'close', note: '' }],
      ]),
    );
    const s = periodStats([c], Q1, opts('2026-06-30'));
    expect(s.rates.closed_in_time).toEqual(rate(1, 1));
    expect(s.closed).toBe(2);
    expect(s.reopened).toBe(1);
    expect(s.rates.rated).toEqual(rate(1, 2)); // the second closure had no new opinion
    expect(s.rates.satisfaction).toEqual(rate(1, 1));
    expect(s.rates.leader_owned_resolved).toEqual(rate(1, 1)); // closed, and the petitioner is not 不满意
  });

  it('group visits and repeats count per contact, in the quarter of the contact', () => {
    const c = foldCase(
      file('QS-2026-A0004', '2026-03-30', [['2026-04-02', { type: 'visit', date: '2026-04-02', channel: 'visit', receiver: 'L01', people: 7, place: '', mode: 'fixed', petitioners: [], note: '' }]], { people: 5 }),
    );
    const q1 = periodStats([c], Q1, opts('2026-06-30'));
    expect(q1.visits).toEqual({ batches: 1, persons: 5 });
    expect(q1.group_visits).toEqual({ batches: 1, persons: 5 });
    expect(q1.items).toEqual({ total: 1, repeat: 0 });
    expect(q1.repeat_cases).toBe(1); // visited again (by asOf)
    const q2 = periodStats([c], { from: '2026-04-01', to: '2026-06-30' }, opts('2026-06-30'));
    expect(q2.total).toBe(0);
    expect(q2.visits).toEqual({ batches: 1, persons: 7 });
    expect(q2.items).toEqual({ total: 1, repeat: 1 });
    expect(q2.rates.repeat).toEqual(rate(1, 1));
  });

  it('sumStats adds parts, not rates; change subtracts values', () => {
    const a = periodStats([foldCase(file('QS-2026-A0005', '2026-01-05', [['2026-01-06', { type: 'accept', note: '' }]]))], Q1, opts('2026-06-30'));
    const b = periodStats([foldCase(file('QS-2026-A0006', '2026-01-05', [['2026-02-06', { type: 'accept', note: '' }]])), foldCase(file('QS-2026-A0007', '2026-02-05', [['2026-02-06', { type: 'accept', note: '' }]]))], Q1, opts('2026-06-30'));
    const s = sumStats([a, b]);
    expect(s.total).toBe(3);
    expect(s.rates.accepted_in_time).toEqual(rate(2, 3)); // not the mean of 1 and 1/2
    expect(change(b, a).rates.accepted_in_time).toBeCloseTo(-0.5, 12);
    expect(change(b, a).total).toBe(1);
  });
});

describe('renderers', () => {
  const doc = { title: '表', subtitle: ['期间'], tables: [{ key: 't', title: 'T', headers: ['名', '数'], rows: [['=SUM(A1)', 3], ['a,"b"', -2]] }] };
  it('CSV: BOM, CRLF, quoting, no formulas', () => {
    const csv = renderCsv(doc);
    expect(csv.startsWith('\ufeff表\r\n期间\r\n')).toBe(true);
    expect(csv).toContain(`'=SUM(A1),3\r\n"a,""b""",-2\r\n`);
    expect(csvCell('-x')).toBe("'-x");
  });
  it('Markdown escapes pipes', () => {
    expect(renderMarkdown({ ...doc, tables: [{ ...doc.tables[0]!, rows: [['a|b', 1]] }] })).toContain('| a\\|b | 1 |');
  });
  it('bars scale to the largest value', () => {
    expect(textBar(10, 10, 4)).toBe('████');
    expect(textBar(5, 10, 4)).toBe('██');
    expect(textBar(0, 10, 4)).toBe('');
    const svg = svgBarChart([{ label: '<a>', value: 2 }, { label: 'b', value: 1 }]);
    expect(svg).toContain('&lt;a&gt;');
    expect((svg.match(/<rect /g) ?? []).length).toBe(2);
  });
});
