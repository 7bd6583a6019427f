import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCalendar, NotCoveredError } from '../../src/calendar/index.js';
import { LedgerFileError } from '../../src/errors.js';

const cal = loadCalendar();
const tmp = mkdtempSync(join(tmpdir(), 'xinfang-cal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ledgerWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmp, 'ledger-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('official data (chinese-days)', () => {
  it('covers exactly the years whose file the package ships', () => {
    const years = cal.coveredYears();
    expect(years[0]).toBe(2004);
    for (let y = 2004; y <= 2026; y++) expect(cal.covers(y)).toBe(true);
    expect(cal.covers(2003)).toBe(false);
    expect(cal.covers(2027)).toBe(false);
  });

  it('National Day 2026: 1–7 October off, 调休 on Sunday 20 September and Saturday 10 October', () => {
    for (let d = 1; d <= 7; d++) {
      const info = cal.day(`2026-10-0${d}`);
      expect(info).toMatchObject({ work: false, name: '国庆节', source: 'official' });
    }
    expect(cal.day('2026-10-08')).toMatchObject({ work: true, name: '' });
    expect(cal.day('2026-09-20')).toMatchObject({ work: true, name: '调休', holiday: '国庆节' });
    expect(cal.day('2026-10-10')).toMatchObject({ work: true, name: '调休', holiday: '国庆节' });
    // An ordinary Sunday after the holiday is a plain rest day.
    expect(cal.day('2026-10-11')).toMatchObject({ work: false, name: '' });
    // Mid-Autumn 2026 is its own three days, 25–27 September.
    for (const d of ['2026-09-25', '2026-09-26', '2026-09-27']) expect(cal.day(d)).toMatchObject({ work: false, name: '中秋' });
    expect(cal.isWorkday('2026-09-24')).toBe(true);
  });

  it('Spring Festival 2026: 15–23 February off, Saturdays 14 and 28 February are working days', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkday(`2026-02-${d}`)).toBe(false);
    expect(cal.day('2026-02-18').name).toBe('春节');
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    expect(cal.day('2026-02-14')).toMatchObject({ work: true, name: '调休', holiday: '春节' });
    expect(cal.day('2026-02-28')).toMatchObject({ work: true, name: '调休', holiday: '春节' });
    expect(cal.isWorkday('2026-02-21')).toBe(false);
  });

  it('plain weeks follow Monday–Friday', () => {
    expect(cal.workdaysIn('2026-03-02', '2026-03-08')).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
  });

  it('nextWorkday and addWorkdays step over holidays and stop on 调休 days', () => {
    expect(cal.nextWorkday('2026-10-01')).toBe('2026-10-08');
    expect(cal.nextWorkday('2026-10-10')).toBe('2026-10-10');
    expect(cal.nextWorkday('2026-02-14')).toBe('2026-02-14');
    expect(cal.nextWorkday('2026-02-15')).toBe('2026-02-24');
    expect(cal.addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkdays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkdays('2026-09-30', 4)).toBe('2026-10-12');
    expect(cal.addWorkdays('2026-09-30', 0)).toBe('2026-09-30');
  });

  it('counts 248 working days in 2026', () => {
    expect(cal.workdaysIn('2026-01-01', '2026-12-31')).toHaveLength(248);
  });

  it('a year without data throws NotCoveredError naming the year and how to add it', () => {
    expect(() => cal.day('2027-01-04')).toThrow(NotCoveredError);
    try {
      cal.isWorkday('2027-03-01');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NotCoveredError);
      expect((e as NotCoveredError).year).toBe(2027);
      expect((e as Error).message).toContain('calendar/2027.yaml');
      expect((e as Error).message).toContain('xinfang calendar import');
    }
    // Stepping into the uncovered year is refused too, never guessed.
    expect(() => cal.nextWorkday('2026-12-31')).not.toThrow();
    expect(() => cal.addWorkdays('2026-12-30', 5)).toThrow(NotCoveredError);
  });

  it('rejects a date that does not exist', () => {
    expect(() => cal.day('2026-02-30')).toThrow(/日期/);
  });
});

