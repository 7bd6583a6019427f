// The questions the use cases ask about many cases. Two answers to each: the SQLite index
// (sqlite.ts, every command's default) and a full re-read of every case file (ScanStore,
// `XINFANG_INDEX=off`), which is the reference the index is tested against. A filter may be
// a candidate filter (due, stats, brief): the store returns at least every case that can
// match, and the use case applies the exact rule on those.
import type { CaseState, Status } from '../domain/case.js';
import { countedVisits, foldCase, isOpen, isRepeat } from '../domain/case.js';
import type { Channel, Petitioner } from '../domain/events.js';
import { matters as allMatters } from '../domain/repeat.js';
import type { StatsInput } from '../domain/stats.js';
import { loadCaseFiles } from '../ledger/cases.js';
import type { Ledger } from '../ledger/ledger.js';
import { personKeys } from './derive.js';
import { caseMatches, personMatches, personQuery } from '../domain/find.js';
import { summaryTerms, type TermStats } from '../domain/similarity.js';
import { followupCandidate, followupFacts, openTodo, todoBits, type FollowupFacts } from '../domain/todo.js';
import { trackBits } from '../domain/tracking.js';
import type { RunningDate, StoredDeadlines } from './stored-deadlines.js';
import { listFacts, type ListFacts } from '../domain/list-facts.js';

export interface CaseFilter {
  status?: Status;
  /** Owner or receiver. */
  leader?: string;
  unit?: string;
  channel?: Channel;
  repeat?: boolean;
  open?: boolean;
  /** Received on or after / on or before. */
  from?: string;
  to?: string;
  /** Candidates: open cases with a running deadline on or before this date (or volatile ones). */
  dueBy?: string;
  /** Candidates for `due`: dueBy, or waiting for an instruction. */
  attention?: string;
  /** Candidates for the statistics of a window (with its previous period) as of a day. */
  window?: { from: string; to: string; asOf: string };
  /**
   * Candidates for the contacts of a period as of a day (the 登记表): registered in it, or with
   * a further visit, closure, reopening or 进京 visit dated in it, or with events after asOf.
   */
  contacts?: { from: string; to: string; asOf: string };
  /** Candidates for a leader's duty brief on a day. */
  brief?: { date: string; leader: string };
  /** Only these cases. */
  ids?: string[];
  /** A petitioner by name or part of it, ID number or phone (src/domain/find.ts). */
  person?: string;
  /** A petitioner, or words of the summary, place, respondent or addresses (`case find`). */
  text?: string;
  /** What waits for the clerk (src/domain/todo.ts): open cases with a task, closed ones owing a follow-up since this date. */
  clerk?: { followupSince: string };
  /** Open cases with an owning leader (五包 of `due --followup`). */
  ownedOpen?: boolean;
  /** Candidates for group cases (集体访) still open: registered with at least this many people, or contacted again. */
  openGroup?: number;
}

/** A case of `due --followup`'s 回访 and 评查 lists, from the index's row. */
export interface RecurRow {
  id: string;
  closed: string;
  owner: string | null;
  /** TRACK_BITS (src/domain/tracking.ts). */
  bits: number;
}

/** A leader-owned open case and the 五包 items recorded on it. */
export interface DutyRow {
  id: string;
  received: string;
  owner: string;
  done: string[];
}

export interface Matter {
  cases: string[];
  visits: number;
}

export interface Reception {
  id: string;
  date: string;
  leader: string;
  channel: string;
  people: number;
}

/** An open case `due` judges: folded from its file, or as the index stored its deadlines. */
export type DueCandidate = { state: CaseState } | { row: DueRow };
export interface DueRow {
  id: string;
  status: Status;
  owner: string | null;
  channel: Channel;
  received: string;
  needsInstruction: boolean;
  /** The set's running deadlines as dated (null when a 暂定 set is stored too). */
  running: RunningDate[] | null;
  /** The case's units and those whose reply it still waits for. */
  units: string[];
  awaiting: string[];
  /** The whole stored set, unpacked when asked for (a plainly overdue case needs none of it). */
  stored(): StoredDeadlines;
}

/**
 * A row of `case list`: what the index stored of the case (its list facts, and the deadlines of
 * an open case, `stored`; null for a closed or declined one, which has none running), or the
 * case folded where its dates move with the day (suspended) or it is neither open nor ended
 * (merged).
 */
export type ListItem = { facts: ListFacts; stored: StoredDeadlines | null } | { state: CaseState };

/** What `today`'s list of the clerk's tasks needs of a case (no fold at a county's size). */
export interface ClerkRow {
  facts: ListFacts;
  /** The open case's tasks (src/domain/todo.ts todoBits). */
  todo: number;
  followup: FollowupFacts;
  /** The whole summary. */
  summary: string;
}

