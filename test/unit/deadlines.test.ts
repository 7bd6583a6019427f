// Deadlines and warning levels on real 2026 dates (National Day and its 调休 Saturday,
// Spring Festival), each day-count mode, each warning level, and a December case whose
// deadline needs 2027 (not covered: reported, never guessed).
import { describe, expect, it } from 'vitest';
import { testCaseFile } from '../helpers/case-file.js';
import { foldCase } from '../../src/domain/case.js';
import { caseDeadlines, warningLevel, type DeadlineRules, type WarningRules } from '../../src/domain/deadlines.js';
import type { NewEvent } from '../../src/domain/events.js';
import { loadCalendar } from '../../src/calendar/index.js';

const cal = loadCalendar();
const W: WarningRules = { warning: 0.75, alert: 0.85, severe: 0.99, due_soon_days: 7 };
const rules = (day_count: DeadlineRules['day_count']): DeadlineRules => ({ accept_days: 15, handle_days: 60, transfer_days: 15, day_count });

/** A case received on `received`, with events [date, event]. */
const kase = (received: string, events: [string, NewEvent][] = []): ReturnType<typeof foldCase> =>
  foldCase(testCaseFile({ received, time: '10:00', extra: { summary: '优抚金' }, events }));

describe('acceptance deadline in each mode', () => {
  it('counts from the day after receipt (regulation example: 03-02 + 15 = 03-17)', () => {
    expect(caseDeadlines(kase('2026-03-02'), rules('calendar'), W, cal, '2026-03-02').accept.date).toBe('2026-03-17');
  });

  it('across National Day 2026 (Oct 1–7 off, Sat Oct 10 a 调休 working day)', () => {
    // 09-16 + 15 = Thu 10-01, National Day.
    const s = kase('2026-09-16');
    expect(caseDeadlines(s, rules('calendar'), W, cal, '2026-09-20').accept.date).toBe('2026-10-01');
    expect(caseDeadlines(s, rules('calendar-next-workday'), W, cal, '2026-09-20').accept.date).toBe('2026-10-08');
    // Working days after Wed 09-16: 17,18, Sun 20 (调休), 21–24, 28–30, Oct 8, 9, Sat 10 (调休), 12, 13.
    expect(caseDeadlines(s, rules('workdays'), W, cal, '2026-09-20').accept.date).toBe('2026-10-13');
    // 09-25 + 15 = Sat 10-10: a 调休 working day, not moved.
    expect(caseDeadlines(kase('2026-09-25'), rules('calendar-next-workday'), W, cal, '2026-09-28').accept.date).toBe('2026-10-10');
    // 09-26 + 15 = Sun 10-11: a rest day → Mon 10-12.
    expect(caseDeadlines(kase('2026-09-26'), rules('calendar-next-workday'), W, cal, '2026-09-28').accept.date).toBe('2026-10-12');
  });

  it('across Spring Festival 2026 (Feb 15–23 off, Sat Feb 14 and Sat Feb 28 working)', () => {
    const s = kase('2026-02-01');
    expect(caseDeadlines(s, rules('calendar'), W, cal, '2026-02-02').accept.date).toBe('2026-02-16');
    expect(caseDeadlines(s, rules('calendar-next-workday'), W, cal, '2026-02-02').accept.date).toBe('2026-02-24');
    // Feb 2–6 (5), 9–13 (10), Sat 14 (11), 24–27 (15).
    expect(caseDeadlines(s, rules('workdays'), W, cal, '2026-02-02').accept.date).toBe('2026-02-27');
  });

  it('a December case whose deadline needs 2027 is reported as not covered, except in plain calendar days', () => {
    const s = kase('2026-12-20');
    const d = caseDeadlines(s, rules('calendar-next-workday'), W, cal, '2026-12-21');
    expect(d.accept.date).toBeNull();
    expect(d.gaps).toEqual([{ kind: 'accept', year: 2027 }]);
    expect(d.overdue).toBe(false);
    expect(caseDeadlines(s, rules('workdays'), W, cal, '2026-12-21').accept.date).toBeNull();
    expect(caseDeadlines(s, rules('calendar'), W, cal, '2026-12-21').accept.date).toBe('2027-01-04');
    // Accepted 12-01: handling needs 2027 too.
    const t = kase('2026-11-30', [['2026-12-01', { type: 'accept', note: '' }]]);
    const h = caseDeadlines(t, rules('calendar-next-workday'), W, cal, '2026-12-02');
    expect(h.accept.date).toBe('2026-12-15');
    expect(h.handle?.date).toBeNull();
    expect(h.gaps).toEqual([{ kind: 'handle', year: 2027 }]);
  });

  it('a deadline already met before its earliest possible date is on time, not a gap to report', () => {
    // Received 12-20, accepted 12-21: whatever 2027 brings, the acceptance deadline is no earlier than 2027-01-04.
    const s = kase('2026-12-20', [['2026-12-21', { type: 'accept', note: '' }]]);
    const d = caseDeadlines(s, rules('calendar-next-workday'), W, cal, '2026-12-22');
    expect(d.accept.date).toBeNull();
    expect(d.accept.metOn).toBe('2026-12-21');
    expect(d.accept.earliest).toBe('2027-01-04');
    expect(d.accept.late).toBe(false);
    expect(d.gaps).toEqual([{ kind: 'handle', year: 2027 }]);
  });
});

