// "Nothing half-written": a write whose commit fails leaves the ledger exactly as it was
// (files, HEAD, git's index, the case index) and says so with exit 1 — never exit 3 — so that
// the retry records the change once. Real git repositories; the failures are real ones:
// another program's .git/index.lock, a commit git refuses (commit.gpgSign with a signing
// program that fails), a notice folder that cannot be created.
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commits, ensureBuilt, git, newLedger, run, runIn, TEAM, tempDir, type RunResult } from '../helpers/index.js';

const SUMMER = '2026-07-20T10:00:00+08:00';

function ledgerHelpers(root: string) {
  const x = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', root], { env: { XINFANG_NOW: SUMMER, ...env } });
  const file = (id: string) => join(root, 'cases', '2026', `${id}.yaml`);
  const register = async (date: string, extra: string[] = []): Promise<string> => {
    const r = await x(['visit', 'add', '--date', date, '--name', '赵大爷', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', `优抚金未发 ${date}`, '--leader', '张志强', '--new', '--json', ...extra]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout).case.id;
  };
  return { x, file, register };
}

/** Everything a failed write must leave as it was. */
function snapshot(root: string) {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (e.name === '.git' || e.name === '.xinfang') continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else files[p] = readFileSync(join(root, p), 'utf8');
    }
  };
  walk('');
  return { files, head: git(root, ['rev-parse', 'HEAD']), index: readFileSync(join(root, '.git', 'index')).toString('hex') };
}

function pending(root: string): string[] {
  const d = join(root, '.xinfang', 'pending');
  return existsSync(d) ? readdirSync(d) : [];
}

function expectUnchanged(root: string, before: ReturnType<typeof snapshot>, r: RunResult) {
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/没有记录任何/);
  expect(r.stderr).not.toMatch(/内部错误/);
  const after = snapshot(root);
  expect(Object.keys(after.files).sort()).toEqual(Object.keys(before.files).sort());
  expect(after.files).toEqual(before.files);
  expect(after.head).toBe(before.head);
  expect(after.index).toBe(before.index);
  expect(pending(root)).toEqual([]);
}

beforeAll(() => ensureBuilt(), 300_000);

describe('a held .git/index.lock (the probe, on the built CLI)', () => {
  it('exit 1 saying nothing was recorded and what to do; the case file unchanged; the retry records one event', async () => {
    const root = await newLedger({ leaders: TEAM });
    const { register, file } = ledgerHelpers(root);
    const id = await register('2026-07-01');
    const before = snapshot(root);
    const lock = join(root, '.git', 'index.lock');
    writeFileSync(lock, '');
    const t0 = Date.now();
    const r = run(['case', 'supervise', 'A0001', '--form', 'phone', '--note', '催办一次'], { cwd: root, env: { XINFANG_NOW: SUMMER } });
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(r.stderr).toMatch(/\.git\/index\.lock 被另一个 git 程序占用/);
    expect(r.stderr).toMatch(/请关闭正在运行的 git 程序/);
    expect(r.stderr).toMatch(/删除 .*index\.lock 后重试/);
    expectUnchanged(root, before, r);
    expect(existsSync(lock)).toBe(true); // another program's: never removed by xinfang

    rmSync(lock);
    const again = run(['case', 'supervise', 'A0001', '--form', 'phone', '--note', '催办一次'], { cwd: root, env: { XINFANG_NOW: SUMMER } });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const events = readFileSync(file(id), 'utf8').match(/note: 催办一次/g) ?? [];
    expect(events).toHaveLength(1);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(commits(root)[0]!.subject).toBe(`督办 ${id}：电话督办`);
  }, 60_000);

  it('an index.lock left by a killed xinfang (its marker, a dead pid) is removed at once', async () => {
    const root = await newLedger({ leaders: TEAM });
    const { register, x } = ledgerHelpers(root);
    await register('2026-07-01');
    writeFileSync(join(root, '.git', 'index.lock'), 'xinfang 999999 - -\n');
    const t0 = Date.now();
    const r = await x(['case', 'supervise', 'A0001', '--form', 'phone', '--note', '催办']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(existsSync(join(root, '.git', 'index.lock'))).toBe(false);
    expect(git(root, ['status', '--porcelain'])).toBe('');
  }, 30_000);

  it('check reports an old index.lock of another program with how to remove it', async () => {
    const root = await newLedger({ leaders: TEAM });
    const lock = join(root, '.git', 'index.lock');
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(lock, old, old);
    const r = await runIn(['check', '--json', '--ledger', root]);
    expect(r.code).toBe(1);
    const p = JSON.parse(r.stdout).problems.find((x: { code: string }) => x.code === 'git-lock');
    expect(p).toMatchObject({ file: '.git/index.lock' });
    expect(p.hint).toMatch(/如果没有任何 git 程序在运行.*删除 .*index\.lock/);
    expect(existsSync(lock)).toBe(true);
  }, 30_000);
});

describe('a commit git refuses, after the files were written', () => {
  it('every write path puts its files back: new case, event, roster, leaders, due --supervise; the index agrees; then all works', async () => {
    const root = await newLedger({ leaders: TEAM, units: ['民政办'] });
    const { x, register } = ledgerHelpers(root);
    const A = await register('2026-06-01');
    const B = await register('2026-06-02');
    expect((await x(['case', 'accept', A, '--date', '2026-06-02'])).code).toBe(0);
    expect((await x(['case', 'transfer', A, '--unit', '民政办', '--due', '2026-07-10', '--date', '2026-06-03'])).code).toBe(0);
    expect((await x(['roster', 'generate', '--month', '2026-08'])).code).toBe(0);
    const listBefore = (await x(['case', 'list', '--json'])).stdout;
    // A real git failure at commit time: signing is required and the signing program fails.
    git(root, ['config', 'commit.gpgSign', 'true']);
    git(root, ['config', 'gpg.program', '/usr/bin/false']);
    const before = snapshot(root);

    for (const args of [
      ['visit', 'add', '--date', '2026-07-15', '--name', '钱大妈', '--purpose', '求决', '--category', '民政', '--summary', '低保', '--leader', '张志强', '--new'],
      ['case', 'supervise', A, '--form', 'phone', '--note', '催办'],
      ['roster', 'generate', '--month', '2026-09'],
      ['leader', 'add', '--name', '孙明', '--title', '副乡长', '--role', 'member'],
      ['due', '--supervise', '--form', 'notice'],
    ]) {
      const r = await x(args);
      expect(r.stderr, args.join(' ')).toMatch(/提交失败，本次修改已全部撤销/);
      expect(r.stderr).toMatch(/git status/);
      expectUnchanged(root, before, r);
    }
    const j = await x(['due', '--supervise', '--form', 'notice', '--json']);
    expect(JSON.parse(j.stderr).error.code).toBe('commit_failed');
    // The index was not told of a change that did not happen; it agrees with the files.
    expect((await x(['case', 'list', '--json'])).stdout).toBe(listBefore);
    expect((await x(['case', 'list', '--json'], { XINFANG_INDEX: 'off' })).stdout).toBe(listBefore);
    expect((await runIn(['check', '--ledger', root])).code).toBe(0);

    git(root, ['config', '--unset', 'commit.gpgSign']);
    const n = commits(root).length;
    const C = await register('2026-07-15');
    expect(C).toBe('QS-2026-A0003'); // the number of the undone registration was not kept
    const s = await x(['due', '--supervise', '--form', 'notice']);
    expect(s.code).toBe(0);
    expect(commits(root).length).toBe(n + 2);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(join(root, 'cases', '2026', `${B}.yaml`), 'utf8').match(/type: supervise/g)).toHaveLength(1);
  }, 120_000);
});

