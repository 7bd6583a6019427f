// Gathers the check rules of every area into the one list that `xinfang check` runs.
// Importing this module registers them (once).
import { CASE_VISITORS, LOADERS, RULES } from './check.js';
import { CALENDAR_LOADERS, CALENDAR_RULES } from './calendar-check.js';
import { ROSTER_LOADERS, ROSTER_RULES } from './roster-check.js';
import './case-check.js';
import { INPUT_CASE_VISITORS, INPUT_RULES } from './input-check.js';
import { RULE_CHECKS } from './rule-check.js';

let done = false;
if (!done) {
  done = true;
  RULES.push(...CALENDAR_RULES);
  LOADERS.push(...CALENDAR_LOADERS);
  RULES.push(...ROSTER_RULES);
  LOADERS.push(...ROSTER_LOADERS);
  RULES.push(...INPUT_RULES);
  CASE_VISITORS.push(...INPUT_CASE_VISITORS);
  RULES.push(...RULE_CHECKS);
}
