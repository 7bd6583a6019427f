// `xinfang today`: the clerk's morning screen, as data. Who is on duty today and the next
// working days (the roster files of those months), today's visits (cases received today and
// further visits today, from the index), what is overdue or due soon and what waits for
// 阅批 (the due list), what waits for the clerk (index candidates, src/domain/todo.ts), and
// the reception days not yet marked held (the roster's held records and in-person visits).
// Nothing here reads every case file: each question is an index query.
import { STATUS_ZH, type Status } from '../domain/case.js';
import { CHANNELS, type Channel } from '../domain/events.js';
import { awayOn } from '../domain/leaders.js';
import { addDays, monthOf, shanghaiDate, shanghaiISO, WEEKDAY_ZH, weekday } from '../domain/time.js';
import { owedFrom, todoFromBits, TODO_ZH, type TodoKind } from '../domain/todo.js';
import type { Ledger } from '../ledger/ledger.js';
import { caseStore } from './cases.js';
import { dueReport, type DueReport } from './due.js';
import { dutyOn, readRoster, rosterCalendar } from './roster.js';

/** How many working days after today the duty list shows. */
export const DUTY_AHEAD = 3;
/** How far back reception days not marked held are listed. */
export const HELD_LOOKBACK_DAYS = 7;
/** Closed cases owing a follow-up are listed for this many days after their closure. */
export const FOLLOWUP_WINDOW_DAYS = 90;
/** The order of the clerk's list: the task with a deadline first. */
const TASK_ORDER: TodoKind[] = ['undecided', 'unowned', 'replied', 'followup'];

export interface TodayDuty {
  date: string;
  weekday: string;
  /** null when the calendar does not cover the year. */
  workday: boolean | null;
  day_name: string;
  /** false when the month has no roster yet. */
  generated: boolean;
  slots: { rule: string; leader: { id: string; name: string; title: string }; place: string; hours: string; mode: string; away: string | null }[];
}

export interface TodayVisit {
  id: string;
  /** true: a further visit today on a case registered before. */
  again: boolean;
  channel: Channel;
  channel_zh: string;
  name: string;
  people: number;
  leader: string | null;
  summary: string;
  status: Status;
  status_zh: string;
}

export interface ClerkItem {
  id: string;
  tasks: TodoKind[];
  tasks_zh: string[];
  status: Status;
  received: string;
  leader: string | null;
  summary: string;
  /** For a follow-up: the closure date. */
  closed: string | null;
}

export interface NotHeld {
  date: string;
  rule: string;
  leader: { id: string; name: string };
  hours: string;
}

export interface TodayReport {
  today: string;
  now: string;
  duty: TodayDuty[];
  visits: TodayVisit[];
  within: number;
  overdue: DueReport['overdue'];
  due_soon: DueReport['due_soon'];
  awaiting_instruction: DueReport['awaiting_instruction'];
  clerk: ClerkItem[];
  not_held: NotHeld[];
  calendar_gaps: DueReport['calendar_gaps'];
}

/** The working days after `today` (Monday to Friday where the calendar lacks the year). */
export function nextWorkdays(ledger: Ledger, today: string, n: number): string[] {
  const cal = rosterCalendar(ledger);
  const out: string[] = [];
  for (let d = addDays(today, 1), guard = 0; out.length < n && guard < 60; d = addDays(d, 1), guard++) {
    const work = cal.covers(Number(d.slice(0, 4))) ? cal.isWorkday(d) : weekday(d) <= 5;
    if (work) out.push(d);
  }
  return out;
}

function dutyDay(ledger: Ledger, date: string): TodayDuty {
  const d = dutyOn(ledger, date);
  const leaders = ledger.leaders().leaders;
  return {
    date,
    weekday: WEEKDAY_ZH[weekday(date)]!,
    workday: d.workday,
    day_name: d.dayName,
    generated: d.generated,
    slots: d.slots.map((s) => {
      const l = leaders.find((x) => x.id === s.leader.id);
      const away = l ? awayOn(l, date) : undefined;
      return { rule: s.rule, leader: { id: s.leader.id, name: s.leader.name, title: s.leader.title }, place: s.place.name, hours: s.hours, mode: s.mode_zh, away: away ? `外出 ${away.from} 至 ${away.to}${away.reason ? `（${away.reason}）` : ''}` : null };
    }),
  };
}

/** The end of a slot's hours ("08:30-11:30" → "11:30"). */
const endOf = (hours: string) => hours.split('-')[1] ?? '23:59';