/** The same from a folded case. */
export function clerkRowOf(s: CaseState): ClerkRow {
  return { facts: listFacts(s), todo: todoBits(s), followup: followupFacts(s), summary: s.file.summary };
}

/** The filters listItems answers exactly in SQL (the others go through the folded cases). */
export function listFilterExact(f: CaseFilter): boolean {
  return f.window === undefined && f.contacts === undefined && f.brief === undefined && f.attention === undefined && f.person === undefined && f.text === undefined && f.clerk === undefined && !f.ownedOpen && f.openGroup === undefined;
}

export interface CaseStore {
  readonly kind: 'sqlite' | 'scan';
  /** The cases passing the filter, by date received then number. */
  cases(f?: CaseFilter): CaseState[];
  /** The same, one at a time (for outputs too large to hold at once). */
  each(f: CaseFilter, fn: (s: CaseState) => void): void;
  /** The same as an iterable, read as it is consumed. */
  iterate(f: CaseFilter): Iterable<CaseState>;
  /** The same as list rows, by date received then number (ListItem). */
  listItems(f: CaseFilter): Iterable<ListItem>;
  /** What waits for the clerk: open cases with a task, closed ones that may owe a follow-up since `followupSince` (the `clerk` filter). */
  clerkRows(followupSince: string): ClerkRow[];
  /** Closed cases due a 回访 or a 评查 (trackBits), by date received then number. */
  recurRows(): RecurRow[];
  /** Open cases with an owning leader and the 五包 items recorded on each, by date received then number. */
  dutyRows(): DutyRow[];
  /** Each case's matter: the case and every case linked to it as a repeat, transitively. */
  matters(ids: readonly string[]): Map<string, Matter>;
  /** The visits of each case's matter (as `matters`, without the list of its cases). */
  matterVisits(ids: readonly string[]): Map<string, number>;
  /** Cases that share a petitioner key (ID number; name + phone) with any of `ps`. */
  byPerson(ps: readonly Petitioner[]): CaseState[];
  /** How many cases' summaries have each of `terms`, and how many cases there are (repeat recognition's weights). */
  termStats(terms: readonly string[]): TermStats;
  /** Visits, letters and calls with a receiving leader, dated from..to. */
  receptions(from: string, to: string): Reception[];
  /** The days each leader received petitioners in person (visits), from..to: "date|leader", each once. */
  receptionDays(from: string, to: string): Set<string>;
  /** Case numbers ending in `suffix` (e.g. "-A0001"), optionally of one year. */
  idsEndingWith(suffix: string, year?: string): string[];
  /** The highest case number CODE-YEAR-STATION#### the index knows of (0 for none). */
  highestNumber(code: string, year: number, station: string): number;
  /**
   * The candidates for the statistics of a window as of a day: each case's stored facts
   * where they hold on that day, else the case itself (periodStatsOf takes either), in no
   * particular order (the sums do not depend on it; saves sorting a quarter's rows).
   */
  statsInputs(f: CaseFilter, asOf: string): Iterable<StatsInput>;
  /**
   * The candidates of `due`, each folded or as stored: open cases with a running deadline on or
   * before `attention`, waiting for an instruction, or lacking a year of the calendar; every
   * open case when `everyOpen` (today's own year, or one before it, is not in the calendar).
   */
  dueCandidates(attention: string, everyOpen: boolean): Iterable<DueCandidate>;
  /** Called after this process wrote case files: brings their rows up to date. */
  written(rels: readonly string[]): void;
  /** Up to `limit` cases whose file names the unit (transfer, reply, supervision; cancelled ones too). */
  unitCases(unit: string, limit: number): string[];
  /** Number of cases. */
  count(): number;
  close(): void;
}

/** A statistics window's first day and its last as of the report date (its end, or asOf if earlier). */
export function windowEnd(w: { from: string; to: string; asOf: string }): { from: string; end: string } {
  return { from: w.from, end: w.asOf < w.to ? w.asOf : w.to };
}

/** Exact filter, shared by the scan and as the last step over SQL candidates. */
export function passes(s: CaseState, f: CaseFilter): boolean {
  if (f.status && s.status !== f.status) return false;
  if (f.leader && s.owner !== f.leader && s.receiver !== f.leader) return false;
  if (f.unit && !s.units.includes(f.unit)) return false;
  if (f.channel && s.file.channel !== f.channel) return false;
  if (f.repeat && !isRepeat(s)) return false;
  if (f.open && !isOpen(s)) return false;
  if (f.from && s.received < f.from) return false;
  if (f.to && s.received > f.to) return false;
  if ((f.dueBy || f.attention) && !isOpen(s)) return false;
  // A case received after the period's end adds nothing to its figures.
  if (f.window && s.received > windowEnd(f.window).end) return false;
  if (f.contacts && s.received > windowEnd(f.contacts).end) return false;
  if (f.ids && !f.ids.includes(s.id)) return false;
  if (f.person !== undefined && !personMatches(s.file.petitioners, personQuery(f.person))) return false;
  if (f.text !== undefined && !caseMatches(s.file, f.text)) return false;
  if (f.clerk && !(openTodo(s).length > 0 || (followupCandidate(s) ?? '') >= f.clerk.followupSince)) return false;
  if (f.openGroup !== undefined && !(isOpen(s) && (s.file.people >= f.openGroup || s.file.repeat_of.length > 0 || s.visits.length > 1))) return false;
  if (f.ownedOpen && !(isOpen(s) && s.owner)) return false;
  return true;
}

