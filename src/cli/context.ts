// The command context: everything a command may know about the world — where it runs,
// what time it is, where to print, whether a person is at the terminal. Tests build one
// with a fixed clock and recording streams; nothing else reads process globals.
import { colours, jsonText, terminalText, type Colours } from './safe.js';
import { InputError, shownValue } from '../errors.js';
import { instantProblem, recordDateProblem, RECORD_YEAR_MAX, RECORD_YEAR_MIN } from '../domain/input.js';
import { parseInstant, shanghaiDate } from '../domain/time.js';
import { findLedger, Ledger, type Clerk } from '../ledger/ledger.js';
import { localClerk } from '../app/clerk-file.js';
import { setReadCacheHome } from '../ledger/readcache.js';
import { onDemand } from '../ledger/on-demand.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';

export interface IO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  /** The terminal's width in columns, when stdout is a terminal. */
  columns?: number;
  /** Real clock, read once per command; XINFANG_NOW overrides it. */
  clock?: () => Date;
}

export interface GlobalOptions {
  ledger?: string;
  json?: boolean;
  color?: boolean;
  quiet?: boolean;
  input?: boolean;
  by?: string;
  wide?: boolean;
}

export class Ctx {
  readonly now: Date;
  /** Colours (marked until printed: src/cli/safe.ts); plain text when off. */
  readonly c: Colours;
  private ledgerCache?: Ledger;

  constructor(
    readonly io: IO,
    readonly opts: GlobalOptions,
  ) {
    const fixed = io.env.XINFANG_NOW;
    if (fixed) {
      const t = parseInstant(fixed);
      if (!t || instantProblem(fixed.trim()) || recordDateProblem(shanghaiDate(t))) {
        throw new InputError(`环境变量 XINFANG_NOW 的值“${shownValue(fixed)}”不是有效时间：应为 ISO 日期或日期时间，如 2026-11-25 或 2026-11-25T09:30:00+08:00，年份在 ${RECORD_YEAR_MIN} 到 ${RECORD_YEAR_MAX} 之间（git 只能记录这些年份的提交时间）`, 'bad_now');
      }
      this.now = t;
    } else this.now = (io.clock ?? (() => new Date()))();
    const colour = opts.color !== false && !io.env.NO_COLOR && io.isTTY && !opts.json;
    this.c = colours(colour);
  }

  get json(): boolean {
    return !!this.opts.json;
  }
  get quiet(): boolean {
    return !!this.opts.quiet;
  }
  /** May we ask the person at the terminal? */
  get interactive(): boolean {
    return this.io.isTTY && this.opts.input !== false && !this.io.env.CI && !this.json;
  }

  // Everything printed passes through terminalText: escape sequences and control characters
  // in ledger data are removed, our own colours kept (src/cli/safe.ts).
  out(s = ''): void {
    this.write(s.endsWith('\n') ? s : s + '\n');
  }
  /** Prints as it is (no line end added), made safe for the terminal. */
  write(s: string): void {
    this.io.stdout(terminalText(s, this.c.level > 0));
  }
  /** Progress and notes for people; silent with --quiet or --json. */
  info(s: string): void {
    if (!this.quiet && !this.json) this.out(s);
  }
  warn(s: string): void {
    this.io.stderr(terminalText(s.endsWith('\n') ? s : s + '\n', this.c.level > 0));
  }
  printJson(doc: unknown): void {
    this.io.stdout(jsonText(JSON.stringify(doc, null, 2)) + '\n');
  }
  /**
   * printJson({ ...head, [key]: [...items] }), the same text, written item by item as the
   * items come: a list of tens of thousands of cases is never one string. `key` comes last
   * (not an array index, which JavaScript orders first).
   */
  printJsonList(head: Record<string, unknown>, key: string, items: Iterable<unknown>): number {
    const open = jsonText(JSON.stringify({ ...head, [key]: [] }, null, 2));
    const before = open.slice(0, open.length - '[]\n}'.length);
    let count = 0;
    for (const item of items) {
      this.io.stdout((count === 0 ? `${before}[\n` : ',\n') + `    ${jsonText(JSON.stringify(item, null, 2)).replaceAll('\n', '\n    ')}`);
      count++;
    }
    this.io.stdout(count === 0 ? `${open}\n` : '\n  ]\n}\n');
    return count;
  }

  /**
   * The width tables must fit: the terminal's, or $COLUMNS when set (output to a pipe or a
   * file keeps every column as wide as its cells otherwise); none with --wide.
   */
  get width(): number | undefined {
    if (this.opts.wide) return undefined;
    const env = Number(this.io.env.COLUMNS);
    if (this.io.env.COLUMNS && Number.isInteger(env) && env > 0) return env;
    return this.io.isTTY && this.io.columns ? this.io.columns : undefined;
  }

  ledgerRoot(): string {
    return findLedger(this.io.cwd, this.opts.ledger, this.io.env.XINFANG_LEDGER);
  }

  ledger(): Ledger {
    if (!this.ledgerCache) {
      const root = this.ledgerRoot();
      // A write of a command that was killed is finished first (src/ledger/txn.ts).
      if (pendingWrites(root)) {
        const { describeRecovered, recoverPending } = onDemand('write-support');
        for (const r of recoverPending(root)) this.warn(`注意：${describeRecovered(r)}`);
      }
      // Validated files from .xinfang/cache/ when unchanged (src/ledger/readcache.ts), for writes too.
      setReadCacheHome(root);
      this.ledgerCache = Ledger.open(root);
    }
    return this.ledgerCache;
  }

  /** The clerk recorded on events and commits: --by, $XINFANG_CLERK, this clone's clerk (init/setup), git's user.name. */
  clerk(root?: string): Clerk {
    const name = this.opts.by || this.io.env.XINFANG_CLERK || (root ? localClerk(root) : '') || onDemand('write-support').gitConfig(root ?? this.io.cwd, 'user.name') || safeUser();
    return { name, now: this.now };
  }
}

/** Anything in .xinfang/pending/ (src/ledger/txn.ts, recoverPending): only then is the write code loaded. */
function pendingWrites(root: string): boolean {
  try {
    return readdirSync(join(root, '.xinfang', 'pending')).length > 0;
  } catch {
    return false;
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '登记员';
  }
}
