// src/domain/roster.ts on the real 2026 calendar (chinese-days): the four presets' rules,
// holidays and 调休 days, absences, continuity across months, fairness; and a property
// test over random pools and absences.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balance, fixedTarget, nthWeekday, poolOf, schedule, weekStart, type ScheduleResult } from '../../src/domain/roster.js';
import { buildConfig } from '../../src/app/init.js';
import { loadCalendar } from '../../src/calendar/index.js';
import type { Config, Leader, Rule } from '../../src/ledger/schema.js';
import type { RosterSlot } from '../../src/ledger/roster-file.js';
import { dateRange, quarterRange, weekday } from '../../src/domain/time.js';
import { DEMO_LEADERS } from '../../src/app/demo.js';

const cal = loadCalendar();

const mk = (list: { name: string; title: string; role: Leader['role'] }[]): Leader[] =>
  list.map((l, i) => ({ id: `L${String(i + 1).padStart(2, '0')}`, name: l.name, title: l.title, role: l.role, portfolio: '', active: true, absences: [] }));

function config(preset: 'township' | 'bureau' | 'department' | 'district'): Config {
  return buildConfig({ unit: '测试', code: 'CS', preset });
}

/** Generates months one after another, each with the slots of the earlier ones as history. */
function generate(cfg: Config, leaders: Leader[], months: string[], history: RosterSlot[] = [], fixed: RosterSlot[] = []): ScheduleResult {
  const out: ScheduleResult = { slots: [], gaps: [] };
  for (const month of months) {
    const r = schedule({ month, rules: cfg.schedule.rules, places: cfg.places, leaders, calendar: cal, history: [...history, ...out.slots], fixed: fixed.filter((s) => s.date.startsWith(month)), workingHours: cfg.schedule.working_hours });
    out.slots.push(...r.slots);
    out.gaps.push(...r.gaps);
  }
  return out;
}

const workdays = (q: string) => {
  const r = quarterRange(q);
  return cal.workdaysIn(r.from, r.to);
};
const restDays = (q: string) => {
  const r = quarterRange(q);
  return dateRange(r.from, r.to).filter((d) => !cal.isWorkday(d));
};
const of = (slots: RosterSlot[], rule: string) => slots.filter((s) => s.rule === rule);
const count = (slots: RosterSlot[], leader: string) => slots.filter((s) => s.leader === leader).length;

function expectNoDoubleBooking(slots: RosterSlot[]) {
  const seen = new Set<string>();
  for (const s of slots) {
    const k = `${s.date}|${s.leader}`;
    expect(seen.has(k), `${s.leader} twice on ${s.date}`).toBe(false);
    seen.add(k);
  }
}

describe('the 2026 calendar the tests rely on (chinese-days)', () => {
  it('has National Day 10-01..07 off, Saturday 10-10 a 调休 working day, Spring Festival 02-15..23 off', () => {
    for (const d of dateRange('2026-10-01', '2026-10-07')) expect(cal.isWorkday(d)).toBe(false);
    expect(weekday('2026-10-10')).toBe(6);
    expect(cal.isWorkday('2026-10-10')).toBe(true);
    expect(cal.isWorkday('2026-09-20')).toBe(true); // Sunday 调休
    for (const d of dateRange('2026-02-15', '2026-02-23')) expect(cal.isWorkday(d)).toBe(false);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-01-04')).toBe(true);
  });
});

describe('helpers', () => {
  it('nthWeekday and fixedTarget', () => {
    expect(nthWeekday('2026-10', 1, 1)).toBe('2026-10-05');
    expect(nthWeekday('2026-06', 1, 5)).toBe('2026-06-29');
    expect(nthWeekday('2026-02', 1, 5)).toBe('2026-02-23'); // no 5th Monday: the last one
    const r = { on: { day: 31 } } as Rule;
    expect(fixedTarget(r, '2026-02')).toBe('2026-02-28');
    expect(weekStart('2026-10-10')).toBe('2026-10-05');
    expect(weekStart('2026-10-05')).toBe('2026-10-05');
    expect(weekStart('2026-10-11')).toBe('2026-10-05');
  });
});

