// A leader who retires keeps their past slots, but a slot on or after the retirement day is
// flagged: at `leader retire` (a warning naming the slots) and by `check` (with a hint).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newLedger, runIn } from '../helpers/index.js';

describe('leader retire with slots left in the roster', () => {
  it('records the retirement day, warns about later slots, and check flags them until reassigned', async () => {
    const L = await newLedger();
    const x = (args: string[]) => runIn(args, { cwd: L });
    for (const [n, t] of [['张志强', '党委副书记'], ['刘芳', '副乡长'], ['陈伟', '副乡长']]) expect((await x(['leader', 'add', '--name', n!, '--title', t!, '--role', 'member'])).code).toBe(0);
    expect((await x(['roster', 'generate', '--month', '2026-11'])).code).toBe(0);
    expect((await x(['roster', 'generate', '--month', '2026-12'])).code).toBe(0);
    expect((await x(['check'])).code).toBe(0);

    const r = await x(['leader', 'retire', '刘芳']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/刘芳 在已生成的排班中还有 \d+ 个班次/);
    const leaders = parse(readFileSync(join(L, 'leaders.yaml'), 'utf8')).leaders;
    expect(leaders.find((l: { name: string }) => l.name === '刘芳')).toMatchObject({ active: false, retired_on: '2026-11-25' });

    const c = await x(['check', '--json']);
    expect(c.code).toBe(1);
    const problems = JSON.parse(c.stdout).problems as { code: string; file: string; message: string }[];
    const retired = problems.filter((p) => p.code === 'roster-retired');
    expect(retired.length).toBeGreaterThan(0);
    expect(retired.every((p) => /2026-1[12]-\d\d/.test(p.message) && p.message >= '')).toBe(true);
    // Slots before the retirement day are history and stay unflagged.
    expect(retired.some((p) => /2026-11-(0\d|1\d|2[0-4]) /.test(p.message))).toBe(false);

    expect((await x(['roster', 'generate', '--month', '2026-12', '--force'])).code).toBe(0);
    const dec = parse(readFileSync(join(L, 'rosters', '2026-12.yaml'), 'utf8')).slots as { leader: string }[];
    expect(dec.some((s) => s.leader === 'L02')).toBe(false);
  });

  it('says nothing more when the leader has no slots left', async () => {
    const L = await newLedger();
    expect((await runIn(['leader', 'add', '--name', '赵军', '--title', '纪委书记', '--role', 'member'], { cwd: L })).code).toBe(0);
    const r = await runIn(['leader', 'retire', '赵军'], { cwd: L });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
