// Found by using the roster as a township clerk would: hand changes that name the wrong
// slot, messages about rest days, the notice on a 调休 Saturday, regenerating an earlier
// month. Each refusal exits 2 and writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { commits, newLedger, runIn } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';

const x = (root: string, args: string[]) => runIn(args, { cwd: root });
const roster = (root: string, month: string) => readYaml(root, `rosters/${month}.yaml`, RosterFile);

const TOWNSHIP = [
  ['王建国', '党委书记', 'principal', '全面工作'],
  ['刘芳', '乡长', 'principal', '政府全面工作'],
  ['陈明', '党委副书记', 'member', '党建、综治信访'],
  ['赵军', '副乡长', 'member', '农业、水利'],
  ['李明华', '纪委书记', 'member', '纪检监察'],
  ['黄伟', '派出所所长', 'dept-principal', '治安'],
  ['何勇', '派出所副所长', 'dept-member', '治安'],
  ['吕静', '司法所副所长', 'dept-member', '人民调解'],
] as const;

describe('roster hand changes and messages (township)', () => {
  let root: string;
  beforeAll(async () => {
    root = await newLedger({ preset: 'township', unit: '青山乡', code: 'QS' });
    for (const [name, title, role, portfolio] of TOWNSHIP) {
      const r = await x(root, ['leader', 'add', '--name', name, '--title', title, '--role', role, '--portfolio', portfolio]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect((await x(root, ['roster', 'generate', '--quarter', '2026Q4'])).code).toBe(0);
  });

  it('set --replace naming a leader who has no slot that day is refused, not added as a second slot', async () => {
    const date = '2026-12-10';
    const before = roster(root, '2026-12').slots.filter((s) => s.date === date);
    const daily = before.find((s) => s.rule === '班子成员轮流值班')!;
    const absent = ['L03', 'L04', 'L05'].find((l) => !before.some((s) => s.leader === l))!;
    const notThere = 'L01'; // 王建国 has no slot on that day (monthly day elsewhere) — make sure
    expect(before.some((s) => s.leader === notThere)).toBe(false);
    const n = commits(root).length;
    const r = await x(root, ['roster', 'set', date, '--leader', absent, '--rule', '班子成员轮流值班', '--replace', '王建国']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--replace');
    expect(r.stderr).toContain('王建国');
    expect(commits(root).length).toBe(n);
    const after = roster(root, '2026-12').slots.filter((s) => s.date === date && s.rule === '班子成员轮流值班');
    expect(after).toEqual([daily]);
  });

  it('a day with several slots: the message names the leaders, not their ids', async () => {
    const f = roster(root, '2026-12');
    const date = [...new Set(f.slots.map((s) => s.date))].find((d) => f.slots.filter((s) => s.date === d).length > 1)!;
    const r = await x(root, ['roster', 'set', date, '--leader', '赵军']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rule');
    for (const s of f.slots.filter((s) => s.date === date)) expect(r.stderr).not.toMatch(new RegExp(`：${s.leader}[；）]`));
    expect(r.stderr).toMatch(/[王刘陈赵李黄何吕]/);
  });

  it('set and swap on a rest day say it is a rest day (and which holiday)', async () => {
    const n = commits(root).length;
    const set = await x(root, ['roster', 'set', '2026-10-03', '--leader', '赵军']);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('休息日');
    expect(set.stderr).toContain('国庆节');
    const swap = await x(root, ['roster', 'swap', '2026-12-05', '2026-12-08']);
    expect(swap.code).toBe(2);
    expect(swap.stderr).toContain('2026-12-05 是休息日');
    expect(commits(root).length).toBe(n);
  });

  it('case appoint on a rest day does not suggest roster set (which refuses rest days)', async () => {
    const v = await x(root, ['visit', 'add', '--date', '2026-11-24', '--name', '张三', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '申请低保']);
    expect(v.code, v.stderr).toBe(0);
    const id = /QS-2026-A\d{4}/.exec(v.stdout)![0];
    const r = await x(root, ['case', 'appoint', id, '--date', '2026-11-28']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('休息日');
    expect(r.stderr).not.toContain('roster set');
  });

  it('the notice marks a 调休 working weekend day and names the holidays when no one receives', async () => {
    const md = await x(root, ['roster', 'publish', '--month', '2026-10', '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/10月10日[^\n]*调休/);
    expect(md.stdout).toMatch(/10月1日至7日[^\n]*国庆节/);
    const html = await x(root, ['roster', 'publish', '--month', '2026-10', '--format', 'html']);
    expect(html.stdout).toMatch(/10月10日[^\n]*调休上班/);
    expect(html.stdout).toContain('10月1日至7日（国庆节）');
    const text = await x(root, ['roster', 'publish', '--month', '2026-10', '--format', 'text']);
    expect(text.stdout).toMatch(/10月10日[^\n]*调休/);
  });

  it('balance shows, for the quarterly floor rule, each leader\'s days under all rules and who is short of the floor', async () => {
    const r = await x(root, ['roster', 'balance', '--quarter', '2026Q4', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const floor = JSON.parse(r.stdout).rules.find((b: { rule: string }) => b.rule === '乡级领导季度接访');
    expect(floor).toMatchObject({ floor: true, floor_days: 1, short: [] });
    const all = ['2026-10', '2026-11', '2026-12'].flatMap((m) => roster(root, m).slots);
    for (const l of floor.leaders) expect(l.all_days).toBe(all.filter((s) => s.leader === l.id).length);
    expect(floor.leaders.every((l: { all_days: number }) => l.all_days >= 1)).toBe(true);
    const text = await x(root, ['roster', 'balance', '--quarter', '2026Q4']);
    expect(text.stdout).toContain('每季度至少 1 天');
    expect(text.stdout).toContain('各规则合计');
  });

  it('regenerating a month before months already generated says that the later ones were left as they are', async () => {
    const r = await x(root, ['roster', 'generate', '--month', '2026-10', '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2026-11、2026-12');
    expect(r.stdout).toContain('--force');
  });
});
