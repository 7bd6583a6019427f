// `due` groups its cases by unit, then by owning leader, then the office's own: in the
// order of units.yaml and leaders.yaml — the same on every machine, whatever its locale —
// not in the order of the names' characters.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, newLedger, run, runIn, TEAM } from '../helpers/index.js';

let root = '';
const JULY = { XINFANG_NOW: '2026-07-01T10:00:00+08:00' };
const x = (args: string[], env: Record<string, string>) => runIn([...args, '--ledger', root], { env });

async function ok(args: string[], env = JULY): Promise<string> {
  const r = await x(args, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

async function register(n: number): Promise<string> {
  const out = await ok(['visit', 'add', '--date', '2026-07-01', '--name', `来访人${n}`, '--phone', `1380013800${n}`, '--purpose', '求决', '--category', '民政/优抚救济', '--summary', `第 ${n} 件：优抚金未按时发放`, '--leader', '张志强', '--new', '--json']);
  return JSON.parse(out).case.id as string;
}

beforeAll(async () => {
  // Code point order of the names would be 农 < 综 < 财; the office lists them otherwise.
  root = await newLedger({ leaders: TEAM, units: ['财政所', '综治中心', '农业办'] });
  const ids = [];
  for (let n = 1; n <= 6; n++) ids.push(await register(n));
  await ok(['case', 'transfer', ids[0]!, '--unit', '农业办', '--date', '2026-07-01']);
  await ok(['case', 'transfer', ids[1]!, '--unit', '财政所', '--date', '2026-07-01']);
  await ok(['case', 'transfer', ids[2]!, '--unit', '综治中心', '--date', '2026-07-01']);
  // Owned, not transferred: 刘芳 (L03) before 王建国 (L01) in code point order; leaders.yaml lists 王建国 first.
  await ok(['case', 'assign', ids[3]!, '--leader', '刘芳']);
  await ok(['case', 'assign', ids[4]!, '--leader', '王建国']);
}, 120_000);

describe('due', () => {
  it('lists the groups in the office’s order: units as units.yaml, leaders as leaders.yaml, then the office', async () => {
    const out = await ok(['due'], { XINFANG_NOW: '2026-09-30T10:00:00+08:00' });
    const overdue = out.slice(out.indexOf('超期'), out.search(/天内(到期|没有到期)/));
    const groups = overdue.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim());
    // The receiving leader owns the sixth (张志强, L02).
    expect(groups).toEqual(['财政所', '综治中心', '农业办', '（未交办）包案领导 王建国', '（未交办）包案领导 张志强', '（未交办）包案领导 刘芳']);
  });

  it('gives the same order whatever the locale of the machine (the built CLI, started under each)', () => {
    ensureBuilt();
    const env = { XINFANG_NOW: '2026-09-30T10:00:00+08:00' };
    const outs = ['zh_CN.UTF-8', 'en_US.UTF-8', 'C'].map((lang) => run(['due', '--ledger', root], { env: { ...env, LANG: lang, LC_ALL: lang } }));
    for (const r of outs) expect(r.code).toBe(0);
    expect(outs[0]!.stdout).toContain('  财政所\n');
    expect(outs[1]!.stdout).toBe(outs[0]!.stdout);
    expect(outs[2]!.stdout).toBe(outs[0]!.stdout);
  });
});
