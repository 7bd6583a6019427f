// A matter that keeps coming back (its visits over the case and the cases linked to it as
// repeats ≥ intake.escalate_after_visits) is flagged for a principal leader — at
// registration, in `case show` and in `case list` — until a principal leader owns the case.
import { beforeEach, describe, expect, it } from 'vitest';
import { git, newLedger, TEAM, runIn } from '../helpers/index.js';
import { makeId } from '../helpers/ids.js';

const ID1 = makeId('511102', '1958-03-15', '232');
let L: string;
const x = (args: string[]) => runIn(args, { cwd: L });

beforeEach(async () => {
  L = await newLedger({ leaders: TEAM });
});

const reg = (extra: string[]) => x(['visit', 'add', '--name', '张秀英', '--purpose', '求决', '--category', '民政/优抚救济', '--leader', '张志强', ...extra]);

async function threeVisitsOnOneMatter() {
  // The first visit gives only the ID number; the second only the phone (linked to the first by
  // name and phone is impossible, so it carries the ID too); the third only name and phone:
  // it links to the second, not to the first — the matter is still one.
  expect((await reg(['--id-number', ID1, '--summary', '丈夫系退伍军人，去世后遗属抚恤金一直未发放，请求核实发放'])).code).toBe(0);
  expect((await reg(['--id-number', ID1, '--phone', '13800138000', '--summary', '遗属抚恤金一直没有发放，丈夫是退伍军人，请求发放'])).code).toBe(0);
  const third = await reg(['--phone', '13800138000', '--summary', '退伍军人遗属抚恤金没有发放，请求发放', '--json']);
  expect(third.code, third.stderr).toBe(0);
  return JSON.parse(third.stdout);
}

describe('escalation of a matter that keeps coming back', () => {
  it('counts the visits of the whole matter, whichever case links to which', async () => {
    const third = await threeVisitsOnOneMatter();
    expect(third.case.repeat_of).toEqual(['QS-2026-A0002']);
    expect(third.repeat.visits).toBe(3);
    expect(third.escalate).toBe(true);
    for (const id of ['QS-2026-A0001', 'QS-2026-A0002', 'QS-2026-A0003']) {
      const shown = JSON.parse((await x(['case', 'show', id, '--json'])).stdout);
      expect(shown, id).toMatchObject({ escalate: true, matter_visits: 3 });
      const text = (await x(['case', 'show', id])).stdout;
      expect(text, id).toContain('主要领导');
    }
  });

  it('flags the cases in case list and filters them with --escalate, until a principal leader owns one', async () => {
    expect((await reg(['--id-number', ID1, '--summary', '抚恤金未发放'])).code).toBe(0);
    expect((await x(['visit', 'add', '--case', 'QS-2026-A0001', '--name', '张秀英', '--leader', '刘芳'])).code).toBe(0);
    expect((await reg(['--name', '李四', '--summary', '低保评定不公'])).code).toBe(0); // another person, another matter
    let list = JSON.parse((await x(['case', 'list', '--escalate', '--json'])).stdout);
    expect(list.cases.map((c: { id: string }) => c.id)).toEqual([]);
    expect((await x(['visit', 'add', '--case', 'QS-2026-A0001', '--name', '张秀英', '--leader', '刘芳'])).code).toBe(0);
    list = JSON.parse((await x(['case', 'list', '--escalate', '--json'])).stdout);
    expect(list.cases.map((c: { id: string; escalate: boolean }) => [c.id, c.escalate])).toEqual([['QS-2026-A0001', true]]);
    const all = JSON.parse((await x(['case', 'list', '--json'])).stdout);
    expect(all.cases.map((c: { escalate: boolean }) => c.escalate)).toEqual([true, false]);
    const table = (await x(['case', 'list'])).stdout;
    expect(table).toContain('交主要领导');
    // Owned by a principal leader: no longer flagged.
    const before = git(L, ['rev-parse', 'HEAD']);
    expect((await x(['case', 'assign', 'QS-2026-A0001', '--leader', '王建国'])).code).toBe(0);
    expect(git(L, ['rev-parse', 'HEAD'])).not.toBe(before);
    list = JSON.parse((await x(['case', 'list', '--escalate', '--json'])).stdout);
    expect(list.cases).toEqual([]);
    const shown = JSON.parse((await x(['case', 'show', 'QS-2026-A0001', '--json'])).stdout);
    expect(shown).toMatchObject({ escalate: false, matter_visits: 3 });
    expect((await x(['case', 'show', 'QS-2026-A0001'])).stdout).not.toContain('应由主要领导');
  });

  it('does not flag a closed or declined case', async () => {
    expect((await reg(['--id-number', ID1, '--summary', '抚恤金未发放'])).code).toBe(0);
    for (let i = 0; i < 2; i++) expect((await x(['visit', 'add', '--case', 'QS-2026-A0001', '--name', '张秀英', '--leader', '刘芳'])).code).toBe(0);
    expect(JSON.parse((await x(['case', 'show', 'QS-2026-A0001', '--json'])).stdout).escalate).toBe(true);
    expect((await x(['case', 'decline', 'QS-2026-A0001', '--reason', '已经依法终结'])).code).toBe(0);
    expect(JSON.parse((await x(['case', 'show', 'QS-2026-A0001', '--json'])).stdout).escalate).toBe(false);
  });
});
