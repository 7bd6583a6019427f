// The built CLI (child processes) on the demo office's ledger: the morning screen fits 100
// columns, a step is cancelled and the file keeps both events, the cases are exported, and a
// CSV register imports into a new ledger as one commit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commits, ensureBuilt, newLedger, run, tempDir, TEAM } from '../helpers/index.js';
import { textWidth } from '../../src/cli/table.js';

const EVENING = '2026-11-25T18:00:00+08:00';
let demo = '';

beforeAll(() => {
  ensureBuilt();
  demo = join(tempDir(), 'demo');
  const r = run(['demo', demo], { env: { XINFANG_NOW: EVENING } });
  expect(r.code).toBe(0);
}, 120_000);

describe('a clerk\'s day with the built CLI', () => {
  it('xinfang today: one screen of at most 100 columns, and --json', () => {
    const r = run(['today', '--ledger', demo], { env: { XINFANG_NOW: EVENING } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(100);
    expect(lines.length).toBeLessThanOrEqual(50);
    for (const h of ['值班领导', '今日来访', '超期', '待领导阅批', '待办']) expect(r.stdout).toContain(h);
    const j = JSON.parse(run(['today', '--json', '--ledger', demo], { env: { XINFANG_NOW: EVENING } }).stdout);
    expect(j.today).toBe('2026-11-25');
    expect(j.duty.length).toBe(4);
  });

  it('case void last keeps both events; export writes every case as CSV with a BOM', () => {
    const list = JSON.parse(run(['case', 'list', '--json', '--ledger', demo], { env: { XINFANG_NOW: EVENING } }).stdout).cases;
    const open = list.find((c: { status: string }) => c.status === 'transferred' || c.status === 'accepted');
    const before = JSON.parse(run(['case', 'show', open.id, '--json', '--ledger', demo], { env: { XINFANG_NOW: EVENING } }).stdout).events.length;
    const v = run(['case', 'void', open.id, 'last', '--reason', '误录', '--ledger', demo], { env: { XINFANG_NOW: EVENING } });
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    const after = JSON.parse(run(['case', 'show', open.id, '--json', '--ledger', demo], { env: { XINFANG_NOW: EVENING } }).stdout);
    expect(after.events.length).toBe(before + 1);
    expect(after.voided).toHaveLength(1);

    const out = join(tempDir(), 'cases.csv');
    const e = run(['export', '--unmasked', '-o', out, '--ledger', demo], { env: { XINFANG_NOW: EVENING } });
    expect(e.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\ufeff编号,')).toBe(true);
    expect(csv.trim().split('\r\n').length).toBe(list.length + 1);
  }, 60_000);

  it('imports a CSV register in one commit', async () => {
    const root = await newLedger({ leaders: TEAM });
    const dir = tempDir();
    const rows = ['编号,来访日期,姓名,联系电话,人数,信访目的,内容分类,诉求摘要,接访领导'];
    for (let i = 0; i < 50; i++) rows.push(`${i + 1},2026/${1 + (i % 9)}/${1 + (i % 20)},来访人${i},1390000${String(1000 + i)},1,求决,民政/优抚救济,低保问题 ${i},王建国`);
    const file = join(dir, 'r.csv');
    (await import('node:fs')).writeFileSync(file, rows.join('\n'));
    const n = commits(root).length;
    const r = run(['import', file, '--ledger', root]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已导入 50 件/);
    expect(commits(root).length).toBe(n + 1);
  }, 60_000);
});