describe('bureau preset: one leader every working day, in rotation', () => {
  const cfg = config('bureau');
  const leaders = mk([
    { name: '局长甲', title: '局长', role: 'principal' },
    { name: '副局长乙', title: '副局长', role: 'member' },
    { name: '副局长丙', title: '副局长', role: 'member' },
    { name: '纪检组长丁', title: '纪检组长', role: 'member' },
    { name: '副局长戊', title: '副局长', role: 'member' },
  ]);
  const rule = cfg.schedule.rules[0]!.name;

  it.each(['2026Q1', '2026Q4'])('%s: exactly one leader on every working day, none on a rest day, balanced', (q) => {
    const { slots, gaps } = generate(cfg, leaders, quarterRange(q).months);
    expect(gaps).toEqual([]);
    const wd = workdays(q);
    expect(slots.map((s) => s.date)).toEqual(wd);
    for (const d of restDays(q)) expect(slots.some((s) => s.date === d)).toBe(false);
    const counts = leaders.map((l) => count(slots, l.id));
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(wd.length);
    const b = balance(cfg.schedule.rules, leaders, slots, quarterRange(q), wd)[0]!;
    expect(b.spread).toBeLessThanOrEqual(1);
    expect(b.leaders.map((x) => x.days)).toEqual(counts);
  });

  it('2026Q1: 调休 days 01-04, 02-14, 02-28 are on the roster, New Year and Spring Festival are not', () => {
    const { slots } = generate(cfg, leaders, quarterRange('2026Q1').months);
    const dates = new Set(slots.map((s) => s.date));
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28']) expect(dates.has(d)).toBe(true);
    for (const d of ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-20', '2026-02-23']) expect(dates.has(d)).toBe(false);
  });

  it('2026Q4: 10-10 (a Saturday) is on the roster, 10-01..10-07 are not; slots carry the rule place, hours and mode', () => {
    const { slots } = generate(cfg, leaders, ['2026-10']);
    expect(slots.find((s) => s.date === '2026-10-10')).toMatchObject({ rule, place: 'room', hours: '08:30-17:30', mode: 'fixed' });
    expect(slots.some((s) => s.date >= '2026-10-01' && s.date <= '2026-10-07')).toBe(false);
    expect(slots[0]!.date).toBe('2026-10-08');
  });

  it('the rotation goes on across months: the sequence over a quarter is strictly cyclic', () => {
    const { slots } = generate(cfg, leaders, quarterRange('2026Q4').months);
    for (let i = 0; i + leaders.length < slots.length; i++) expect(slots[i + leaders.length]!.leader).toBe(slots[i]!.leader);
    // generating November alone from October's file continues where October stopped
    const oct = generate(cfg, leaders, ['2026-10']).slots;
    const nov = generate(cfg, leaders, ['2026-11'], oct).slots;
    const lastOct = oct[oct.length - 1]!.leader;
    const idx = leaders.findIndex((l) => l.id === lastOct);
    expect(nov[0]!.leader).toBe(oct[oct.length - leaders.length]!.leader);
    expect(nov[0]!.leader).not.toBe(lastOct);
    expect(idx).toBeGreaterThanOrEqual(0);
  });

  it('an absent leader is skipped, never scheduled while away, and gets the next free turn', () => {
    const away = leaders.map((l) => (l.id === 'L03' ? { ...l, absences: [{ from: '2026-10-12', to: '2026-10-18', reason: '出差' }] } : l));
    const { slots, gaps } = generate(cfg, away, ['2026-10']);
    expect(gaps).toEqual([]);
    expect(slots.filter((s) => s.leader === 'L03' && s.date >= '2026-10-12' && s.date <= '2026-10-18')).toEqual([]);
    // Back on Monday 10-19: he has waited longest, so the turn is his.
    expect(slots.find((s) => s.date === '2026-10-19')!.leader).toBe('L03');
    expect(slots.map((s) => s.date)).toEqual(cal.workdaysIn('2026-10-01', '2026-10-31'));
  });

  it('hand-set slots are kept as they are and the rest is scheduled around them', () => {
    const base = generate(cfg, leaders, ['2026-10']).slots;
    const d = '2026-10-15';
    const natural = base.find((s) => s.date === d)!.leader;
    const other = leaders.find((l) => l.id !== natural)!.id;
    const fixed: RosterSlot = { ...base.find((s) => s.date === d)!, leader: other, override: { reason: '调换', by: '张三', at: '' } };
    const { slots } = generate(cfg, leaders, ['2026-10'], [], [fixed]);
    expect(slots.find((s) => s.date === d)).toEqual(fixed);
    expect(slots.filter((s) => s.date === d)).toHaveLength(1);
    expect(slots.map((s) => s.date)).toEqual(cal.workdaysIn('2026-10-01', '2026-10-31'));
  });
});

describe('department preset: one duty leader a week', () => {
  const cfg = config('department');
  const leaders = mk([
    { name: '主任', title: '主任', role: 'principal' },
    { name: '副主任一', title: '副主任', role: 'member' },
    { name: '副主任二', title: '副主任', role: 'member' },
    { name: '副主任三', title: '副主任', role: 'member' },
    { name: '纪检组长', title: '纪检组长', role: 'member' },
  ]);

  it('2026Q4: every working day has one leader, the same all week (also across month ends), turns balanced', () => {
    const { slots, gaps } = generate(cfg, leaders, quarterRange('2026Q4').months);
    expect(gaps).toEqual([]);
    expect(slots.map((s) => s.date)).toEqual(workdays('2026Q4'));
    const byWeek = new Map<string, Set<string>>();
    for (const s of slots) {
      const w = weekStart(s.date);
      if (!byWeek.has(w)) byWeek.set(w, new Set());
      byWeek.get(w)!.add(s.leader);
    }
    for (const [, who] of byWeek) expect(who.size).toBe(1);
    // The week of Mon 11-30 straddles November and December and keeps one leader.
    expect(byWeek.get('2026-11-30')!.size).toBe(1);
    expect(slots.filter((s) => weekStart(s.date) === '2026-11-30').map((s) => s.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    // National Day week: only Thu 10-08, Fri 10-09 and the 调休 Saturday 10-10.
    expect(slots.filter((s) => weekStart(s.date) === '2026-10-05').map((s) => s.date)).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
    // Consecutive weeks rotate.
    const weeks = [...byWeek.values()].map((s) => [...s][0]);
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]).not.toBe(weeks[i - 1]);
    const b = balance(cfg.schedule.rules, leaders, slots, quarterRange('2026Q4'), workdays('2026Q4'))[0]!;
    expect(b.unit).toBe('week');
    expect(b.spread).toBeLessThanOrEqual(1);
  });

  it('a leader away for part of the week is not the week\'s leader', () => {
    const away = leaders.map((l) => (l.id === 'L01' ? { ...l, absences: [{ from: '2026-10-14', to: '2026-10-14', reason: '开会' }] } : l));
    const { slots } = generate(cfg, away, ['2026-10']);
    expect(slots.filter((s) => weekStart(s.date) === '2026-10-12').some((s) => s.leader === 'L01')).toBe(false);
    expect(new Set(slots.filter((s) => weekStart(s.date) === '2026-10-12').map((s) => s.leader)).size).toBe(1);
  });
});

describe('district preset: 书记 on the 15th, 区长 two days a month, members a day a quarter', () => {
  const cfg = config('district');
  const leaders = mk([
    { name: '书记', title: '区委书记', role: 'principal' },
    { name: '区长', title: '区长', role: 'principal' },
    { name: '常委一', title: '区委常委', role: 'member' },
    { name: '常委二', title: '区委常委', role: 'member' },
    { name: '副区长一', title: '副区长', role: 'member' },
    { name: '副区长二', title: '副区长', role: 'member' },
    { name: '副区长三', title: '副区长', role: 'member' },
  ]);
  const [sec, head, members] = cfg.schedule.rules.map((r) => r.name) as [string, string, string];

  it('2026Q1: the 15th moves off a rest day to the next working day (02-15 Spring Festival → 02-24)', () => {
    const { slots, gaps } = generate(cfg, leaders, quarterRange('2026Q1').months);
    expect(gaps).toEqual([]);
    expect(of(slots, sec).map((s) => [s.date, s.leader])).toEqual([
      ['2026-01-15', 'L01'],
      ['2026-02-24', 'L01'],
      ['2026-03-16', 'L01'], // 03-15 is a Sunday
    ]);
  });

  it('2026Q4: counts per month and quarter, days spread, all on working days', () => {
    const { slots, gaps } = generate(cfg, leaders, quarterRange('2026Q4').months);
    expect(gaps).toEqual([]);
    expect(of(slots, sec).map((s) => s.date)).toEqual(['2026-10-15', '2026-11-16', '2026-12-15']);
    for (const m of ['2026-10', '2026-11', '2026-12']) {
      const h = of(slots, head).filter((s) => s.date.startsWith(m));
      expect(h).toHaveLength(2);
      expect(h.every((s) => s.leader === 'L02')).toBe(true);
      // spread: the two days are at least a week apart
      expect(new Date(h[1]!.date).getTime() - new Date(h[0]!.date).getTime()).toBeGreaterThanOrEqual(7 * 86400000);
    }
    const q = of(slots, members);
    expect(q).toHaveLength(5);
    for (const id of ['L03', 'L04', 'L05', 'L06', 'L07']) expect(count(q, id)).toBe(1);
    expect(count(q, 'L01') + count(q, 'L02')).toBe(0);
    // placed in the quarter's months evenly: 5 days over 3 months → 2/2/1 in some order
    const perMonth = ['2026-10', '2026-11', '2026-12'].map((m) => q.filter((s) => s.date.startsWith(m)).length).sort();
    expect(perMonth).toEqual([1, 2, 2]);
    for (const s of slots) expect(cal.isWorkday(s.date)).toBe(true);
    expectNoDoubleBooking(slots);
  });

  it('the quarterly day of a leader away in its month is carried to the next month', () => {
    const plain = generate(cfg, leaders, quarterRange('2026Q4').months).slots;
    const first = of(plain, members).find((s) => s.date.startsWith('2026-10'))!;
    const away = leaders.map((l) => (l.id === first.leader ? { ...l, absences: [{ from: '2026-10-01', to: '2026-10-31', reason: '学习' }] } : l));
    const { slots } = generate(cfg, away, quarterRange('2026Q4').months);
    const mine = of(slots, members).filter((s) => s.leader === first.leader);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.date >= '2026-11-01').toBe(true);
  });
});

