// The built CLI: calendar check on an uncovered year, a bad import that writes nothing,
// a good import that makes the year covered.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commits, ensureBuilt, git, run, tempDir } from '../helpers/index.js';

beforeAll(() => {
  ensureBuilt();
}, 120_000);

function ledger(): string {
  const dir = join(tempDir(), '台账');
  const init = run(['init', dir, '--unit', '青山乡', '--code', 'QS'], { env: { XINFANG_CLERK: '王登记' } });
  expect(init.code).toBe(0);
  return dir;
}

describe('xinfang calendar (built)', () => {
  it('check --year 2027 exits 1 and says how to add the year; 2026 is covered', () => {
    const cwd = tempDir();
    const r = run(['calendar', 'check', '--year', '2027'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('2027 年未覆盖');
    expect(r.stderr).toContain('calendar/2027.yaml');
    expect(r.stderr).toContain('xinfang calendar import');
    const json = run(['calendar', 'check', '--year', '2027', '--json'], { cwd });
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stderr) as { error: { code: string } }).error.code).toBe('not_covered');
    const ok = run(['calendar', 'check', '--year', '2026'], { cwd });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('2026 年已覆盖：工作日 248 天');
  });

  it('a bad import file exits 2 naming the line and field, and leaves the ledger untouched', () => {
    const dir = ledger();
    const before = commits(dir).length;
    const file = join(tempDir(), 'holidays.json');
    writeFileSync(file, JSON.stringify({ year: 2027, days: [{ name: '测试', date: '2027-02-08', isOffDay: true }, { name: '测试', date: '2027-13-01', isOffDay: true }] }, null, 2));
    const r = run(['calendar', 'import', file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holidays\.json:\d+: days\[1\]\.date/);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    expect(commits(dir).length).toBe(before);
  });

  it('a good import (made-up test data) commits calendar/2027.yaml and the year is then covered', () => {
    const dir = ledger();
    const file = join(tempDir(), '2027.ics');
    writeFileSync(
      file,
      [
        'BEGIN:VCALENDAR', 'VERSION:2.0',
        'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270208', 'DTEND;VALUE=DATE:20270211', 'SUMMARY:测试假日(休)', 'END:VEVENT',
        'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'DTEND;VALUE=DATE:20270207', 'SUMMARY:测试假日(班)', 'END:VEVENT',
        // A year's list names the seven statutory holidays (else it is refused as partial): made-up Saturdays.
        ...[['元旦', '20270102'], ['春节', '20270213'], ['清明', '20270403'], ['劳动节', '20270501'], ['端午', '20270612'], ['中秋', '20270918'], ['国庆', '20271002']].flatMap(([n, d]) => ['BEGIN:VEVENT', `DTSTART;VALUE=DATE:${d}`, `DTEND;VALUE=DATE:${String(Number(d) + 1)}`, `SUMMARY:${n}(休)`, 'END:VEVENT']),
        'END:VCALENDAR', '',
      ].join('\r\n'),
    );
    const r = run(['calendar', 'import', file], { cwd: dir, env: { XINFANG_CLERK: '王登记' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(commits(dir)[0]).toEqual({ author: '王登记', subject: '导入 2027 年节假日安排' });
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    const check = run(['calendar', 'check', '--year', '2027'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('调休上班 1 天');
    const month = run(['calendar', 'show', '--month', '2027-02', '--json'], { cwd: dir });
    const days = (JSON.parse(month.stdout) as { days: { date: string; kind: string; source: string }[] }).days;
    expect(days.find((d) => d.date === '2027-02-06')).toMatchObject({ kind: 'adjusted', source: 'ledger' });
    expect(days.find((d) => d.date === '2027-02-09')).toMatchObject({ kind: 'holiday', source: 'ledger' });
  });
});
