import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holidayName, parseCalendarText } from '../../src/calendar/import.js';
import { InputError } from '../../src/errors.js';

const yearsDir = join(dirname(createRequire(import.meta.url).resolve('chinese-days/package.json')), 'dist', 'years');

function err(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const ics = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events, 'END:VCALENDAR', ''].join('\r\n');
const ev = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');

describe('iCalendar', () => {
  it("reads chinese-days' own 2026.ics: DTEND exclusive, (休) rest days, (班) working days", () => {
    const p = parseCalendarText('2026.ics', readFileSync(join(yearsDir, '2026.ics'), 'utf8'));
    expect(p.format).toBe('ics');
    const by = new Map(p.days.map((d) => [d.date, d]));
    expect(by.get('2026-10-01')).toEqual({ date: '2026-10-01', off: true, name: '国庆节' });
    expect(by.get('2026-10-07')?.off).toBe(true);
    expect(by.has('2026-10-08')).toBe(false);
    expect(by.get('2026-10-10')).toEqual({ date: '2026-10-10', off: false, name: '国庆节' });
    expect(by.get('2026-02-14')).toEqual({ date: '2026-02-14', off: false, name: '春节' });
    expect(p.days.filter((d) => d.off)).toHaveLength(33);
    expect(p.days.filter((d) => !d.off)).toHaveLength(6);
  });

  it('reads the English ics the same way (Holiday / Workday)', () => {
    const zh = parseCalendarText('a.ics', readFileSync(join(yearsDir, '2025.ics'), 'utf8')).days.map((d) => [d.date, d.off]);
    const en = parseCalendarText('b.ics', readFileSync(join(yearsDir, '2025.en.ics'), 'utf8')).days.map((d) => [d.date, d.off]);
    expect(en).toEqual(zh);
  });

  it('unfolds continuation lines and accepts LF endings, date-times and DURATION', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20300101',
      'SUMMARY:元',
      ' 旦',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20300204T000000',
      'DURATION:P3D',
      'SUMMARY:春节 假期 第1天/共3天',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20300209T000000Z',
      'DTEND:20300209T100000Z',
      'SUMMARY:春节 补班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const p = parseCalendarText('x.ics', text);
    expect(p.days).toEqual([
      { date: '2030-01-01', off: true, name: '元旦' },
      { date: '2030-02-04', off: true, name: '春节' },
      { date: '2030-02-05', off: true, name: '春节' },
      { date: '2030-02-06', off: true, name: '春节' },
      { date: '2030-02-09', off: false, name: '春节' },
    ]);
  });

  it('names the line of a missing DTSTART, a bad date, an end before the start, a conflict', () => {
    expect(err(() => parseCalendarText('a.ics', ics(ev('SUMMARY:春节(休)')))).message).toMatch(/^a\.ics:3: .*DTSTART/);
    expect(err(() => parseCalendarText('a.ics', ics(ev('DTSTART;VALUE=DATE:20300230', 'SUMMARY:x')))).message).toMatch(/^a\.ics:4: .*20300230/);
    expect(err(() => parseCalendarText('a.ics', ics(ev('DTSTART;VALUE=DATE:20300105', 'DTEND;VALUE=DATE:20300105', 'SUMMARY:x')))).message).toMatch(/^a\.ics:5: DTEND/);
    expect(err(() => parseCalendarText('a.ics', ics(ev('DTSTART;VALUE=DATE:20300105')))).message).toMatch(/SUMMARY/);
    const conflict = err(() => parseCalendarText('a.ics', ics(ev('DTSTART;VALUE=DATE:20300105', 'SUMMARY:a(休)'), ev('DTSTART;VALUE=DATE:20300105', 'SUMMARY:a(班)'))));
    expect(conflict.message).toMatch(/2030-01-05 既标为上班/);
    expect(err(() => parseCalendarText('a.ics', ics())).message).toMatch(/没有任何 VEVENT/);
    expect(err(() => parseCalendarText('a.ics', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20300101\r\n')).message).toMatch(/END:VEVENT/);
  });

  it('holidayName strips the markers', () => {
    expect(holidayName('春节(休)')).toBe('春节');
    expect(holidayName('国庆节（班）')).toBe('国庆节');
    expect(holidayName('Mid-autumn Festival(Holiday)')).toBe('Mid-autumn Festival');
    expect(holidayName('(休)')).toBe('(休)');
  });
});

describe('JSON', () => {
  it('reads the holiday-cn per-year format', () => {
    const p = parseCalendarText('2030.json', JSON.stringify({ year: 2030, papers: ['通知'], days: [{ name: '元旦', date: '2030-01-01', isOffDay: true }, { name: '春节', date: '2030-01-27', isOffDay: false }] }, null, 2));
    expect(p).toEqual({ format: 'holiday-cn', year: 2030, source: '通知', days: [{ date: '2030-01-01', off: true, name: '元旦' }, { date: '2030-01-27', off: false, name: '春节' }] });
  });

  it("reads chinese-days' per-year JSON", () => {
    const p = parseCalendarText('2026.json', readFileSync(join(yearsDir, '2026.json'), 'utf8'));
    expect(p.format).toBe('chinese-days');
    expect(p.days.find((d) => d.date === '2026-09-20')).toEqual({ date: '2026-09-20', off: false, name: '国庆节' });
  });

  it('names the field and line of a bad day, and the line of a syntax error', () => {
    const text = '{\n  "year": 2030,\n  "days": [\n    {"name": "元旦", "date": "2030-01-01", "isOffDay": true},\n    {"name": "春节", "date": "2030-02-30", "isOffDay": true}\n  ]\n}\n';
    const e = err(() => parseCalendarText('h.json', text));
    expect(e.message).toMatch(/^h\.json:5: days\[1\]\.date/);
    const e2 = err(() => parseCalendarText('h.json', text.replace('"2030-02-30", "isOffDay": true', '"2030-02-03", "isOffDay": "yes"')));
    expect(e2.message).toMatch(/^h\.json:5: days\[1\]\.isOffDay/);
    const e3 = err(() => parseCalendarText('h.json', '{\n  "year": 2030,\n  "days": [\n    {"name": "x",}\n  ]\n}'));
    expect(e3.message).toMatch(/^h\.json:4: JSON 语法错误/);
    const dup = JSON.stringify({ year: 2030, days: [{ name: 'a', date: '2030-01-01', isOffDay: true }, { name: 'a', date: '2030-01-01', isOffDay: true }] });
    expect(err(() => parseCalendarText('h.json', dup)).message).toMatch(/重复/);
  });

  it('refuses a file that is neither JSON nor iCalendar', () => {
    expect(err(() => parseCalendarText('x.txt', '2030-01-01 元旦')).message).toMatch(/不认识的文件格式/);
  });
});
