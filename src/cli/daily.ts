// The daily commands that only read and print many cases — `case list`, `due`, `today`,
// `report stats` — run without commander (fast.ts parses their command lines). In the bundle
// this module is a build of its own (daily-BUILD.js, scripts/bundle.mjs): its modules are not
// split into the many small chunks that `roster duty` and `case show` would then load, and it
// brings its own copy of the running and error reporting (run.ts), so the errors it catches
// are of its own classes.
import type { FastLine } from './fast.js';
import type { IO } from './context.js';
import { Failure, flushOutput, processIO, runAction, type Action } from './run.js';
import { checkValue } from './opts.js';

/** The actions, by the command's words: the same functions commander runs. */
export const DAILY_ACTIONS: Record<string, () => Promise<Action>> = {
  'case list': async () => {
    const { listCases } = await import('./commands/case-list.js');
    return (ctx, _a, o) => listCases(ctx, o);
  },
  due: async () => (await import('./commands/due.js')).dueAction,
  today: async () => (await import('./commands/today.js')).todayAction,
  'report stats': async () => (await import('./commands/reports.js')).statsAction,
};

/** Runs a command line fast.ts has parsed; returns the exit code. Never calls process.exit. */
export async function runDaily(line: FastLine, argv: readonly string[], ioIn?: Partial<IO>): Promise<number> {
  const io = processIO(ioIn);
  const failure = new Failure(io, argv.includes('--json'));
  try {
    // The input layer's net, as for every command (opts.ts checkCommandLine).
    for (const [flag, v] of line.checks) checkValue(flag, v);
    const action = DAILY_ACTIONS[line.route.words.join(' ')];
    if (!action) throw new Error(`daily.ts has no action for ${line.route.words.join(' ')}`);
    return await runAction(io, await action(), line.globals, line.args, line.opts);
  } catch (e) {
    return failure.report(e);
  } finally {
    flushOutput();
  }
}
