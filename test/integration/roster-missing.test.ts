// Generating a month while an earlier month has no roster: the rotation skips over the gap,
// so the clerk is told which months are missing (and how to fill them in order).
import { describe, expect, it } from 'vitest';
import { newLedger, runIn } from '../helpers/index.js';
import { missingBefore } from '../../src/app/roster.js';

describe('months missing before the one generated', () => {
  it('missingBefore lists the months between the last earlier roster and the first generated', () => {
    expect(missingBefore(['2026-09'], '2026-12')).toEqual(['2026-10', '2026-11']);
    expect(missingBefore(['2026-11'], '2026-12')).toEqual([]);
    expect(missingBefore([], '2026-12')).toEqual([]);
    expect(missingBefore(['2025-11', '2026-02'], '2026-01')).toEqual(['2025-12']);
  });

  it('roster generate warns, and says nothing when months are generated in order', async () => {
    const L = await newLedger();
    const x = (args: string[]) => runIn(args, { cwd: L });
    for (const [n, t] of [['张志强', '党委副书记'], ['刘芳', '副乡长']]) expect((await x(['leader', 'add', '--name', n!, '--title', t!, '--role', 'member'])).code).toBe(0);
    const first = await x(['roster', 'generate', '--month', '2026-07']);
    expect(first.stderr).toBe('');
    const warned = await x(['roster', 'generate', '--month', '2026-09']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('2026-08 还没有排班');
    expect(warned.stderr).toContain('xinfang roster generate --month 2026-08');
    const skip = await x(['roster', 'generate', '--month', '2026-11', '--json']);
    expect(skip.code, skip.stderr).toBe(0);
    expect(JSON.parse(skip.stdout).missing_months).toEqual(['2026-10']);
    const text = await x(['roster', 'generate', '--month', '2026-12']);
    expect(text.stderr).toBe('');
    const gap = await x(['roster', 'generate', '--month', '2026-10']);
    expect(gap.stderr).toBe('');
    const again = await x(['roster', 'generate', '--month', '2026-11', '--force']);
    expect(again.stderr).toBe('');
  });
});
