// Seed, 第五篇 三：“区委书记每月安排一天、区长每月安排两天时间接待群众来访”. The district preset finds
// the 书记 and the 区长 within compound titles; the office may name the leader in the rule; and
// when nobody holds a post a rule names, `roster generate` and `check` fail (exit 1).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newLedger, runIn } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';

const x = (root: string, args: string[]) => runIn(args, { cwd: root });
const slots = (root: string, rule: string) => readYaml(root, 'rosters/2026-12.yaml', RosterFile).slots.filter((s) => s.rule === rule);

describe('district rules by post (第五篇 三 区委书记每月一天、区长每月两天)', () => {
  it('中共市中区委书记 gets the 15th, 区委副书记、区长 two days; check --strict passes', async () => {
    const root = await newLedger({ preset: 'district', unit: '市中区', code: 'SZ', leaders: [['赵一', '中共市中区委书记', 'principal'], ['钱二', '区委副书记、区长', 'principal'], ['孙三', '常务副区长', 'member']] });
    const g = await x(root, ['roster', 'generate', '--month', '2026-12']);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).not.toContain('注意');
    expect(slots(root, '区委书记接访日').map((s) => [s.leader, s.date])).toEqual([['L01', '2026-12-15']]);
    expect(slots(root, '区长接访日').map((s) => s.leader)).toEqual(['L02', 'L02']);
    expect((await x(root, ['check', '--strict'])).code).toBe(0);
  });

  it('nobody holds 区长 (only a 副区长): generate exits 1 writing nothing, check exits 1 naming the rule', async () => {
    const root = await newLedger({ preset: 'district', unit: '市中区', code: 'SZ', leaders: [['赵一', '区委书记', 'principal'], ['孙三', '副区长', 'member']] });
    const g = await x(root, ['roster', 'generate', '--month', '2026-12']);
    expect(g.code).toBe(1);
    expect(g.stderr).toContain('排班规则“区长接访日”必须有人接访，但没有在任领导符合（职务为 区长）');
    expect(existsSync(join(root, 'rosters', '2026-12.yaml'))).toBe(false);
    const c = await x(root, ['check', '--json']);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.stdout).problems).toEqual([expect.objectContaining({ code: 'rule-empty', file: 'xinfang.yaml' })]);

    // The office names its leader in the rule (the 区长 post is held by 孙三 for now): both pass.
    const cfg = join(root, 'xinfang.yaml');
    const text = readFileSync(cfg, 'utf8');
    const fixed = text.replace(/(- name: 区长接访日[\s\S]*?pool:\s*\n\s*titles:\s*\n\s*- 区长)/, '$1\n        leaders:\n          - 孙三');
    expect(fixed).not.toBe(text);
    writeFileSync(cfg, fixed);
    expect((await x(root, ['check'])).code).toBe(0);
    const g2 = await x(root, ['roster', 'generate', '--month', '2026-12']);
    expect(g2.code, g2.stderr).toBe(0);
    expect(slots(root, '区长接访日').map((s) => s.leader)).toEqual(['L02', 'L02']);
  });
});
