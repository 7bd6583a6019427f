// Locks name their owner by pid AND process start time: a pid that is alive but belongs to
// another process (reused after a reboot) does not keep a lock. A committer killed in the
// middle of a commit leaves git's lock files; the next commit removes those that are
// provably its own and reports another program's with what to do. (Whether a git process runs
// is asked of the whole machine, so "none runs" cannot be arranged here: the trial in
// integrity-kill.test.ts covers the removal.)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerAlive, ownerText, parseOwner, selfOwner, withLock } from '../../src/ledger/lock.js';
import { git, newLedger, runIn, TEAM, tempDir } from '../helpers/index.js';

const SUMMER = '2026-07-20T10:00:00+08:00';
const hasProc = existsSync('/proc/self/stat');

/** A pid that was just used and is gone. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

async function ledgerWithCase() {
  const root = await newLedger({ leaders: TEAM });
  const x = (args: string[]) => runIn([...args, '--ledger', root], { env: { XINFANG_NOW: SUMMER } });
  const r = await x(['visit', 'add', '--date', '2026-07-01', '--name', '赵大爷', '--purpose', '求决', '--category', '民政', '--summary', '优抚金', '--leader', '张志强']);
  expect(r.code).toBe(0);
  return { root, x };
}

describe('lock owners: pid + start time', () => {
  it('a lock file names pid, start time and process group; a reader parses the old pid-only form too', () => {
    const me = selfOwner();
    expect(parseOwner(ownerText(me))).toEqual(me);
    expect(parseOwner('4242')).toEqual({ pid: 4242, start: '', pgid: 0 });
    expect(parseOwner('')).toBeUndefined();
    if (hasProc) expect(me.start).toMatch(/^\d+@[0-9a-f-]+$/);
  });

  it('a live pid with another start time (reused after a reboot) is not the owner; without a start time the pid alone decides', () => {
    expect(ownerAlive(selfOwner())).toBe(true);
    expect(ownerAlive({ pid: process.pid, start: '', pgid: 0 })).toBe(true); // no /proc: pid only
    expect(ownerAlive({ pid: deadPid(), start: '', pgid: 0 })).toBe(false);
    if (hasProc) expect(ownerAlive({ pid: process.ppid, start: '1@00000000-0000-0000-0000-000000000000', pgid: 0 })).toBe(false);
  });

  it.runIf(hasProc)('a lock held by a live but unrelated process (same pid, other start time) is taken over at once', async () => {
    const { root, x } = await ledgerWithCase();
    const lock = join(root, '.xinfang', 'locks', 'case-QS-2026-A0001.lock');
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'pid'), `${process.ppid} 12345@00000000-0000-0000-0000-000000000000 -`);
    const t0 = Date.now();
    const r = await x(['case', 'supervise', 'A0001', '--form', 'phone', '--note', '催办']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000); // not the 15 s wait for a live owner
    expect(git(root, ['status', '--porcelain'])).toBe('');
  }, 30_000);

  it('a lock of a running owner (its true start time) is waited for, then refused in Chinese with exit 1, nothing written', async () => {
    const { root, x } = await ledgerWithCase();
    const file = join(root, 'cases', '2026', 'QS-2026-A0001.yaml');
    const before = readFileSync(file, 'utf8');
    const lock = join(root, '.xinfang', 'locks', 'case-QS-2026-A0001.lock');
    expect(() => withLock(root, 'case-QS-2026-A0001', () => 1, 200)).not.toThrow();
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'pid'), ownerText(selfOwner())); // this test process: alive
    expect(() => withLock(root, 'case-QS-2026-A0001', () => 1, 300)).toThrow(/等待锁 case-QS-2026-A0001 超时.*没有写入任何内容/);
    expect(existsSync(lock)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(before);
    void x;
  }, 30_000);
});

describe("git's lock files after a committer was killed", () => {
  it('its git lock, its marked index.lock, the branch ref lock and its index copy are removed by the next commit', async () => {
    const { root, x } = await ledgerWithCase();
    const dead = deadPid();
    const g = join(root, '.git');
    const gitLock = join(root, '.xinfang', 'locks', 'git.lock');
    mkdirSync(gitLock, { recursive: true });
    writeFileSync(join(gitLock, 'pid'), `${dead} - ${dead}`); // its process group is gone too
    writeFileSync(join(g, 'index.lock'), `xinfang ${dead} - ${dead}\n`);
    writeFileSync(join(g, 'refs', 'heads', 'main.lock'), git(root, ['rev-parse', 'HEAD']) + '\n');
    writeFileSync(join(g, `xinfang-index-${dead}`), 'copy');
    const r = await x(['case', 'supervise', 'A0001', '--form', 'phone', '--note', '催办']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['index.lock', 'refs/heads/main.lock', `xinfang-index-${dead}`]) expect(existsSync(join(g, f)), f).toBe(false);
    expect(git(root, ['log', '-1', '--format=%s'])).toBe('督办 QS-2026-A0001：电话督办');
    expect(git(root, ['status', '--porcelain'])).toBe('');
  }, 30_000);

  it("the ref lock of a git that is running is kept: exit 1 naming the file, nothing written; check reports it once old", async () => {
    const { root, x } = await ledgerWithCase();
    // A process called git (a copy of sleep): a git is running, so its lock may be in use.
    const fake = join(tempDir(), 'git');
    copyFileSync(execFileSync('sh', ['-c', 'command -v sleep'], { encoding: 'utf8' }).trim(), fake);
    chmodSync(fake, 0o755);
    const running = spawn(fake, ['30'], { stdio: 'ignore' });
    try {
      const ref = join(root, '.git', 'refs', 'heads', 'main.lock');
      writeFileSync(ref, '');
      const old = new Date(Date.now() - 10 * 60_000);
      utimesSync(ref, old, old);
      const file = join(root, 'cases', '2026', 'QS-2026-A0001.yaml');
      const before = readFileSync(file, 'utf8');
      const head = git(root, ['rev-parse', 'HEAD']);
      const r = await x(['case', 'supervise', 'A0001', '--form', 'phone', '--note', '催办']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/没有记录任何内容/);
      expect(r.stderr).toMatch(/refs\/heads\/main\.lock 被另一个 git 程序占用.*删除 .*refs\/heads\/main\.lock 后重试/);
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(git(root, ['rev-parse', 'HEAD'])).toBe(head);
      expect(existsSync(ref)).toBe(true);
      const c = await runIn(['check', '--json', '--ledger', root]);
      expect(JSON.parse(c.stdout).problems).toEqual([expect.objectContaining({ code: 'git-lock', file: '.git/refs/heads/main.lock' })]);
    } finally {
      running.kill('SIGKILL');
    }
  }, 30_000);
});