/** Shanghai wall time HH:mm of an instant. */
const clockOf = (now: Date) => shanghaiISO(now).slice(11, 16);

export function todayReport(ledger: Ledger, now: Date, opts: { within?: number } = {}): TodayReport {
  const today = shanghaiDate(now);
  const store = caseStore(ledger);
  const leaderName = (id: string | null) => (id ? (ledger.leaders().leaders.find((l) => l.id === id)?.name ?? id) : null);

  const duty = [today, ...nextWorkdays(ledger, today, DUTY_AHEAD)].map((d) => dutyDay(ledger, d));

  // Today's visits: registrations of today and further visits today on earlier cases.
  const visits: TodayVisit[] = [];
  const seen = new Set<string>();
  const visit = (s: ReturnType<typeof store.cases>[number], again: boolean) => {
    const v = again ? [...s.visits].reverse().find((x) => x.date === today) : s.visits[0];
    visits.push({
      id: s.id,
      again,
      channel: v?.channel ?? s.file.channel,
      channel_zh: CHANNELS[v?.channel ?? s.file.channel],
      name: s.file.petitioners[0]?.name ?? '',
      people: v?.people ?? s.file.people,
      leader: leaderName(v?.leader || s.owner),
      summary: s.file.summary,
      status: s.status,
      status_zh: STATUS_ZH[s.status],
    });
  };
  for (const s of store.cases({ from: today, to: today })) {
    seen.add(s.id);
    visit(s, false);
  }
  const again = [...new Set(store.receptions(today, today).map((r) => r.id))].filter((id) => !seen.has(id));
  if (again.length) for (const s of store.cases({ ids: again })) if (s.visits.some((v, i) => i > 0 && v.date === today)) visit(s, true);

  const due = dueReport(ledger, today, opts.within);

  // What waits for the clerk: the index's candidates, the exact rules on each.
  const threshold = ledger.config.intake.group_threshold;
  const clerk: ClerkItem[] = [];
  // Stored facts (a county has thousands of candidates): no case is read or folded here.
  const since = addDays(today, -FOLLOWUP_WINDOW_DAYS);
  for (const r of store.clerkRows(since)) {
    const tasks: TodoKind[] = r.facts.open ? todoFromBits(r.todo) : [];
    const owed = owedFrom(r.followup, threshold);
    if (owed && owed >= since) tasks.push('followup');
    if (!tasks.length) continue;
    const f = r.facts;
    clerk.push({ id: f.id, tasks, tasks_zh: tasks.map((t) => TODO_ZH[t]), status: f.status, received: f.received, leader: leaderName(f.owner), summary: r.summary, closed: f.closed });
  }

  // The decision with a legal deadline first (受理), then the owner, the closing, the follow-up.
  const rank = (x: ClerkItem) => Math.min(...x.tasks.map((t) => TASK_ORDER.indexOf(t)));
  clerk.sort((a, b) => rank(a) - rank(b) || a.received.localeCompare(b.received) || a.id.localeCompare(b.id));

  // Reception days not marked held: past days of the last week, and today's once its hours are over.
  const from = addDays(today, -HELD_LOOKBACK_DAYS);
  const clock = clockOf(now);
  const months = [...new Set([monthOf(from), monthOf(today)])];
  const inPerson = store.receptionDays(from, today);
  const notHeld: NotHeld[] = [];
  for (const m of months) {
    const r = readRoster(ledger, m);
    if (!r) continue;
    const marked = new Set(r.held.map((h) => `${h.date}|${h.leader}`));
    for (const s of r.slots) {
      if (s.date < from || s.date > today) continue;
      if (s.date === today && clock < endOf(s.hours)) continue;
      const k = `${s.date}|${s.leader}`;
      if (marked.has(k) || inPerson.has(k)) continue;
      notHeld.push({ date: s.date, rule: s.rule, leader: { id: s.leader, name: leaderName(s.leader)! }, hours: s.hours });
    }
  }
  notHeld.sort((a, b) => a.date.localeCompare(b.date) || a.leader.id.localeCompare(b.leader.id));

  return {
    today,
    now: shanghaiISO(now),
    duty,
    visits,
    within: due.within,
    overdue: due.overdue,
    due_soon: due.due_soon,
    awaiting_instruction: due.awaiting_instruction,
    clerk,
    not_held: notHeld,
    calendar_gaps: due.calendar_gaps,
  };
}
