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

/**
 * The top-level commands each area declares, in registration order. Building the whole
 * tree (a hundred commands and their options) is a good part of start-up, so a command
 * line naming one of these builds only its area; anything else (no command, help, a
 * typo) builds everything. A name missing here only costs speed: main() rebuilds the
 * whole tree when the area built does not declare the command asked for.
 */
const ALL = [registerSetup, registerLeaders, registerIntake, registerLifecycle, registerCalendar, registerRoster, registerReports];
const AREAS: { commands: string[]; register: ((p: Program) => void)[] }[] = [
  { commands: ['init', 'setup', 'check', 'demo', 'merge-driver'], register: [registerSetup] },
  { commands: ['leader', 'unit'], register: [registerLeaders] },
  { commands: ['visit', 'letter', 'reindex'], register: [registerIntake] },
  // `case` is intake's; lifecycle adds most of its subcommands (and `due`), roster adds `case appoint`.
  { commands: ['case'], register: [registerIntake, registerLifecycle, registerRoster] },
  { commands: ['due'], register: [registerIntake, registerLifecycle] },
  { commands: ['calendar'], register: [registerCalendar] },
  { commands: ['roster'], register: [registerRoster] },
  { commands: ['report'], register: [registerReports] },
];

/** Registers every area, or only the one declaring `only` when one does; true when only one. */
export function registerAreas(p: Program, only?: string): boolean {
  const area = only === undefined ? undefined : AREAS.find((a) => a.commands.includes(only));
  for (const register of area?.register ?? ALL) register(p);
  return !!area;
}

/** Global options that take a value (kept in step with buildProgram). */
const VALUE_OPTIONS = new Set(['--ledger', '--by']);
const FLAG_OPTIONS = new Set(['--json', '--color', '--no-color', '--quiet', '--input', '--no-input']);

/** The command word of a command line (`roster` in `--ledger L roster duty`), if plain to see. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) return a;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!FLAG_OPTIONS.has(a) && !VALUE_OPTIONS.has(a.split('=')[0]!)) return undefined;
  }
  return undefined;
}
