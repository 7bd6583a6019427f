// git's own lock files (.git/index.lock, HEAD.lock, refs/heads/BRANCH.lock) as xinfang sees
// them. git never removes a lock file it did not create, and a git process killed while
// holding one leaves it behind: every later commit fails until someone deletes it. The rule:
//
// - `.git/index.lock` created by xinfang holds "xinfang PID START PGID" from the moment it
//   exists (a marker file linked to that name; git never reads another process's lock file).
//   When that owner is no longer running, the file is provably stale and xinfang removes it.
//   Any other index.lock is another git program's and is never removed: commands wait for
//   it, then say who to close or which file to delete.
// - HEAD.lock and the current branch's ref lock are written while xinfang holds its own
//   `git` lock: by xinfang itself (git-ref.ts) or by the `git update-ref` it runs. When
//   xinfang takes over that lock from a dead owner whose whole process group is gone (so its
//   git children are gone too), a ref lock file no older than that dead owner's lock was left
//   by it and is removed. And when no git process runs on the machine at all (and no xinfang
//   holds its `git` lock), a ref lock made before that look is stale.
// - `.git/xinfang-index-PID` (and `.lock`, `.mark`), the index copy and marker of
//   commitPaths, are removed when that pid is no longer running.
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { groupAlive, ownerAlive, ownerText, parseOwner, pidAlive, tryWithLock, type Owner, type StaleLock } from './lock.js';
import { sleepSync } from './sleep.js';

/** The .git folder when it is a folder (worktrees and GIT_DIR layouts: undefined, nothing is cleaned). */
function dotGit(root: string): string | undefined {
  const d = join(root, '.git');
  return statSync(d, { throwIfNoEntry: false })?.isDirectory() ? d : undefined;
}

/** What xinfang writes into an index.lock it holds. */
export function indexLockMarker(): string {
  return `xinfang ${ownerText()}\n`;
}

/** The xinfang owner written in a lock file, or undefined (another program's, or empty). */
function markerOwner(path: string): Owner | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(128);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('latin1', 0, n);
    return text.startsWith('xinfang ') ? parseOwner(text.slice(8).split('\n')[0]!) : undefined;
  } finally {
    closeSync(fd);
  }
}

/** Removes .git/index.lock when xinfang made it and its owner is gone; true when removed. */
export function removeStaleIndexLock(root: string): boolean {
  const g = dotGit(root);
  if (!g) return false;
  const lock = join(g, 'index.lock');
  const owner = markerOwner(lock);
  if (!owner || ownerAlive(owner)) return false;
  rmSync(lock, { force: true });
  return true;
}

function currentBranchRef(g: string): string | undefined {
  try {
    const head = readFileSync(join(g, 'HEAD'), 'utf8');
    const m = /^ref: (refs\/heads\/\S+)\s*$/.exec(head);
    return m?.[1];
  } catch {
    return undefined;
  }
}


/** Removes the index copies (and index.lock markers) of commitPaths whose process is gone. */
function removeDeadIndexCopies(g: string): void {
  for (const f of readdirSync(g)) {
    const m = /^xinfang-index-(\d+)(\.lock|\.mark)?$/.exec(f);
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) rmSync(join(g, f), { force: true });
  }
}

/**
 * Called when xinfang takes over its `git` lock from a dead owner (see the rule above):
 * removes what that owner's interrupted commit left in .git.
 */
export function cleanAfterDeadCommitter(root: string, stale: StaleLock): void {
  const g = dotGit(root);
  if (!g) return;
  removeStaleIndexLock(root);
  try {
    removeDeadIndexCopies(g);
  } catch {
    /* best effort */
  }
  // Its git children die with it (a killed process group), but may take a moment.
  for (let i = 0; groupAlive(stale.owner); i++) {
    if (i >= 40) return;
    sleepSync(25);
  }
  // Not older than the dead owner's lock (1 s of slack for coarse file-system clocks).
  removeCommitLocks(g, (st) => st.mtimeMs >= stale.sinceMs - 1_000);
}

