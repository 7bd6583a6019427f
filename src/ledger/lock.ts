// Cross-process locks in .xinfang/locks/: a lock is a directory created atomically (mkdir
// fails when it exists) holding the owner's pid. A lock whose owner is no longer running
// (a killed process) is recovered. Used around every read-modify-write of a shared file.
import { mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function withLock<T>(root: string, name: string, fn: () => T, timeoutMs = 15_000): T {
  const dir = join(root, '.xinfang', 'locks');
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, `${name.replace(/[^\w.-]/g, '_')}.lock`);
  const start = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      try {
        pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // Owner between mkdir and writing its pid: stale only if that was long ago.
        try {
          if (Date.now() - statSync(lock).mtimeMs > 5_000) rmSync(lock, { recursive: true, force: true });
        } catch {
          /* gone already */
        }
      }
      if (Number.isFinite(pid) && pid > 0 && !alive(pid)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`等待锁 ${name} 超时：另一个 xinfang 进程正在修改台账`);
      sleep(25 + Math.random() * 50);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
