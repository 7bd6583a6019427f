// Seed, 第五篇 五(三)：“对领导干部接待的上访问题要做好登记，每季度填报《领导干部接待群众来访登记表》、
// 《领导干部接待群众来访情况统计表》”。The register lists every reception held in the period —
// also a further visit of a case registered in an earlier quarter — with the case number, its
// first registration date and the visit count; the register and the statistics agree.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/domain/time.js';
import { runIn } from '../helpers/index.js';
import { buildFixture, type Fixture } from './reports-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
  // E (registered 2026-06-15, in Q2) comes back in Q3 with three people, and writes in Q4.
  const { Ledger } = await import('../../src/ledger/ledger.js');
  const { registerIntake, validateIntake } = await import('../../src/app/intake.js');
  const ledger = Ledger.open(fx.root);
  const again = (when: string, i: Record<string, unknown>) => {
    const now = parseInstant(when)!;
    const d = validateIntake(ledger, { at: now, petitioners: [{ name: '赵大' }], caseId: fx.ids.E, ...i } as never, now);
    registerIntake(ledger, d, { name: '登记员', now }, { caseId: fx.ids.E });
  };
  again('2026-09-15T09:30:00+08:00', { channel: 'visit', people: 3, leader: 'L01' });
  again('2026-10-20T09:30:00+08:00', { channel: 'letter', leader: 'L03' });
}, 120_000);

const cli = (args: string[]) => runIn(['--ledger', fx.root, ...args]);

interface Row {
  id: string;
  date: string;
  reception_date: string;
  visit: number;
  visits: number;
  channel: string;
  people: number;
  receiver: string;
}

async function register(quarter: string): Promise<{ total: number; cases: Row[] }> {
  const res = await cli(['--json', 'report', 'register', '--quarter', quarter]);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout);
}

async function stats(quarter: string) {
  const res = await cli(['--json', 'report', 'stats', '--quarter', quarter]);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as { total: number; visits: { batches: number; persons: number }; items: { total: number; repeat: number } };
}

describe('登记表 lists every reception of the period (种子第五篇 五(三) 做好登记、每季度填报登记表)', () => {
  it("2026Q3 holds E's further visit, though E was registered in Q2: number, first registration date, visit count", async () => {
    const j = await register('2026Q3');
    const e = j.cases.filter((r) => r.id === fx.ids.E);
    expect(e).toEqual([expect.objectContaining({ date: '2026-06-15', reception_date: '2026-09-15', visit: 2, visits: 3, people: 3, receiver: '王建国' })]);
    expect(e[0]!.channel).toMatch(/^来访/);
    // B's own second visit is a row as well; the rows run by reception date.
    const b = j.cases.filter((r) => r.id === fx.ids.B).map((r) => [r.reception_date, r.visit]);
    expect(b).toEqual([['2026-07-13', 1], ['2026-08-20', 2]]);
    const dates = j.cases.map((r) => r.reception_date);
    expect(dates).toEqual([...dates].sort());
  });

  it('the printed register shows the reception date and 第 N 次／共 M 次, and says how many came back', async () => {
    const md = await cli(['report', 'register', '--quarter', '2026Q3', '--format', 'md']);
    const line = md.stdout.split('\n').find((l) => l.startsWith(`| ${fx.ids.E} `))!;
    expect(line).toContain('2026-06-15');
    expect(line).toContain('2026-09-15');
    expect(line).toContain('第 2 次／共 3 次');
    expect(md.stdout).toContain('接待 7 件次（本期登记 5 件，再次来访来信 2 件次，其中以前登记的 1 件次）');
  });

  it('the register and the 统计表 agree: rows = 信访件次, rows of 来访 = 来访批次 and 人次, first rows = 登记件数', async () => {
    for (const q of ['2026Q2', '2026Q3', '2026Q4']) {
      const [reg, st] = [await register(q), await stats(q)];
      expect(reg.total, q).toBe(st.items.total);
      const visits = reg.cases.filter((r) => r.channel.startsWith('来访'));
      expect(visits.length, q).toBe(st.visits.batches);
      expect(visits.reduce((n, r) => n + r.people, 0), q).toBe(st.visits.persons);
      expect(reg.cases.filter((r) => r.visit === 1).length, q).toBe(st.total);
      expect(reg.cases.filter((r) => r.visit > 1).length, q).toBe(st.items.repeat - reg.cases.filter((r) => r.visit === 1 && r.id === fx.ids.D).length);
    }
    // Q3 by hand: A B C D F registered, B again 08-20, E again 09-15 (3 people) → 7 rows, 6 visits, 19 persons.
    const q3 = await stats('2026Q3');
    expect(q3.items.total).toBe(7);
    expect(q3.visits).toEqual({ batches: 6, persons: 19 });
    // Q4: E's letter of 10-20 is the only contact; not a 来访.
    const q4 = await register('2026Q4');
    expect(q4.cases.map((r) => [r.id, r.reception_date, r.visit, r.channel])).toEqual([[fx.ids.E, '2026-10-20', 3, '来信']]);
  });
});
