// case merge on a real ledger: every visit of the duplicate (its registration and its further
// visits) becomes one of the original, counted once; a chain of merges loses nothing; a
// merged event pointing at no case is reported by check --strict.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newLedger, runIn, TEAM } from '../helpers/index.js';

describe('case merge', () => {
  it('moves every visit of the duplicate to the original, through a chain of merges', async () => {
    const L = await newLedger({ leaders: TEAM });
    const x = async (args: string[]) => {
      const r = await runIn(args, { cwd: L });
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    const reg = (date: string, summary: string) => x(['visit', 'add', '--no-input', '--new-matter', '--date', date, '--name', '张秀英', '--phone', '13800138000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', summary, '--leader', '张志强']);
    await reg('2026-03-02', '遗属抚恤金未发放');
    await reg('2026-04-02', '抚恤金的事');
    await reg('2026-05-02', '抚恤的事又来了');
    await x(['visit', 'add', '--no-input', '--case', 'A0003', '--date', '2026-05-20', '--name', '张秀英', '--leader', '张志强']);
    const stats = async () => JSON.parse((await x(['report', 'stats', '--from', '2026-01-01', '--to', '2026-11-25', '--json'])).stdout);
    const before = await stats();
    expect(before.total).toBe(3);
    expect(before.visits.batches).toBe(4);
    await x(['case', 'merge', 'A0003', '--into', 'A0002']);
    await x(['case', 'merge', 'A0002', '--into', 'A0001']);
    const a1 = JSON.parse((await x(['case', 'show', 'A0001', '--json'])).stdout);
    expect(a1.visits.batches).toBe(4);
    expect(a1.matter_visits).toBe(4);
    const after = await stats();
    expect(after.total).toBe(1);
    expect(after.visits.batches).toBe(4);
    expect(after.items).toEqual({ total: 4, repeat: 3 });
    expect((await runIn(['case', 'merge', 'A0003', '--into', 'A0001'], { cwd: L })).code).toBe(2);
    expect((await runIn(['case', 'merge', 'A0001', '--into', 'A0002'], { cwd: L })).code).toBe(2); // A0002 is merged away
    const onMerged = await runIn(['visit', 'add', '--no-input', '--case', 'A0003', '--name', '张秀英', '--leader', '张志强'], { cwd: L });
    expect(onMerged.code).toBe(2);
    expect(onMerged.stderr).toContain('已并入 QS-2026-A0002');
    // Nothing more is handled on a merged case (its original is), and nothing is written.
    const head = (await x(['case', 'history', 'A0003', '--json'])).stdout;
    for (const step of [
      ['case', 'accept', 'A0003'],
      ['case', 'assign', 'A0003', '--leader', '王建国'],
      ['case', 'decline', 'A0003', '--reason', '重复登记'],
    ]) {
      const r = await runIn(step, { cwd: L });
      expect(r.code, step.join(' ')).toBe(2);
      expect(r.stderr).toContain('已并入');
    }
    expect((await x(['case', 'history', 'A0003', '--json'])).stdout).toBe(head);
    expect((await runIn(['check', '--strict'], { cwd: L })).code).toBe(0);
    // A merged event pointing at no case: reported.
    const f = join(L, 'cases', '2026', 'QS-2026-A0002.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('into: QS-2026-A0001', 'into: QS-2026-A0099'));
    const bad = await runIn(['check', '--strict'], { cwd: L });
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain('QS-2026-A0099');
  });
});
