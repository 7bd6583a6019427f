// An open case's deadlines as the index keeps them: fixed by its events and the calendar, not
// yet judged on a day (src/domain/deadlines.ts DeadlineSet), with what `due` shows beside
// them. Only for a case never suspended — a suspension makes the dates move with the day.
import type { DeadlineSet } from '../domain/deadlines.js';

export interface StoredDeadlines {
  set: DeadlineSet;
  /** The same on the provisional calendar, when the real one lacks a year some date needs. */
  pset?: DeadlineSet;
  /** The case's units and the units whose reply it still waits for (who `due` names). */
  units: string[];
  awaiting: string[];
}
