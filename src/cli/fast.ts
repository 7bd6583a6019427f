// The entry of the bundled CLI (dist/bundle/main.js). The commands a clerk runs many times a
// day and that only read — `roster duty`, `case show ID`, `case list`, `due`, `today`,
// `report stats` — are parsed here without commander (~30 ms less each),
// which (with the command tree) is a good part of a short command's start-up; every other
// command line goes to main.ts. Only a command line whose meaning is plain is taken: the
// command's words, its own options after them, the global options anywhere, each option at
// most once, every option value a word that does not start with '-', nothing else (no -h, no
// --, no unknown option, no missing or extra argument). For those, commander gives exactly the options read here
// (test/integration/cli-fast.test.ts runs both on the same command lines), and the same checks,
// action, messages and exit codes follow (run.ts).
import type { GlobalOptions, IO } from './context.js';
import { Failure, flushOutput, processIO, runAction, type Action } from './run.js';
import { checkValue } from './opts.js';

interface Route {
  /** The command's words below `xinfang`. */
  words: string[];
  /** Its options that take a value, in the order the command declares them (checked in that order). */
  values: string[];
  /** Its options that are flags. */
  flags: string[];
  /** The names of its arguments (`<ID>`), all required. */
  args: string[];
  /** Its action, loaded with this module's build; none for a daily route (daily.ts runs it). */
  action?: () => Promise<Action>;
  /** Run by daily.ts (a build of its own in the bundle): the daily lists and reports. */
  daily?: true;
  /** Options of the command that this module does not read (lines with them go to commander). */
  handOn?: string[];
}

const ROUTES: Route[] = [
  { words: ['roster', 'duty'], values: ['--date'], flags: [], args: [], action: async () => (await import('./commands/roster-duty.js')).dutyAction },
  { words: ['case', 'show'], values: [], flags: ['--unmasked'], args: ['ID'], action: async () => (await import('./commands/case-show.js')).caseShowAction },
  { words: ['case', 'list'], values: ['--status', '--leader', '--unit', '--channel', '--person', '--due-within', '--from', '--to'], flags: ['--repeat', '--escalate', '--overdue', '--unmasked'], args: [], daily: true },
  // `due --supervise` writes: that line goes to commander (only reading commands are run here).
  { words: ['due'], values: ['--within'], flags: ['--fail-on-overdue', '--followup'], args: [], daily: true, handOn: ['--supervise', '--form'] },
  { words: ['today'], values: ['--within'], flags: [], args: [], daily: true },
  // `report stats --by` is the command's own (the dimensions), not the global --by (the clerk);
  // it, -o and --include (which take several values) go to commander.
  { words: ['report', 'stats'], values: ['--quarter', '--from', '--to', '--format', '--output'], flags: [], args: [], daily: true, handOn: ['--by', '-o', '--include'] },
];

/** The global options (buildProgram in main.ts): value options in declared order, flags with the value they set. */
const GLOBAL_VALUES = ['--ledger', '--by'];
const GLOBAL_FLAGS: Record<string, [keyof GlobalOptions, boolean]> = {
  '--json': ['json', true],
  '--no-color': ['color', false],
  '--quiet': ['quiet', true],
  '--no-input': ['input', false],
  '--wide': ['wide', true],
};

export interface FastLine {
  route: Route;
  globals: GlobalOptions;
  opts: Record<string, unknown>;
  args: string[];
  /** [flag or argument name, value] in the order opts.ts checkCommandLine checks them. */
  checks: [string, string][];
}