export function byReceived(a: CaseState, b: CaseState): number {
  return a.received < b.received ? -1 : a.received > b.received ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every case file read and folded on each question: slow, simple, the reference. */
export class ScanStore implements CaseStore {
  readonly kind = 'scan' as const;
  private all?: CaseState[];
  constructor(private ledger: Ledger) {}

  private load(): CaseState[] {
    this.all ??= loadCaseFiles(this.ledger.root).map(foldCase).sort(byReceived);
    return this.all;
  }
  cases(f: CaseFilter = {}): CaseState[] {
    return this.load().filter((s) => passes(s, f));
  }
  each(f: CaseFilter, fn: (s: CaseState) => void): void {
    for (const s of this.cases(f)) fn(s);
  }
  iterate(f: CaseFilter): Iterable<CaseState> {
    return this.cases(f);
  }
  *listItems(f: CaseFilter): Iterable<ListItem> {
    for (const state of this.cases(f)) yield { state };
  }
  clerkRows(followupSince: string): ClerkRow[] {
    return this.cases({ clerk: { followupSince } }).map(clerkRowOf);
  }
  recurRows(): RecurRow[] {
    return this.load()
      .filter((s) => trackBits(s) !== 0)
      .map((s) => ({ id: s.id, closed: s.closed!, owner: s.owner, bits: trackBits(s) }));
  }
  dutyRows(): DutyRow[] {
    return this.cases({ ownedOpen: true }).map((s) => ({ id: s.id, received: s.received, owner: s.owner!, done: [...s.dutiesDone] }));
  }
  *statsInputs(f: CaseFilter): Iterable<StatsInput> {
    for (const state of this.cases(f)) yield { state };
  }
  *dueCandidates(): Iterable<DueCandidate> {
    for (const state of this.cases({ open: true })) yield { state };
  }
  matters(ids: readonly string[]): Map<string, Matter> {
    const m = allMatters(this.load());
    return new Map(ids.map((id) => [id, m.get(id) ?? { cases: [id], visits: 0 }]));
  }
  matterVisits(ids: readonly string[]): Map<string, number> {
    return new Map([...this.matters(ids)].map(([id, m]) => [id, m.visits]));
  }
  byPerson(ps: readonly Petitioner[]): CaseState[] {
    const keys = new Set(personKeys(ps));
    return this.load().filter((s) => personKeys(s.file.petitioners).some((k) => keys.has(k)));
  }
  termStats(terms: readonly string[]): TermStats {
    const want = new Set(terms);
    const df = new Map<string, number>();
    for (const s of this.load()) for (const t of summaryTerms(s.file.summary)) if (want.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
    return { docs: this.load().length, df };
  }
  receptions(from: string, to: string): Reception[] {
    const out: Reception[] = [];
    for (const s of this.load()) for (const v of countedVisits(s)) if (v.leader && v.date >= from && v.date <= to) out.push({ id: s.id, date: v.date, leader: v.leader, channel: v.channel, people: v.people });
    return out;
  }
  receptionDays(from: string, to: string): Set<string> {
    return new Set(this.receptions(from, to).filter((v) => v.channel === 'visit').map((v) => `${v.date}|${v.leader}`));
  }
  idsEndingWith(suffix: string, year?: string): string[] {
    return this.load()
      .map((s) => s.id)
      .filter((id) => id.endsWith(suffix) && (!year || id.includes(`-${year}-`)))
      .sort();
  }
  highestNumber(code: string, year: number, station: string): number {
    const prefix = `${code}-${year}-${station}`;
    let n = 0;
    for (const s of this.load()) if (s.id.startsWith(prefix) && /^\d+$/.test(s.id.slice(prefix.length))) n = Math.max(n, Number(s.id.slice(prefix.length)));
    return n;
  }
  unitCases(unit: string, limit: number): string[] {
    const names = (e: CaseState['file']['events'][number]) => (e.type === 'transfer' || e.type === 'reply' || e.type === 'supervise') && e.unit === unit;
    return this.load()
      .filter((s) => s.file.events.some(names))
      .map((s) => s.id)
      .sort()
      .slice(0, limit);
  }
  written(): void {
    this.all = undefined;
  }
  count(): number {
    return this.load().length;
  }
  close(): void {}
}
