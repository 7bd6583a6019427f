// The ledger on disk: finding it, reading its office files, and changing it. A change
// collects every file it will write, validates them all first, then writes them and commits
// exactly those paths with the clerk as author — or undoes the writes (src/ledger/txn.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import type { Config, LeadersFile, UnitsFile } from './schema.js';
import { readValidated } from './readcache.js';
import type { CommitSpec } from './txn.js';
import { onDemand } from './on-demand.js';

export const CONFIG_FILE = 'xinfang.yaml';
export const LEADERS_FILE = 'leaders.yaml';
export const UNITS_FILE = 'units.yaml';

const HOW_TO_CREATE = '新建台账：xinfang init DIR --unit 单位名称 --code 代码（如 xinfang init 青山乡台账 --unit 青山乡 --code QS）；或用 --ledger DIR、环境变量 XINFANG_LEDGER 指定已有台账';

/** --ledger DIR, else $XINFANG_LEDGER, else the nearest folder upwards holding xinfang.yaml. */
export function findLedger(cwd: string, option: string | undefined, envValue: string | undefined): string {
  const given = option || envValue;
  if (given) {
    const root = resolve(cwd, given);
    if (!existsSync(join(root, CONFIG_FILE))) {
      throw new InputError(`${option ? '--ledger' : 'XINFANG_LEDGER'} 指向的 ${root} 不是台账（没有 ${CONFIG_FILE}）。${HOW_TO_CREATE}`, 'no_ledger');
    }
    return root;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new InputError(`当前目录及其上级目录中没有台账（${CONFIG_FILE}）。${HOW_TO_CREATE}`, 'no_ledger');
}

export interface Clerk {
  name: string;
  now: Date;
}

export class Ledger {
  private leadersCache?: LeadersFile;
  private unitsCache?: UnitsFile;

  private constructor(
    readonly root: string,
    readonly config: Config,
  ) {}

  static open(root: string): Ledger {
    return new Ledger(root, readValidated<Config>(root, CONFIG_FILE, 'config'));
  }

  leaders(): LeadersFile {
    this.leadersCache ??= existsSync(join(this.root, LEADERS_FILE)) ? readValidated<LeadersFile>(this.root, LEADERS_FILE, 'leaders') : { leaders: [] };
    return this.leadersCache;
  }

  units(): UnitsFile {
    this.unitsCache ??= existsSync(join(this.root, UNITS_FILE)) ? readValidated<UnitsFile>(this.root, UNITS_FILE, 'units') : { units: [] };
    return this.unitsCache;
  }

  /** Drops cached reads, e.g. after a change or inside a lock. */
  refresh(): void {
    this.leadersCache = undefined;
    this.unitsCache = undefined;
  }

  /** This clone's station letter (local, in .xinfang/station). */
  station(): string {
    const f = join(this.root, '.xinfang', 'station');
    const letter = existsSync(f) ? readFileSync(f, 'utf8').trim() : '';
    if (!/^[A-Z]$/.test(letter)) {
      // A fresh clone (or a deleted .xinfang/): guessing 'A' could give two machines the same
      // case numbers, so ask for this machine's letter.
      throw new InputError('本机还没有设置工作站字母（案件编号中的字母，每台电脑一个）。先运行：xinfang setup --station B（换成本机的字母）', 'no_station');
    }
    return letter;
  }

  /** Runs `fn` holding the ledger-wide lock, with fresh reads. */
  locked<T>(name: string, fn: () => T): T {
    return onDemand('write-support').withLock(this.root, name, () => {
      this.refresh();
      return fn();
    });
  }

  change(): Change {
    return new Change(this);
  }

  /** How a write is committed: undefined when autocommit is off or the ledger has no git. */
  commitSpec(message: string, clerk: Clerk, also?: string[]): CommitSpec | undefined {
    if (!this.config.autocommit || !onDemand('write-support').isGitRepo(this.root)) return undefined;
    return { message, author: clerk.name, when: clerk.now, ...(also?.length ? { also } : {}) };
  }
}

/** A set of files to write together, then one commit. Nothing touches the disk before apply(). */
export class Change {
  private files = new Map<string, string>();
  constructor(private ledger: Ledger) {}

  put<T>(rel: string, schema: z.ZodType<T>, value: T): this {
    this.files.set(rel, onDemand('write-support').toYaml(schema.parse(value)));
    return this;
  }

  putText(rel: string, text: string): this {
    this.files.set(rel, text);
    return this;
  }

  get paths(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Writes every file and commits them (unless autocommit is off or no git) — or, when
   * anything fails, puts every file back and throws (src/ledger/txn.ts).
   */
  apply(message: string, clerk: Clerk): string[] {
    onDemand('write-support').writeFiles(
      this.ledger.root,
      [...this.files].map(([rel, text]) => ({ rel, text })),
      this.ledger.commitSpec(message, clerk),
    );
    this.ledger.refresh();
    return this.paths;
  }
}
