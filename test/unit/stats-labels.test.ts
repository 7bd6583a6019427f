// The by-leader table: a letter, call or online item without a receiving leader is not an
// omission (only visits have one), so it is not counted under “（未填）”.
import { describe, expect, it } from 'vitest';
import { testCaseFile } from '../helpers/case-file.js';
import { foldCase } from '../../src/domain/case.js';
import type { CaseFile } from '../../src/domain/events.js';
import { periodStats } from '../../src/domain/stats.js';

const file = (id: string, channel: CaseFile['channel'], receiver: string) => testCaseFile({ id, received: '2026-10-12', channel, receiver });

describe('by leader', () => {
  it('separates items that have no receiving leader by nature from visits left blank', () => {
    const cases = [file('1', 'visit', 'L01'), file('2', 'letter', ''), file('3', 'hotline', ''), file('4', 'visit', ''), file('5', 'letter', 'L01')].map((f) => foldCase(f));
    const s = periodStats(cases, { from: '2026-10-01', to: '2026-12-31' }, { asOf: '2026-11-25', groupThreshold: 5, deadlines: { accept: () => null, handle: () => null } });
    expect(s.by.leader).toEqual({ L01: 2, '（非来访，无接待领导）': 2, '（未填）': 1 });
  });
});
