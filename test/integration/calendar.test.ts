// The calendar on a real temp ledger: import (holiday-cn JSON and iCalendar), show, check,
// and the check rules for calendar/*.yaml.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commits, git, newLedger, runIn, tempDir } from '../helpers/index.js';
import { loadCalendar } from '../../src/calendar/index.js';
import { dateRange } from '../../src/domain/time.js';

const yearsDir = join(dirname(createRequire(import.meta.url).resolve('chinese-days/package.json')), 'dist', 'years');

let root = '';
let files = '';
const x = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', root], { env: { XINFANG_CLERK: '王登记', ...env }, cwd: files });

beforeEach(async () => {
  root = await newLedger();
  files = tempDir();
});

/** Made-up rest days (all Saturdays in 2027) named after the seven statutory holidays. */
const WEEKEND_SEVEN = [
  ['元旦', '2027-01-02'],
  ['春节', '2027-02-13'],
  ['清明节', '2027-04-03'],
  ['劳动节', '2027-05-01'],
  ['端午节', '2027-06-12'],
  ['中秋节', '2027-09-18'],
  ['国庆节', '2027-10-02'],
].map(([name, date]) => ({ name: name!, date: date!, isOffDay: true }));

/** Not an official schedule: made-up test data for a year the package lacks. */
const TEST_2027 = {
  year: 2027,
  papers: ['测试数据（虚构，非官方安排）'],
  days: [
    { name: '测试假日', date: '2027-02-06', isOffDay: false },
    { name: '测试假日', date: '2027-02-08', isOffDay: true },
    { name: '测试假日', date: '2027-02-09', isOffDay: true },
    { name: '测试假日', date: '2027-02-10', isOffDay: true },
    // A year's list names the seven statutory holidays (else it is refused as partial); these
    // made-up rest days fall on Saturdays, so the working days are as before.
    ...WEEKEND_SEVEN,
    { name: '跨年的日期', date: '2026-12-27', isOffDay: false },
  ],
};