describe('handling deadline', () => {
  const accepted: [string, NewEvent] = ['2026-03-02', { type: 'accept', note: '' }];
  it('60 days from acceptance, plus approved extensions, plus suspended days', () => {
    const base = kase('2026-03-01', [accepted]);
    expect(caseDeadlines(base, rules('calendar'), W, cal, '2026-03-03').handle?.date).toBe('2026-05-01');
    // Labour Day 2026 (May 1–5 off) moves it to Wed 05-06.
    expect(caseDeadlines(base, rules('calendar-next-workday'), W, cal, '2026-03-03').handle?.date).toBe('2026-05-06');
    const ext = kase('2026-03-01', [accepted, ['2026-04-01', { type: 'extend', days: 30, reason: '调查', approved_by: 'L01' }]]);
    expect(caseDeadlines(ext, rules('calendar'), W, cal, '2026-04-02').handle?.date).toBe('2026-05-31');
    const susp = kase('2026-03-01', [accepted, ['2026-03-10', { type: 'suspend', reason: '听证' }], ['2026-03-20', { type: 'resume', note: '' }]]);
    const d = caseDeadlines(susp, rules('calendar'), W, cal, '2026-03-21');
    expect(d.suspendedDays).toBe(10);
    expect(d.handle?.date).toBe('2026-05-11');
    // Still suspended: the clock is stopped, nothing runs, the deadline keeps moving.
    const still = kase('2026-03-01', [accepted, ['2026-03-10', { type: 'suspend', reason: '听证' }]]);
    const e = caseDeadlines(still, rules('calendar'), W, cal, '2026-06-01');
    expect(e.suspended).toBe(true);
    expect(e.overdue).toBe(false);
    expect(e.handle?.running).toBe(false);
    expect(e.handle?.date).toBe('2026-07-23'); // 60 + 83 days stopped (03-10 → 06-01)
  });

  it('stops at closure; late closure is marked late, not overdue', () => {
    const s = kase('2026-03-01', [accepted, ['2026-05-10', { type: 'close', note: '' }]]);
    const d = caseDeadlines(s, rules('calendar'), W, cal, '2026-06-01');
    expect(d.overdue).toBe(false);
    expect(d.handle).toMatchObject({ running: false, metOn: '2026-05-10', late: true });
  });

  it('transfer: the given due date or transfer_days; met by the reply; a promise runs until a later handling', () => {
    const s = kase('2026-03-01', [
      accepted,
      ['2026-03-03', { type: 'transfer', unit: 'U01', note: '' }],
      ['2026-03-03', { type: 'transfer', unit: 'U02', due: '2026-03-10', note: '' }],
      ['2026-03-09', { type: 'reply', unit: 'U02', text: '已办' }],
      ['2026-03-09', { type: 'handle', disposition: 'promised', facts: '属实', note: '', promise_by: '2026-03-20' }],
    ]);
    const d = caseDeadlines(s, rules('calendar'), W, cal, '2026-03-21');
    expect(d.transfers.map((t) => [t.unit, t.date, t.running, t.metOn])).toEqual([
      ['U01', '2026-03-18', true, null],
      ['U02', '2026-03-10', false, '2026-03-09'],
    ]);
    expect(d.promise).toMatchObject({ date: '2026-03-20', running: true });
    expect(d.level).toBe('overdue');
    expect(d.overdue).toBe(true);
    const kept = kase('2026-03-01', [accepted, ['2026-03-09', { type: 'handle', disposition: 'promised', facts: '属实', note: '', promise_by: '2026-03-20' }], ['2026-03-15', { type: 'handle', disposition: 'on-the-spot', facts: '已解决', note: '' }]]);
    expect(caseDeadlines(kept, rules('calendar'), W, cal, '2026-03-21').promise).toMatchObject({ running: false, metOn: '2026-03-15', late: false });
  });
});

