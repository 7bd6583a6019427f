// Leaders' reception days in the statistics: taken from the roster's compliance check
// (not computed a second time), only for a quarter, and absent without a roster.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/domain/time.js';
import { runIn } from '../helpers/index.js';
import { buildFixture, type Fixture } from './reports-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 120_000);

describe('reception days', () => {
  it('no roster: null, and no table', async () => {
    const j = JSON.parse((await runIn(['--ledger', fx.root, '--json', 'report', 'stats', '--quarter', '2026Q3'])).stdout);
    expect(j.reception).toBeNull();
    const t = await runIn(['--ledger', fx.root, 'report', 'stats', '--quarter', '2026Q3']);
    expect(t.stdout).not.toContain('领导干部接访日');
  });

  it('with the quarter generated and one day marked held: the compliance figures, per leader and in total', async () => {
    const { Ledger } = await import('../../src/ledger/ledger.js');
    const { generateRoster, markHeld, slotsOf, compliance } = await import('../../src/app/roster.js');
    const ledger = Ledger.open(fx.root);
    const clerk = { name: '登记员', now: parseInstant('2026-06-20T09:00:00+08:00')! };
    generateRoster(ledger, ['2026-07', '2026-08', '2026-09'], false, clerk);
    const { slots } = slotsOf(ledger, ['2026-07', '2026-08', '2026-09']);
    const first = slots.find((s) => s.date >= '2026-07-20')!;
    markHeld(ledger, { date: first.date, leader: first.leader, visitors: 0, today: '2026-11-25' }, { name: '登记员', now: parseInstant('2026-11-25T09:00:00+08:00')! });
    const want = await compliance(Ledger.open(fx.root), '2026Q3', '2026-11-25');
    const j = JSON.parse((await runIn(['--ledger', fx.root, '--json', 'report', 'stats', '--quarter', '2026Q3'])).stdout);
    const days = new Set(slots.map((s) => `${s.date}|${s.leader}`)).size;
    expect(j.reception.scheduled).toBe(days);
    expect(j.reception.upcoming).toBe(0); // the quarter is over on 2026-11-25
    expect(j.reception.held).toBeGreaterThanOrEqual(1);
    expect(j.reception.held + j.reception.missed + j.reception.unrecorded).toBe(days);
    expect(j.reception.missed).toBe(0); // nothing recorded as 缺岗: the unmarked days are 未记录
    expect(j.reception).toMatchObject({ scheduled: want.totals.scheduled, held: want.totals.held, missed: want.totals.missed, unrecorded: want.totals.unrecorded });
    expect(j.reception.leaders.map((l: { name: string; missed: number; unrecorded: number }) => [l.name, l.missed, l.unrecorded])).toEqual(want.leaders.map((l) => [l.name, l.missed, l.unrecorded]));
    const t = await runIn(['--ledger', fx.root, 'report', 'stats', '--quarter', '2026Q3', '--format', 'md']);
    expect(t.stdout).toContain('## 领导干部接访日');
    expect(t.stdout).toContain(`| 合计 |  | ${days} | ${want.totals.held} | ${want.totals.held_with_visitors} | ${want.totals.held_without_visitors} | ${want.totals.missed} | ${want.totals.unrecorded} | 0 |`);
    const s = await runIn(['--ledger', fx.root, 'report', 'summary', '--quarter', '2026Q3']);
    expect(s.stdout).toContain(`领导干部应接访 ${days} 天，已接访 ${want.totals.held} 天`);
    // a --from/--to period that is not a quarter has no reception figures
    const r = JSON.parse((await runIn(['--ledger', fx.root, '--json', 'report', 'stats', '--from', '2026-07-01', '--to', '2026-07-31'])).stdout);
    expect(r.reception).toBeNull();
  });
});
