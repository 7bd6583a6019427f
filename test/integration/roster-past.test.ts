// Regenerating a month that is partly past keeps the past days as they were scheduled:
// they are history (held days and compliance refer to them); only today and later change.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { newLedger, runIn } from '../helpers/index.js';

const slots = (L: string) => parse(readFileSync(join(L, 'rosters', '2026-11.yaml'), 'utf8')).slots as { date: string; leader: string; rule: string }[];

describe('roster generate --force in the middle of a month', () => {
  it('changes only today and later', async () => {
    const L = await newLedger();
    const x = (args: string[], now = '2026-11-01T09:00:00+08:00') => runIn(args, { cwd: L, env: { XINFANG_NOW: now } });
    for (const [n, t] of [['张志强', '党委副书记'], ['刘芳', '副乡长'], ['陈伟', '副乡长']]) expect((await x(['leader', 'add', '--name', n!, '--title', t!, '--role', 'member'])).code).toBe(0);
    expect((await x(['roster', 'generate', '--month', '2026-11'])).code).toBe(0);
    const before = slots(L);
    // 刘芳 (L02) is away for the rest of the month from the 20th; regenerated on the 20th.
    expect((await x(['leader', 'away', '刘芳', '--from', '2026-11-01', '--to', '2026-11-30', '--reason', '学习'], '2026-11-20T09:00:00+08:00')).code).toBe(0);
    const r = await x(['roster', 'generate', '--month', '2026-11', '--force', '--json'], '2026-11-20T09:00:00+08:00');
    expect(r.code, r.stderr).toBe(0);
    const after = slots(L);
    const pastBefore = before.filter((s) => s.date < '2026-11-20');
    expect(after.filter((s) => s.date < '2026-11-20')).toEqual(pastBefore);
    expect(pastBefore.some((s) => s.leader === 'L02')).toBe(true);
    expect(after.filter((s) => s.date >= '2026-11-20').some((s) => s.leader === 'L02')).toBe(false);
    expect(JSON.parse(r.stdout).months[0].past).toBe(pastBefore.length);
  });
});
