// Reception hours, on the seed's rules:
//  - 第一篇 二：“乡级领导干部一般每季度安排一天时间接待群众来访；乡党政主要领导每月分别安排一天时间接待群众来访，
//    班子成员采取轮流方式每天值班接待群众来访；部门主要领导干部每月安排一次接访，班子成员采取轮流方式每周安排一次接访。”
//  - 第五篇 三：“区委书记每月安排一天、区长每月安排两天时间接待群众来访”。
// A rule that gives a day gets the office's working day (morning and afternoon, set per
// office in schedule.working_hours); only a rule that gives 一次 (per: once) may be a half day.
// The presets and the 公示 follow; `check` flags a 一天 rule published as half a day.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newLedger, runIn } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';

const x = (root: string, args: string[]) => runIn(args, { cwd: root });
const hoursOf = (root: string, month: string, rule: string) => [...new Set(readYaml(root, `rosters/${month}.yaml`, RosterFile).slots.filter((s) => s.rule === rule).map((s) => s.hours))];

function editConfig(root: string, fn: (t: string) => string): void {
  const p = join(root, 'xinfang.yaml');
  writeFileSync(p, fn(readFileSync(p, 'utf8')));
}

describe('reception hours: 一天 is the working day, only 一次 may be half a day', () => {
  it('township (第一篇 二): 主要领导“一天”、乡级领导“一天”、每天值班 get 08:30-17:00; 部门主要领导“一次” keeps a half day; the 公示 says so', async () => {
    const root = await newLedger({
      preset: 'township',
      leaders: [
        ['王建国', '党委书记', 'principal'],
        ['李明华', '乡长', 'principal'],
        ['张志强', '党委副书记', 'member'],
        ['刘芳', '副乡长', 'member'],
        ['周兵', '派出所所长', 'dept-principal'],
      ],
    });
    expect((await x(root, ['roster', 'generate', '--quarter', '2026Q4'])).code).toBe(0);
    for (const m of ['2026-10', '2026-11', '2026-12']) {
      expect(hoursOf(root, m, '主要领导接访日')).toEqual(['08:30-17:00']);
      expect(hoursOf(root, m, '班子成员轮流值班')).toEqual(['08:30-17:00']);
      expect(hoursOf(root, m, '部门主要领导接访')).toEqual(['08:30-11:30']);
    }
    const floor = ['2026-10', '2026-11', '2026-12'].flatMap((m) => hoursOf(root, m, '乡级领导季度接访'));
    for (const h of floor) expect(h).toBe('08:30-17:00');
    const md = await x(root, ['roster', 'publish', '--month', '2026-12', '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    // The 公示 row of each principal's day gives the whole day.
    for (const name of ['王建国', '李明华']) {
      const rows = md.stdout.split('\n').filter((l) => l.includes(name));
      expect(rows.length, md.stdout).toBeGreaterThan(0);
      for (const row of rows) expect(row).toContain('08:30-17:00');
    }
    expect(md.stdout).not.toMatch(/王建国[^\n]*11:30|李明华[^\n]*11:30/);
    expect((await x(root, ['check', '--strict'])).code).toBe(0);
  });

  it('district (第五篇 三): 区委书记“一天”、区长“两天” are whole days of the office’s working day', async () => {
    const root = await newLedger({ preset: 'district', unit: '市中区', code: 'SZ', leaders: [['赵一', '区委书记', 'principal'], ['钱二', '区长', 'principal'], ['孙三', '副区长', 'member']] });
    expect((await x(root, ['roster', 'generate', '--month', '2026-12'])).code).toBe(0);
    expect(hoursOf(root, '2026-12', '区委书记接访日')).toEqual(['09:00-17:00']);
    expect(hoursOf(root, '2026-12', '区长接访日')).toEqual(['09:00-17:00']);
  });

  it('the working day is the office’s own: schedule.working_hours changes every 一天 rule, not the 一次 ones', async () => {
    const root = await newLedger({ preset: 'township', leaders: [['王建国', '党委书记', 'principal'], ['张志强', '党委副书记', 'member'], ['周兵', '派出所所长', 'dept-principal']] });
    editConfig(root, (t) => t.replace(/working_hours: .*/, 'working_hours: 09:00-17:30'));
    expect((await x(root, ['roster', 'generate', '--month', '2026-12'])).code).toBe(0);
    expect(hoursOf(root, '2026-12', '主要领导接访日')).toEqual(['09:00-17:30']);
    expect(hoursOf(root, '2026-12', '班子成员轮流值班')).toEqual(['09:00-17:30']);
    expect(hoursOf(root, '2026-12', '部门主要领导接访')).toEqual(['08:30-11:30']);
  });

  it('check (exit 1) flags a 一天 rule given half a day; per: once (一次) makes it allowed', async () => {
    const root = await newLedger({ preset: 'township', git: false });
    editConfig(root, (t) => t.replace(/(- name: 主要领导接访日[\s\S]*?)per: day/, "$1per: day\n      hours: '08:30-11:30'"));
    const r = await x(root, ['check', '--json']);
    expect(r.code).toBe(1);
    const problems = JSON.parse(r.stdout).problems as { code: string; message: string }[];
    expect(problems).toEqual([expect.objectContaining({ code: 'rule-hours-day' })]);
    expect(problems[0]!.message).toContain('主要领导接访日');
    expect(problems[0]!.message).toContain('08:30-11:30 不是整个工作日 08:30-17:00');
    editConfig(root, (t) => t.replace(/(- name: 主要领导接访日[\s\S]*?)per: day/, '$1per: once'));
    expect((await x(root, ['check'])).code).toBe(0);
  });
});
