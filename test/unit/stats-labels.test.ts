// The by-leader table: a letter, call or online item without a receiving leader is not an
// omission (only visits have one), so it is not counted under “（未填）”.
import { describe, expect, it } from 'vitest';
import { foldCase } from '../../src/domain/case.js';
import type { CaseFile } from '../../src/domain/events.js';
import { periodStats } from '../../src/domain/stats.js';

function file(id: string, channel: CaseFile['channel'], receiver: string): CaseFile {
  return {
    id,
    received_at: '2026-10-12T09:00:00+08:00',
    channel,
    petitioners: [{ name: '甲', sex: '', id_number: '', phone: '', address: '', representative: false }],
    people: 1,
    respondent: '',
    locality: '',
    purpose: 'request',
    category: { main: '民政', sub: '其它' },
    summary: '测试',
    receiver,
    place: '',
    mode: 'fixed',
    opinion: '',
    source: '',
    repeat_of: [],
    events: [{ id: `01LABEL${id.padStart(19, '0')}`, at: '2026-10-12T09:00:00+08:00', by: '测试', type: 'registered', channel, receiver, people: 1, place: '', mode: 'fixed' } as CaseFile['events'][number]],
  };
}

describe('by leader', () => {
  it('separates items that have no receiving leader by nature from visits left blank', () => {
    const cases = [file('1', 'visit', 'L01'), file('2', 'letter', ''), file('3', 'hotline', ''), file('4', 'visit', ''), file('5', 'letter', 'L01')].map((f) => foldCase(f));
    const s = periodStats(cases, { from: '2026-10-01', to: '2026-12-31' }, { asOf: '2026-11-25', groupThreshold: 5, deadlines: { accept: () => null, handle: () => null } });
    expect(s.by.leader).toEqual({ L01: 2, '（非来访，无接待领导）': 2, '（未填）': 1 });
  });
});