describe('township preset: four rules together plus the quarterly floor', () => {
  const cfg = config('township');
  const leaders = mk(DEMO_LEADERS);
  const [principals, daily, deptPrincipals, deptMembers, floor] = cfg.schedule.rules.map((r) => r.name) as [string, string, string, string, string];

  it.each(['2026Q1', '2026Q4'])('%s follows the rules', (q) => {
    const { slots, gaps } = generate(cfg, leaders, quarterRange(q).months);
    expect(gaps).toEqual([]);
    // daily: exactly one member every working day, none on a rest day
    expect(of(slots, daily).map((s) => s.date)).toEqual(workdays(q));
    for (const s of slots) expect(cal.isWorkday(s.date)).toBe(true);
    const memberIds = leaders.filter((l) => l.role === 'member').map((l) => l.id);
    for (const s of of(slots, daily)) expect(memberIds).toContain(s.leader);
    const dc = memberIds.map((id) => count(of(slots, daily), id));
    expect(Math.max(...dc) - Math.min(...dc)).toBeLessThanOrEqual(1);
    // monthly: each principal and each department head once a month
    for (const m of quarterRange(q).months) {
      for (const l of leaders.filter((x) => x.role === 'principal')) expect(of(slots, principals).filter((s) => s.leader === l.id && s.date.startsWith(m))).toHaveLength(1);
      for (const l of leaders.filter((x) => x.role === 'dept-principal')) expect(of(slots, deptPrincipals).filter((s) => s.leader === l.id && s.date.startsWith(m))).toHaveLength(1);
    }
    // weekly: one department member one day in each week that has a working day
    const weeks = new Set(workdays(q).map(weekStart));
    const dm = of(slots, deptMembers);
    for (const w of weeks) {
      const inWeek = dm.filter((s) => weekStart(s.date) === w);
      if (w < quarterRange(q).from) continue; // a week begun in the previous quarter
      expect(inWeek, `week ${w}`).toHaveLength(1);
    }
    const wc = leaders.filter((l) => l.role === 'dept-member').map((l) => count(dm, l.id));
    expect(Math.max(...wc) - Math.min(...wc)).toBeLessThanOrEqual(1);
    // floor: everybody already has a day, so it adds none
    expect(of(slots, floor)).toEqual([]);
    expectNoDoubleBooking(slots);
  });

  it('the floor tops up a township leader who got no other day in the quarter (mid-quarter when in no other rule)', () => {
    // 钱新 is a township leader but not in the daily rotation: only the floor gives him a day.
    const extra: Leader = { id: 'L15', name: '钱新', title: '人大主席', role: 'member', portfolio: '', active: true, absences: [] };
    const rules: Rule[] = cfg.schedule.rules.map((r) => (r.name === daily ? { ...r, pool: { leaders: leaders.filter((l) => l.role === 'member').map((l) => l.id) } } : r));
    const { slots } = generate({ ...cfg, schedule: { ...cfg.schedule, rules } }, [...leaders, extra], quarterRange('2026Q4').months);
    const f = of(slots, floor);
    expect(f.map((s) => s.leader)).toEqual(['L15']);
    expect(f[0]!.date.startsWith('2026-11')).toBe(true);
    expectNoDoubleBooking(slots);
  });
});

