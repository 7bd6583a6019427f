// The command context: everything a command may know about the world — where it runs,
// what time it is, where to print, whether a person is at the terminal. Tests build one
// with a fixed clock and recording streams; nothing else reads process globals.
import { Chalk, type ChalkInstance } from 'chalk';
import { InputError } from '../errors.js';
import { parseInstant } from '../domain/time.js';
import { findLedger, Ledger, type Clerk } from '../ledger/ledger.js';
import { gitConfig } from '../ledger/git.js';
import { userInfo } from 'node:os';

export interface IO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
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
}

export class Ctx {
  readonly now: Date;
  readonly c: ChalkInstance;
  private ledgerCache?: Ledger;

  constructor(
    readonly io: IO,
    readonly opts: GlobalOptions,
  ) {
    const fixed = io.env.XINFANG_NOW;
    if (fixed) {
      const t = parseInstant(fixed);
      if (!t) throw new InputError(`环境变量 XINFANG_NOW 的值“${fixed}”不是有效时间：应为 ISO 日期或日期时间，如 2026-11-25 或 2026-11-25T09:30:00+08:00`, 'bad_now');
      this.now = t;
    } else this.now = (io.clock ?? (() => new Date()))();
    const colour = opts.color !== false && !io.env.NO_COLOR && io.isTTY && !opts.json;
    this.c = new Chalk({ level: colour ? 1 : 0 });
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

  out(s = ''): void {
    this.io.stdout(s.endsWith('\n') ? s : s + '\n');
  }
  /** Progress and notes for people; silent with --quiet or --json. */
  info(s: string): void {
    if (!this.quiet && !this.json) this.out(s);
  }
  warn(s: string): void {
    this.io.stderr(s.endsWith('\n') ? s : s + '\n');
  }
  printJson(doc: unknown): void {
    this.io.stdout(JSON.stringify(doc, null, 2) + '\n');
  }

  ledgerRoot(): string {
    return findLedger(this.io.cwd, this.opts.ledger, this.io.env.XINFANG_LEDGER);
  }

  ledger(): Ledger {
    this.ledgerCache ??= Ledger.open(this.ledgerRoot());
    return this.ledgerCache;
  }

  /** The clerk recorded on events and commits: --by, $XINFANG_CLERK, git's user.name. */
  clerk(root?: string): Clerk {
    const name = this.opts.by || this.io.env.XINFANG_CLERK || gitConfig(root ?? this.io.cwd, 'user.name') || safeUser();
    return { name, now: this.now };
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '登记员';
  }
}