describe('warning levels', () => {
  it('thresholds: normal, due_soon, warning, alert, severe, overdue', () => {
    expect(warningLevel(0.5, 30, false, W)).toBe('normal');
    expect(warningLevel(0.5, 7, false, W)).toBe('due_soon');
    expect(warningLevel(0.75, 15, false, W)).toBe('warning');
    expect(warningLevel(0.85, 9, false, W)).toBe('alert');
    expect(warningLevel(0.99, 1, false, W)).toBe('severe');
    expect(warningLevel(1.2, -3, true, W)).toBe('overdue');
    expect(warningLevel(0.8, 3, false, { ...W, warning: 0.9, alert: 0.95 })).toBe('due_soon');
  });

  it('on a real 60-day handling period (accepted 03-02, due 05-01 in calendar days)', () => {
    const s = kase('2026-03-01', [['2026-03-02', { type: 'accept', note: '' }]]);
    const at = (today: string) => caseDeadlines(s, rules('calendar'), W, cal, today);
    expect(at('2026-03-20')).toMatchObject({ level: 'normal', daysLeft: 42 });
    expect(at('2026-04-17').level).toBe('warning'); // 46/60
    expect(at('2026-04-23').level).toBe('alert'); // 52/60
    expect(at('2026-05-01')).toMatchObject({ level: 'severe', daysLeft: 0, overdue: false });
    expect(at('2026-05-04')).toMatchObject({ level: 'overdue', daysLeft: -3, overdue: true });
  });

  it('due_soon on the 15-day acceptance period; a worse deadline wins', () => {
    const s = kase('2026-03-02');
    expect(caseDeadlines(s, rules('calendar'), W, cal, '2026-03-05').level).toBe('normal');
    expect(caseDeadlines(s, rules('calendar'), W, cal, '2026-03-10')).toMatchObject({ level: 'due_soon', daysLeft: 7 });
    expect(caseDeadlines(s, rules('calendar'), W, cal, '2026-03-18').level).toBe('overdue');
    // Decided in time: the acceptance deadline no longer runs.
    const a = kase('2026-03-02', [['2026-03-10', { type: 'decline', reason: '不属于本机关' }]]);
    expect(caseDeadlines(a, rules('calendar'), W, cal, '2026-04-30')).toMatchObject({ level: 'normal', overdue: false, daysLeft: null });
  });

  it('working-day mode measures the share used in working days', () => {
    const s = kase('2026-09-16');
    const d = caseDeadlines(s, rules('workdays'), W, cal, '2026-10-09'); // 12 of 15 working days used
    expect(d.accept.date).toBe('2026-10-13');
    expect(d.daysLeft).toBe(3);
    expect(d.level).toBe('warning');
  });
});

describe('a reopened case gets a fresh handling period', () => {
  it('a declined case reopened: the handling clock runs from the reopen day', () => {
    const s = kase('2026-09-01', [
      ['2026-09-05', { type: 'decline', reason: '不属于本级' }],
      ['2026-11-02', { type: 'reopen', reason: '复查决定受理' }],
    ]);
    const d = caseDeadlines(s, rules('calendar'), W, cal, '2026-11-10');
    expect(s.status).toBe('accepted');
    expect(d.handle).not.toBeNull();
    expect(d.handle!.start).toBe('2026-11-02');
    expect(d.handle!.date).toBe('2027-01-01');
    expect(d.handle!.running).toBe(true);
  });

  it('a closed case reopened after a recurrence: 60 days from the reopen, extensions and suspensions of the old period gone', () => {
    const s = kase('2026-03-02', [
      ['2026-03-03', { type: 'accept', note: '' }],
      ['2026-03-10', { type: 'extend', days: 30, reason: '调查', approved_by: 'L01' }],
      ['2026-03-20', { type: 'suspend', reason: '听证' }],
      ['2026-03-30', { type: 'resume', note: '' }],
      ['2026-04-01', { type: 'handle', disposition: 'on-the-spot', facts: '属实', note: '' }],
      ['2026-04-05', { type: 'close', note: '' }],
      ['2026-08-03', { type: 'reopen', reason: '回访发现复发' }],
    ]);
    expect(s.extensionDays).toBe(0);
    const d = caseDeadlines(s, rules('calendar'), W, cal, '2026-08-10');
    expect(d.handle!.start).toBe('2026-08-03');
    expect(d.handle!.date).toBe('2026-10-02');
    expect(d.suspendedDays).toBe(0);
    expect(d.level).toBe('normal');
  });
});

