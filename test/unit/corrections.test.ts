// The domain of corrections and of the clerk's tasks: a `void` event removes the cancelled
// event from the fold (status, deadlines, readiness), a `resolve` keeps a 限期解决 promise,
// and the tasks `xinfang today` lists come from the case's state.
import { describe, expect, it } from 'vitest';
import { foldCase, liveEvents } from '../../src/domain/case.js';
import { followupCandidate, followupOwedFrom, openTodo, todoBits } from '../../src/domain/todo.js';
import { testCaseFile, testEvent } from '../helpers/case-file.js';

describe('void', () => {
  it('a cancelled event no longer counts, and the void itself is not an event of the story', () => {
    const f = testCaseFile({ received: '2026-07-01', events: [['2026-07-02', { type: 'accept', note: '' }], ['2026-07-03', { type: 'transfer', unit: 'U01', note: '' }]] });
    const transfer = f.events[2]!;
    expect(foldCase(f).status).toBe('transferred');
    const voided = { ...f, events: [...f.events, testEvent('2026-07-04', { type: 'void', event: transfer.id, reason: '交错了单位' })] };
    const s = foldCase(voided);
    expect(s.status).toBe('accepted');
    expect(s.units).toEqual([]);
    expect(s.voided).toEqual([transfer.id]);
    expect(liveEvents(voided.events).map((e) => e.type)).toEqual(['registered', 'accept']);
    // Without any void, the list is the file's own.
    expect(liveEvents(f.events)).toBe(f.events);
  });
});

describe('resolve', () => {
  it('a kept promise is recorded on the state and a new handling forgets it', () => {
    const f = testCaseFile({ received: '2026-07-01', events: [['2026-07-02', { type: 'handle', disposition: 'promised', facts: '事实', note: '', promise_by: '2026-07-30' }], ['2026-07-20', { type: 'resolve', date: '2026-07-19', note: '已补发' }]] });
    expect(foldCase(f).resolved).toEqual({ date: '2026-07-19', note: '已补发' });
    const again = { ...f, events: [...f.events, testEvent('2026-07-21', { type: 'handle', disposition: 'explained', facts: '事实', note: '' })] };
    expect(foldCase(again).resolved).toBeNull();
  });
});

describe('the clerk\'s tasks', () => {
  it('no owner, no acceptance decision, replied but not closed', () => {
    const letter = foldCase(testCaseFile({ received: '2026-11-20', channel: 'letter', receiver: '' }));
    expect(openTodo(letter)).toEqual(['unowned', 'undecided']);
    expect(todoBits(letter)).toBe(3);
    const replied = foldCase(testCaseFile({ received: '2026-11-02', events: [['2026-11-03', { type: 'transfer', unit: 'U01', note: '' }], ['2026-11-10', { type: 'reply', unit: 'U01', text: '已办' }]] }));
    expect(openTodo(replied)).toEqual(['replied']);
    const waiting = foldCase(testCaseFile({ received: '2026-11-02', events: [['2026-11-03', { type: 'transfer', unit: 'U01', note: '' }]] }));
    expect(openTodo(waiting)).toEqual([]);
  });

  it('a follow-up is owed by a closed leader-owned case that may come back, until it is followed up', () => {
    const closedEvents: [string, Record<string, unknown>][] = [
      ['2026-11-03', { type: 'accept', note: '' }],
      ['2026-11-05', { type: 'opinion', value: 'dissatisfied', note: '' }],
      ['2026-11-06', { type: 'close', note: '' }],
    ];
    const s = foldCase(testCaseFile({ received: '2026-11-02', events: closedEvents }));
    expect(followupCandidate(s)).toBe('2026-11-06');
    expect(followupOwedFrom(s, 5)).toBe('2026-11-06');
    const satisfied = foldCase(testCaseFile({ received: '2026-11-02', events: closedEvents.map(([d, e]) => [d, e.type === 'opinion' ? { ...e, value: 'satisfied' } : e]) }));
    expect(followupCandidate(satisfied)).toBeNull();
    expect(followupOwedFrom(satisfied, 5)).toBeNull();
    // Three people, satisfied: a group only where the office's threshold is 3 or less; the index keeps it as a candidate.
    const three = foldCase(testCaseFile({ received: '2026-11-02', extra: { people: 3 }, events: closedEvents.map(([d, e]) => [d, e.type === 'opinion' ? { ...e, value: 'satisfied' } : e]) }));
    expect(followupCandidate(three)).toBe('2026-11-06');
    expect(followupOwedFrom(three, 5)).toBeNull();
    expect(followupOwedFrom(three, 3)).toBe('2026-11-06');
    const followed = foldCase(testCaseFile({ received: '2026-11-02', events: [...closedEvents, ['2026-11-20', { type: 'followup', date: '2026-11-20', note: '回访', recurred: false, leader: '' }]] }));
    expect(followupCandidate(followed)).toBeNull();
    expect(openTodo(s)).toEqual([]);
  });
});
