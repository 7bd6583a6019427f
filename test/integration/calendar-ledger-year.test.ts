// A year covered only by the ledger's own calendar/YYYY.yaml (imported test data): the
// month view lists the listed days only, not every ordinary weekday as a ledger day.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newLedger, runIn, tempDir } from '../helpers/index.js';

/** Not an official schedule: made-up test data for a year the package lacks. */
const TEST_2027 = {
  year: 2027,
  papers: ['测试数据（虚构，非官方安排）'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '元旦', date: '2027-01-02', isOffDay: true },
    { name: '元旦', date: '2027-01-03', isOffDay: true },
    { name: '测试补班', date: '2027-01-09', isOffDay: false },
    { name: '本单位调整', date: '2027-01-12', isOffDay: false },
    // The other statutory holidays (a list without them is refused as partial): made-up Saturdays.
    ...[
      ['春节', '2027-02-13'],
      ['清明节', '2027-04-03'],
      ['劳动节', '2027-05-01'],
      ['端午节', '2027-06-12'],
      ['中秋节', '2027-09-18'],
      ['国庆节', '2027-10-02'],
    ].map(([name, date]) => ({ name: name!, date: date!, isOffDay: true })),
  ],
};

describe('calendar show for a year covered by the ledger only', () => {
  it('lists the holidays and the listed working days, not every weekday', async () => {
    const root = await newLedger();
    const files = tempDir();
    writeFileSync(join(files, '2027.json'), JSON.stringify(TEST_2027));
    const x = (args: string[]) => runIn([...args, '--ledger', root], { cwd: files });
    expect((await x(['calendar', 'import', '2027.json'])).code).toBe(0);
    const r = await x(['calendar', 'show', '--month', '2027-01']);
    expect(r.code, r.stderr).toBe(0);
    const notes = r.stdout.split('\n').filter((l) => /^\d+月\d+日/.test(l));
    expect(notes).toEqual([
      '1月1日 至 1月3日 元旦 放假，3 天',
      '1月9日（星期六）调休上班（测试补班）  [台账]',
      '1月12日（星期二）照常上班（本单位调整）  [台账]',
    ]);
    const j = JSON.parse((await x(['calendar', 'show', '--month', '2027-01', '--json'])).stdout);
    expect(j.days.find((d: { date: string }) => d.date === '2027-01-04')).toMatchObject({ work: true, kind: 'workday' });
  });
});
