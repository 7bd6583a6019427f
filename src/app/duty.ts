// Who is on duty on a date, for intake's default receiving leader: the roster's slots of
// that day (rosters/YYYY-MM.yaml), in the order of the office's rules. A month without a
// roster has no duty leader, and the clerk names one.
import type { Ledger } from '../ledger/ledger.js';
import type { ReceptionMode } from '../domain/events.js';
import { dutyOn as rosterDuty } from './roster.js';

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
