// The built CLI end to end: a township ledger, a generated month, the HTML 公示 printed to
// PDF by a real headless Chromium (skipped, with a message, when Chromium is absent).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromium, CHROMIUM, warnIfMissing } from '../helpers/chromium.js';
import { ensureBuilt, newLedger, run, tempDir } from '../helpers/index.js';
import { DEMO_LEADERS } from '../../src/app/demo.js';

warnIfMissing('公示 HTML 打印为 PDF');

describe('roster publish (built CLI)', () => {
  let root: string;
  beforeAll(async () => {
    ensureBuilt();
    root = await newLedger({ preset: 'township' });
    for (const l of DEMO_LEADERS) {
      const r = run(['leader', 'add', '--name', l.name, '--title', l.title, '--role', l.role, '--portfolio', l.portfolio], { cwd: root });
      expect(r.code, r.stderr).toBe(0);
    }
    const g = run(['roster', 'generate', '--month', '2026-10'], { cwd: root });
    expect(g.code, g.stderr).toBe(0);
  });

  it('duty of the 调休 Saturday 2026-10-10 and none in the National Day week', () => {
    const sat = run(['roster', 'duty', '--date', '2026-10-10', '--json'], { cwd: root });
    expect(JSON.parse(sat.stdout).slots.length).toBeGreaterThanOrEqual(1);
    const hol = run(['roster', 'duty', '--date', '2026-10-05'], { cwd: root });
    expect(hol.code).toBe(0);
    expect(hol.stdout).toContain('国庆节');
  });

  it.skipIf(!CHROMIUM)('the HTML notice prints to a PDF in headless Chromium', () => {
    const dir = tempDir();
    const html = join(dir, 'notice.html');
    const r = run(['roster', 'publish', '--month', '2026-10', '--format', 'html', '-o', html], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    const pdf = join(dir, 'notice.pdf');
    const c = chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`], html);
    expect(existsSync(pdf), c.stderr).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 portrait: 595 × 842 points
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(bytes.toString('latin1'));
    expect(box).not.toBeNull();
    expect(Math.abs(Number(box![1]) - 595)).toBeLessThan(1.5);
    expect(Math.abs(Number(box![2]) - 842)).toBeLessThan(1.5);
  }, 120_000);
});