/** The real 2020 schedule (国办发明电〔2019〕16号 and the 2020 Spring Festival extension), holiday-cn's format. */
function holidayCn2020(): string {
  const off: [string, string, string][] = [
    ['元旦', '2020-01-01', '2020-01-01'],
    ['春节', '2020-01-24', '2020-02-02'],
    ['清明节', '2020-04-04', '2020-04-06'],
    ['劳动节', '2020-05-01', '2020-05-05'],
    ['端午节', '2020-06-25', '2020-06-27'],
    ['国庆节、中秋节', '2020-10-01', '2020-10-08'],
  ];
  const work: [string, string][] = [
    ['春节', '2020-01-19'],
    ['劳动节', '2020-04-26'],
    ['劳动节', '2020-05-09'],
    ['端午节', '2020-06-28'],
    ['国庆节、中秋节', '2020-09-27'],
    ['国庆节、中秋节', '2020-10-10'],
  ];
  const days = [
    ...off.flatMap(([name, from, to]) => dateRange(from, to).map((date) => ({ name, date, isOffDay: true }))),
    ...work.map(([name, date]) => ({ name, date, isOffDay: false })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return JSON.stringify({ year: 2020, papers: ['http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm'], days }, null, 4);
}

describe('calendar import', () => {
  it('imports a holiday-cn JSON year the package lacks, commits it, and the ledger then covers the year', async () => {
    writeFileSync(join(files, '2027.json'), JSON.stringify(TEST_2027, null, 2));
    expect((await x(['calendar', 'check', '--year', '2027'])).code).toBe(1);

    const r = await x(['calendar', 'import', '2027.json', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ year: 2027, file: 'calendar/2027.yaml', format: 'holiday-cn', days: 11, rest_days: 10, work_days: 1, skipped: ['2026-12-27'], replaced: false });

    const saved = parse(readFileSync(join(root, 'calendar', '2027.yaml'), 'utf8')) as { year: number; source: string; days: unknown[] };
    expect(saved).toEqual({
      year: 2027,
      source: '测试数据（虚构，非官方安排）',
      days: [
        { date: '2027-02-06', off: false, name: '测试假日' },
        { date: '2027-02-08', off: true, name: '测试假日' },
        { date: '2027-02-09', off: true, name: '测试假日' },
        { date: '2027-02-10', off: true, name: '测试假日' },
        ...WEEKEND_SEVEN.map((d) => ({ date: d.date, off: true, name: d.name })),
      ].sort((a, b) => a.date.localeCompare(b.date)),
    });
    expect(commits(root)[0]).toEqual({ author: '王登记', subject: '导入 2027 年节假日安排' });
    expect(git(root, ['status', '--porcelain'])).toBe('');

    const cal = loadCalendar(root);
    expect(cal.day('2027-02-06')).toMatchObject({ work: true, name: '调休', source: 'ledger' });
    expect(cal.nextWorkday('2027-02-08')).toBe('2027-02-11');

    const check = await x(['calendar', 'check', '--year', '2027']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^2027 年已覆盖：工作日 \d+ 天/);
    // 2027 has 261 weekdays (1 January is a Friday); 3 are off and one Saturday is worked.
    expect(check.stdout).toContain('工作日 259 天');
    expect(check.stdout).toContain('调休上班 1 天');
    expect((await x(['check'])).code).toBe(0);
  });

  it("imports chinese-days' own 2026.ics and reproduces the official calendar day by day", async () => {
    const r = await x(['calendar', 'import', join(yearsDir, '2026.ics')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已导入 2026 年节假日安排：calendar/2026.yaml，放假 33 天，调休上班 6 天');
    // Only the ledger layer: an empty folder stands in for the package.
    const ledgerOnly = loadCalendar(root, { officialDir: tempDir(), dataDir: tempDir() });
    const official = loadCalendar();
    for (const d of dateRange('2026-01-01', '2026-12-31')) {
      expect(ledgerOnly.day(d).work, d).toBe(official.day(d).work);
      expect(ledgerOnly.day(d).source).toBe('ledger');
    }
    expect(ledgerOnly.day('2026-10-03').name).toBe('国庆节');
  });

  it('imports the real 2020 schedule in holiday-cn JSON and it agrees with chinese-days', async () => {
    writeFileSync(join(files, '2020.json'), holidayCn2020());
    const r = await x(['calendar', 'import', '2020.json', '--year', '2020']);
    expect(r.code).toBe(0);
    const ledgerOnly = loadCalendar(root, { officialDir: tempDir(), dataDir: tempDir() });
    const official = loadCalendar();
    for (const d of dateRange('2020-01-01', '2020-12-31')) expect(ledgerOnly.isWorkday(d), d).toBe(official.isWorkday(d));
    expect(ledgerOnly.yearInfo(2020).ledgerSource).toContain('gov.cn');
  });

  it('a second import of the same year replaces the file', async () => {
    writeFileSync(join(files, '2027.json'), JSON.stringify(TEST_2027));
    expect((await x(['calendar', 'import', '2027.json'])).code).toBe(0);
    writeFileSync(join(files, '2027b.json'), JSON.stringify({ ...TEST_2027, days: TEST_2027.days.filter((d) => d.date !== '2027-02-09') }));
    const r = await x(['calendar', 'import', '2027b.json']);
    expect(r.stdout).toContain('已更新 2027 年节假日安排');
    expect(loadCalendar(root).isWorkday('2027-02-09')).toBe(true);
  });

  it('bad files exit 2 naming the problem, and nothing is written', async () => {
    const before = commits(root).length;
    const cases: [string, string, RegExp][] = [
      ['bad.json', JSON.stringify({ year: 2027, days: [{ name: 'a', date: '2027-02-08', isOffDay: 'yes' }] }, null, 2), /bad\.json:\d+: days\[0\]\.isOffDay/],
      ['syntax.json', '{"year": 2027, "days": [}', /syntax\.json:1: JSON 语法错误/],
      ['none.json', JSON.stringify({ year: 2027, days: [] }), /没有 2027 年的日期/],
      ['bad.ics', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:春节(休)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', /bad\.ics:2: .*DTSTART/],
      ['two-years.ics', readFileSync(join(yearsDir, '2026.ics'), 'utf8').replace('DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261008', 'DTSTART;VALUE=DATE:20271001\r\nDTEND;VALUE=DATE:20271008'), /2026、2027 年的日期，请用 --year/],
      ['notes.txt', '2027-01-01 元旦', /不认识的文件格式/],
    ];
    for (const [name, text, re] of cases) {
      writeFileSync(join(files, name), text);
      const r = await x(['calendar', 'import', name]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(re);
    }
    writeFileSync(join(files, 'good.json'), JSON.stringify(TEST_2027));
    const wrongYear = await x(['calendar', 'import', 'good.json', '--year', '2028']);
    expect(wrongYear.code).toBe(2);
    expect(wrongYear.stderr).toContain('--year');
    const missing = await x(['calendar', 'import', 'nope.json']);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('文件不存在');
    expect(existsSync(join(root, 'calendar'))).toBe(false);
    expect(commits(root).length).toBe(before);
    expect(git(root, ['status', '--porcelain'])).toBe('');
  });
});

describe('calendar show and check', () => {
  it('show --month prints a grid with 休 and 班 and lists the holiday and the 调休 day', async () => {
    const r = await x(['calendar', 'show', '--month', '2026-10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' 1休  2休  3休  4休');
    expect(r.stdout).toContain('10班');
    expect(r.stdout).toContain('10月1日 至 10月7日 国庆节 放假，7 天');
    expect(r.stdout).toContain('10月10日（星期六）调休上班（国庆节）');
    expect(r.stdout).toContain('本月工作日 18 天');
  });

  it('show --year --json lists the special days and the summary', async () => {
    const r = await x(['calendar', 'show', '--year', '2026', '--json']);
    const doc = JSON.parse(r.stdout) as { summary: Record<string, number>; periods: { name: string; from: string; to: string; days: number }[]; days: { date: string; kind: string }[] };
    expect(doc.summary).toEqual({ workdays: 248, rest_days: 117, holidays: 33, holiday_weekdays: 19, adjusted: 6 });
    expect(doc.periods).toContainEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9 });
    expect(doc.days.filter((d) => d.kind === 'adjusted').map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('show and check refuse a year that is not covered, and bad options', async () => {
    const show = await x(['calendar', 'show', '--year', '2027']);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain('calendar/2027.yaml');
    expect((await x(['calendar', 'show'])).stderr).toContain('--year');
    expect((await x(['calendar', 'check', '--year', '20x7'])).code).toBe(2);
    expect((await x(['calendar', 'show', '--year', '2026', '--month', '2025-10'])).code).toBe(2);
  });

  it('check reports an inconsistent ledger calendar file with file:line, exit 1', async () => {
    mkdirSync(join(root, 'calendar'));
    writeFileSync(
      join(root, 'calendar', '2026.yaml'),
      ['year: 2026', 'days:', '  - date: 2026-11-02', '    off: true', '  - date: 2026-11-02', '    off: false', '  - date: 2025-12-31', '    off: true', '    name: x', ''].join('\n'),
    );
    const r = await x(['calendar', 'check', '--year', '2026']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('calendar/2026.yaml:3: 2026-11-02（星期一）标为休息日，但没有写节日名称');
    expect(r.stderr).toContain('calendar/2026.yaml:5: 日期 2026-11-02 重复');
    expect(r.stderr).toContain('calendar/2026.yaml:7: 日期 2025-12-31 不在 2026 年内');
    // Other commands that need the year refuse the file until it is repaired.
    expect((await x(['calendar', 'show', '--year', '2026'])).code).toBe(2);
  });
});

describe('xinfang check: calendar rules', () => {
  it('reports invalid files, a year that does not match the name, outside dates and duplicates', async () => {
    mkdirSync(join(root, 'calendar'));
    writeFileSync(join(root, 'calendar', '2027.yaml'), 'year: 2028\nsource: 测试\ndays:\n  - date: 2028-01-03\n    off: true\n    name: 测试\n  - date: 2028-01-03\n    off: true\n    name: 测试\n  - date: 2027-12-31\n    off: true\n    name: 测试\n');
    writeFileSync(join(root, 'calendar', '2029.yaml'), 'year: 2029\ndays:\n  - date: 2029-01-01\n    off: maybe\n');
    writeFileSync(join(root, 'calendar', 'notes.yaml'), 'x: 1\n');
    const r = await x(['check', '--json']);
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout) as { problems: { code: string; file: string; line: number }[] }).problems.map((p) => `${p.code} ${p.file}:${p.line}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'calendar-year-mismatch calendar/2027.yaml:1',
        'calendar-date-outside-year calendar/2027.yaml:10',
        'calendar-date-duplicate calendar/2027.yaml:7',
        'file-invalid calendar/2029.yaml:4',
        'calendar-file-name calendar/notes.yaml:1',
      ]),
    );
    expect(problems.filter((p) => p.includes('calendar/'))).toHaveLength(5);
  });
});
