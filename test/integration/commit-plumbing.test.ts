// commitPaths() builds its commit with git plumbing (no `git add`/`git commit`, which stat
// the whole work tree): these tests hold it to the old contract on real repositories.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitPaths } from '../../src/ledger/git.js';
import { parseInstant } from '../../src/domain/time.js';
import { git, NOW } from '../helpers/index.js';
import { gitRepo, putFile } from '../helpers/index.js';

const WHEN = parseInstant(NOW)!;

const repo = (...initArgs: string[]) => gitRepo('xinfang-plumbing-', ...initArgs);
const put = putFile;

/** Untrimmed, NUL-separated git output (porcelain status lines start with a space). */
function z(root: string, args: string[]): string[] {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
}

const status = (root: string, ...paths: string[]) => z(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths]);
const nameStatus = (root: string, rev = 'HEAD') => z(root, ['-c', 'core.quotepath=false', 'show', '-z', '--name-status', '--format=', rev]).join(' ');
const count = (root: string) => Number(git(root, ['rev-list', '--count', 'HEAD']));

/** A repository with a first commit: two years of cases and the office file. */
function ledgerRepo(): string {
  const root = repo();
  put(root, 'office.yaml', 'office: 青山乡\n');
  put(root, 'cases/2025/QS-2025-A0001.yaml', 'id: QS-2025-A0001\n');
  put(root, 'cases/2025/QS-2025-A0002.yaml', 'id: QS-2025-A0002\n');
  put(root, 'cases/2026/QS-2026-A0001.yaml', 'id: QS-2026-A0001\n');
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', '建立台账']);
  return root;
}

