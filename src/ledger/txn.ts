// A write to the ledger either is committed or is undone: nothing half-written.
//
//   1. check every name (≤ 255 bytes a component, no control characters …)   → InputError
//   2. wait while another git program holds .git/index.lock (nothing written) → ProblemError
//   3. record the write in .xinfang/pending/PID.RANDOM.json (state "prepare": the temp names)
//   4. write every file to a temp file beside it and fsync it
//   5. record state "apply" (+ each temp's and each old file's inode), fsynced
//   6. put every file in place: link the old file to FILE.PID.RANDOM.bak, rename the temp
//      over it (a new case number: link the temp to its name, which fails if it exists)
//   7. commit exactly these paths (commitPaths: on failure HEAD and git's index are untouched)
//   8. on success remove the backups and the record; on any failure record "undo", move every
//      backup back (remove the files that were new), remove the record and throw a message
//      saying that nothing was recorded and what to do.
//
// A command killed anywhere leaves its record. The next command that opens the ledger
// (recoverPending, one readdir of .xinfang/pending) finishes it when its owner is gone:
//   - "prepare", or "apply" with no file in place yet: the temp files are removed — nothing of
//     the change had reached the ledger, so nothing is recorded;
//   - "apply" with at least one file in place: the change had become visible, so it is
//     completed (every remaining temp put in place, unless someone changed that file since)
//     and committed as "补记：上次被中断的修改（…）" with the clerk and time of the command;
//   - "undo": the undo is finished.
// Every step is idempotent, so a recovery killed in turn is finished by the next command.
// The record and its file operations are in txn-record.ts, the recovery in txn-recover.ts.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync, copyFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, ProblemError } from '../errors.js';
import { commitPaths } from './git.js';
import { gitLockAdvice, gitLockFiles, removeStaleIndexLock, settleGitLocks } from './gitlocks.js';
import { heldLocks, ownerText } from './lock.js';
import { fsyncDir, ino, recordPath, rmQuiet, saveRecord, undo, writeSynced, type Entry, type PendingRecord } from './txn-record.js';
import { sleepSync } from './sleep.js';

export interface PlannedFile {
  rel: string;
  text: string | Buffer;
  /** A new file that must not exist yet (a new case number): refused with NameTaken if it does. */
  create?: boolean;
}

export interface CommitSpec {
  message: string;
  author: string;
  when: Date;
  /** Paths committed with the change that it did not write (an attachment copied in before). */
  also?: string[];
}

/** A `create` file's name was taken meanwhile; nothing was written. */
export class NameTaken extends Error {
  constructor(readonly rel: string) {
    super(`${rel} 已存在`);
  }
}

// ---- names -------------------------------------------------------------------------------

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Refuses a path no file system takes, before anything is written. */
export function checkRel(rel: string): void {
  const bad = (why: string) => new InputError(`无法写入 ${rel}：${why}；没有写入任何内容`, 'bad_name');
  if (!rel || rel.startsWith('/')) throw bad('路径为空或不在台账内');
  if (bytes(rel) > 4000) throw bad(`路径太长（${bytes(rel)} 字节）`);
  for (const c of rel.split('/')) {
    if (!c || c === '.' || c === '..') throw bad('路径中有空的、“.” 或 “..” 部分');
    if (/[\x00-\x1f\x7f\\]/.test(c)) throw bad(`文件名“${c}”含控制字符或反斜杠`);
    if (bytes(c) > 255) throw bad(`文件名“${c.slice(0, 20)}…”太长（${bytes(c)} 字节，文件系统最多 255 字节）`);
  }
}

/**
 * Cuts `name` to at most `max` UTF-8 bytes (whole characters), adding a short hash of the
 * whole name when it was cut, so that two long names stay apart.
 */
export function shortenName(name: string, max: number, hash: string): string {
  if (bytes(name) <= max) return name;
  const tail = `…${hash.slice(0, 6)}`;
  let out = '';
  for (const ch of name) {
    if (bytes(out + ch) + bytes(tail) > max) break;
    out += ch;
  }
  return out + tail;
}

