// What the index stores of one case: the columns that lists, due, reports and repeat
// detection filter on, computed from the case file with the office's deadline rules and the
// working-day calendar. Deadline dates do not depend on the day the row is made, except
// while a case is (or was) suspended or a deadline needs a year the calendar lacks: such a
// row is `volatile` and every date-bound query takes it as a candidate.
import { countedVisits, eventDate, foldCase, isOpen, isRepeat, liveEvents, needsInstruction, type CaseState } from '../domain/case.js';
import { followupCandidate, followupFacts, todoBits } from '../domain/todo.js';
import { trackBits } from '../domain/tracking.js';
import { caseDeadlines, deadlineSet, judgeDeadlines, type DeadlineRules, type DeadlineSet, type WarningRules } from '../domain/deadlines.js';
import { setHasGap } from '../domain/shown-deadlines.js';
import { ProvisionalCalendar } from '../calendar/provisional.js';
import { packStored } from './stored-deadlines.js';
import type { CaseFile } from '../domain/events.js';
import { normalizeId, phoneKey } from '../domain/identity.js';
import { NotCoveredError, type WorkCalendar } from '../calendar/calendar.js';
import { summaryTerms } from '../domain/similarity.js';
import { caseText } from '../domain/find.js';
import { deadlineDate } from '../calendar/deadline.js';
import { factDeadlinesFrom, statsFacts, type FactDeadlines } from '../domain/stats-facts.js';
import { packFacts } from './facts-codec.js';
import { listFacts } from '../domain/list-facts.js';
import { packListFacts } from './list-codec.js';

export interface DeriveEnv {
  rules: DeadlineRules;
  warnings: WarningRules;
  cal: WorkCalendar;
  /** The day the row is made (only volatile rows depend on it). */
  today: string;
}

export interface CaseRow {
  id: string;
  received: string;
  last_date: string;
  status: string;
  open: number;
  receiver: string;
  owner: string | null;
  channel: string;
  purpose: string;
  cat_main: string;
  cat_sub: string;
  people: number;
  visits: number;
  repeat: number;
  needs_instr: number;
  /** The earliest running deadline as shown (a 暂定 date where the calendar lacks the year). */
  due_min: string | null;
  /**
   * The latest day the statistics may date something of the case on: its last event, any
   * further visit, closure, reopening or 进京 date, and its handling deadline as the
   * statistics judge it. A case whose reach is before a period counts nowhere in it (unless
   * volatile or changed after the report date): the window's candidates are one index range.
   */
  reach: string;
  volatile: number;
  /** Open and suspended once: its deadlines move with the day (every `due` folds it). */
  moving: number;
  /** Suspended at some time: its statistics facts may depend on the day (days still suspended). */
  susp: number;
  /** An open case's deadlines before the day judges them (StoredDeadlines as JSON), when not moving. */
  dl: string | null;
  recurring: number;
  /** What a row of `case list` shows (ListFacts, packed by list-codec.ts). */
  brief: string;
  /** The summary (事由) as written (its own table: `today` lists it). */
  summary: string;
  /** The clerk's tasks on an open case (src/domain/todo.ts bits). */
  todo: number;
  /** A closed leader-owned case not followed up since: its closure date. */
  followup_from: string | null;
  /** A follow-up is owed whatever the office's group threshold (FollowupFacts.sure). */
  fu_sure: number;
  /** A 回访 or 评查 due after closure, and why (src/domain/tracking.ts TRACK_BITS). */
  track: number;
  /** An open case with an owning leader: the 五包 items recorded (JSON); else null. */
  duties: string | null;
  units: string[];
  keys: string[];
  links: string[];
  receptions: { date: string; leader: string; channel: string; people: number }[];
  appointments: { date: string; leader: string }[];
  /** The days of its further visits, closures, reopenings and 进京 visits (a period with one of them counts the case). */
  days: string[];
  /** What the case adds to the statistics (StatsFacts, packed by facts-codec.ts; used while the row is not volatile). */
  facts: string;
  /** The summary's terms (for the document frequencies of repeat recognition). */
  terms: string[];
  /** Searched by `--person`: names, ID numbers and phone digits, one per line. */
  who: string;
  /** Searched by `case find`: summary, place, respondent, addresses, names (lower case). */
  body: string;
}

/** The petitioner keys a case is found by: the ID number, and name + phone. */
export function personKeys(ps: readonly { name: string; id_number: string; phone: string }[]): string[] {
  const out = new Set<string>();
  for (const p of ps) {
    if (p.id_number) out.add(`i:${normalizeId(p.id_number)}`);
    if (p.phone && phoneKey(p.phone)) out.add(`p:${p.name.trim()}|${phoneKey(p.phone)}`);
  }
  return [...out];
}

/** Later than any event: the facts of the case with all its events. */
const LAST_DAY = '9999-12-31';

/** The deadlines the statistics judge a case on, from the office's rules and calendar. */
export function factDeadlines(env: DeriveEnv, known?: [CaseState, DeadlineSet]): FactDeadlines {
  return factDeadlinesFrom((s) => deadlineSet(s, env.rules, env.cal, env.today), known);
}

function statsDays(s: CaseState): string[] {
  const out = new Set<string>();
  s.visits.forEach((v, i) => i > 0 && out.add(v.date));
  for (const e of liveEvents(s.file.events)) if (e.type === 'close' || e.type === 'reopen') out.add(eventDate(e.at));
  for (const b of s.beijing) out.add(b.date);
  return [...out];
}

