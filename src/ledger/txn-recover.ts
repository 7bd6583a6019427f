// Recovery of ledger writes whose command was killed (see the header of txn.ts): the next
// command that opens the ledger finishes each pending record whose owner is gone — discards
// it, completes and commits it, or finishes its undo — and `check` lists the records left.
import { linkSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commitPaths } from './git.js';
import { gitLockFiles, removeStaleIndexLock, settleGitLocks } from './gitlocks.js';
import { ownerAlive, parseOwner, pidAlive, tryWithLock } from './lock.js';
import { commitFailure } from './txn.js';
import { fsyncDir, ino, loadRecord, PENDING_DIR, recordPath, rmQuiet, undo, type PendingRecord } from './txn-record.js';

export interface Recovered {
  /** committed: completed and committed; completed: completed (no commit asked); discarded: nothing had reached the files; undone: an interrupted undo finished; failed: completed but the commit failed (kept for the next command); busy: its files are locked by a running command. */
  outcome: 'committed' | 'completed' | 'discarded' | 'undone' | 'failed' | 'busy';
  message: string;
  files: string[];
  error?: string;
}

/**
 * Finishes the writes of commands that are no longer running (see the header). Cheap when
 * there are none: one readdir. Never throws for one bad record; reports what it did.
 */
export function recoverPending(root: string): Recovered[] {
  const dir = join(root, PENDING_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Recovered[] = [];
  for (const name of names.sort()) {
    const m = /^(\d+)\.[0-9a-f]+\.json$/.exec(name);
    if (!m) {
      // The temp of a record whose writer died before renaming it: nothing was written yet.
      const t = /^\.(\d+)\.[0-9a-f]+\.json\.tmp$/.exec(name);
      if (t && !pidAlive(Number(t[1]))) rmQuiet(join(dir, name));
      continue;
    }
    const id = name.slice(0, -5);
    const r = loadRecord(root, id);
    if (!r) continue; // finished meanwhile
    const owner = parseOwner(r.owner);
    if (owner && ownerAlive(owner)) continue;
    let res: Recovered | undefined | null;
    try {
      res = tryWithLocks(root, [`pending-${id}`, ...[...r.locks].sort()], () => {
        const cur = loadRecord(root, id);
        return cur ? finish(root, id, cur) : undefined;
      });
    } catch (e) {
      // Never stop the command that found it: say what happened; the next one tries again.
      res = { outcome: 'failed', message: r.commit?.message ?? '', files: r.files.map((f) => f.rel), error: (e as Error).message };
    }
    if (res === null) out.push({ outcome: 'busy', message: r.commit?.message ?? '', files: r.files.map((f) => f.rel) });
    else if (res) out.push(res);
  }
  return out;
}


/** Runs fn holding every lock (in order); null when one is held by a running command. */
function tryWithLocks<T>(root: string, locks: string[], fn: () => T): T | null {
  const [first, ...rest] = locks;
  if (first === undefined) return fn();
  const r = tryWithLock(root, first, () => tryWithLocks(root, rest, fn), 2_000);
  return r ? r.value : null;
}

function finish(root: string, id: string, r: PendingRecord): Recovered {
  const abs = (rel: string) => join(root, rel);
  const rels = r.files.map((e) => e.rel);
  const message = r.commit?.message ?? '';
  const done = (outcome: Recovered['outcome'], error?: string): Recovered => ({ outcome, message, files: rels, ...(error ? { error } : {}) });
  if (r.state === 'undo') {
    undo(root, r);
    rmQuiet(recordPath(root, id));
    return done('undone');
  }
  const inPlace = r.state === 'apply' && r.files.some((e) => e.ino && ino(abs(e.rel)) === e.ino);
  if (!inPlace) {
    for (const e of r.files) {
      rmQuiet(abs(e.tmp));
      rmQuiet(abs(e.bak));
    }
    rmQuiet(recordPath(root, id));
    return done('discarded');
  }
  // Complete it: each temp not yet in place goes in, unless that file changed since the record.
  for (const e of r.files) {
    const [path, tmp] = [abs(e.rel), abs(e.tmp)];
    if (ino(path) === e.ino || ino(tmp) !== e.ino) continue;
    if (e.create) {
      try {
        linkSync(tmp, path);
      } catch {
        /* the number was taken meanwhile: that file is another command's */
      }
    } else if (ino(path) === e.prev) renameSync(tmp, path);
  }
  for (const d of new Set(r.files.map((e) => dirname(abs(e.rel))))) fsyncDir(d);
  // Completed (a completed change is never undone): the old versions and any temp that could
  // not go in (its file changed by another command meanwhile) are not needed any more.
  for (const e of r.files) {
    rmQuiet(abs(e.tmp));
    rmQuiet(abs(e.bak));
  }
  if (r.commit) {
    try {
      settleGitLocks(root);
      const blocking = gitLockFiles(root).find((f) => f.rel === '.git/index.lock');
      if (blocking && !removeStaleIndexLock(root)) throw new Error(`index.lock: ${blocking.path}`);
      // Only the files that hold this change (one changed by another command since is theirs).
      const mine = r.files.filter((e) => ino(abs(e.rel)) === e.ino).map((e) => e.rel);
      commitPaths(root, [...mine, ...r.commit.also], `补记：上次被中断的修改（${r.commit.message.split('\n')[0]}）`, r.commit.author, new Date(r.commit.when));
    } catch (e) {
      return done('failed', commitFailure(e, root).message.replace(/^提交失败，本次修改已全部撤销，没有记录任何内容：/, ''));
    }
  }
  rmQuiet(recordPath(root, id));
  return done(r.commit ? 'committed' : 'completed');
}

/** The pending records of commands still running or not yet finished (for `check`). */
export function pendingRecords(root: string): { id: string; message: string; files: string[]; alive: boolean; at: string }[] {
  let names: string[];
  try {
    names = readdirSync(join(root, PENDING_DIR));
  } catch {
    return [];
  }
  const out = [];
  for (const name of names) {
    if (!/^\d+\.[0-9a-f]+\.json$/.test(name)) continue;
    const id = name.slice(0, -5);
    const r = loadRecord(root, id);
    if (!r) continue;
    const owner = parseOwner(r.owner);
    out.push({ id, message: r.commit?.message ?? '', files: r.files.map((f) => f.rel), alive: !!owner && ownerAlive(owner), at: r.at });
  }
  return out;
}

/** Describes a recovery for the clerk (one line). */
export function describeRecovered(x: Recovered): string {
  const what = `${x.message ? `“${x.message.split('\n')[0]}”` : '一次写入'}（${x.files.join('、')}）`;
  switch (x.outcome) {
    case 'committed':
      return `上次被中断的修改${what}已补记提交`;
    case 'completed':
      return `上次被中断的修改${what}已写完`;
    case 'discarded':
      return `上次被中断的修改${what}尚未写入任何文件，已丢弃，请重新执行该命令`;
    case 'undone':
      return `上次提交失败的修改${what}已撤销`;
    case 'busy':
      return `上次被中断的修改${what}的文件正被另一个命令使用，稍后会自动补记`;
    case 'failed':
      return `上次被中断的修改${what}已写入文件，但补记提交失败：${x.error ?? ''}`;
  }
}
