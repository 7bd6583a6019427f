// A year's holiday list names the seven statutory holidays (元旦、春节、清明、劳动节、端午、中秋、国庆);
// one that does not is partial and is never taken as the year (issue: next year's calendar).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingStatutory } from '../../src/calendar/statutory.js';

describe('missingStatutory', () => {
  it('every official year 2008–2026 shipped by chinese-days names all seven (2020: 中秋 inside the eight-day 国庆)', () => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('chinese-days/package.json')), 'dist', 'years');
    const years = readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f)).map((f) => Number(f.slice(0, 4))).filter((y) => y >= 2008);
    expect(years).toContain(2026);
    for (const y of years) {
      const d = JSON.parse(readFileSync(join(dir, `${y}.json`), 'utf8')) as { holidays: Record<string, string> };
      const days = Object.values(d.holidays).map((v) => ({ off: true, name: (v.split(',')[1] ?? v).trim() }));
      expect(missingStatutory(y, days), String(y)).toEqual([]);
    }
  });
  it('names what a partial list lacks; 调休 working days do not count; before 2008 only four existed', () => {
    const days = [
      { off: true, name: '元旦' },
      { off: true, name: '春节' },
      { off: false, name: '清明' },
      { off: true, name: '劳动节' },
      { off: true, name: '国庆节' },
    ];
    expect(missingStatutory(2027, days)).toEqual(['清明', '端午', '中秋']);
    expect(missingStatutory(2007, days)).toEqual([]);
  });
});
