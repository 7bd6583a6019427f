// The built-in 阶段性工作总结: the problems section names every shortfall the figures show
// (late acceptance, late closure, dissatisfied petitioners, repeats, leader-owned cases),
// says so when there is none, and the text has no stray blank lines.
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../helpers/index.js';
import { buildFixture, type Fixture } from './reports-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 120_000);

const section = (text: string, head: string) => text.slice(text.indexOf(head), text.indexOf('四、'));

describe('report summary (built-in template)', () => {
  it('2026Q3: every shortfall is named in 存在的问题', async () => {
    const res = await runIn(['--ledger', fx.root, 'report', 'summary', '--quarter', '2026Q3']);
    expect(res.code, res.stderr).toBe(0);
    const p = section(res.stdout, '三、存在的问题');
    expect(p).toContain('2 件事项未能在期限内作出受理决定'); // 及时受理率 3/5
    expect(p).toContain('1 件事项未能按期办结'); // 按期办结率 1/2
    expect(p).toContain('信访人不满意 1 次'); // E's first closure
    expect(p).toContain('重复信访 2 件次');
    expect(p).toContain('低于 85% 的目标');
    expect(res.stdout).not.toMatch(/\n\s*\n\s*\n/);
  });

  it('an empty period: no shortfall, said in words; no empty section', async () => {
    const res = await runIn(['--ledger', fx.root, 'report', 'summary', '--quarter', '2026Q1']);
    expect(res.code, res.stderr).toBe(0);
    expect(section(res.stdout, '三、存在的问题')).toContain('本期各项指标未发现突出问题');
    expect(res.stdout).not.toMatch(/\n\s*\n\s*\n/);
  });
});
