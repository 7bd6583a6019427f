// git's index.lock for commitPaths (git-commit.ts): holding it as git does while the index
// is changed on a copy (renamed into place only on success), creating it with our marker
// (gitlocks.ts), and waiting for another git process that holds it for a moment.
import { closeSync, copyFileSync, existsSync, linkSync, openSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { indexLockMarker, removeStaleIndexLock } from './gitlocks.js';
import { sleepSync } from './sleep.js';

/**
 * Holds `<index>.lock` as git does, hands `fn` a copy of the index to change, and renames
 * the copy over the index when `fn` succeeded; on failure the index is untouched.
 */
export function withIndexLock(index: string, fn: (copy: string) => void): void {
  const lock = `${index}.lock`;
  takeIndexLock(lock);
  const copy = join(dirname(index), `xinfang-index-${process.pid}`);
  try {
    rmSync(copy, { force: true });
    const st = statSync(index, { throwIfNoEntry: false });
    if (st) {
      // A hard link costs nothing, and git writes its result as a new file (copy.lock
      // renamed over copy), so the real index is never written through it. Its mtime is
      // the real index's: git trusts an entry's stat data only if the file is older than
      // the index it read ("racily clean"), so a copy must not look newer than the index.
      try {
        linkSync(index, copy);
      } catch {
        copyFileSync(index, copy);
        const t = new Date(st.mtimeMs - 1_000);
        utimesSync(copy, t, t);
      }
    }
    fn(copy);
    if (existsSync(copy)) renameSync(copy, index);
  } finally {
    rmSync(copy, { force: true });
    rmSync(lock, { force: true });
  }
}

/**
 * Creates index.lock holding whose it is (gitlocks.ts), never empty: the marker is written
 * to a file of our own and linked to the lock's name, which fails when the name exists.
 */
function takeIndexLock(lock: string): void {
  const exists = () => new Error(`Unable to create '${lock}': File exists (index.lock)`);
  const mark = join(dirname(lock), `xinfang-index-${process.pid}.mark`);
  writeFileSync(mark, indexLockMarker());
  try {
    linkSync(mark, lock);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw exists();
    // No hard links here: create it exclusively, then write the marker.
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
      throw e2;
    }
    try {
      writeSync(fd, indexLockMarker());
    } finally {
      closeSync(fd);
    }
  } finally {
    rmSync(mark, { force: true });
  }
}

/** Another git process (the clerk's own git, an editor) may hold index.lock for a moment. */
export function retryOnIndexLock(root: string, fn: () => void): void {
  for (let i = 0; ; i++) {
    try {
      return fn();
    } catch (e) {
      const msg = String((e as { stderr?: unknown }).stderr ?? (e as Error).message);
      if (i >= 40 || !msg.includes('index.lock')) throw e;
      if (removeStaleIndexLock(root)) continue;
      sleepSync(50 + i * 10);
    }
  }
}
