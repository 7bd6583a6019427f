// Moving HEAD for commitPaths (git-commit.ts) as `git update-ref -m MSG HEAD NEW OLD` does,
// without starting git (~15–20 ms): git's lock-file protocol of the "files" ref backend.
//   1. Create HEAD.lock and, when HEAD is a branch, refs/heads/BRANCH.lock (O_EXCL: a lock
//      that exists means another git is updating; git then fails, so do we).
//   2. Under the locks, read HEAD and the branch again (loose file, else packed-refs) and
//      compare with OLD: the compare-and-swap.
//   3. Write "NEW\n" into the branch's lock file; append "OLD NEW ident time tz\tMSG" to the
//      reflogs (logs/refs/heads/BRANCH and logs/HEAD) when core.logAllRefUpdates says so.
//   4. Rename the lock over the ref; remove HEAD.lock.
// Only where that is certainly what git does: a plain .git folder without other ref storage,
// no reference-transaction hook, an existing branch (not a first commit), a committer
// identity from git's config, a reflog message git keeps as it is. Otherwise `updateHead`
// answers false before touching anything, and git-commit.ts runs git update-ref.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { configBool, configValue, type GitConfig } from './git-config.js';
import { plainIdent, tzOffset } from './git-objects.js';

/** HEAD is no longer at the expected commit, or another git holds a ref lock. */
export class RefMoved extends Error {}

/** A ref's value: its loose file ("ref: …" for a symbolic one), else its line in packed-refs. */
export function readRef(g: string, ref: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(g, ref), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return packedRef(g, ref);
  }
  return text.replace(/\n$/, '');
}

function packedRef(g: string, ref: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(g, 'packed-refs'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  for (const line of text.split('\n')) {
    if (line.endsWith(` ${ref}`) && !line.startsWith('#') && !line.startsWith('^')) return line.slice(0, line.indexOf(' '));
  }
  return undefined;
}

/** A branch name git accepts and that needs no care here. */
const BRANCH = /^refs\/heads\/(?!.*(?:\.\.|\/\/|@\{|\/\.|\.lock\/|\.lock$|\/$|\.$))[^\x00-\x20\x7f~^:?*[\\]+$/;

/**
 * `git update-ref -m msg HEAD newOid oldOid` done here; false when git must do it (nothing
 * was touched then). Throws RefMoved when HEAD is not at oldOid or a ref is locked.
 */
export function updateHead(root: string, cfg: GitConfig, newOid: string, oldOid: string, msg: string, who: { name: string; email: string }): boolean {
  const env = process.env;
  if (!oldOid || env.GIT_DIR || env.GIT_COMMITTER_NAME !== undefined || env.GIT_COMMITTER_EMAIL !== undefined || env.GIT_COMMITTER_DATE !== undefined) return false;
  const g = join(root, '.git');
  if (!statSync(g, { throwIfNoEntry: false })?.isDirectory()) return false;
  for (const k of cfg.keys()) if (k.startsWith('extensions.') && k !== 'extensions.objectformat') return false;
  if (configBool(cfg, 'core.bare') === true) return false;
  const hooks = configValue(cfg, 'core.hooksPath');
  if (existsSync(join(hooks !== undefined ? resolve(root, hooks) : join(g, 'hooks'), 'reference-transaction'))) return false;
  if (!plainIdent(who.name) || !plainIdent(who.email) || /[\t\n\r]| {2}|^ | $/.test(msg)) return false;

  const headText = readFileSync(join(g, 'HEAD'), 'utf8');
  if (headText.includes('\ufffd')) return false;
  const sym = /^ref: (\S+)\n?$/.exec(headText)?.[1];
  if (sym !== undefined && !BRANCH.test(sym)) return false;
  if (sym === undefined && !/^[0-9a-f]{40}([0-9a-f]{24})?\n?$/.test(headText)) return false;
  const ref = sym ?? 'HEAD';
  const logAll = (configValue(cfg, 'core.logAllRefUpdates')?.trim().toLowerCase() === 'always' ? true : configBool(cfg, 'core.logAllRefUpdates')) ?? true;
  const fsyncRefs = /(^|,)\s*(reference|committed|added|all)\s*(,|$)/.test(configValue(cfg, 'core.fsync') ?? '');

  // 1. The locks.
  const made: string[] = [];
  const lock = (name: string, content: string) => {
    const path = join(g, `${name}.lock`);
    if (name !== 'HEAD') mkdirSync(dirname(path), { recursive: true });
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o666);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new RefMoved(`cannot lock ref '${name}': Unable to create '${path}': File exists`);
      throw e;
    }
    made.push(path);
    try {
      if (content) writeSync(fd, content);
      if (fsyncRefs && content) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return path;
  };
  try {
    lock('HEAD', sym ? '' : `${newOid}\n`);
    const refLock = sym ? lock(sym, `${newOid}\n`) : made[0]!;
    // 2. Compare, under the locks.
    if (readFileSync(join(g, 'HEAD'), 'utf8') !== headText) throw new RefMoved('HEAD changed');
    const now = sym ? readRef(g, sym) : headText.trim();
    if (now !== undefined && !/^[0-9a-f]+$/.test(now)) return false; // a symbolic ref: git follows it
    if (now !== oldOid) throw new RefMoved(`cannot lock ref 'HEAD': is at ${now ?? '(nothing)'} but expected ${oldOid}`);
    // 3. The reflogs, before the ref moves (as git does).
    const t = Date.now();
    const line = Buffer.from(`${oldOid} ${newOid} ${who.name} <${who.email}> ${Math.floor(t / 1000)} ${tzOffset(-new Date(t).getTimezoneOffset())}\t${msg}\n`, 'utf8');
    for (const r of sym ? [sym, 'HEAD'] : ['HEAD']) {
      const log = join(g, 'logs', r);
      if (!logAll && !existsSync(log)) continue;
      mkdirSync(dirname(log), { recursive: true });
      const fd = openSync(log, 'a', 0o666);
      try {
        writeSync(fd, line);
        if (fsyncRefs) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    // 4. The ref moves.
    renameSync(refLock, join(g, ref));
    made.splice(made.indexOf(refLock), 1);
    return true;
  } finally {
    for (const f of made) rmSync(f, { force: true });
  }
}
