// A roster rule's reception hours (apart from schema.ts, whose zod schemas a roster change
// need not load).
import type { Rule } from './schema.js';

/** The working day when xinfang.yaml does not give schedule.working_hours. */
export const DEFAULT_WORKING_HOURS = '08:30-17:30';

/** A rule's reception hours: its own, or the office's working day. */
export function ruleHours(rule: Pick<Rule, 'hours'>, workingHours: string = DEFAULT_WORKING_HOURS): string {
  return rule.hours ?? workingHours;
}
