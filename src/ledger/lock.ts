// Cross-process locks in .xinfang/locks/: a lock is a directory created atomically (mkdir
// fails when it exists) holding its owner: pid, process start time and process group. A lock
// whose owner is no longer running (a killed process), or whose pid now belongs to another
// process (same pid, other start time: reused after a reboot), is taken over. Used around
// every read-modify-write of a shared file.
import { mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ProblemError } from '../errors.js';
import { sleepSync } from './sleep.js';

/**
 * Who owns a lock, a pending write or a git lock file: the pid, and where /proc exists the
 * process's start time (`/proc/PID/stat` field 22, clock ticks since boot, with the boot id)
 * and its process group. Without /proc only the pid is known and compared.
 */
export interface Owner {
  pid: number;
  /** `TICKS@BOOT-ID`, or '' where it cannot be read. */
  start: string;
  /** Process group id, 0 where unknown. */
  pgid: number;
}

let bootId: string | undefined;

function procStat(pid: number): { start: string; pgid: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "PID (comm) STATE PPID PGRP …": comm may hold spaces and parentheses; fields after
    // the last ')' start at field 3, so field 22 (starttime) is index 19, field 5 (pgrp) index 2.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return { start: `${f[19]}@${bootId}`, pgid: Number(f[2]) || 0 };
  } catch {
    return undefined;
  }
}

let self: Owner | undefined;

/** This process as an owner. */
export function selfOwner(): Owner {
  if (!self || self.pid !== process.pid) {
    const st = procStat(process.pid);
    self = { pid: process.pid, start: st?.start ?? '', pgid: st?.pgid ?? 0 };
  }
  return self;
}

/** "PID START PGID" ('-' for an unknown part): the text of a lock's pid file. */
export function ownerText(o: Owner = selfOwner()): string {
  return `${o.pid} ${o.start || '-'} ${o.pgid || '-'}`;
}

/** Reads "PID", "PID START" or "PID START PGID"; undefined when there is no pid. */
export function parseOwner(text: string): Owner | undefined {
  const [p, s, g] = text.trim().split(/\s+/);
  const pid = Number(p);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, start: s && s !== '-' ? s : '', pgid: g && g !== '-' ? Number(g) || 0 : 0 };
}

/** A process with this pid is running (whoever it is: see ownerAlive for the owner check). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is this owner still running? A live pid with another start time is another process. */
export function ownerAlive(o: Owner): boolean {
  if (!pidAlive(o.pid)) return false;
  if (!o.start) return true;
  const now = procStat(o.pid);
  return !now || now.start === o.start;
}

/** Is any process of the owner's process group still running (its git children)? */
export function groupAlive(o: Owner): boolean {
  if (ownerAlive(o)) return true;
  if (!o.pgid || o.pgid === process.pid) return false;
  try {
    process.kill(-o.pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let bootMs: number | undefined;

/**
 * Start time (ms since the epoch, ±10 ms) of a running process where /proc tells (boot time
 * from /proc/stat + field 22 at the usual 100 ticks a second); undefined otherwise.
 */
export function processStartMs(pid: number): number | undefined {
  const st = procStat(pid);
  if (!st) return undefined;
  try {
    bootMs ??= Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]) * 1000;
  } catch {
    return undefined;
  }
  const ticks = Number(st.start.split('@')[0]);
  return Number.isFinite(bootMs) && Number.isFinite(ticks) ? bootMs + ticks * 10 : undefined;
}


/** The lock names this process holds right now (a pending write records them). */
const held: string[] = [];
export function heldLocks(): string[] {
  return [...held];
}

export interface StaleLock {
  owner: Owner;
  /** When the dead owner took the lock (the lock folder's mtime). */
  sinceMs: number;
}

export interface LockOptions {
  /** Called after a dead owner's lock was removed, before this process takes it. */
  onStale?: (s: StaleLock) => void;
}

export function withLock<T>(root: string, name: string, fn: () => T, timeoutMs = 15_000, opts: LockOptions = {}): T {
  const dir = join(root, '.xinfang', 'locks');
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, `${name.replace(/[^\w.-]/g, '_')}.lock`);
  const start = Date.now();
  let seen: Owner | undefined;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), ownerText());
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: Owner | undefined;
      let since = 0;
      try {
        since = statSync(lock).mtimeMs;
        owner = parseOwner(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        /* gone, or its owner has not written the pid yet */
      }
      if (!owner) {
        // Owner between mkdir and writing its pid: stale only if that was long ago.
        try {
          if (Date.now() - statSync(lock).mtimeMs > 5_000) rmSync(lock, { recursive: true, force: true });
        } catch {
          /* gone already */
        }
      } else if (!ownerAlive(owner)) {
        rmSync(lock, { recursive: true, force: true });
        opts.onStale?.({ owner, sinceMs: since });
        continue;
      } else seen = owner;
      if (Date.now() - start > timeoutMs) {
        throw new ProblemError(
          `等待锁 ${name} 超时：另一个 xinfang 进程${seen ? `（进程号 ${seen.pid}）` : ''}正在修改台账，${Math.round(timeoutMs / 1000)} 秒内没有结束；本命令没有写入任何内容。请等它结束后重试；如果确认没有 xinfang 在运行，删除文件夹 ${lock} 后重试`,
          'busy',
        );
      }
      sleepSync(25 + Math.random() * 50);
    }
  }
  held.push(name);
  try {
    return fn();
  } finally {
    held.splice(held.lastIndexOf(name), 1);
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Takes the lock only when it is free (or stale) within `timeoutMs`; undefined when another live process holds it. */
export function tryWithLock<T>(root: string, name: string, fn: () => T, timeoutMs = 0, opts: LockOptions = {}): { value: T } | undefined {
  let got = false;
  try {
    return {
      value: withLock(
        root,
        name,
        () => {
          got = true;
          return fn();
        },
        timeoutMs,
        opts,
      ),
    };
  } catch (e) {
    if (!got && e instanceof ProblemError && e.code === 'busy') return undefined;
    throw e;
  }
}
