// An open case's deadlines as the index keeps them: fixed by its events and the calendar, not
// yet judged on a day (src/domain/deadlines.ts DeadlineSet), with what `due` shows beside
// them. Only for a case never suspended — a suspension makes the dates move with the day.
// Stored as compact JSON arrays (a few thousand are read by every `due`).
import type { Deadline, DeadlineKind, DeadlineSet } from '../domain/deadlines.js';

export interface StoredDeadlines {
  set: DeadlineSet;
  /** The same on the provisional calendar, when the real one lacks a year some date needs. */
  pset?: DeadlineSet;
  /** The case's units and the units whose reply it still waits for (who `due` names). */
  units: string[];
  awaiting: string[];
}

type PackedDeadline = [DeadlineKind, string, string | null, 0 | 1, string | null, 0 | 1, string | null, number | null, string | null];
type PackedSet = [PackedDeadline, PackedDeadline | 0, PackedDeadline[], PackedDeadline | 0];

function packDeadline(d: Deadline): PackedDeadline {
  return [d.kind, d.start, d.date, d.running ? 1 : 0, d.metOn, d.late ? 1 : 0, d.unit ?? null, d.gapYear ?? null, d.earliest ?? null];
}

function unpackDeadline(p: PackedDeadline): Deadline {
  const d: Deadline = { kind: p[0], start: p[1], date: p[2], running: p[3] === 1, metOn: p[4], late: p[5] === 1, level: 'normal', daysLeft: null, fraction: null };
  if (p[6] !== null) d.unit = p[6];
  if (p[7] !== null) d.gapYear = p[7];
  if (p[8] !== null) d.earliest = p[8];
  return d;
}

function packSet(s: DeadlineSet): PackedSet {
  return [packDeadline(s.accept), s.handle ? packDeadline(s.handle) : 0, s.transfers.map(packDeadline), s.promise ? packDeadline(s.promise) : 0];
}

function unpackSet(p: PackedSet): DeadlineSet {
  return { accept: unpackDeadline(p[0]), handle: p[1] === 0 ? null : unpackDeadline(p[1]), transfers: p[2].map(unpackDeadline), promise: p[3] === 0 ? null : unpackDeadline(p[3]), suspendedDays: 0, suspended: false };
}

/** A set the index stores must be of a case never suspended (nothing stopped, nothing suspended). */
export function packStored(x: StoredDeadlines): string {
  for (const s of [x.set, x.pset]) if (s && (s.suspendedDays !== 0 || s.suspended)) throw new Error('a suspended case’s deadlines move with the day and are not stored');
  return JSON.stringify([packSet(x.set), x.pset ? packSet(x.pset) : 0, x.units, x.awaiting]);
}

/** The stored text parsed, not yet unpacked: `due` looks at the running dates of thousands first. */
export type ParsedStored = [PackedSet, PackedSet | 0, string[], string[]];

export function parseStored(text: string): ParsedStored {
  return JSON.parse(text) as ParsedStored;
}

export function unpackParsed(p: ParsedStored): StoredDeadlines {
  return { set: unpackSet(p[0]), ...(p[1] !== 0 && { pset: unpackSet(p[1]) }), units: p[2], awaiting: p[3] };
}

export function unpackStored(text: string): StoredDeadlines {
  return unpackParsed(parseStored(text));
}

/** A running deadline of a stored set as dated, before any day judges it. */
export interface RunningDate {
  kind: DeadlineKind;
  start: string;
  date: string | null;
  unit: string | null;
}

/**
 * The running deadlines of the set in the case's order (acceptance, handling, transfers,
 * promise), or null when a 暂定 set is stored beside it (some date needs a year the calendar
 * lacks). No Deadline objects are made: most of `due`'s candidates need no more than this.
 */
export function runningDates(p: ParsedStored): RunningDate[] | null {
  if (p[1] !== 0) return null;
  const [accept, handle, transfers, promise] = p[0];
  const out: RunningDate[] = [];
  const take = (d: PackedDeadline | 0): void => {
    if (d !== 0 && d[3] === 1) out.push({ kind: d[0], start: d[1], date: d[2], unit: d[6] });
  };
  take(accept);
  take(handle);
  for (const t of transfers) take(t);
  take(promise);
  return out;
}
