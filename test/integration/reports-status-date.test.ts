// `report register` shows each case as it stood at the end of the period (状态截至), or on the
// report date for the current period; the 统计表 takes owner, units and 领导包案化解率 on the
// same date. On the hand-counted ledger of reports-fixture.ts, made on 2026-11-25.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/domain/time.js';
import { runIn } from '../helpers/index.js';
import { buildFixture, type Fixture } from './reports-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 120_000);

const cli = (args: string[]) => runIn(['--ledger', fx.root, ...args]);

async function register(quarter: string) {
  const res = await cli(['--json', 'report', 'register', '--quarter', quarter]);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as { status_as_of: string; total: number; cases: { id: string; status: string; result: string; units: string }[] };
}

describe('register: the state as of the end of the period', () => {
  it('a past quarter (2026Q3): D and F as on 09-30, not as decided in October', async () => {
    const j = await register('2026Q3');
    expect(j.status_as_of).toBe('2026-09-30');
    const byId = Object.fromEntries(j.cases.map((c) => [c.id, c]));
    // D: declined 10-09 → on 09-30 still awaiting a decision; F: accepted 10-12 → still awaiting.
    expect(byId[fx.ids.D]).toMatchObject({ status: '待受理', result: '—' });
    expect(byId[fx.ids.F]).toMatchObject({ status: '待受理', result: '—' });
    // A was closed in July: unchanged.
    expect(byId[fx.ids.A]).toMatchObject({ status: '已结案', units: '民政办' });
    expect(byId[fx.ids.A]!.result).toContain('2026-07-28 结案');
    // B accepted 08-10.
    expect(byId[fx.ids.B]).toMatchObject({ status: '办理中' });
  });

  it('2026Q2: E accepted, not yet handled, closed or reopened', async () => {
    const j = await register('2026Q2');
    expect(j.status_as_of).toBe('2026-06-30');
    expect(j.cases).toHaveLength(1);
    expect(j.cases[0]).toMatchObject({ id: fx.ids.E, status: '办理中', result: '—' });
  });

  it('the current quarter is shown as of today, and the printed register says so', async () => {
    const j = await register('2026Q4');
    expect(j.status_as_of).toBe('2026-11-25');
    const md = await cli(['report', 'register', '--quarter', '2026Q3', '--format', 'md']);
    expect(md.stdout).toContain('状态截至 2026-09-30');
    const line = md.stdout.split('\n').find((l) => l.startsWith(`| ${fx.ids.D} `))!;
    expect(line).not.toContain('不予受理');
    expect(line).toContain('待受理');
  });
});

describe('统计表 takes the state on the same date', () => {
  async function stats(quarter: string) {
    const { Ledger } = await import('../../src/ledger/ledger.js');
    const { statsReport, quarterPeriod } = await import('../../src/app/reports.js');
    return statsReport([Ledger.open(fx.root)], quarterPeriod(quarter), parseInstant('2026-11-25T09:30:00+08:00')!);
  }
  const r = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator ? numerator / denominator : null });

  it('2026Q3: 领导包案化解率 counts D (declined only in October) as owned and unresolved', async () => {
    const rep = await stats('2026Q3');
    expect(rep.current.status_as_of).toBe('2026-09-30');
    // A resolved; B, C, D, F owned and open on 09-30
    expect(rep.current.rates.leader_owned_resolved).toEqual(r(1, 5));
    // the previous quarter on its own end: E accepted on 06-16, closed only in August
    expect(rep.previous.status_as_of).toBe('2026-06-30');
    expect(rep.previous.rates.leader_owned_resolved).toEqual(r(0, 1));
  });

  it('the current quarter takes the state of the report date', async () => {
    const rep = await stats('2026Q4');
    expect(rep.current.status_as_of).toBe('2026-11-25');
  });
});
