// Ledger.change(): validate everything, write atomically, commit exactly those paths with the
// clerk as author; plus the per-ledger lock.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { LeadersFile, UnitsFile } from '../../src/ledger/schema.js';
import { withLock } from '../../src/ledger/lock.js';
import { parseInstant } from '../../src/domain/time.js';
import { addLeader, addUnit } from '../../src/app/leaders.js';
import { commits, git, newLedger, NOW } from '../helpers/index.js';

const clerk = { name: '王登记', now: parseInstant(NOW)! };
const leader = (id: string, name: string) => ({ id, name, title: '副乡长', role: 'member' as const, portfolio: '', active: true, absences: [] });

describe('Ledger.change().apply()', () => {
  it('commits exactly the files it wrote, with the clerk as author and the given message', async () => {
    const root = await newLedger();
    writeFileSync(join(root, 'notes.txt'), '别人的草稿'); // an unrelated dirty file
    const ledger = Ledger.open(root);
    const paths = ledger
      .change()
      .put('leaders.yaml', LeadersFile, { leaders: [leader('L01', '张三')] })
      .put('units.yaml', UnitsFile, { units: [{ id: 'U01', name: '民政办', contact: '', active: true }] })
      .apply('添加 张三 与 民政办', clerk);
    expect(paths).toEqual(['leaders.yaml', 'units.yaml']);
    const log = commits(root);
    expect(log).toHaveLength(2);
    expect(log[0]).toEqual({ author: '王登记', subject: '添加 张三 与 民政办' });
    expect(git(root, ['show', '--name-only', '--format=', 'HEAD']).split('\n').sort()).toEqual(['leaders.yaml', 'units.yaml']);
    expect(git(root, ['status', '--porcelain'])).toBe('?? notes.txt');
    expect(git(root, ['log', '-1', '--format=%aI'])).toBe(NOW);
    // Fresh reads after apply.
    expect(ledger.leaders().leaders.map((l) => l.name)).toEqual(['张三']);
  });

  it('does not sweep in other staged changes', async () => {
    const root = await newLedger();
    writeFileSync(join(root, 'units.yaml'), 'units: []\n# 手工改动\n');
    git(root, ['add', 'units.yaml']);
    Ledger.open(root).change().put('leaders.yaml', LeadersFile, { leaders: [leader('L01', '张三')] }).apply('添加领导 张三', clerk);
    expect(git(root, ['show', '--name-only', '--format=', 'HEAD'])).toBe('leaders.yaml');
    expect(git(root, ['status', '--porcelain'])).toBe('M  units.yaml');
  });

  it('validates every file before writing any: a bad second file writes nothing', async () => {
    const root = await newLedger();
    const before = readFileSync(join(root, 'leaders.yaml'), 'utf8');
    const ledger = Ledger.open(root);
    expect(() =>
      ledger
        .change()
        .put('leaders.yaml', LeadersFile, { leaders: [leader('L01', '张三')] })
        .put('units.yaml', UnitsFile, { units: [{ id: '', name: '民政办' }] } as never)
        .apply('不应提交', clerk),
    ).toThrow();
    expect(readFileSync(join(root, 'leaders.yaml'), 'utf8')).toBe(before);
    expect(commits(root)).toHaveLength(1);
  });

  it('writing the same content again makes no empty commit', async () => {
    const root = await newLedger();
    const ledger = Ledger.open(root);
    ledger.change().put('leaders.yaml', LeadersFile, { leaders: [leader('L01', '张三')] }).apply('一', clerk);
    ledger.change().put('leaders.yaml', LeadersFile, { leaders: [leader('L01', '张三')] }).apply('二', clerk);
    expect(commits(root).map((c) => c.subject)).toEqual(['一', '建立台账 青山乡（乡镇（青山乡实施办法））']);
  });

  it('creates new folders for new files and commits them', async () => {
    const root = await newLedger();
    Ledger.open(root).change().putText('calendar/2027.yaml', 'year: 2027\n').apply('添加 2027 年日历', clerk);
    expect(git(root, ['show', '--name-only', '--format=', 'HEAD'])).toBe('calendar/2027.yaml');
  });

  it('without git, files are written and nothing fails', async () => {
    const root = await newLedger({ git: false });
    addLeader(Ledger.open(root), { name: '张三', title: '副乡长', role: 'member' }, clerk);
    expect(existsSync(join(root, '.git'))).toBe(false);
    expect(Ledger.open(root).leaders().leaders).toHaveLength(1);
  });

  it('a machine without a git identity still commits, as the clerk', async () => {
    const root = await newLedger();
    const home = join(root, '..', 'home');
    mkdirSync(home);
    // The app functions run in this process: emulate an empty git identity for git itself.
    const env = { ...process.env };
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = home;
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    process.env.GIT_CONFIG_GLOBAL = join(home, 'none');
    try {
      addUnit(Ledger.open(root), { name: '民政办' }, clerk);
    } finally {
      for (const k of ['HOME', 'XDG_CONFIG_HOME', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL']) {
        if (env[k] === undefined) delete process.env[k];
        else process.env[k] = env[k];
      }
    }
    expect(git(root, ['log', '-1', '--format=%an|%cn|%s'])).toBe('王登记|王登记|添加承办单位 民政办');
  });
});

describe('locks', () => {
  it('withLock holds a lock folder while running and removes it after, also on error', async () => {
    const root = await newLedger();
    const dir = join(root, '.xinfang', 'locks');
    withLock(root, 'office', () => {
      expect(readdirSync(dir)).toEqual(['office.lock']);
      // "PID START PGID": the start time tells a reused pid from its owner (see integrity-locks).
      expect(readFileSync(join(dir, 'office.lock', 'pid'), 'utf8').split(' ')[0]).toBe(String(process.pid));
    });
    expect(readdirSync(dir)).toEqual([]);
    expect(() => withLock(root, 'office', () => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a lock left by a dead process is recovered', async () => {
    const root = await newLedger();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const lock = join(root, '.xinfang', 'locks', 'office.lock');
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'pid'), dead);
    expect(withLock(root, 'office', () => 42, 2_000)).toBe(42);
  });

  it('a lock held by a live process makes the other wait, then time out in Chinese', async () => {
    const root = await newLedger();
    const lock = join(root, '.xinfang', 'locks', 'office.lock');
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'pid'), String(process.ppid)); // alive: our parent
    const t0 = Date.now();
    expect(() => withLock(root, 'office', () => 1, 300)).toThrow(/等待锁 office 超时/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(existsSync(lock)).toBe(true); // not ours to remove
  });

  it('parallel CLI processes adding leaders lose none and never share an id', async () => {
    const root = await newLedger();
    const { BIN, ensureBuilt } = await import('../helpers/index.js');
    ensureBuilt();
    const { spawn } = await import('node:child_process');
    const names = ['甲', '乙', '丙', '丁', '戊', '己'];
    const codes = await Promise.all(
      names.map(
        (n) =>
          new Promise<number>((res) => {
            const p = spawn(process.execPath, [BIN, 'leader', 'add', '--name', n, '--title', '副乡长', '--role', 'member', '--ledger', root], {
              env: { ...process.env, XINFANG_NOW: NOW, XINFANG_CLERK: n },
              stdio: 'ignore',
            });
            p.on('exit', (c) => res(c ?? -1));
          }),
      ),
    );
    expect(codes).toEqual(names.map(() => 0));
    const list = Ledger.open(root).leaders().leaders;
    expect(list.map((l) => l.name).sort()).toEqual([...names].sort());
    expect(new Set(list.map((l) => l.id)).size).toBe(names.length);
    expect(commits(root)).toHaveLength(names.length + 1);
    expect(git(root, ['status', '--porcelain'])).toBe('');
  }, 60_000);
});