/** FILE.PID.RANDOM.tmp / .bak beside the file; a shorter name when that would exceed 255 bytes. */
function sideNames(rel: string): { tmp: string; bak: string } {
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const base = basename(rel);
  const stem = bytes(`${base}.${tag}.tmp`) <= 255 ? base : '.xf';
  const dir = dirname(rel) === '.' ? '' : `${dirname(rel)}/`;
  return { tmp: `${dir}${stem}.${tag}.tmp`, bak: `${dir}${stem}.${tag}.bak` };
}

/** A leftover of an interrupted write (FILE.PID.RANDOM.tmp/.bak): its owner's pid, else undefined. */
export function leftoverPid(name: string): number | undefined {
  const m = /\.(\d+)\.[0-9a-f]{8}\.(?:tmp|bak)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

// ---- the write ---------------------------------------------------------------------------

/** Waits (like commitPaths, ~10 s) while another program holds .git/index.lock; nothing is written yet. */
function waitForIndexLock(root: string): void {
  if (!gitLockFiles(root).length) return;
  settleGitLocks(root);
  const deadline = Date.now() + 10_000;
  for (let i = 0; ; i++) {
    const f = gitLockFiles(root).find((x) => x.rel === '.git/index.lock');
    if (!f) return;
    if (removeStaleIndexLock(root)) continue;
    if (Date.now() > deadline) throw new ProblemError(`没有记录任何修改：${gitLockAdvice(f)}`, 'git_locked');
    sleepSync(Math.min(50 + i * 10, 400));
  }
}

/**
 * Writes `files` into the ledger and commits them (when `commit` is given) — or, if anything
 * fails, leaves the ledger as it was and throws. See the header for the steps.
 */
export function writeFiles(root: string, files: PlannedFile[], commit?: CommitSpec): void {
  if (!files.length) return;
  const seen = new Set<string>();
  for (const f of files) {
    checkRel(f.rel);
    if (seen.has(f.rel)) throw new Error(`writeFiles：${f.rel} 出现两次`);
    seen.add(f.rel);
  }
  if (commit) waitForIndexLock(root);

  const id = `${process.pid}.${randomBytes(6).toString('hex')}`;
  const entries: Entry[] = files.map((f) => ({ rel: f.rel, ...sideNames(f.rel), create: !!f.create, ino: 0, prev: 0 }));
  const record: PendingRecord = {
    v: 1,
    owner: ownerText(),
    at: new Date().toISOString(),
    state: 'prepare',
    locks: heldLocks(),
    commit: commit && { message: commit.message, author: commit.author, when: commit.when.toISOString(), also: commit.also ?? [] },
    files: entries,
  };
  const abs = (rel: string) => join(root, rel);
  try {
    saveRecord(root, id, record, false);
    for (const [i, f] of files.entries()) {
      const e = entries[i]!;
      mkdirSync(dirname(abs(f.rel)), { recursive: true });
      e.ino = writeSynced(abs(e.tmp), f.text);
      e.prev = f.create ? 0 : ino(abs(f.rel));
    }
  } catch (e) {
    for (const x of entries) rmQuiet(abs(x.tmp));
    rmQuiet(recordPath(root, id));
    throw writeFailure(e);
  }
  let committing = false;
  try {
    record.state = 'apply';
    saveRecord(root, id, record, true);
    for (const e of entries) {
      if (e.create) {
        try {
          linkSync(abs(e.tmp), abs(e.rel));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new NameTaken(e.rel);
          throw err;
        }
        rmQuiet(abs(e.tmp));
      } else {
        if (e.prev) keepOld(abs(e.rel), abs(e.bak));
        renameSync(abs(e.tmp), abs(e.rel));
      }
    }
    for (const d of new Set(entries.map((e) => dirname(abs(e.rel))))) fsyncDir(d);
    committing = true;
    if (commit) commitPaths(root, [...entries.map((e) => e.rel), ...(commit.also ?? [])], commit.message, commit.author, commit.when);
  } catch (err) {
    record.state = 'undo';
    try {
      saveRecord(root, id, record, false);
    } catch {
      /* undo anyway; a leftover record in state "apply" is finished by the next command */
    }
    try {
      undo(root, record);
      rmQuiet(recordPath(root, id));
    } catch (e2) {
      // The record stays ("undo"): the next command finishes the undo.
      throw new ProblemError(`写入失败，撤销也未完成（${(e2 as Error).message}）；下一条 xinfang 命令会继续撤销。原因：${(committing ? commitFailure(err, root) : writeFailure(err)).message}`, 'write_failed');
    }
    if (err instanceof NameTaken) throw err;
    throw committing ? commitFailure(err, root) : writeFailure(err);
  }
  for (const e of entries) rmQuiet(abs(e.bak));
  rmQuiet(recordPath(root, id));
}

/** A second name for the old file (a hard link; a copy where links are not possible). */
function keepOld(path: string, bak: string): void {
  try {
    linkSync(path, bak);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    copyFileSync(path, bak);
  }
}

const stderrOf = (e: unknown): string => {
  const s = (e as { stderr?: unknown }).stderr;
  const text = s === undefined || s === null ? '' : String(s).trim();
  return text || (e instanceof Error ? e.message : String(e));
};

/** The message of a failed file write (disk full, no permission …): nothing was recorded. */
export function writeFailure(e: unknown): Error {
  if (e instanceof InputError || e instanceof ProblemError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const path = (e as NodeJS.ErrnoException).path;
  if (code === 'ENAMETOOLONG') return new InputError(`文件名太长，无法写入${path ? `（${path}）` : ''}；没有写入任何内容`, 'bad_name');
  if (code === 'ENOSPC') return new ProblemError('磁盘已满，无法写入；没有记录任何修改。请腾出磁盘空间后重试', 'write_failed');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ProblemError(`没有写入权限${path ? `（${path}）` : ''}；没有记录任何修改。请检查台账文件夹的权限后重试`, 'write_failed');
  if (code) return new ProblemError(`写入台账文件失败（${code}${path ? ` ${path}` : ''}）；没有记录任何修改，台账保持原样。请检查磁盘后重试`, 'write_failed');
  return e instanceof Error ? e : new Error(String(e));
}

/** The message of a failed commit: nothing was recorded, and what to do. */
export function commitFailure(e: unknown, root?: string): ProblemError {
  const head = '提交失败，本次修改已全部撤销，没有记录任何内容';
  if (e instanceof ProblemError) return new ProblemError(`${head}：${e.message}`, e.code === 'busy' ? 'busy' : 'commit_failed');
  const msg = stderrOf(e);
  const lock = /'([^']+\.lock)'/.exec(msg)?.[1];
  if (lock || /index\.lock|cannot lock ref/.test(msg)) {
    const files = root ? gitLockFiles(root) : [];
    const f = files.find((x) => lock && x.path.endsWith(lock.split('/').slice(-2).join('/'))) ?? files[0];
    const advice = f ? gitLockAdvice(f) : `另一个 git 程序占用着 ${lock ?? '.git/index.lock'}。请关闭正在运行的 git 程序后重试；如果没有 git 在运行，删除该文件后重试`;
    return new ProblemError(`${head}：${advice}`, 'git_locked');
  }
  if (/一直在同时提交/.test(msg)) return new ProblemError(`${head}：${msg}`, 'commit_failed');
  const first = msg.split('\n').find((l) => l.trim() && !l.startsWith('Command failed')) ?? msg.split('\n')[0];
  return new ProblemError(`${head}：git 提交出错（${first!.trim()}）。请在台账文件夹中运行 git status 查看仓库状态，排除问题后重试本命令`, 'commit_failed');
}

// The pending record and the shared file operations: txn-record.ts. Recovery of interrupted
// writes (recoverPending, pendingRecords, describeRecovered): txn-recover.ts.
export { PENDING_DIR } from './txn-record.js';
export { describeRecovered, pendingRecords, recoverPending, type Recovered } from './txn-recover.js';
