// Who is on duty on a date, for intake's default receiving leader. The roster module
// provides the answer; until a roster exists for that month there is no duty leader.
import type { Ledger } from '../ledger/ledger.js';
import type { ReceptionMode } from '../domain/events.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface DutySlot {
  leader: string;
  rule: string;
  place: string;
  mode: ReceptionMode;
  hours: string;
}

/**
 * The slots of a date from rosters/YYYY-MM.yaml (`days: [{date, slots: [{leader, rule,
 * place, mode, hours}]}]`). A month without a roster file has no duty leader.
 */
export function dutyOn(ledger: Ledger, date: string): DutySlot[] {
  const f = join(ledger.root, 'rosters', `${date.slice(0, 7)}.yaml`);
  if (!existsSync(f)) return [];
  const doc = parse(readFileSync(f, 'utf8')) as { days?: { date: string; slots?: DutySlot[] }[] } | null;
  const day = doc?.days?.find((d) => d.date === date);
  return (day?.slots ?? []).filter((s) => s && typeof s.leader === 'string');
}
