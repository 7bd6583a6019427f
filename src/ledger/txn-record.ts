// The pending record of a ledger write (.xinfang/pending/PID.RANDOM.json, see the header of
// txn.ts) and the small file operations that both the write (txn.ts) and the recovery of an
// interrupted one (txn-recover.ts) use, undo included.
import { closeSync, fsyncSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const PENDING_DIR = '.xinfang/pending';

export interface Entry {
  rel: string;
  tmp: string;
  bak: string;
  create: boolean;
  /** Inode of the temp file (= of the new file once in place). */
  ino: number;
  /** Inode of the file before, 0 when there was none. */
  prev: number;
}

export interface PendingRecord {
  v: 1;
  owner: string;
  at: string;
  state: 'prepare' | 'apply' | 'undo';
  locks: string[];
  commit?: { message: string; author: string; when: string; also: string[] };
  files: Entry[];
}

// ---- small file operations ---------------------------------------------------------------

export function writeSynced(path: string, data: string | Buffer, flag = 'wx'): number {
  const fd = openSync(path, flag, 0o644);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    return fstatSync(fd).ino;
  } finally {
    closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the renames are still atomic.
  }
}

export const ino = (path: string): number => statSync(path, { throwIfNoEntry: false })?.ino ?? 0;

export function rmQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

// ---- the pending record ------------------------------------------------------------------

export function recordPath(root: string, id: string): string {
  return join(root, PENDING_DIR, `${id}.json`);
}

export function saveRecord(root: string, id: string, r: PendingRecord, sync: boolean): void {
  const dir = join(root, PENDING_DIR);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${id}.json.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, JSON.stringify(r));
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, recordPath(root, id));
}

export function loadRecord(root: string, id: string): PendingRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(root, id), 'utf8')) as PendingRecord;
  } catch {
    return undefined;
  }
}

/** Puts every file of the record back as it was (only files still holding this change's version). */
export function undo(root: string, r: PendingRecord): void {
  for (const e of [...r.files].reverse()) {
    const [path, tmp, bak] = [join(root, e.rel), join(root, e.tmp), join(root, e.bak)];
    const now = ino(path);
    if (e.ino && now === e.ino) {
      // Ours is in place: the old file back, or no file when it was new.
      if (e.prev && ino(bak)) renameSync(bak, path);
      else if (!e.prev) rmQuiet(path);
    }
    rmQuiet(tmp);
    rmQuiet(bak);
  }
  for (const d of new Set(r.files.map((e) => dirname(join(root, e.rel))))) fsyncDir(d);
}
