// A case's state is a fold of its events over its registration: status, owner, units,
// visits, flags. Nothing here is stored; every command computes it afresh.
import type { CaseFile, Channel, Event, ReceptionMode } from './events.js';
import { WRITTEN_CHANNELS } from './events.js';

export const STATUS_ZH = {
  registered: '待受理',
  accepted: '办理中',
  transferred: '已交办',
  handled: '已处理',
  suspended: '中止',
  declined: '不予受理',
  closed: '已结案',
} as const;
export type Status = keyof typeof STATUS_ZH;

export interface VisitRecord {
  date: string;
  leader: string;
  people: number;
  channel: Channel;
  mode: ReceptionMode;
}

export interface CaseState {
  id: string;
  file: CaseFile;
  year: number;
  received: string;
  status: Status;
  /** Before the last reopen this was closed, etc. */
  reopened: number;
  receiver: string;
  owner: string | null;
  units: string[];
  /** Units a case was transferred to that have not replied since. */
  awaitingReply: string[];
  visits: VisitRecord[];
  appointments: { date: string; leader: string; note: string }[];
  dutiesDone: string[];
  accepted: string | null;
  /** Start of the current handling period: the acceptance, or the last reopen. */
  handleStart: string | null;
  declined: string | null;
  handled: Extract<Event, { type: 'handle' }> | null;
  closed: string | null;
  extensionDays: number;
  /** Intervals when the clock was stopped; `to` null while still suspended. */
  suspensions: { from: string; to: string | null }[];
  /** The status to return to when a suspended case resumes. */
  resumeStatus: Status | null;
  instructions: { leader: string; text: string; date: string }[];
  approvals: { leader: string; text: string; date: string }[];
  opinion: Extract<Event, { type: 'opinion' }>['value'] | null;
  supervisions: { date: string; form: string }[];
  reviews: { date: string; result: 'pass' | 'redo' }[];
  collective: boolean;
  followups: { date: string; recurred: boolean }[];
  attachments: { file: string; kind: string }[];
  conflicts: number;
  /** 进京非正常上访 recorded on the case (`case beijing`). */
  beijing: { date: string; place: string }[];
  /** Merged into this case (case merge): its registration is counted there, not here. */
  mergedInto: string | null;
  /** A 限期解决 promise recorded as kept (case resolve), until a new handling or a reopen. */
  resolved: { date: string; note: string } | null;
  /** Events cancelled by a later `void` (ignored by the fold). */
  voided: string[];
}

/**
 * The events that count: without those a later `void` cancelled and without the voids
 * themselves. Reports, readiness, deadlines and the index read a case through this.
 */
export function liveEvents(events: readonly Event[]): Event[] {
  let voided: Set<string> | undefined;
  for (const e of events) if (e.type === 'void') (voided ??= new Set()).add(e.event);
  if (!voided) return events as Event[];
  const v = voided;
  return events.filter((e) => e.type !== 'void' && !v.has(e.id));
}