describe('a suspension (中止) pushes back every deadline running during it', () => {
  // calendar-next-workday across National Day 2026 (Oct 1–7 off, Oct 8 a working day).
  const acc: [string, NewEvent] = ['2026-09-02', { type: 'accept', note: '' }];
  const susp: [string, NewEvent][] = [
    ['2026-09-20', { type: 'suspend', reason: '听证' }],
    ['2026-09-23', { type: 'resume', note: '' }],
  ];
  const M = rules('calendar-next-workday');

  it('transfer_days: Mon 09-14 + 15 = Tue 09-29; 3 days suspended → 10-02 (National Day) → Thu 10-08', () => {
    const s = kase('2026-09-01', [acc, ['2026-09-14', { type: 'transfer', unit: 'U01', note: '' }], ...susp]);
    const d = caseDeadlines(s, M, W, cal, '2026-09-30');
    expect(d.transfers[0]).toMatchObject({ unit: 'U01', date: '2026-10-08', running: true, late: false });
    expect(d.overdue).toBe(false);
    // The same without the suspension was overdue on 09-30.
    const plain = caseDeadlines(kase('2026-09-01', [acc, ['2026-09-14', { type: 'transfer', unit: 'U01', note: '' }]]), M, W, cal, '2026-09-30');
    expect(plain.transfers[0]).toMatchObject({ date: '2026-09-29', level: 'overdue' });
    // Handling: 09-02 + 60 + 3 = 11-04 (Wed).
    expect(d.handle?.date).toBe('2026-11-04');
  });

  it('with suspension_stops: handling, only the handling deadline moves; the 交办期限 of a unit keeps running', () => {
    const s = kase('2026-09-01', [acc, ['2026-09-14', { type: 'transfer', unit: 'U01', note: '' }], ...susp]);
    const d = caseDeadlines(s, { ...M, suspension_stops: 'handling' }, W, cal, '2026-09-30');
    expect(d.transfers[0]).toMatchObject({ date: '2026-09-29', level: 'overdue' });
    expect(d.handle?.date).toBe('2026-11-04');
  });

  it('a given --due moves by the suspended days too (Mon 09-28 + 3 = 10-01 → 10-08); in calendar mode it stays on 10-01', () => {
    const s = kase('2026-09-01', [acc, ['2026-09-14', { type: 'transfer', unit: 'U01', due: '2026-09-28', note: '' }], ...susp]);
    expect(caseDeadlines(s, M, W, cal, '2026-09-30').transfers[0]!.date).toBe('2026-10-08');
    expect(caseDeadlines(s, rules('calendar'), W, cal, '2026-09-30').transfers[0]!.date).toBe('2026-10-01');
    // Workdays: 3 working days suspended (09-21, 22, 23) → after Mon 09-28: 29, 30, Oct 8.
    expect(caseDeadlines(s, rules('workdays'), W, cal, '2026-09-30').transfers[0]!.date).toBe('2026-10-08');
  });

  it('while still suspended the transfer does not run and its date keeps moving; only the days after the transfer count', () => {
    const s = kase('2026-09-01', [acc, ['2026-09-10', { type: 'suspend', reason: '鉴定' }], ['2026-09-12', { type: 'resume', note: '' }], ['2026-09-14', { type: 'transfer', unit: 'U01', note: '' }], ['2026-09-20', { type: 'suspend', reason: '听证' }]]);
    const d = caseDeadlines(s, rules('calendar'), W, cal, '2026-09-25');
    // Only 09-20 → 09-25 (5 days) falls after the transfer: 09-29 + 5 = 10-04.
    expect(d.transfers[0]).toMatchObject({ date: '2026-10-04', running: false });
    expect(d.suspendedDays).toBe(7);
    expect(d.overdue).toBe(false);
  });

  it('a unit that replied before the suspension is not affected; a promise is pushed back as well', () => {
    const s = kase('2026-09-01', [
      acc,
      ['2026-09-10', { type: 'handle', disposition: 'promised', facts: '属实', note: '', promise_by: '2026-09-29' }],
      ['2026-09-11', { type: 'transfer', unit: 'U01', note: '' }],
      ['2026-09-15', { type: 'reply', unit: 'U01', text: '已办' }],
      ...susp,
    ]);
    const d = caseDeadlines(s, M, W, cal, '2026-09-30');
    expect(d.transfers[0]).toMatchObject({ date: '2026-09-28', metOn: '2026-09-15', late: false });
    // Promised Tue 09-29 + 3 days = 10-02 → 10-08.
    expect(d.promise).toMatchObject({ date: '2026-10-08', running: true, late: false });
    expect(d.overdue).toBe(false);
  });
});
