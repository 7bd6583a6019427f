// The county roll-up: 合计 rows in every breakdown, change against the previous period.
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../helpers/index.js';
import { buildFixture, type Fixture } from './reports-fixture.js';

let fx: Fixture;
let other: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
  other = await buildFixture({ unit: '白石镇', code: 'BS' });
}, 180_000);

const cli = (args: string[], root = fx.root) => runIn(['--ledger', root, ...args]);

describe('county roll-up', () => {
  it('every breakdown has a 合计 row; the overview and the rates compare with the previous period', async () => {
    const res = await cli(['report', 'stats', '--quarter', '2026Q3', '--include', other.root, '--format', 'md']);
    expect(res.code, res.stderr).toBe(0);
    const md = res.stdout;
    // 2026Q3: each office registered 5 (4 visits, 1 letter); 2026Q2: 1 each.
    expect(md).toContain('| 项目 | 青山乡 | 白石镇 | 合计 | 上期合计 | 增减 |');
    expect(md).toContain('| 登记信访事项（件） | 5 | 5 | 10 | 2 | +8 |');
    expect(md).toContain('| 来访 | 4 | 4 | 8 |');
    expect(md).toMatch(/## 按信访渠道[\s\S]*?\| 合计 \| 5 \| 5 \| 10 \|/);
    expect(md).toMatch(/## 按月份[\s\S]*?\| 合计 \| 5 \| 5 \| 10 \|/);
    expect(md).toMatch(/\| 及时受理率 \| 60\.0% \| 60\.0% \| 60\.0% \| 6\/10 \| [^|]+ \| [^|]+ \|/);
  });
});
