// Next year's calendar (issue 12, item 7): `calendar import` of a year must contain the seven
// statutory holidays (元旦、春节、清明、劳动节、端午、中秋、国庆) or says which are missing, writing
// nothing; `calendar check` never reports a partial year as covered. (The seed's deadlines —
// 第二篇 四“在规定期限内解决或答复” — are counted on this calendar.)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commits, newLedger, runIn, tempDir } from '../helpers/index.js';

/** Made-up data (not an official list): 2027 with only 元旦, 春节 and 国庆. */
const PARTIAL = {
  year: 2027,
  papers: ['测试数据（虚构，非官方安排）'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-08', isOffDay: true },
    { name: '国庆节', date: '2027-10-01', isOffDay: true },
  ],
};

describe('a partial year is never taken for the year', () => {
  it('calendar import refuses a list without 清明、劳动节、端午、中秋, names them, exit 2, nothing written', async () => {
    const root = await newLedger();
    const files = tempDir();
    writeFileSync(join(files, '2027.json'), JSON.stringify(PARTIAL));
    const before = commits(root).length;
    const r = await runIn(['calendar', 'import', '2027.json', '--ledger', root], { cwd: files });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('缺少法定节假日：清明、劳动节、端午、中秋');
    expect(existsSync(join(root, 'calendar', '2027.yaml'))).toBe(false);
    expect(commits(root).length).toBe(before);
  });

  it('calendar check reports a hand-written partial calendar/2027.yaml as not covered (exit 1)', async () => {
    const root = await newLedger({ git: false });
    mkdirSync(join(root, 'calendar'), { recursive: true });
    writeFileSync(join(root, 'calendar', '2027.yaml'), 'year: 2027\nsource: 草稿\ndays:\n  - date: 2027-01-01\n    off: true\n    name: 元旦\n');
    const r = await runIn(['calendar', 'check', '--year', '2027', '--ledger', root]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('2027 年的数据不完整，缺少法定节假日：春节、清明、劳动节、端午、中秋、国庆，不能当作已覆盖');
    expect(r.stdout).not.toContain('已覆盖：');
    // A full official year is covered.
    const ok = await runIn(['calendar', 'check', '--year', '2026', '--ledger', root]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('2026 年已覆盖');
  });
});