export function deriveRow(file: CaseFile, env: DeriveEnv): CaseRow {
  const s = foldCase(file);
  return deriveFromState(s, env);
}

export function deriveFromState(s: CaseState, env: DeriveEnv): CaseRow {
  const f = s.file;
  let last = s.received;
  for (const e of f.events) {
    const d = eventDate(e.at);
    if (d > last) last = d;
  }
  const open = isOpen(s);
  let dueMin: string | null = null;
  let volatile = s.suspensions.length > 0;
  const moving = open && s.suspensions.length > 0;
  let openHandle: string | null | undefined;
  let dl: string | null = null;
  let known: [CaseState, DeadlineSet] | undefined;
  if (open) {
    const set = deadlineSet(s, env.rules, env.cal, env.today);
    const d = judgeDeadlines(set, env.rules, env.warnings, env.cal, env.today);
    known = [s, set];
    if (d.gaps.length) volatile = true;
    for (const x of [d.accept, ...(d.handle ? [d.handle] : []), ...d.transfers, ...(d.promise ? [d.promise] : [])]) if (x.running && x.date === null) volatile = true;
    openHandle = d.handle ? d.handle.date : undefined;
    // What `due`, `today` and `case list --overdue` judge on the day of the command, and
    // the earliest running date as shown (暂定 dates where the calendar lacks the year).
    const pset = setHasGap(set) ? deadlineSet(s, env.rules, new ProvisionalCalendar(env.cal), env.today) : undefined;
    for (const x of [...[pset ?? set].flatMap((z) => [z.accept, z.handle, ...z.transfers, z.promise])]) {
      if (x && x.running && x.date !== null && (dueMin === null || x.date < dueMin)) dueMin = x.date;
    }
    if (!moving) {
      dl = packStored({ set, ...(pset && { pset }), units: s.units, awaiting: s.awaitingReply });
    }
  }
  // The handling deadline as the statistics judge it: on the state before the first closure
  // (the statistics facts hold it; a merged case has none and is judged here).
  const facts = statsFacts(s, LAST_DAY, factDeadlines(env, known));
  let handleFirst: string | null = null;
  if (facts) {
    if (facts.handle) {
      if (facts.handle.due) handleFirst = facts.handle.due;
      else volatile = true;
    }
  } else {
    const live = liveEvents(f.events);
    const firstClose = live.findIndex((e) => e.type === 'close');
    const before = firstClose >= 0 ? foldCase({ ...f, events: live.slice(0, firstClose) }) : s;
    if (before.accepted && before.status !== 'declined') {
      const h = firstClose < 0 && openHandle !== undefined ? openHandle : (caseDeadlines(before, env.rules, env.warnings, env.cal, env.today).handle?.date ?? null);
      if (h) handleFirst = h;
      else volatile = true;
    }
  }
  if (!volatile) {
    // The acceptance limit (statistics) may need a year the calendar lacks.
    try {
      deadlineDate(env.cal, s.received, env.rules.accept_days, env.rules.day_count);
    } catch (e) {
      if (!(e instanceof NotCoveredError)) throw e;
      volatile = true;
    }
  }
  const inPerson = s.visits.filter((v) => v.channel === 'visit').length;
  const days = statsDays(s);
  let reach = handleFirst !== null && handleFirst > last ? handleFirst : last;
  for (const d of days) if (d > reach) reach = d;
  return {
    id: s.id,
    received: s.received,
    last_date: last,
    status: s.status,
    open: open ? 1 : 0,
    receiver: s.receiver,
    owner: s.owner,
    channel: f.channel,
    purpose: f.purpose,
    cat_main: f.category.main,
    cat_sub: f.category.sub,
    people: f.people,
    visits: countedVisits(s).length,
    repeat: isRepeat(s) ? 1 : 0,
    needs_instr: needsInstruction(s) ? 1 : 0,
    due_min: dueMin,
    reach,
    volatile: volatile ? 1 : 0,
    moving: moving ? 1 : 0,
    susp: s.suspensions.length > 0 ? 1 : 0,
    dl,
    summary: f.summary,
    brief: packListFacts(listFacts(s)),
    recurring: inPerson > 1 || s.opinion === 'dissatisfied' || s.followups.some((x) => x.recurred) ? 1 : 0,
    todo: todoBits(s),
    followup_from: followupCandidate(s),
    fu_sure: followupFacts(s).sure ? 1 : 0,
    track: trackBits(s),
    duties: isOpen(s) && s.owner ? JSON.stringify(s.dutiesDone) : null,
    // Every unit the file names (a cancelled transfer too): `unit remove` asks who still points at one.
    units: [...new Set([...s.units, ...f.events.flatMap((e) => (e.type === 'transfer' || e.type === 'reply' || (e.type === 'supervise' && e.unit) ? [e.unit] : []))])],
    keys: personKeys(f.petitioners),
    links: [...new Set(f.repeat_of)],
    receptions: countedVisits(s).filter((v) => v.leader).map((v) => ({ date: v.date, leader: v.leader, channel: v.channel, people: v.people })),
    appointments: s.appointments.map((a) => ({ date: a.date, leader: a.leader })),
    days,
    facts: packFacts(facts),
    terms: summaryTerms(f.summary),
    who: f.petitioners.flatMap((p) => [p.name, p.id_number ? normalizeId(p.id_number) : '', p.phone ? phoneKey(p.phone) : '']).filter(Boolean).join('\n'),
    body: caseText(f).toLowerCase(),
  };
}
