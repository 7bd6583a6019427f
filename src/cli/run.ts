// Running one action, without commander: the IO of the process, the context, the modules
// loaded on demand, and errors turned into messages and exit codes. Shared by main.ts (every
// command line, parsed by commander) and fast.ts (the daily read-only commands, parsed
// without it), so that both print the same and exit with the same codes.
import { writeSync } from 'node:fs';
import { Ctx, type GlobalOptions, type IO } from './context.js';
import { ExitError, InputError, LedgerFileError, ProblemError } from '../errors.js';
import { jsonText, safe } from './safe.js';
import { canRequireModules, preloadOnDemand } from '../ledger/on-demand.js';
import { setIndexProgress } from '../app/index-progress.js';
import { sleepSync } from '../ledger/sleep.js';

export type Action = (ctx: Ctx, args: unknown[], opts: Record<string, unknown>) => Promise<number | void>;

export function processIO(ioIn?: Partial<IO>): IO {
  return {
    cwd: ioIn?.cwd ?? process.cwd(),
    env: ioIn?.env ?? process.env,
    stdout: ioIn?.stdout ?? (process.stdout.isTTY ? (s) => void process.stdout.write(s) : gathered),
    stderr:
      ioIn?.stderr ??
      ((s) => {
        flushOutput();
        process.stderr.write(s);
      }),
    isTTY: ioIn?.isTTY ?? (!!process.stdout.isTTY && !!process.stdin.isTTY),
    columns: ioIn?.columns ?? (process.stdout.isTTY ? process.stdout.columns : undefined),
    clock: ioIn?.clock,
  };
}

// Output to a pipe or a file is gathered and written in pieces of up to 64 kB: `due` and
// `case list` at a county's size print thousands of lines, and a write() a line costs a
// system call and the stream's work each (3,000 lines: ~25–50 ms against ~5 in one piece).
// It is written out whenever the process waits (setImmediate), before anything goes to
// stderr (the two keep their order in a shared log), when main() ends and at exit. A
// terminal gets each line at once, as before; only a terminal is ever prompted.
// The pieces are written synchronously (writeOut): a reader slower than the command (`| less`)
// makes it wait instead of Node queueing the whole output in memory (an export of 100,000
// cases: 319 MB before), and a reader that stops (`| head`) ends it at once instead of after
// the last row.
const GATHER_MAX = 64 * 1024;
let gatheredParts: string[] = [];
let gatheredSize = 0;
let flushScheduled = false;
let exitHooked = false;

function gathered(s: string): void {
  gatheredParts.push(s);
  gatheredSize += s.length;
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      try {
        flushOutput();
      } catch {
        /* stdout already closed (a reader that stopped early): nothing more to say */
      }
    });
  }
  if (gatheredSize >= GATHER_MAX) return flushOutput();
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      flushOutput();
    });
  }
}

/** Writes out what was gathered for stdout (main() calls it when a command line ends). */
export function flushOutput(): void {
  if (!gatheredSize) return;
  const s = gatheredParts.join('');
  gatheredParts = [];
  gatheredSize = 0;
  writeOut(s);
}

/** Writes to stdout (a pipe or a file) before returning, waiting while a pipe is full; a closed pipe ends the process quietly. */
function writeOut(s: string): void {
  const buf = Buffer.from(s, 'utf8');
  let done = 0;
  while (done < buf.length) {
    try {
      done += writeSync(1, buf, done, buf.length - done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        sleepSync(1); // the reader has not caught up: wait a millisecond
        continue;
      }
      // The reader is gone (`| head` has what it wanted): stop, as other command-line tools do.
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    }
  }
}

/**
 * Runs an action once its command line is parsed and checked (opts.ts checkCommandLine).
 * Returns the exit code of a normal end.
 */
export async function runAction(io: IO, fn: Action, globals: GlobalOptions, args: unknown[], opts: Record<string, unknown>, result?: { ctx?: Ctx }): Promise<number> {
  // A Node that cannot require() an ES module gets the modules loaded on demand now (src/ledger/on-demand.ts).
  if (!canRequireModules()) await preloadOnDemand();
  const ctx = new Ctx(io, globals);
  if (result) result.ctx = ctx;
  // A command that finds the index to be built anew shows how far it is, at a terminal.
  setIndexProgress(io.isTTY && !globals.json ? (done, total) => io.stderr(`\r正在重建案件索引 ${done}/${total}${done === total ? '\n' : ''}`) : undefined);
  const code = await fn(ctx, args, opts);
  return typeof code === 'number' ? code : 0;
}

/** How a command line that failed ends: the message (plain or --json) and the exit code. */
export class Failure {
  constructor(
    private readonly io: IO,
    private readonly wantsJson: boolean,
  ) {}

  // Messages quote names and values from the ledger: no escape sequences reach the terminal.
  private errText(s: string): void {
    this.io.stderr(safe(s));
  }
  private errJson(doc: unknown): void {
    this.io.stderr(jsonText(JSON.stringify(doc)) + '\n');
  }

  fail(code: number, key: string, message: string): number {
    if (this.wantsJson) this.errJson({ error: { code: key, message } });
    else this.errText(`错误：${message}\n`);
    return code;
  }

  /** Any error but commander's own (main.ts handles those). */
  report(e: unknown): number {
    const { io, wantsJson } = this;
    if (e instanceof ExitError) return e.exitCode;
    if (e instanceof LedgerFileError) {
      if (wantsJson) this.errJson({ error: { code: e.code, message: e.message, problems: e.problems } });
      else this.errText(`台账文件有错误，请先修正（xinfang check 列出全部问题）：\n${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) return this.fail(2, e.code, e.message + (e.hint ? `\n提示：${e.hint}` : ''));
    if (e instanceof ProblemError) return this.fail(1, e.code, e.message);
    const err = e as Error;
    if ((err as { name?: string }).name === 'ExitPromptError') {
      // The clerk's own choice, not an error: say so plainly.
      if (wantsJson) io.stderr(JSON.stringify({ error: { code: 'cancelled', message: '已取消，没有写入任何内容' } }) + '\n');
      else io.stderr('已取消，没有写入任何内容\n');
      return 2;
    }
    this.errText(`内部错误：${err?.message ?? String(e)}\n${io.env.XINFANG_DEBUG ? (err?.stack ?? '') + '\n' : '（设置 XINFANG_DEBUG=1 可显示详细信息）\n'}`);
    return 3;
  }
}
