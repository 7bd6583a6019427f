// Reading the roster (no zod, no yaml package: `roster duty` and intake's duty leader load
// only this): the months generated, one month's file (validated, from the cache of a
// read-only command when unchanged: src/ledger/readcache.ts), who is on duty on a day.
// The roster's writes are in roster.ts, which re-exports all of this.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { monthOf, WEEKDAY_ZH, weekday } from '../domain/time.js';
import { loadCalendar, type WorkCalendar } from '../calendar/index.js';
import type { Ledger } from '../ledger/ledger.js';
import { readValidated } from '../ledger/readcache.js';
import { ROSTER_DIR, ROSTER_NAME_RE, rosterRel } from '../ledger/roster-path.js';
import type { RosterFile, RosterSlot } from '../ledger/roster-file.js';

export const MODE_ZH: Record<RosterSlot['mode'], string> = { fixed: '定点接访', appointment: '重点约访', onsite: '带案下访' };

export function rosterMonths(ledger: Ledger): string[] {
  const dir = join(ledger.root, ROSTER_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => ROSTER_NAME_RE.exec(f)?.[1])
    .filter((m): m is string => !!m)
    .sort();
}

export function readRoster(ledger: Ledger, month: string): RosterFile | undefined {
  if (!existsSync(join(ledger.root, rosterRel(month)))) return undefined;
  return readValidated<RosterFile>(ledger.root, rosterRel(month), 'roster');
}

export function rosterCalendar(ledger: Ledger): WorkCalendar {
  return loadCalendar(ledger.root);
}

export interface SlotView {
  date: string;
  weekday: string;
  rule: string;
  leader: { id: string; name: string; title: string; portfolio: string };
  place: { id: string; name: string; address: string };
  hours: string;
  mode: RosterSlot['mode'];
  mode_zh: string;
  override: RosterSlot['override'] | null;
}

export function viewSlot(ledger: Ledger, s: RosterSlot): SlotView {
  const l = ledger.leaders().leaders.find((x) => x.id === s.leader);
  const p = ledger.config.places.find((x) => x.id === s.place || x.name === s.place);
  return {
    date: s.date,
    weekday: WEEKDAY_ZH[weekday(s.date)]!,
    rule: s.rule,
    leader: { id: s.leader, name: l?.name ?? s.leader, title: l?.title ?? '', portfolio: l?.portfolio ?? '' },
    place: { id: s.place, name: p?.name ?? s.place, address: p?.address ?? '' },
    hours: s.hours,
    mode: s.mode,
    mode_zh: MODE_ZH[s.mode],
    override: s.override ?? null,
  };
}

export interface Duty {
  date: string;
  /** null when the calendar does not cover the year. */
  workday: boolean | null;
  /** Holiday or 调休 name from the calendar, '' otherwise. */
  dayName: string;
  generated: boolean;
  slots: SlotView[];
}

/** Who receives on a date (intake uses it for the default leader). Never throws for a missing roster. */
export function dutyOn(ledger: Ledger, date: string): Duty {
  const cal = rosterCalendar(ledger);
  let workday: boolean | null = null;
  let dayName = '';
  if (cal.covers(Number(date.slice(0, 4)))) {
    const info = cal.day(date);
    workday = info.work;
    dayName = info.name;
  }
  const r = readRoster(ledger, monthOf(date));
  return { date, workday, dayName, generated: !!r, slots: (r?.slots ?? []).filter((s) => s.date === date).map((s) => viewSlot(ledger, s)) };
}