/** HEAD.lock and the branch's ref lock, when they pass `left`. */
function removeCommitLocks(g: string, left: (st: { mtimeMs: number }) => boolean): void {
  const branch = currentBranchRef(g);
  for (const rel of ['HEAD.lock', ...(branch ? [`${branch}.lock`] : [])]) {
    const st = statSync(join(g, rel), { throwIfNoEntry: false });
    if (st && left(st)) rmSync(join(g, rel), { force: true });
  }
}

/**
 * Before a write, a recovery or a check finds git blocked: takes xinfang's `git` lock for a
 * moment (so no xinfang is committing; a stale one is taken over and cleaned, above), then
 * removes xinfang's own index.lock of a dead owner, and — only when no git process at all runs
 * on this machine (Linux /proc; zombies do not count) — the ref locks (HEAD.lock, the branch's)
 * made before that look: git holds those for milliseconds, so with no git running they are
 * left by a killed one (a git started since has not been seen, so its new lock file is kept).
 */
export function settleGitLocks(root: string): void {
  const g = dotGit(root);
  if (!g || !gitLockFiles(root).length) return;
  tryWithLock(
    root,
    'git',
    () => {
      removeStaleIndexLock(root);
      for (let i = 0; i < 3; i++) {
        const t0 = Date.now();
        if (gitRunning() !== false) return;
        removeCommitLocks(g, (st) => st.mtimeMs < t0 - 50);
        if (!gitLockFiles(root).some((f) => f.rel !== '.git/index.lock' && f.mtimeMs >= t0 - 50)) return;
        sleepSync(100); // made just now: look again
      }
    },
    0,
    { onStale: (s) => cleanAfterDeadCommitter(root, s) },
  );
}

export interface GitLockFile {
  /** Relative to the ledger: .git/index.lock … */
  rel: string;
  path: string;
  mtimeMs: number;
  /** Made by xinfang: its owner. */
  owner?: Owner;
}

/** git's lock files that block a commit right now. */
export function gitLockFiles(root: string): GitLockFile[] {
  const g = dotGit(root);
  if (!g) return [];
  const branch = currentBranchRef(g);
  const out: GitLockFile[] = [];
  for (const rel of ['index.lock', 'HEAD.lock', ...(branch ? [`${branch}.lock`] : [])]) {
    const path = join(g, rel);
    const st = statSync(path, { throwIfNoEntry: false });
    if (st) out.push({ rel: `.git/${rel}`, path, mtimeMs: st.mtimeMs, owner: markerOwner(path) });
  }
  return out;
}

/** Is a git process running on this machine (zombies do not count)? undefined where /proc cannot tell. */
export function gitRunning(): boolean | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  if (!pids.length) return undefined;
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if ((comm === 'git' || comm.startsWith('git-')) && stat[stat.lastIndexOf(')') + 2] !== 'Z') return true;
    } catch {
      /* exited meanwhile */
    }
  }
  return false;
}

/** HH:mm:ss in Shanghai time, for "since when" in messages. */
function clock(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(11, 19);
}

/** What to tell the clerk about a lock file another git program holds (or left). */
export function gitLockAdvice(f: GitLockFile): string {
  const running = gitRunning();
  const age = Math.round((Date.now() - f.mtimeMs) / 1000);
  const since = `自 ${clock(f.mtimeMs)} 起${age >= 60 ? `，已 ${Math.round(age / 60)} 分钟` : ''}`;
  if (f.owner && !ownerAlive(f.owner)) return `${f.rel} 是被中断的 xinfang 留下的（进程 ${f.owner.pid} 已结束），下一条命令会自动删除它`;
  return (
    `${f.rel} 被另一个 git 程序占用（${since}）。请关闭正在运行的 git 程序（命令行 git、git 图形界面或编辑器的 git 功能）后重试；` +
    `如果没有任何 git 程序在运行${running === false ? '（本机现在确实没有 git 进程）' : ''}，它是中断的 git 留下的，删除 ${f.path} 后重试`
  );
}
