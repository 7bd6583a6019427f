// Every area of the CLI registers its commands here. A register function only declares
// commands and options; the work is imported lazily when a command runs.
import type { Program } from './main.js';
import { registerSetup } from './commands/setup.js';
import { registerLeaders } from './commands/leaders.js';
import { registerIntake } from './commands/intake.js';
import { registerLifecycle } from './commands/lifecycle.js';
import { registerCalendar } from './commands/calendar.js';
import { registerRoster } from './commands/roster.js';
import { registerReports } from './commands/reports.js';

export function registerAreas(p: Program): void {
  registerSetup(p);
  registerLeaders(p);
  registerIntake(p);
  registerLifecycle(p);
  registerCalendar(p);
  registerRoster(p);
  registerReports(p);
}
