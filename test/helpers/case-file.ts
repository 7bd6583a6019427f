// Case files built by hand for pure tests (stats, deadlines, readiness): one petitioner,
// 民政/其它, received at 09:00 on `received`, registered by L01, plus [date, event] pairs.
import type { CaseFile, Event } from '../../src/domain/events.js';

let n = 0;

/** An event with a fresh ULID-shaped id at `date` `time` (+08:00). */
export function testEvent(date: string, e: Record<string, unknown>, time = '09:00'): Event {
  n += 1;
  return { id: `01TEST${String(n).padStart(20, '0')}`, at: `${date}T${time}:00+08:00`, by: '测试', ...e } as Event;
}

export interface TestCase {
  id?: string;
  received: string;
  events?: [string, Record<string, unknown>][];
  channel?: CaseFile['channel'];
  receiver?: string;
  time?: string;
  extra?: Partial<CaseFile>;
}

export function testCaseFile(o: TestCase): CaseFile {
  const channel = o.channel ?? o.extra?.channel ?? 'visit';
  const receiver = o.receiver ?? 'L01';
  const time = o.time ?? '09:00';
  return {
    id: o.id ?? 'QS-2026-A0001',
    received_at: `${o.received}T${time}:00+08:00`,
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
    ...o.extra,
    events: [
      testEvent(o.received, { type: 'registered', channel, receiver, people: o.extra?.people ?? 1, place: '', mode: 'fixed' }, time),
      ...(o.events ?? []).map(([d, e]) => testEvent(d, e, time)),
      ...(o.extra?.events ?? []),
    ],
  };
}
