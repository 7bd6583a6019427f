// Every area of the CLI registers its commands here. A register function only declares
// commands and options; the work is imported lazily when a command runs. The areas'
// modules themselves are imported only when their area is built (each is its own chunk).
import type { Program } from './main.js';

type Register = () => Promise<(p: Program) => void>;
const registerSetup: Register = async () => (await import('./commands/setup.js')).registerSetup;
const registerLeaders: Register = async () => (await import('./commands/leaders.js')).registerLeaders;
const registerIntake: Register = async () => (await import('./commands/intake.js')).registerIntake;
const registerLifecycle: Register = async () => (await import('./commands/lifecycle.js')).registerLifecycle;
const registerCalendar: Register = async () => (await import('./commands/calendar.js')).registerCalendar;
const registerRoster: Register = async () => (await import('./commands/roster.js')).registerRoster;
const registerReports: Register = async () => (await import('./commands/reports.js')).registerReports;
const registerToday: Register = async () => (await import('./commands/today.js')).registerToday;
const registerImportExport: Register = async () => (await import('./commands/import-export.js')).registerImportExport;
const registerCorrections: Register = async () => (await import('./commands/corrections.js')).registerCorrections;
const registerCompletion: Register = async () => (await import('./commands/completion.js')).registerCompletion;
const registerBeijing: Register = async () => (await import('./commands/beijing.js')).registerBeijing;
const registerDue: Register = async () => (await import('./commands/due.js')).registerDue;

/**
 * The top-level commands each area declares, in registration order. Building the whole
 * tree (a hundred commands and their options) is a good part of start-up, so a command
 * line naming one of these builds only its area; anything else (no command, help, a
 * typo) builds everything. A name missing here only costs speed: main() rebuilds the
 * whole tree when the area built does not declare the command asked for.
 */
const ALL = [registerSetup, registerLeaders, registerIntake, registerLifecycle, registerCalendar, registerRoster, registerReports, registerToday, registerImportExport, registerCorrections, registerCompletion, registerBeijing];
const AREAS: { commands: string[]; register: Register[] }[] = [
  { commands: ['init', 'setup', 'check', 'demo', 'merge-driver'], register: [registerSetup] },
  { commands: ['leader', 'unit'], register: [registerLeaders, registerCorrections] },
  { commands: ['visit', 'letter', 'reindex'], register: [registerIntake] },
  // `case` is intake's; lifecycle adds most of its subcommands (and `due`), roster adds `case appoint`.
  // corrections adds `case void|resolve`, `unit edit|remove`, `roster unset` to whichever of those exist; beijing adds `case beijing`.
  { commands: ['case'], register: [registerIntake, registerLifecycle, registerRoster, registerCorrections, registerBeijing] },
  { commands: ['due'], register: [registerIntake, registerLifecycle] },
  { commands: ['calendar'], register: [registerCalendar] },
  { commands: ['roster'], register: [registerRoster, registerCorrections] },
  { commands: ['report'], register: [registerReports] },
  { commands: ['today'], register: [registerToday] },
  { commands: ['import', 'export'], register: [registerImportExport] },
  { commands: ['completion'], register: [registerCompletion] },
];

/**
 * Commands that fewer register functions declare than their area: `due` (registered by
 * lifecycle's, from its own module), the reading subcommands of `case` (intake's; lifecycle,
 * roster, corrections and beijing add the other twenty-odd). Only the command itself is
 * built then; main() builds everything when it is not there after all.
 */
const NARROW: { path: string[]; register: Register[] }[] = [
  { path: ['due'], register: [registerDue] },
  ...['list', 'find', 'show', 'form'].map((sub) => ({ path: ['case', sub], register: [registerIntake] })),
];

/** The command paths built on their own (tests compare them with the whole tree). */
export const NARROW_PATHS: readonly string[][] = NARROW.map((n) => n.path);

/**
 * Registers every area, or only the one declaring `only` when one does (with `sub`, the word
 * after it, only what declares that command, when NARROW has it). Returns the command path
 * the tree was built for, or undefined for the whole tree.
 */
export async function registerAreas(p: Program, only?: string, sub?: string): Promise<string[] | undefined> {
  const narrow = only === undefined ? undefined : NARROW.find((n) => n.path[0] === only && (n.path.length === 1 || n.path[1] === sub));
  const area = narrow ?? (only === undefined ? undefined : AREAS.find((a) => a.commands.includes(only)));
  const fns = await Promise.all((area?.register ?? ALL).map((load) => load()));
  for (const register of fns) register(p);
  return narrow ? narrow.path : area ? [only!] : undefined;
}

/** The word after the command word (`duty` in `--ledger L roster duty`), when it follows it directly. */
export function subcommandWord(argv: readonly string[]): string | undefined {
  const i = wordAt(argv);
  const next = i < 0 ? undefined : argv[i + 1];
  return next === undefined || next.startsWith('-') ? undefined : next;
}

/** Global options that take a value (kept in step with buildProgram). */
const VALUE_OPTIONS = new Set(['--ledger', '--by']);
const FLAG_OPTIONS = new Set(['--wide', '--json', '--color', '--no-color', '--quiet', '--input', '--no-input']);

/** The command word of a command line (`roster` in `--ledger L roster duty`), if plain to see. */
export function commandWord(argv: readonly string[]): string | undefined {
  const i = wordAt(argv);
  return i < 0 ? undefined : argv[i];
}

/** Where the first word that is not a global option (or its value) is; -1 when none or not plain to see. */
export function wordAt(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) return i;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!FLAG_OPTIONS.has(a) && !VALUE_OPTIONS.has(a.split('=')[0]!)) return -1;
  }
  return -1;
}
