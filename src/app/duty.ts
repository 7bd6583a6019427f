// Who is on duty on a date, for intake's default receiving leader: the roster's slots of
// that day (rosters/YYYY-MM.yaml), in the order of the office's rules. A month without a
// roster has no duty leader, and the clerk names one.
import type { Ledger } from '../ledger/ledger.js';
import type { ReceptionMode } from '../domain/events.js';
import { dutyOn as rosterDuty } from './roster-read.js';

export interface DutySlot {
  leader: string;
  rule: string;
  place: string;
  mode: ReceptionMode;
  hours: string;
}

export function dutyOn(ledger: Ledger, date: string): DutySlot[] {
  return rosterDuty(ledger, date).slots.map((s) => ({ leader: s.leader.id, rule: s.rule, place: s.place.id, mode: s.mode, hours: s.hours }));
}

/** The slot whose hours (HH:mm-HH:mm) cover the time `hhmm`, or undefined. */
export function slotCovering<T extends { hours: string }>(slots: readonly T[], hhmm: string): T | undefined {
  return slots.find((s) => {
    const [from, to] = s.hours.split('-') as [string, string];
    return hhmm >= from && hhmm <= to;
  });
}

/**
 * The default receiving leader of a contact at `at`: the leader whose slot covers the time
 * of the visit. A visit outside every slot of the day has no default (the clerk names the
 * leader: the slot's leader may have left); a letter or call, or a date given without a
 * time (00:00), takes the day's first duty leader (the leader who reads that day's letters).
 */
export function dutyAt(ledger: Ledger, date: string, hhmm: string, inPerson: boolean): { slot: DutySlot | undefined; day: DutySlot[] } {
  const day = dutyOn(ledger, date);
  const timed = hhmm !== '00:00';
  const covering = timed ? slotCovering(day, hhmm) : undefined;
  return { slot: covering ?? (!timed || !inPerson ? day[0] : undefined), day };
}