describe('floor top-up for leaders of another rule', () => {
  it('a weekly rotation too long for a quarter: the floor adds one day, in the last month, only for those without a turn', () => {
    const leaders: Leader[] = Array.from({ length: 20 }, (_, i) => ({ id: `P${String(i).padStart(2, '0')}`, name: `领导${i}`, title: '委员', role: 'member', portfolio: '', active: true, absences: [] }));
    const base = { place: 'room', hours: '09:00-11:30', mode: 'fixed' as const };
    const rules: Rule[] = [
      { ...base, name: '每周一天', kind: 'weekly', days_per_period: 1, floor: false, pool: { roles: ['member'] } },
      { ...base, name: '季度补足', kind: 'quarterly', floor: true, pool: { roles: ['member'] } },
    ];
    const cfg = { schedule: { rules }, places: [{ id: 'room', name: '接待室', address: '' }] } as unknown as Config;
    const { slots, gaps } = generate(cfg, leaders, quarterRange('2026Q4').months);
    expect(gaps).toEqual([]);
    const weekly = new Set(of(slots, '每周一天').map((s) => s.leader));
    const floor = of(slots, '季度补足');
    expect(floor.every((s) => s.date.startsWith('2026-12'))).toBe(true);
    expect(new Set(floor.map((s) => s.leader))).toEqual(new Set(leaders.map((l) => l.id).filter((id) => !weekly.has(id))));
    expect(floor.length + weekly.size).toBe(20);
    for (const l of leaders) expect(slots.some((s) => s.leader === l.id)).toBe(true);
    expectNoDoubleBooking(slots);
  });
});

