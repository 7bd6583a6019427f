// Report figures on a hand-counted ledger (see reports-fixture.ts for the story of each case).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstant } from '../../src/domain/time.js';
import { runIn, tempDir } from '../helpers/index.js';
import { buildFixture, ID_A, PHONE_A, type Fixture } from './reports-fixture.js';

const AS_OF = '2026-11-25T09:30:00+08:00';
let fx: Fixture;

beforeAll(async () => {
  fx = await buildFixture();
}, 120_000);

async function report(quarterOrRange: { quarter: string } | { from: string; to: string }, now = AS_OF) {
  const { Ledger } = await import('../../src/ledger/ledger.js');
  const { statsReport, quarterPeriod, rangePeriod } = await import('../../src/app/reports.js');
  const p = 'quarter' in quarterOrRange ? quarterPeriod(quarterOrRange.quarter) : rangePeriod(quarterOrRange.from, quarterOrRange.to);
  return statsReport([Ledger.open(fx.root)], p, parseInstant(now)!);
}

const r = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator ? numerator / denominator : null });

describe('report stats on the hand-counted ledger', () => {
  it('2026Q3: counts, visits in 批次 and 人次, group and repeat visits', async () => {
    const { current: c } = await report({ quarter: '2026Q3' });
    expect(c.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(c.total).toBe(5); // A B C D F
    expect(c.visits).toEqual({ batches: 5, persons: 16 }); // A1 B6 B6(again) D2 F1; C is a letter, E registered in Q2
    expect(c.group_visits).toEqual({ batches: 2, persons: 12 });
    expect(c.items).toEqual({ total: 6, repeat: 2 }); // B's second visit, D (repeat of A)
    expect(c.group_cases).toBe(1);
    expect(c.repeat_cases).toBe(2);
    expect(c.closed).toBe(3); // A 07-28, E 08-20, E 09-25
    expect(c.reopened).toBe(1);
  });

  it('2026Q3: the breakdowns', async () => {
    const { current: c } = await report({ quarter: '2026Q3' });
    expect(c.by.channel).toEqual({ 来访: 4, 来信: 1 });
    expect(Object.entries(c.by.purpose)).toEqual([['意见建议', 1], ['申诉', 1], ['求决', 2], ['咨询', 1]]);
    expect(c.by.category).toEqual({ 劳动社保: 1, 民政: 2, 城乡建设: 1, 农村农业: 1 });
    expect(c.by.subcategory).toEqual({ '民政/优抚救济': 2, '劳动社保/工资福利': 1, '城乡建设/城镇规划': 1, '农村农业/承包经营': 1 });
    expect(c.by.leader).toEqual({ 王建国: 2, 李明华: 2, 张志强: 1 });
    expect(c.by.unit).toEqual({ '（未交办）': 4, 民政办: 1 });
    expect(c.by.area).toEqual({ 东村: 2, 北村: 1, 西村: 1, '（未填）': 1 });
    expect(c.by.month).toEqual({ '2026-07': 2, '2026-08': 1, '2026-09': 2 });
  });

  it('2026Q3: every rate with its numerator and denominator', async () => {
    const { current: c } = await report({ quarter: '2026Q3' });
    // A in time, B late, C never decided and past its limit, D declined in time, F accepted in time (in Q4)
    expect(c.rates.accepted_in_time).toEqual(r(3, 5));
    // deadlines in Q3: A (09-07, closed 07-28) and E (08-17, first closed 08-20); B and F fall in Q4
    expect(c.rates.closed_in_time).toEqual(r(1, 2));
    expect(c.rates.rated).toEqual(r(3, 3));
    expect(c.rates.satisfaction).toEqual(r(1, 3));
    expect(c.rates.satisfaction_with_basic).toEqual(r(2, 3));
    expect(c.rates.repeat).toEqual(r(2, 6));
    // as of 09-30 (状态截至): A resolved; B, C, D, F open (D is declined only on 10-09)
    expect(c.rates.leader_owned_resolved).toEqual(r(1, 5));
    expect(c.pending).toEqual({ accept: 0, handle: 0 });
  });

  it('previous period and change', async () => {
    const rep = await report({ quarter: '2026Q3' });
    const p = rep.previous;
    expect(rep.previousPeriod).toMatchObject({ from: '2026-04-01', to: '2026-06-30', quarter: '2026Q2' });
    expect(p.total).toBe(1); // E
    expect(p.visits).toEqual({ batches: 1, persons: 1 });
    expect(p.rates.accepted_in_time).toEqual(r(1, 1));
    expect(p.rates.closed_in_time).toEqual(r(0, 0)); // E's deadline falls in Q3
    expect(p.rates.rated).toEqual(r(0, 0));
    expect(p.rates.leader_owned_resolved).toEqual(r(0, 1)); // E on 06-30: accepted, closed only in August
    expect(rep.change.total).toBe(4);
    expect(rep.change.rates.accepted_in_time).toBeCloseTo(-0.4, 10);
    expect(rep.change.rates.closed_in_time).toBeNull();
  });

  it('a report made earlier leaves out what had not happened and what was not yet due', async () => {
    const { current: c } = await report({ quarter: '2026Q3' }, '2026-10-05T18:00:00+08:00');
    // D (limit 10-13) and F (limit 10-14) are undecided on 10-05 and still within their limit
    expect(c.rates.accepted_in_time).toEqual(r(1, 3));
    expect(c.pending.accept).toBe(2);
    expect(c.rates.closed_in_time).toEqual(r(1, 2));
    // leader-owned: A, B, C, D (not yet declined), F
    expect(c.rates.leader_owned_resolved).toEqual(r(1, 5));
  });

  it('an empty period has zero counts and null rates', async () => {
    const { current: c } = await report({ quarter: '2026Q1' });
    expect(c.total).toBe(0);
    expect(c.visits).toEqual({ batches: 0, persons: 0 });
    for (const v of Object.values(c.rates)) expect(v).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(c.by.month).toEqual({ '2026-01': 0, '2026-02': 0, '2026-03': 0 });
  });

  it('any --from/--to range: the previous period is the same length just before', async () => {
    const rep = await report({ from: '2026-07-06', to: '2026-07-13' });
    expect(rep.current.total).toBe(2); // A, B
    expect(rep.previousPeriod).toMatchObject({ from: '2026-06-28', to: '2026-07-05' });
    const months = await report({ from: '2026-08-01', to: '2026-09-30' });
    expect(months.previousPeriod).toMatchObject({ from: '2026-06-01', to: '2026-07-31' });
    expect(months.previous.total).toBe(3); // E, A, B
  });
});

describe('report commands', () => {
  const cli = (args: string[]) => runIn(['--ledger', fx.root, ...args]);

  it('stats --json has the CLI.md shape', async () => {
    const res = await cli(['--json', 'report', 'stats', '--quarter', '2026Q3']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout);
    expect(j.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(j.total).toBe(5);
    expect(j.by.channel).toEqual({ 来访: 4, 来信: 1 });
    expect(Object.keys(j.rates)).toEqual(expect.arrayContaining(['accepted_in_time', 'closed_in_time', 'rated', 'satisfaction', 'repeat', 'leader_owned_resolved']));
    expect(j.rates.accepted_in_time).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
    expect(j.previous.total).toBe(1);
    expect(JSON.stringify(j)).not.toContain(PHONE_A);
  });

  it('--by narrows the tables and the JSON', async () => {
    const res = await cli(['--json', 'report', 'stats', '--quarter', '2026Q3', '--by', 'purpose,属地']);
    expect(Object.keys(JSON.parse(res.stdout).by)).toEqual(['purpose', 'area']);
    const bad = await cli(['report', 'stats', '--quarter', '2026Q3', '--by', 'colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--by');
  });

  it('refuses bad periods and xlsx without -o, writing nothing', async () => {
    expect((await cli(['report', 'stats', '--quarter', '2026Q5'])).code).toBe(2);
    expect((await cli(['report', 'stats', '--from', '2026-07-01'])).stderr).toContain('--to');
    expect((await cli(['report', 'stats', '--from', '2026-09-01', '--to', '2026-08-01'])).code).toBe(2);
    const x = await cli(['report', 'register', '--quarter', '2026Q3', '--format', 'xlsx']);
    expect(x.code).toBe(2);
    expect(x.stderr).toContain('-o');
  });

  it('stats as a terminal table shows counts, rates and bars', async () => {
    const res = await cli(['report', 'stats', '--quarter', '2026Q3']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('青山乡领导干部接待群众来访情况统计表');
    expect(res.stdout).toMatch(/及时受理率.*│\s*3\s*│\s*5\s*│\s*60\.0%/);
    expect(res.stdout).toContain('█');
  });

  it('register: every case of the quarter, masked unless --unmasked', async () => {
    const res = await cli(['report', 'register', '--quarter', '2026Q3', '--format', 'md']);
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n').filter((l) => l.startsWith('| QS-'));
    // B's second visit (08-20) is a row of its own: every reception of the period is listed.
    expect(lines.map((l) => l.split('|')[1]!.trim())).toEqual([fx.ids.A, fx.ids.B, fx.ids.C, fx.ids.B, fx.ids.D, fx.ids.F]);
    expect(res.stdout).not.toContain(ID_A);
    expect(res.stdout).not.toContain(PHONE_A);
    // Markdown escapes the asterisks of a mask (\*), so that two masks never make emphasis.
    expect(res.stdout).toContain(`${ID_A.slice(0, 6)}${'\\*'.repeat(8)}${ID_A.slice(14)}`);
    expect(res.stdout).toContain('139\\*\\*\\*\\*5678');
    const a = lines[0]!;
    expect(a).toContain('民政办');
    expect(a).toContain('当场解决（予以支持）');
    expect(a).toContain('信访人满意');
    expect(lines[4]).toContain('待受理'); // D on 09-30 (状态截至); declined only on 10-09
    expect(res.stdout).toContain('状态截至 2026-09-30');
    const full = await cli(['--json', 'report', 'register', '--quarter', '2026Q3', '--unmasked']);
    expect(full.stdout).toContain(ID_A);
    expect(full.stdout).toContain(PHONE_A);
  });

  it('register CSV starts with the BOM and keeps Chinese', async () => {
    const out = join(tempDir(), 'register.csv');
    const res = await cli(['report', 'register', '--quarter', '2026Q3', '--format', 'csv', '-o', out]);
    expect(res.code).toBe(0);
    const buf = readFileSync(out);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('青山乡领导干部接待群众来访登记表');
    expect(text).toContain('编号,登记日期,接待日期,次数,渠道,信访人,人数,问题属地,信访目的,内容分类,诉求摘要,接待领导,包案领导,承办单位,状态,办理结果');
    expect(text).not.toContain(PHONE_A);
  });

  it('summary fills the template with the figures; an office template overrides ours', async () => {
    const res = await cli(['report', 'summary', '--quarter', '2026Q3']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('青山乡2026年第三季度领导干部接待群众来访工作总结');
    expect(res.stdout).toContain('本期共登记信访事项 5 件，比上期（2026年第二季度，1 件）增加 4 件');
    expect(res.stdout).toContain('接待群众来访 5 批 16 人次，其中集体访 2 批 12 人次');
    expect(res.stdout).toContain('及时受理率：60.0%（3/5');
    expect(res.stdout).not.toContain(PHONE_A);
    const tpl = join(tempDir(), 'my.liquid');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(tpl, '{{ office.name }}：{{ total }} 件，满意率 {{ rates.satisfaction.percent }}');
    const own = await cli(['report', 'summary', '--quarter', '2026Q3', '--template', tpl]);
    expect(own.stdout.trim()).toBe('青山乡：5 件，满意率 33.3%');
    const missing = await cli(['report', 'summary', '--quarter', '2026Q3', '--template', join(tempDir(), 'nope.liquid')]);
    expect(missing.code).toBe(2);
  });

  it('html and md files are written', async () => {
    const dir = tempDir();
    for (const f of ['md', 'html']) {
      const res = await cli(['report', 'stats', '--quarter', '2026Q3', '--format', f, '-o', join(dir, `s.${f}`)]);
      expect(res.code).toBe(0);
      expect(existsSync(join(dir, `s.${f}`))).toBe(true);
    }
    const html = readFileSync(join(dir, 's.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html).not.toContain('<script');
  });
});