describe('commitPaths (git plumbing)', () => {
  it('makes the first commit of an empty repository on main', () => {
    const root = repo();
    put(root, 'office.yaml', 'office: 青山乡\n');
    put(root, 'leaders.yaml', 'leaders: []\n');
    put(root, 'notes.txt', '草稿');
    commitPaths(root, ['office.yaml', 'leaders.yaml'], '建立台账 青山乡', '建账员', WHEN);
    expect(git(root, ['symbolic-ref', 'HEAD'])).toBe('refs/heads/main');
    expect(count(root)).toBe(1);
    expect(nameStatus(root)).toBe('A leaders.yaml A office.yaml');
    expect(status(root)).toEqual(['?? notes.txt']);
    expect(git(root, ['reflog', '-1', '--format=%gs'])).toBe('commit (initial): 建立台账 青山乡');
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
  });

  it('adds, changes and deletes in one commit of exactly those paths', () => {
    const root = ledgerRepo();
    put(root, 'cases/2026/QS-2026-A0002.yaml', 'id: QS-2026-A0002\n');
    put(root, 'cases/2025/QS-2025-A0001.yaml', 'id: QS-2025-A0001\nstatus: closed\n');
    rmSync(join(root, 'cases/2025/QS-2025-A0002.yaml'));
    put(root, 'office.yaml', 'office: 改了但不提交\n');
    const paths = ['cases/2026/QS-2026-A0002.yaml', 'cases/2025/QS-2025-A0001.yaml', 'cases/2025/QS-2025-A0002.yaml'];
    commitPaths(root, paths, '登记 QS-2026-A0002', '王登记', WHEN);
    expect(count(root)).toBe(2);
    expect(nameStatus(root)).toBe('M cases/2025/QS-2025-A0001.yaml D cases/2025/QS-2025-A0002.yaml A cases/2026/QS-2026-A0002.yaml');
    expect(status(root, ...paths)).toEqual([]);
    expect(git(root, ['diff', '--cached', '--name-only'])).toBe('');
    expect(status(root)).toEqual([' M office.yaml']);
    expect(git(root, ['show', 'HEAD:cases/2025/QS-2025-A0001.yaml'])).toBe('id: QS-2025-A0001\nstatus: closed');
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
  });

  it('deleting the last file of a folder removes the folder; new files may sit in new nested folders', () => {
    const root = ledgerRepo();
    rmSync(join(root, 'cases/2026'), { recursive: true });
    put(root, 'rosters/2027/01/乡长/排班.yaml', 'slots: []\n');
    commitPaths(root, ['cases/2026/QS-2026-A0001.yaml', 'rosters/2027/01/乡长/排班.yaml'], '调整', '王登记', WHEN);
    expect(nameStatus(root)).toBe('D cases/2026/QS-2026-A0001.yaml A rosters/2027/01/乡长/排班.yaml');
    expect(git(root, ['ls-tree', '--name-only', 'HEAD', 'cases/'])).toBe('cases/2025');
    expect(status(root)).toEqual([]);
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
  });

  it('the author is the clerk with the configured email, at the given time in +08:00; the committer is the machine', () => {
    const root = ledgerRepo();
    put(root, 'office.yaml', 'office: 青山乡人民政府\n');
    commitPaths(root, ['office.yaml'], '修改单位名称', '王登记', WHEN);
    expect(git(root, ['log', '-1', '--format=%an|%ae|%aI|%cn|%ce|%s'])).toBe(`王登记|office@example.cn|${NOW}|办公室电脑|office@example.cn|修改单位名称`);
    expect(git(root, ['log', '-1', '--format=%ad', '--date=raw'])).toMatch(/ \+0800$/);
  });

  it('without any git identity the clerk is author and committer, at clerk@xinfang.local', () => {
    const root = ledgerRepo();
    git(root, ['config', '--unset', 'user.name']);
    git(root, ['config', '--unset', 'user.email']);
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(root, '..', 'none'), HOME: join(root, '..'), XDG_CONFIG_HOME: join(root, '..') });
    try {
      put(root, 'office.yaml', 'office: 青山乡人民政府\n');
      commitPaths(root, ['office.yaml'], '修改单位名称', '王登记', WHEN);
    } finally {
      for (const k of ['GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL', 'HOME', 'XDG_CONFIG_HOME']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    expect(git(root, ['log', '-1', '--format=%an|%ae|%cn|%ce'])).toBe('王登记|clerk@xinfang.local|王登记|clerk@xinfang.local');
  });

  it('makes no commit when the paths already match HEAD (same content, or deleting what was never there)', () => {
    const root = ledgerRepo();
    const head = git(root, ['rev-parse', 'HEAD']);
    put(root, 'office.yaml', 'office: 青山乡\n'); // rewritten, same bytes
    commitPaths(root, ['office.yaml', 'cases/2026/QS-2026-A9999.yaml'], '不应提交', '王登记', WHEN);
    expect(git(root, ['rev-parse', 'HEAD'])).toBe(head);
    expect(status(root)).toEqual([]);
  });

  it("leaves the user's other staged changes staged and out of the commit", () => {
    const root = ledgerRepo();
    put(root, 'office.yaml', 'office: 青山乡\n# 手工改动\n');
    git(root, ['add', 'office.yaml']);
    put(root, 'cases/2026/QS-2026-A0002.yaml', 'id: QS-2026-A0002\n');
    commitPaths(root, ['cases/2026/QS-2026-A0002.yaml'], '登记 QS-2026-A0002', '王登记', WHEN);
    expect(nameStatus(root)).toBe('A cases/2026/QS-2026-A0002.yaml');
    expect(status(root)).toEqual(['M  office.yaml']);
    expect(git(root, ['diff', '--cached', '--name-only'])).toBe('office.yaml');
  });

  it('a path the user had staged in another version ends up as committed, not staged', () => {
    const root = ledgerRepo();
    put(root, 'office.yaml', 'office: 用户暂存的版本\n');
    git(root, ['add', 'office.yaml']);
    put(root, 'office.yaml', 'office: 程序写的版本\n');
    commitPaths(root, ['office.yaml'], '修改', '王登记', WHEN);
    expect(git(root, ['show', 'HEAD:office.yaml'])).toBe('office: 程序写的版本');
    expect(status(root)).toEqual([]);
    expect(git(root, ['diff', '--cached', '--name-only'])).toBe('');
    // The index entry is the committed blob (stat data is filled in by the next `git status`).
    expect(git(root, ['ls-files', '-s', 'office.yaml']).split(/\s/)[1]).toBe(git(root, ['rev-parse', 'HEAD:office.yaml']));
  });

  it('Chinese file names and messages, with core.quotepath at its default', () => {
    const root = ledgerRepo();
    const rel = '案件/2026/张三 的 来信（第1封）.yaml';
    put(root, rel, '姓名: 张三\n');
    put(root, 'cases/2026/李四.yaml', '姓名: 李四\n');
    commitPaths(root, [rel, 'cases/2026/李四.yaml'], '登记 张三、李四\n\n详细：两封来信  \n', '王登记', WHEN);
    expect(nameStatus(root)).toBe(`A cases/2026/李四.yaml A ${rel}`);
    expect(git(root, ['log', '-1', '--format=%B'])).toBe('登记 张三、李四\n\n详细：两封来信');
    expect(status(root)).toEqual([]);
    rmSync(join(root, rel));
    commitPaths(root, [rel], '删除 张三', '王登记', WHEN);
    expect(nameStatus(root)).toBe(`D ${rel}`);
    expect(git(root, ['ls-tree', '--name-only', 'HEAD'])).not.toContain('案件');
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
  });

  it("keeps git's tree order for names that sort around a folder's '/' (a-b, a.b, a/, a0)", () => {
    const root = repo();
    for (const f of ['a-b', 'a.b', 'a0', 'a/x', 'b']) put(root, f, f);
    commitPaths(root, ['a0', 'b'], '一', '王登记', WHEN);
    commitPaths(root, ['a/x', 'a.b'], '二', '王登记', WHEN);
    commitPaths(root, ['a-b'], '三', '王登记', WHEN);
    expect(git(root, ['ls-tree', '--name-only', 'HEAD'])).toBe('a-b\na.b\na\na0\nb');
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
    expect(status(root)).toEqual([]);
  });

  it('records the executable bit and symbolic links as git add would', () => {
    const root = ledgerRepo();
    put(root, 'tools/run.sh', '#!/bin/sh\necho 1\n');
    chmodSync(join(root, 'tools/run.sh'), 0o755);
    symlinkSync('../office.yaml', join(root, 'tools/office.yaml'));
    commitPaths(root, ['tools/run.sh', 'tools/office.yaml'], '工具', '王登记', WHEN);
    expect(git(root, ['ls-tree', 'HEAD', 'tools/']).split('\n').map((l) => l.split(/\s/)[0])).toEqual(['120000', '100755']);
    expect(git(root, ['cat-file', 'blob', 'HEAD:tools/office.yaml'])).toBe('../office.yaml');
    expect(status(root)).toEqual([]);
  });

  it('accepts ./ and absolute paths inside the repository, refuses paths outside it', () => {
    const root = ledgerRepo();
    put(root, 'a.yaml', 'a\n');
    put(root, 'b.yaml', 'b\n');
    commitPaths(root, ['./a.yaml', join(root, 'b.yaml')], '两个', '王登记', WHEN);
    expect(nameStatus(root)).toBe('A a.yaml A b.yaml');
    expect(() => commitPaths(root, ['../outside.yaml'], '不行', '王登记', WHEN)).toThrow(/不在台账内/);
    expect(() => commitPaths(root, ['.git/config'], '不行', '王登记', WHEN)).toThrow(/不在台账内/);
  });

  it('commits on the checked-out branch, not on main', () => {
    const root = ledgerRepo();
    const main = git(root, ['rev-parse', 'main']);
    git(root, ['checkout', '-q', '-b', '外出登记']);
    put(root, 'office.yaml', 'office: 分支上的改动\n');
    commitPaths(root, ['office.yaml'], '分支', '王登记', WHEN);
    expect(git(root, ['rev-parse', 'main'])).toBe(main);
    expect(git(root, ['log', '-1', '--format=%s', '外出登记'])).toBe('分支');
  });

  it('works in a SHA-256 repository', () => {
    const root = repo('--object-format=sha256');
    put(root, 'cases/2026/a.yaml', 'a\n');
    commitPaths(root, ['cases/2026/a.yaml'], '一', '王登记', WHEN);
    put(root, 'cases/2026/a.yaml', 'a2\n');
    put(root, 'cases/2026/b.yaml', 'b\n');
    commitPaths(root, ['cases/2026/a.yaml', 'cases/2026/b.yaml'], '二', '王登记', WHEN);
    expect(git(root, ['rev-parse', 'HEAD'])).toHaveLength(64);
    expect(nameStatus(root)).toBe('M cases/2026/a.yaml A cases/2026/b.yaml');
    expect(status(root)).toEqual([]);
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
  });

  it("keeps git's racy-clean check: a same-second edit to another file still shows as modified", () => {
    const root = ledgerRepo();
    git(root, ['config', 'core.trustctime', 'false']);
    // office.yaml is staged with its mtime equal to the index's own: git cannot trust the
    // stat data and must compare contents. Then it changes, same size, same mtime.
    const T = new Date(Date.now() - 100_000);
    put(root, 'office.yaml', 'office: 甲\n');
    utimesSync(join(root, 'office.yaml'), T, T);
    git(root, ['update-index', 'office.yaml']);
    utimesSync(join(root, '.git', 'index'), T, T);
    put(root, 'office.yaml', 'office: 乙\n');
    utimesSync(join(root, 'office.yaml'), T, T);
    put(root, 'cases/2026/QS-2026-A0002.yaml', 'id: QS-2026-A0002\n');
    commitPaths(root, ['cases/2026/QS-2026-A0002.yaml'], '登记 QS-2026-A0002', '王登记', WHEN);
    expect(status(root)).toEqual(['MM office.yaml']);
  });

  /**
   * Another git process commits while commitPaths is between reading HEAD and update-ref:
   * a clean filter on *.race files runs inside our `hash-object` and commits from there
   * (at most `times` times).
   */
  function racing(root: string, times: number): void {
    const script = join(root, '..', 'race.sh');
    writeFileSync(
      script,
      [
        '#!/bin/sh',
        'n=$(cat "$0.count" 2>/dev/null || echo 0)',
        `if [ "$n" -lt ${times} ]; then`,
        '  echo $((n + 1)) > "$0.count"',
        '  b=$(echo "$n" | git hash-object -w --stdin)',
        '  t=$( (git ls-tree HEAD; printf "100644 blob %s\\t他人-%s.txt\\n" "$b" "$n") | git mktree)',
        '  c=$(git commit-tree "$t" -p HEAD -m "另一个进程 $n") && git update-ref HEAD "$c"',
        'fi',
        'cat',
      ].join('\n'),
    );
    chmodSync(script, 0o755);
    git(root, ['config', 'filter.race.clean', script]);
    put(root, '.git/info/attributes', '*.race filter=race\n');
  }

  it('a commit by another git process in between is kept: ours goes on top of it', () => {
    const root = ledgerRepo();
    racing(root, 1);
    put(root, 'cases/2026/QS-2026-A0002.race', 'id: QS-2026-A0002\n');
    commitPaths(root, ['cases/2026/QS-2026-A0002.race'], '登记 QS-2026-A0002', '王登记', WHEN);
    expect(git(root, ['log', '--format=%s', '-3'])).toBe('登记 QS-2026-A0002\n另一个进程 0\n建立台账');
    expect(nameStatus(root)).toBe('A cases/2026/QS-2026-A0002.race');
    expect(z(root, ['ls-tree', '-z', '--name-only', 'HEAD'])).toContain('他人-0.txt');
  });

  it('when HEAD keeps moving, update-ref refuses every time: an error, HEAD not ours, index untouched', () => {
    const root = ledgerRepo();
    racing(root, 100);
    put(root, 'office.yaml', 'office: 用户暂存\n');
    git(root, ['add', 'office.yaml']);
    const index = z(root, ['ls-files', '-s', '-z']);
    put(root, 'cases/2026/QS-2026-A0002.race', 'id: QS-2026-A0002\n');
    expect(() => commitPaths(root, ['cases/2026/QS-2026-A0002.race'], '登记 QS-2026-A0002', '王登记', WHEN)).toThrow(/另一个 git 进程一直在同时提交/);
    expect(git(root, ['log', '-1', '--format=%s'])).toMatch(/^另一个进程 \d+$/);
    expect(git(root, ['log', '--format=%s'])).not.toContain('登记');
    expect(z(root, ['ls-files', '-s', '-z'])).toEqual(index);
    expect(existsSync(join(root, '.git', 'index.lock'))).toBe(false);
    expect(readdirSync(join(root, '.git')).filter((f) => f.startsWith('xinfang-'))).toEqual([]);
  });

  it('update-ref with a stale old value fails and leaves HEAD where it is', () => {
    const root = ledgerRepo();
    const head = git(root, ['rev-parse', 'HEAD']);
    const stale = git(root, ['commit-tree', 'HEAD^{tree}', '-m', '旧的']);
    const other = git(root, ['commit-tree', 'HEAD^{tree}', '-p', 'HEAD', '-m', '另一个']);
    expect(() => git(root, ['update-ref', 'HEAD', other, stale])).toThrow(/but expected|cannot lock ref/);
    expect(git(root, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it("waits for another git process's index.lock", async () => {
    const root = ledgerRepo();
    const lock = join(root, '.git', 'index.lock');
    writeFileSync(lock, '');
    const child = spawn('sh', ['-c', `sleep 0.4; rm -f '${lock}'`], { stdio: 'ignore' });
    put(root, 'office.yaml', 'office: 青山乡人民政府\n');
    commitPaths(root, ['office.yaml'], '修改单位名称', '王登记', WHEN);
    await new Promise((r) => child.on('exit', r));
    expect(git(root, ['log', '-1', '--format=%s'])).toBe('修改单位名称');
    expect(status(root)).toEqual([]);
  });
});
