// A township month of daily duty (27 slots in 2026-10) printed from the HTML 公示 by a real
// headless Chromium fits one A4 sheet, as a notice-board posting should (skipped when
// Chromium is absent). Longer months may run to a second page with the header repeated.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromium, CHROMIUM, warnIfMissing } from '../helpers/chromium.js';
import { ensureBuilt, newLedger, run, tempDir } from '../helpers/index.js';

warnIfMissing('公示打印为一页 A4');

const LEADERS = [
  ['王建国', '党委书记', 'principal', '全面工作'],
  ['刘芳', '乡长', 'principal', '政府全面工作'],
  ['陈明', '党委副书记', 'member', '党建、综治信访'],
  ['赵军', '副乡长', 'member', '农业、水利'],
  ['李明华', '纪委书记', 'member', '纪检监察'],
  ['孙丽', '副乡长', 'member', '教育、卫生、民政'],
  ['周强', '武装部长', 'member', '武装、安全生产'],
  ['黄伟', '派出所所长', 'dept-principal', '社会治安'],
  ['郑红', '司法所所长', 'dept-principal', '人民调解、法律援助'],
  ['冯涛', '国土所所长', 'dept-principal', '土地管理'],
  ['何勇', '派出所副所长', 'dept-member', '户籍、治安'],
  ['吕静', '司法所副所长', 'dept-member', '社区矫正'],
  ['施磊', '财政所副所长', 'dept-member', '惠农补贴'],
  ['张倩', '农技站副站长', 'dept-member', '农技推广'],
] as const;

describe('roster publish: a month of daily duty on one A4 sheet', () => {
  it.skipIf(!CHROMIUM)('2026-10 (27 slots) prints to a one-page PDF', async () => {
    ensureBuilt();
    const root = await newLedger({ preset: 'township', unit: '青山乡', code: 'QS' });
    for (const [name, title, role, portfolio] of LEADERS) {
      expect(run(['leader', 'add', '--name', name, '--title', title, '--role', role, '--portfolio', portfolio], { cwd: root }).code).toBe(0);
    }
    expect(run(['roster', 'generate', '--month', '2026-10'], { cwd: root }).code).toBe(0);
    const rows = JSON.parse(run(['roster', 'show', '--month', '2026-10', '--json'], { cwd: root }).stdout).days.flatMap((d: { slots: unknown[] }) => d.slots).length;
    expect(rows).toBeGreaterThanOrEqual(26);
    const dir = tempDir();
    const html = join(dir, 'notice.html');
    expect(run(['roster', 'publish', '--month', '2026-10', '--format', 'html', '-o', html], { cwd: root }).code).toBe(0);
    const pdf = join(dir, 'notice.pdf');
    const c = chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`], html);
    expect(existsSync(pdf), c.stderr).toBe(true);
    const pages = readFileSync(pdf).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBe(1);
  }, 120_000);
});