/** The Shanghai date of an event time ('2026-11-25T09:30:00+08:00' → '2026-11-25'). */
export function eventDate(at: string): string {
  if (at.endsWith('+08:00')) return at.slice(0, 10);
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function foldCase(file: CaseFile): CaseState {
  const received = eventDate(file.received_at);
  const s: CaseState = {
    id: file.id,
    file,
    year: Number(file.id.split('-')[1]),
    received,
    status: 'registered',
    reopened: 0,
    receiver: file.receiver,
    owner: file.receiver || null,
    units: [],
    awaitingReply: [],
    visits: [],
    appointments: [],
    dutiesDone: [],
    accepted: null,
    handleStart: null,
    declined: null,
    handled: null,
    closed: null,
    extensionDays: 0,
    suspensions: [],
    resumeStatus: null,
    instructions: [],
    approvals: [],
    opinion: null,
    supervisions: [],
    reviews: [],
    collective: false,
    followups: [],
    attachments: [],
    conflicts: 0,
    mergedInto: null,
    resolved: null,
    voided: file.events.flatMap((e) => (e.type === 'void' ? [e.event] : [])),
    beijing: [],
  };
  for (const e of liveEvents(file.events)) applyEvent(s, e);
  return s;
}

/** What each event does to the state. */
export function applyEvent(s: CaseState, e: Event): void {
  const d = eventDate(e.at);
  switch (e.type) {
    case 'registered':
      s.visits.push({ date: s.received, leader: e.receiver, people: e.people, channel: e.channel, mode: e.mode });
      break;
    case 'visit':
      s.visits.push({ date: e.date, leader: e.receiver, people: e.people, channel: e.channel, mode: e.mode });
      break;
    case 'assign':
      s.owner = e.leader;
      break;
    case 'duty':
      for (const i of e.items) if (!s.dutiesDone.includes(i)) s.dutiesDone.push(i);
      break;
    case 'accept':
      s.accepted = d;
      s.handleStart = d;
      s.declined = null;
      if (s.status === 'registered') s.status = 'accepted';
      break;
    case 'decline':
      s.declined = d;
      s.status = 'declined';
      break;
    case 'handle':
      s.handled = e;
      s.resolved = null;
      if (s.status !== 'closed') s.status = 'handled';
      if (!s.accepted) s.accepted = s.handleStart = d;
      break;
    case 'transfer':
      if (!s.units.includes(e.unit)) s.units.push(e.unit);
      if (!s.awaitingReply.includes(e.unit)) s.awaitingReply.push(e.unit);
      if (!s.accepted) s.accepted = s.handleStart = d;
      if (s.status === 'registered' || s.status === 'accepted') s.status = 'transferred';
      break;
    case 'reply':
      s.awaitingReply = s.awaitingReply.filter((u) => u !== e.unit);
      break;
    case 'extend':
      s.extensionDays += e.days;
      break;
    case 'suspend':
      s.suspensions.push({ from: d, to: null });
      if (s.status !== 'suspended') s.resumeStatus = s.status;
      s.status = 'suspended';
      break;
    case 'resume': {
      const open = s.suspensions.find((x) => x.to === null);
      if (open) open.to = d;
      if (s.status === 'suspended') s.status = s.resumeStatus ?? 'accepted';
      s.resumeStatus = null;
      break;
    }
    case 'supervise':
      s.supervisions.push({ date: d, form: e.form });
      break;
    case 'review':
      s.reviews.push({ date: d, result: e.result });
      if (e.result === 'redo') {
        // 发回重新办理: the earlier handling no longer counts.
        s.handled = null;
        s.resolved = null;
        if (s.status === 'handled') s.status = 'accepted';
      }
      break;
    case 'collective':
      s.collective = true;
      break;
    case 'attach':
      s.attachments.push({ file: e.file, kind: e.kind });
      break;
    case 'instruct':
      s.instructions.push({ leader: e.leader, text: e.text, date: d });
      break;
    case 'approve':
      s.approvals.push({ leader: e.leader, text: e.text, date: d });
      break;
    case 'opinion':
      s.opinion = e.value;
      break;
    case 'close':
      s.closed = d;
      s.status = 'closed';
      break;
    case 'followup':
      s.followups.push({ date: e.date, recurred: e.recurred });
      break;
    case 'reopen':
      s.reopened += 1;
      // A new handling period (重新办理) runs from the reopen: the old period's
      // extensions and suspensions no longer apply to it (they stay in the events).
      s.handleStart = d;
      s.extensionDays = 0;
      s.suspensions = [];
      s.closed = null;
      s.handled = null;
      s.resolved = null;
      s.opinion = null;
      s.approvals = [];
      s.status = 'accepted';
      break;
    case 'appointment':
      s.appointments.push({ date: e.date, leader: e.leader, note: e.note });
      break;
    case 'merged':
      s.mergedInto = e.into;
      break;
    case 'resolve':
      s.resolved = { date: e.date, note: e.note };
      break;
    case 'beijing':
      s.beijing.push({ date: e.date, place: e.place });
      break;
    case 'void':
    case 'correct':
    case 'merge-conflict':
      if (e.type === 'merge-conflict') s.conflicts += 1;
      break;
  }
}

export function isOpen(s: CaseState): boolean {
  return s.status !== 'closed' && s.status !== 'declined' && !s.mergedInto;
}

/** The visits a case counts: none once merged into another case (they are counted there). */
export function countedVisits(s: CaseState): VisitRecord[] {
  return s.mergedInto ? [] : s.visits;
}

/** Letters, calls and mailbox items that still wait for the duty leader's instruction. */
export function needsInstruction(s: CaseState): boolean {
  return WRITTEN_CHANNELS.includes(s.file.channel) && s.instructions.length === 0 && isOpen(s);
}

export function isGroup(s: CaseState, threshold: number): boolean {
  return s.file.people >= threshold || s.visits.some((v) => v.people >= threshold);
}

/** Visits (批次) and person-visits (人次) of the case. */
export function visitCounts(s: CaseState): { batches: number; persons: number } {
  return { batches: s.visits.length, persons: s.visits.reduce((n, v) => n + v.people, 0) };
}

/** A repeat: linked to earlier cases at registration, or visited more than once. */
export function isRepeat(s: CaseState): boolean {
  return !s.mergedInto && (s.file.repeat_of.length > 0 || s.visits.length > 1);
}
