// `report stats --json` and `report register` through the built CLI (node bin/xinfang.js).
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, readXlsx, run, tempDir } from '../helpers/index.js';
import { buildFixture, ID_A, PHONE_A, type Fixture } from '../integration/reports-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  ensureBuilt();
  fx = await buildFixture();
}, 240_000);

describe('report (built CLI)', () => {
  it('stats --json: the CLI.md document with exact figures', () => {
    const r = run(['--json', 'report', 'stats', '--quarter', '2026Q3'], { cwd: fx.root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(j.total).toBe(5);
    expect(j.by.purpose).toEqual({ 意见建议: 1, 申诉: 1, 求决: 2, 咨询: 1 });
    expect(j.rates).toEqual({
      accepted_in_time: { numerator: 3, denominator: 5, value: 0.6 },
      closed_in_time: { numerator: 1, denominator: 2, value: 0.5 },
      rated: { numerator: 3, denominator: 3, value: 1 },
      satisfaction: { numerator: 1, denominator: 3, value: 1 / 3 },
      satisfaction_with_basic: { numerator: 2, denominator: 3, value: 2 / 3 },
      repeat: { numerator: 2, denominator: 6, value: 1 / 3 },
      leader_owned_resolved: { numerator: 1, denominator: 5, value: 0.2 }, // as of 09-30: D not yet declined
    });
    expect(r.stdout).not.toContain(ID_A);
  });

  it('stats --json for an empty quarter: nulls', () => {
    const j = JSON.parse(run(['--json', 'report', 'stats', '--from', '2026-01-01', '--to', '2026-01-31'], { cwd: fx.root }).stdout);
    expect(j.total).toBe(0);
    expect(j.rates.accepted_in_time).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('a bad quarter is exit 2 with a JSON error', () => {
    const r = run(['--json', 'report', 'stats', '--quarter', '2026-3'], { cwd: fx.root });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error.message).toContain('--quarter');
  });

  it('register in the terminal is masked', () => {
    const r = run(['report', 'register', '--quarter', '2026Q3'], { cwd: fx.root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(fx.ids.F);
    expect(r.stdout).not.toContain(PHONE_A);
    expect(r.stdout).not.toContain(ID_A);
  });

  it('xlsx of the register and of an export: files that open, and nothing on stderr', async () => {
    const dir = tempDir();
    const reg = run(['report', 'register', '--quarter', '2026Q3', '--format', 'xlsx', '-o', join(dir, 'r.xlsx')], { cwd: fx.root });
    expect(reg.code, reg.stderr).toBe(0);
    // The bundled zip library once made Node print a DeprecationWarning (Buffer()) here.
    expect(reg.stderr).toBe('');
    expect(reg.stdout).toBe(`已写入 ${join(dir, 'r.xlsx')}（Excel）\n`);
    const exp = run(['export', '--format', 'xlsx', '-o', join(dir, 'e.xlsx')], { cwd: fx.root });
    expect(exp.code, exp.stderr).toBe(0);
    expect(exp.stderr).toBe('');
    const wb = await readXlsx(join(dir, 'e.xlsx'));
    expect(wb.worksheets[0]!.getRow(3).getCell(1).value).toMatch(/^QS-/);
    expect(readdirSync(dir).sort()).toEqual(['e.xlsx', 'r.xlsx']);
  });

  it('the terminal table into a file (-o) is what the terminal shows, without the last newline', () => {
    const dir = tempDir();
    const shown = run(['report', 'register', '--quarter', '2026Q3'], { cwd: fx.root });
    expect(shown.code, shown.stderr).toBe(0);
    const w = run(['report', 'register', '--quarter', '2026Q3', '--format', 'table', '-o', join(dir, 'r.txt')], { cwd: fx.root });
    expect(w.code, w.stderr).toBe(0);
    expect(`${readFileSync(join(dir, 'r.txt'), 'utf8')}\n`).toBe(shown.stdout);
    expect(shown.stdout).toContain('【登记表】');
    expect(readdirSync(dir)).toEqual(['r.txt']);
  });
});
