// The statistics window's candidates come from one index range (`reach`: the last day the
// statistics may date anything of a case on). A case registered before the period counts in
// it through a further visit, a 进京 record or its handling deadline alone: the
// index must find each, so `report stats` with the index equals a full re-read of the files.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, newLedger, run, runIn, TEAM } from '../helpers/index.js';

let root = '';
const at = (day: string) => ({ XINFANG_NOW: `${day}T10:00:00+08:00` });
async function ok(args: string[], day: string): Promise<string> {
  const r = await runIn([...args, '--ledger', root], { env: at(day) });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}
async function register(n: number, day: string): Promise<string> {
  const out = await ok(['visit', 'add', '--date', day, '--name', `来访人${n}`, '--phone', `1380013801${n}`, '--purpose', '求决', '--category', '民政/优抚救济', '--summary', `第 ${n} 件：优抚金未按时发放`, '--leader', '张志强', '--new', '--json'], day);
  return JSON.parse(out).case.id as string;
}

beforeAll(async () => {
  root = await newLedger({ leaders: TEAM, units: ['民政办'] });
  // All registered in the first quarter of 2026.
  const visited = await register(1, '2026-02-02');
  const beijing = await register(2, '2026-02-03');
  const handled = await register(3, '2026-02-04');
  const deadline = await register(4, '2026-03-20');
  await register(5, '2026-02-05'); // nothing after March: counts nowhere in the second quarter
  await ok(['visit', 'add', '--case', visited, '--date', '2026-05-06', '--name', '来访人1', '--phone', '13800138011', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '再次反映优抚金未按时发放', '--leader', '张志强', '--json'], '2026-05-06');
  await ok(['case', 'beijing', beijing, '--date', '2026-04-15', '--place', '国家信访局'], '2026-04-16');
  await ok(['case', 'accept', handled], '2026-02-05');
  // Accepted in March: its handling deadline (60 days) falls in May, and nothing else happens.
  await ok(['case', 'accept', deadline], '2026-03-23');
  await ok(['case', 'accept', beijing], '2026-02-04');
  await ok(['case', 'handle', handled, '--disposition', 'explained', '--facts', '核实属实', '--decision', 'explain'], '2026-02-10');
}, 120_000);

describe('report stats of a period the cases were registered before', () => {
  it('counts what each case did in the period, the same with the index and without', () => {
    ensureBuilt();
    for (const q of [['--quarter', '2026Q2'], ['--quarter', '2026Q1'], ['--from', '2026-04-10', '--to', '2026-05-31']]) {
      const env = at('2026-07-01');
      const a = run(['report', 'stats', ...q, '--json', '--ledger', root], { env });
      const b = run(['report', 'stats', ...q, '--json', '--ledger', root], { env: { ...env, XINFANG_INDEX: 'off' } });
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout, q.join(' ')).toBe(b.stdout);
    }
    const q2 = JSON.parse(run(['report', 'stats', '--quarter', '2026Q2', '--json', '--ledger', root], { env: at('2026-07-01') }).stdout);
    expect(q2.total).toBe(0); // none registered in it
    expect(q2.items.total).toBe(1); // the further visit
    expect(q2.beijing.times).toBe(1);
    expect(q2.rates.closed_in_time.denominator).toBeGreaterThanOrEqual(1); // a handling deadline in May
  });
});