describe('ledger calendar files', () => {
  const y2027 = [
    'year: 2027',
    'source: 单元测试用的虚构安排（非官方）',
    'days:',
    '  - date: 2027-02-18',
    '    off: true',
    '    name: 测试假日',
    '  - date: 2027-02-19',
    '    off: true',
    '    name: 测试假日',
    '  - date: 2027-02-20',
    '    off: false',
    '    name: 测试假日',
    '',
  ].join('\n');

  it('covers a year the package lacks; unlisted dates follow Monday–Friday', () => {
    const c = loadCalendar(ledgerWith({ 'calendar/2027.yaml': y2027 }));
    expect(c.covers(2027)).toBe(true);
    expect(c.coveredYears()).toContain(2027);
    expect(c.day('2027-02-18')).toMatchObject({ work: false, name: '测试假日', source: 'ledger' });
    expect(c.day('2027-02-20')).toMatchObject({ work: true, name: '调休', holiday: '测试假日', source: 'ledger' });
    expect(c.day('2027-02-21')).toMatchObject({ work: false, name: '', source: 'ledger' });
    expect(c.day('2027-02-22')).toMatchObject({ work: true, source: 'ledger' });
    expect(c.yearInfo(2027)).toMatchObject({ official: null, ledger: 'calendar/2027.yaml', ledgerDays: 3 });
    expect(c.covers(2028)).toBe(false);
  });

  it('overrides single dates of an official year and leaves the rest alone', () => {
    const c = loadCalendar(ledgerWith({ 'calendar/2026.yaml': 'year: 2026\nsource: 本单位\ndays:\n  - date: 2026-10-09\n    off: true\n    name: 国庆节（本单位补休）\n  - date: 2026-10-10\n    off: true\n    name: 本单位不调休\n' }));
    expect(c.day('2026-10-09')).toMatchObject({ work: false, name: '国庆节（本单位补休）', source: 'ledger' });
    expect(c.day('2026-10-10')).toMatchObject({ work: false, source: 'ledger' });
    expect(c.day('2026-10-08')).toMatchObject({ work: true, source: 'official' });
    expect(c.day('2026-10-01')).toMatchObject({ work: false, name: '国庆节', source: 'official' });
    expect(c.nextWorkday('2026-10-09')).toBe('2026-10-12');
  });

  it('refuses a broken or inconsistent file, naming file and line', () => {
    const broken = loadCalendar(ledgerWith({ 'calendar/2027.yaml': 'year: 2027\ndays:\n  - date: 2027-02-30\n    off: true\n' }));
    expect(() => broken.day('2027-03-01')).toThrow(LedgerFileError);
    try {
      broken.day('2027-03-01');
    } catch (e) {
      expect((e as LedgerFileError).problems[0]).toMatchObject({ file: 'calendar/2027.yaml', line: 3 });
    }
    const outside = loadCalendar(ledgerWith({ 'calendar/2027.yaml': 'year: 2027\ndays:\n  - date: 2027-02-01\n    off: true\n    name: x\n  - date: 2028-01-03\n    off: true\n    name: x\n' }));
    expect(() => outside.isWorkday('2027-02-01')).toThrow(/2028-01-03 不在 2027 年内/);
    const dup = loadCalendar(ledgerWith({ 'calendar/2026.yaml': 'year: 2026\ndays:\n  - date: 2026-05-06\n    off: true\n    name: x\n  - date: 2026-05-06\n    off: false\n' }));
    expect(() => dup.isWorkday('2026-05-06')).toThrow(/重复/);
    // Another year is unaffected by a bad file.
    expect(dup.isWorkday('2025-05-06')).toBe(true);
  });

  it('uses years shipped in data/calendar when the package lacks them', () => {
    const dataDir = mkdtempSync(join(tmp, 'data-'));
    writeFileSync(join(dataDir, '2030.yaml'), 'year: 2030\nsource: 测试\ndays:\n  - date: 2030-01-01\n    off: true\n    name: 元旦\n');
    const c = loadCalendar(undefined, { dataDir });
    expect(c.covers(2030)).toBe(true);
    expect(c.day('2030-01-01')).toMatchObject({ work: false, name: '元旦', source: 'official' });
    expect(c.yearInfo(2030).official).toContain('data/calendar/2030.yaml');
    expect(c.isWorkday('2030-01-02')).toBe(true);
  });

  it('covers() answers from the package file being there, without reading it; a ledger file of the year is still validated', () => {
    const officialDir = mkdtempSync(join(tmp, 'official-'));
    // Not JSON: reading it would throw, so covers() must not read it.
    writeFileSync(join(officialDir, '2030.json'), 'not json');
    const c = loadCalendar(undefined, { officialDir, dataDir: join(tmp, 'none') });
    expect(c.covers(2030)).toBe(true);
    expect(c.covers(2031)).toBe(false);
    expect(() => c.day('2030-01-02')).toThrow(SyntaxError);
    // A ledger file for such a year is read (and refused when broken) as before.
    const goodDir = mkdtempSync(join(tmp, 'official-'));
    writeFileSync(join(goodDir, '2030.json'), '{"holidays":{},"workdays":{}}');
    const withLedger = loadCalendar(ledgerWith({ 'calendar/2030.yaml': 'year: 2030\ndays:\n  - date: 2030-02-30\n    off: true\n' }), { officialDir: goodDir, dataDir: join(tmp, 'none') });
    expect(() => withLedger.covers(2030)).toThrow(LedgerFileError);
  });

  it('a year is covered only when the package file exists (an empty package folder covers nothing)', () => {
    const c = loadCalendar(undefined, { officialDir: mkdtempSync(join(tmp, 'official-')), dataDir: join(tmp, 'none') });
    expect(c.coveredYears()).toEqual([]);
    expect(() => c.day('2026-10-01')).toThrow(NotCoveredError);
  });
});