describe('property: random pools and absences', () => {
  const q = '2026Q4';
  const days = workdays(q);
  it('never double-books, never schedules a rest day or an away day, keeps the rotation within one day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.record({ who: fc.nat(7), start: fc.nat(days.length - 1), len: fc.integer({ min: 1, max: 15 }) }), { maxLength: 4 }),
        fc.boolean(),
        fc.nat(4),
        (n, absences, withOthers, monthlyIdx) => {
          const leaders: Leader[] = Array.from({ length: n }, (_, i) => ({ id: `P${i}`, name: `领导${i}`, title: i === 0 ? '书记' : '委员', role: i === 0 ? 'principal' : 'member', portfolio: '', active: true, absences: [] }));
          for (const a of absences) {
            const l = leaders[a.who % n]!;
            const from = days[a.start]!;
            const to = days[Math.min(days.length - 1, a.start + a.len)]!;
            if (!l.absences.some((x) => x.from <= to && from <= x.to)) l.absences.push({ from, to, reason: '' });
          }
          const base = { place: 'room', hours: '08:30-11:30', mode: 'fixed' as const, floor: false };
          const rules: Rule[] = [{ ...base, name: '轮值', kind: 'daily', pool: { roles: ['principal', 'member'] } }];
          if (withOthers) {
            rules.push({ ...base, name: '书记', kind: 'monthly', pool: { titles: ['书记'] }, on: { day: 10 + monthlyIdx } });
            rules.push({ ...base, name: '周', kind: 'weekly', days_per_period: 1, pool: { leaders: leaders.slice(0, Math.ceil(n / 2)).map((l) => l.id) } });
          }
          const cfg = { schedule: { rules }, places: [{ id: 'room', name: '接待室', address: '' }] } as unknown as Config;
          const { slots } = generate(cfg, leaders, quarterRange(q).months);
          expectNoDoubleBooking(slots);
          for (const s of slots) {
            expect(cal.isWorkday(s.date)).toBe(true);
            const l = leaders.find((x) => x.id === s.leader)!;
            expect(l.absences.some((a) => a.from <= s.date && s.date <= a.to)).toBe(false);
          }
          const rot = of(slots, '轮值');
          // Leaders never away and never busy with another rule form a strict rotation.
          const steady = leaders.filter((l) => l.absences.length === 0 && !slots.some((s) => s.leader === l.id && s.rule !== '轮值'));
          const c = steady.map((l) => count(rot, l.id));
          if (c.length > 1) expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
          const max = c.length ? Math.max(...c) : Infinity;
          for (const l of leaders) expect(count(rot, l.id)).toBeLessThanOrEqual(max + 1);
          // every working day with someone free has its one slot
          for (const d of days) {
            const freeOne = leaders.some((l) => !l.absences.some((a) => a.from <= d && d <= a.to) && !slots.some((s) => s.date === d && s.leader === l.id && s.rule !== '轮值'));
            expect(rot.filter((s) => s.date === d).length).toBe(freeOne ? 1 : 0);
          }
          expect(poolOf(rules[0]!, leaders)).toHaveLength(n);
        },
      ),
      { numRuns: 150 },
    );
  });
});
