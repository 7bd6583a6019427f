// The deadline sets the index stores read back as they were made, and judged on any day they
// give what the folded case gives (src/index/stored-deadlines.ts, src/domain/shown-deadlines.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isOpen, type CaseState } from '../../src/domain/case.js';
import { deadlineSet, type DeadlineRules, type WarningRules } from '../../src/domain/deadlines.js';
import { setHasGap, shownDeadlines } from '../../src/domain/shown-deadlines.js';
import { addDays } from '../../src/domain/time.js';
import { loadCalendar } from '../../src/calendar/index.js';
import { ProvisionalCalendar } from '../../src/calendar/provisional.js';
import { packStored, unpackStored } from '../../src/index/stored-deadlines.js';
import { readCases, writeCases } from '../helpers/gen-cases.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function openCases(): CaseState[] {
  const root = mkdtempSync(join(tmpdir(), 'xf-dl-'));
  dirs.push(root);
  writeCases(root, { n: 500, seed: 11, start: '2026-06-01', end: '2026-11-28' });
  return readCases(root).filter((s) => isOpen(s) && s.suspensions.length === 0);
}

const rules: DeadlineRules = { accept_days: 15, handle_days: 60, transfer_days: 15, day_count: 'workdays' };
const warnings: WarningRules = { warning: 0.5, alert: 0.8, severe: 0.9, due_soon_days: 3 };

describe('stored deadline sets', () => {
  const cases = openCases();
  const cal = loadCalendar();
  const pcal = new ProvisionalCalendar(cal);

  it('cover cases with and without a calendar gap', () => {
    expect(cases.length).toBeGreaterThan(50);
    expect(cases.some((s) => setHasGap(deadlineSet(s, rules, cal, '2026-11-30')))).toBe(true);
    expect(cases.some((s) => !setHasGap(deadlineSet(s, rules, cal, '2026-11-30')))).toBe(true);
  });

  it('read back equal to what was stored, and judged on any day as the folded case', () => {
    const stored = cases.map((s) => {
      const set = deadlineSet(s, rules, cal, '2026-11-30');
      const pset = setHasGap(set) ? deadlineSet(s, rules, pcal, '2026-11-30') : undefined;
      const text = packStored({ set, ...(pset && { pset }), units: s.units, awaiting: s.awaitingReply });
      const back = unpackStored(text);
      expect(back).toEqual({ set, ...(pset && { pset }), units: s.units, awaiting: s.awaitingReply });
      return { s, back };
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (offset) => {
        const today = addDays('2026-11-01', offset);
        for (const { s, back } of stored) {
          const fromFile = shownDeadlines(deadlineSet(s, rules, cal, today), () => deadlineSet(s, rules, pcal, today), rules, warnings, cal, pcal, today);
          const fromIndex = shownDeadlines(back.set, () => back.pset ?? back.set, rules, warnings, cal, pcal, today);
          expect(fromIndex).toEqual(fromFile);
        }
      }),
      { numRuns: 25 },
    );
  });
});
