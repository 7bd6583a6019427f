// At the desk: a time later today is refused naming the time, not the date.
import { beforeEach, describe, expect, it } from 'vitest';
import { commits, git, newLedger, runIn } from '../helpers/index.js';

let L: string;
const x = (args: string[]) => runIn(args, { cwd: L });

beforeEach(async () => {
  L = await newLedger();
  expect((await x(['leader', 'add', '--name', '刘芳', '--title', '副乡长', '--role', 'member'])).code).toBe(0);
});

const BASE = ['visit', 'add', '--name', '张秀英', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金未发放', '--leader', '刘芳'];

describe('the time of a visit', () => {
  it('refuses --at later today (now is 09:30) naming --at and both times, writing nothing', async () => {
    const before = commits(L).length;
    const r = await x([...BASE, '--at', '2026-11-25 10:30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--at');
    expect(r.stderr).toContain('10:30');
    expect(r.stderr).toContain('09:30');
    expect(r.stderr).not.toContain('在今天（2026-11-25）之后');
    expect(commits(L)).toHaveLength(before);
    expect(git(L, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
  it('takes --at earlier today and records that time', async () => {
    const r = await x([...BASE, '--at', '2026-11-25 08:45', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).case.received_at).toBe('2026-11-25T08:45:00+08:00');
  });
  it('refuses a later day with --date, naming --date', async () => {
    const r = await x([...BASE, '--date', '2026-11-26']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--date（来访日期）：2026-11-26 在今天（2026-11-25）之后');
  });
});