const key = (flag: string) => flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The command line, when it is one this module runs (see the header); undefined otherwise. */
export function fastLine(argv: readonly string[]): FastLine | undefined {
  const words = argv.filter((a, i) => !a.startsWith('-') && !isValueOf(argv, i));
  const route = ROUTES.find((r) => r.words.length + r.args.length === words.length && r.words.every((w, i) => words[i] === w));
  if (!route) return undefined;
  // Where the command's last word is: its own options come after it (before it, commander
  // takes them for options of `xinfang` or of the group, which it does not know).
  let last = -1;
  for (let i = 0, n = 0; i < argv.length && n < route.words.length; i++) if (!argv[i]!.startsWith('-') && !isValueOf(argv, i) && ++n === route.words.length) last = i;
  const seen = new Set<string>();
  const given = new Map<string, string>();
  const globals: GlobalOptions = { color: true, input: true };
  const opts: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 2 ? a.slice(0, eq) : a;
    if (seen.has(flag) || route.handOn?.includes(flag)) return undefined;
    seen.add(flag);
    const own = route.values.includes(flag) || route.flags.includes(flag);
    if (own && i < last) return undefined;
    if (GLOBAL_VALUES.includes(flag) || route.values.includes(flag)) {
      const v = eq > 2 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq < 0 && v.startsWith('-'))) return undefined;
      given.set(flag, v);
    } else if (eq < 0 && GLOBAL_FLAGS[flag]) {
      const [k, v] = GLOBAL_FLAGS[flag];
      (globals as Record<string, unknown>)[k] = v;
    } else if (eq < 0 && route.flags.includes(flag)) opts[key(flag)] = true;
    else return undefined;
  }
  const checks: [string, string][] = [];
  for (const f of route.values) if (given.has(f)) checks.push([f, (opts[key(f)] = given.get(f)!)]);
  for (const f of GLOBAL_VALUES) if (given.has(f)) checks.push([f, ((globals as Record<string, unknown>)[key(f)] = given.get(f)!)]);
  const args = words.slice(route.words.length);
  args.forEach((a, i) => checks.push([route.args[i]!, a]));
  return { route, globals, opts, args, checks };
}

/** Is argv[i] the value of the option before it (`--date 2026-11-25`)? */
function isValueOf(argv: readonly string[], i: number): boolean {
  const prev = argv[i - 1];
  return i > 0 && prev !== undefined && (GLOBAL_VALUES.includes(prev) || ROUTES.some((r) => r.values.includes(prev))) && !isValueOf(argv, i - 1);
}

declare const __XINFANG_BUILD__: string | undefined;

/** main.ts's main: in the bundle the split build's cli-BUILD.js (scripts/bundle.mjs), else main.js beside this module. */
async function commanderMain(): Promise<typeof import('./main.js').main> {
  if (typeof __XINFANG_BUILD__ !== 'string') return (await import('./main.js')).main;
  const url = new URL(`./cli-${__XINFANG_BUILD__}.js`, import.meta.url).href;
  return ((await import(url)) as typeof import('./main.js')).main;
}

/** daily.ts's runDaily: in the bundle its own build, daily-BUILD.js (scripts/bundle.mjs), else daily.js beside this module. */
async function dailyRun(): Promise<typeof import('./daily.js').runDaily> {
  if (typeof __XINFANG_BUILD__ !== 'string') return (await import('./daily.js')).runDaily;
  const url = new URL(`./daily-${__XINFANG_BUILD__}.js`, import.meta.url).href;
  return ((await import(url)) as typeof import('./daily.js')).runDaily;
}

/** Runs one command line; returns the exit code. Never calls process.exit. */
export async function main(argv: string[], ioIn?: Partial<IO>): Promise<number> {
  const line = fastLine(argv);
  if (!line) return (await commanderMain())(argv, ioIn);
  if (line.route.daily || !line.route.action) return (await dailyRun())(line, argv, ioIn);
  const io = processIO(ioIn);
  const failure = new Failure(io, argv.includes('--json'));
  try {
    // The input layer's net, as for every command (opts.ts checkCommandLine).
    for (const [flag, v] of line.checks) checkValue(flag, v);
    return await runAction(io, await line.route.action!(), line.globals, line.args, line.opts);
  } catch (e) {
    return failure.report(e);
  } finally {
    flushOutput();
  }
}