describe('init', () => {
  it('a first commit git refuses: exit 1, no half-made ledger left', async () => {
    const dir = join(tempDir(), '青山乡台账');
    // commit.gpgSign from the machine's git configuration, with a signing program that fails.
    const env = { GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'commit.gpgSign', GIT_CONFIG_VALUE_0: 'true', GIT_CONFIG_KEY_1: 'gpg.program', GIT_CONFIG_VALUE_1: '/usr/bin/false' };
    const r = run(['init', dir, '--unit', '青山乡', '--code', 'QS', '--station', 'A'], { env }); // git reads the environment of its process
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/台账没有建立（已删除建了一半的文件）：git 提交出错/);
    expect(existsSync(dir)).toBe(false);
    expect((await runIn(['init', dir, '--unit', '青山乡', '--code', 'QS', '--station', 'A'])).code).toBe(0);
  }, 30_000);
});

describe('due --supervise checks every notice name before writing', () => {
  async function overdueWithLeader(name: string) {
    const root = await newLedger({ leaders: TEAM, units: ['民政办'] });
    // A hand-edited leaders.yaml (the name a clerk typed there), committed.
    const f = join(root, 'leaders.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('name: 刘芳', `name: ${name}`));
    git(root, ['commit', '-qam', '改名']);
    const { x, register } = ledgerHelpers(root);
    const A = await register('2026-06-01');
    expect((await x(['case', 'accept', A, '--date', '2026-06-02'])).code).toBe(0);
    expect((await x(['case', 'transfer', A, '--unit', '民政办', '--due', '2026-07-10', '--date', '2026-06-03'])).code).toBe(0);
    const B = await register('2026-06-02');
    expect((await x(['case', 'assign', B, '--leader', 'L03'])).code).toBe(0);
    return { root, x, A, B };
  }

  it('a leader whose name makes the notice name longer than 255 bytes: the name is shortened, everything committed', async () => {
    const long = '欧阳'.repeat(60); // 360 bytes
    const { root, x, A, B } = await overdueWithLeader(long);
    const r = await x(['due', '--supervise', '--form', 'notice', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const notices: string[] = JSON.parse(r.stdout).supervised.notices;
    expect(notices).toHaveLength(2);
    for (const n of notices) {
      expect(Buffer.byteLength(n.split('/').pop()!)).toBeLessThanOrEqual(200);
      expect(existsSync(join(root, n))).toBe(true);
    }
    expect(notices.some((n) => n.includes('督办通知-包案领导欧阳欧阳'))).toBe(true);
    expect(readFileSync(join(root, notices.find((n) => n.includes('欧阳'))!), 'utf8')).toContain(long);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(git(root, ['-c', 'core.quotepath=off', 'show', '--name-only', '--format=', 'HEAD']).split('\n')).toHaveLength(4);
    for (const id of [A, B]) expect(readFileSync(join(root, 'cases', '2026', `${id}.yaml`), 'utf8')).toMatch(/type: supervise/);
  }, 60_000);

  it('a notice that cannot be written: exit 1, no case file changed, no notice, nothing committed', async () => {
    const { root, x } = await overdueWithLeader('刘/芳');
    mkdirSync(join(root, 'notices'));
    writeFileSync(join(root, 'notices', '2026-07-20'), '不是文件夹'); // the notice folder cannot be made
    const before = snapshot(root);
    const r = await x(['due', '--supervise', '--form', 'notice']);
    expect(r.stderr).toMatch(/写入台账文件失败/);
    expectUnchanged(root, before, r);
  }, 60_000);
});
