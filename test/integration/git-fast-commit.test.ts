// commitPaths writes blobs, trees, the commit and the index itself where that is certainly
// what git would write (git-objects.ts, git-index.ts), and lets git do it otherwise. These
// tests hold both paths to git's own results on real repositories.
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitPaths } from '../../src/ledger/git.js';
import { editIndex } from '../../src/ledger/git-index.js';
import { parseInstant } from '../../src/domain/time.js';
import { git, NOW, tempDir } from '../helpers/index.js';
import { gitRepo, putFile } from '../helpers/index.js';

const WHEN = parseInstant(NOW)!;
const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

const repo = (...initArgs: string[]) => gitRepo('xinfang-fastcommit-', ...initArgs);
const put = putFile;

const z = (root: string, args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
const status = (root: string) => z(root, ['status', '--porcelain', '-z', '--untracked-files=all']);

/** A ledger as `xinfang init` lays it out: .gitattributes with the merge driver, cases by year. */
function ledgerRepo(): string {
  const root = repo();
  put(root, '.gitattributes', '# 案件文件合并\ncases/**/*.yaml merge=xinfang\n');
  put(root, 'office.yaml', 'office: 青山乡\n');
  for (let i = 1; i <= 30; i++) put(root, `cases/2025/QS-2025-A${String(i).padStart(4, '0')}.yaml`, `id: ${i}\n`);
  put(root, 'cases/2026/QS-2026-A0001.yaml', 'id: QS-2026-A0001\n');
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', '建立台账']);
  return root;
}

/** The git subcommands that commitPaths starts, through a `git` on PATH that logs them. */
function gitCalls(fn: () => void): string[] {
  const dir = tempDir('xinfang-gitlog-');
  const log = join(dir, 'log');
  writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${REAL_GIT}' "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${dir}:${path}`;
  try {
    fn();
  } finally {
    process.env.PATH = path;
  }
  try {
    return readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    return [];
  }
}

afterEach(() => {
  delete process.env.GIT_COMMITTER_DATE;
});

describe('commitPaths without git processes for objects and the index', () => {
  it('a new case in a packed ledger starts only cat-file (and reads git config once); the next commit no git at all', () => {
    const root = ledgerRepo();
    git(root, ['gc', '-q']);
    put(root, 'cases/2026/QS-2026-A0002.yaml', 'id: QS-2026-A0002\n');
    put(root, 'cases/2025/QS-2025-A0003.yaml', 'id: 3\nstatus: closed\n');
    const calls = gitCalls(() => commitPaths(root, ['cases/2026/QS-2026-A0002.yaml', 'cases/2025/QS-2025-A0003.yaml'], '登记 QS-2026-A0002', '王登记', WHEN));
    expect(calls.filter((c) => c !== 'config')).toEqual(['cat-file']);
    expect(calls.filter((c) => c === 'config').length).toBeLessThanOrEqual(1);
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
    expect(status(root)).toEqual([]);
    expect(git(root, ['diff', '--cached', '--name-only'])).toBe('');
    expect(git(root, ['show', '--name-status', '--format=%an|%ae|%aI|%cn|%ce|%s'])).toBe(
      `王登记|office@example.cn|${NOW}|办公室电脑|office@example.cn|登记 QS-2026-A0002\n\nM\tcases/2025/QS-2025-A0003.yaml\nA\tcases/2026/QS-2026-A0002.yaml`,
    );
    expect(git(root, ['reflog', '-1', '--format=%gs'])).toBe('commit: 登记 QS-2026-A0002');
    // Both reflogs, as git update-ref writes them: old new committer time zone, tab, message.
    const head = git(root, ['rev-parse', 'HEAD']);
    const parent = git(root, ['rev-parse', 'HEAD~1']);
    const committer = git(root, ['log', '-1', '--format=%cd', '--date=raw']);
    for (const log of ['logs/HEAD', 'logs/refs/heads/main']) {
      const last = readFileSync(join(root, '.git', log), 'utf8').split('\n').at(-2)!;
      expect(last).toMatch(new RegExp(`^${parent} ${head} 办公室电脑 <office@example.cn> \\d+ [+-]\\d{4}\tcommit: 登记 QS-2026-A0002$`));
      expect(Math.abs(Number(last.split(' ')[4]) - Number(committer.split(' ')[0]))).toBeLessThanOrEqual(1);
    }
    expect(readFileSync(join(root, '.git', 'refs/heads/main'), 'utf8')).toBe(`${head}\n`);
    expect(readdirSync(join(root, '.git')).filter((f) => f.endsWith('.lock'))).toEqual([]);
    // HEAD and its trees are now loose objects: read without git.
    put(root, 'cases/2026/QS-2026-A0003.yaml', 'id: QS-2026-A0003\n');
    expect(gitCalls(() => commitPaths(root, ['cases/2026/QS-2026-A0003.yaml'], '登记 QS-2026-A0003', '王登记', WHEN))).toEqual([]);
    expect(git(root, ['show', '--name-status', '--format=%s'])).toBe('登记 QS-2026-A0003\n\nA\tcases/2026/QS-2026-A0003.yaml');
    expect(git(root, ['rev-parse', 'HEAD~1'])).toBe(head);
    expect(status(root)).toEqual([]);
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
    // The objects are git's: the same ids as git's own plumbing gives.
    expect(git(root, ['rev-parse', 'HEAD:cases/2026/QS-2026-A0002.yaml'])).toBe(git(root, ['hash-object', 'cases/2026/QS-2026-A0002.yaml']));
    expect(git(root, ['rev-parse', 'HEAD^{tree}'])).toBe(git(root, ['write-tree']));
    const objects = join(root, '.git', 'objects');
    const blob = git(root, ['rev-parse', 'HEAD:cases/2026/QS-2026-A0002.yaml']);
    expect(statSync(join(objects, blob.slice(0, 2), blob.slice(2))).mode & 0o777).toBe(0o444);
  });

  it('the commit object is byte for byte what git commit-tree makes of the same tree, parent, people and time', () => {
    const root = ledgerRepo();
    put(root, 'office.yaml', 'office: 青山乡人民政府\n');
    commitPaths(root, ['office.yaml'], '修改单位名称\n\n详细说明  \n\n\n', '王登记', WHEN);
    const committer = git(root, ['log', '-1', '--format=%cd', '--date=raw']);
    const again = execFileSync('git', ['commit-tree', 'HEAD^{tree}', '-p', 'HEAD~1', '-F', '-'], {
      cwd: root,
      input: '修改单位名称\n\n详细说明\n',
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: '王登记', GIT_AUTHOR_EMAIL: 'office@example.cn', GIT_AUTHOR_DATE: NOW, GIT_COMMITTER_DATE: committer },
    }).trim();
    expect(again).toBe(git(root, ['rev-parse', 'HEAD']));
  });

  it('without any git identity: the clerk is author and committer, as before', () => {
    const root = ledgerRepo();
    git(root, ['config', '--unset', 'user.name']);
    git(root, ['config', '--unset', 'user.email']);
    const home = process.env.HOME;
    process.env.HOME = tempDir('xinfang-home-');
    try {
      put(root, 'office.yaml', 'office: 乙\n');
      commitPaths(root, ['office.yaml'], '修改', '王登记', WHEN);
    } finally {
      process.env.HOME = home;
    }
    expect(git(root, ['log', '-1', '--format=%an|%ae|%cn|%ce'])).toBe('王登记|clerk@xinfang.local|王登记|clerk@xinfang.local');
  });

  it('a change of git config between two commits of one process is seen', () => {
    const root = ledgerRepo();
    put(root, 'office.yaml', 'office: 甲\n');
    commitPaths(root, ['office.yaml'], '一', '王登记', WHEN);
    execFileSync('git', ['config', 'user.name', '新电脑'], { cwd: root });
    put(root, 'office.yaml', 'office: 乙\n');
    commitPaths(root, ['office.yaml'], '二', '王登记', WHEN);
    expect(git(root, ['log', '--format=%cn', '-2'])).toBe('新电脑\n办公室电脑');
    // git's variables too (git -c, GIT_CONFIG_COUNT …).
    Object.assign(process.env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: '环境里的名字' });
    try {
      put(root, 'office.yaml', 'office: 丙\n');
      commitPaths(root, ['office.yaml'], '三', '王登记', WHEN);
    } finally {
      for (const k of ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0']) delete process.env[k];
    }
    expect(git(root, ['log', '-1', '--format=%cn'])).toBe('环境里的名字');
  });

  it('a committer date or name from the environment, or signing: git commit-tree makes the commit', () => {
    const root = ledgerRepo();
    process.env.GIT_COMMITTER_DATE = '2026-11-20T08:00:00+08:00';
    put(root, 'office.yaml', 'office: 丙\n');
    const calls = gitCalls(() => commitPaths(root, ['office.yaml'], '修改', '王登记', WHEN));
    expect(calls).toContain('commit-tree');
    expect(git(root, ['log', '-1', '--format=%cI'])).toBe('2026-11-20T08:00:00+08:00');
  });

  it("the committer's time zone is the machine's, as git writes it (a POSIX TZ rule: commit-tree)", () => {
    const root = ledgerRepo();
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      put(root, 'office.yaml', 'office: 时区一\n');
      expect(gitCalls(() => commitPaths(root, ['office.yaml'], '时区一', '王登记', WHEN))).not.toContain('commit-tree');
      expect(git(root, ['log', '-1', '--format=%cd', '--date=raw'])).toMatch(/ \+0800$/);
      process.env.TZ = 'XYZ+5';
      put(root, 'office.yaml', 'office: 时区二\n');
      expect(gitCalls(() => commitPaths(root, ['office.yaml'], '时区二', '王登记', WHEN))).toContain('commit-tree');
      expect(git(root, ['log', '-1', '--format=%cd', '--date=raw'])).toMatch(/ -0500$/);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('attributes that change what git stores (ident, filters, eol): git hash-object makes the blob', () => {
    const root = ledgerRepo();
    put(root, 'cases/.gitattributes', '*.txt ident\n');
    put(root, 'cases/2026/备注.txt', '$Id: 旧的 $\n');
    const calls = gitCalls(() => commitPaths(root, ['cases/.gitattributes', 'cases/2026/备注.txt'], '备注', '王登记', WHEN));
    expect(calls).toContain('hash-object');
    expect(git(root, ['cat-file', 'blob', 'HEAD:cases/2026/备注.txt'])).toBe('$Id$');
    expect(status(root)).toEqual([]);
    // Deleted from the work tree but still in the index (git may read it from there): git decides.
    rmSync(join(root, 'cases/.gitattributes'));
    put(root, 'cases/2026/备注.txt', '$Id: 又改了 $\n');
    expect(gitCalls(() => commitPaths(root, ['cases/2026/备注.txt'], '备注二', '王登记', WHEN))).toContain('hash-object');
    expect(git(root, ['rev-parse', 'HEAD:cases/2026/备注.txt'])).toBe(git(root, ['hash-object', 'cases/2026/备注.txt']));
    // core.autocrlf converts CRLF: git again.
    git(root, ['config', 'core.autocrlf', 'input']);
    put(root, 'office.yaml', 'office: 丁\r\n');
    expect(gitCalls(() => commitPaths(root, ['office.yaml'], '修改', '王登记', WHEN))).toContain('hash-object');
    expect(git(root, ['cat-file', '-s', 'HEAD:office.yaml'])).toBe(String(Buffer.byteLength('office: 丁\n')));
  });

  it('commits on a repository whose refs are packed, and on a detached HEAD', () => {
    const root = ledgerRepo();
    git(root, ['pack-refs', '--all']);
    put(root, 'office.yaml', 'office: 戊\n');
    expect(gitCalls(() => commitPaths(root, ['office.yaml'], '打包的引用', '王登记', WHEN))).not.toContain('update-ref');
    expect(git(root, ['log', '-1', '--format=%s', 'main'])).toBe('打包的引用');
    expect(git(root, ['reflog', '-1', '--format=%gs', 'main'])).toBe('commit: 打包的引用');
    const main = git(root, ['rev-parse', 'main']);
    git(root, ['checkout', '-q', '--detach']);
    put(root, 'office.yaml', 'office: 己\n');
    expect(gitCalls(() => commitPaths(root, ['office.yaml'], '游离', '王登记', WHEN))).not.toContain('update-ref');
    expect(git(root, ['rev-parse', 'main'])).toBe(main);
    expect(git(root, ['log', '-1', '--format=%s', 'HEAD'])).toBe('游离');
    expect(git(root, ['rev-parse', 'HEAD~1'])).toBe(main);
    expect(status(root)).toEqual([]);
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
  });

  it('another git holding the branch lock: no commit, as with git update-ref; a reference-transaction hook: git update-ref', () => {
    const root = ledgerRepo();
    const head = git(root, ['rev-parse', 'HEAD']);
    writeFileSync(join(root, '.git', 'refs', 'heads', 'main.lock'), '');
    put(root, 'office.yaml', 'office: 庚\n');
    expect(() => commitPaths(root, ['office.yaml'], '被锁', '王登记', WHEN)).toThrow(/另一个 git 进程一直在同时提交.*main\.lock/);
    expect(git(root, ['rev-parse', 'HEAD'])).toBe(head);
    expect(status(root)).toEqual([' M office.yaml']);
    expect(readdirSync(join(root, '.git')).filter((f) => f.endsWith('.lock') || f.startsWith('xinfang-'))).toEqual([]);
    rmSync(join(root, '.git', 'refs', 'heads', 'main.lock'));
    const hook = join(root, '.git', 'hooks', 'reference-transaction');
    writeFileSync(hook, `#!/bin/sh\necho "$1" >> '${hook}.log'\n`);
    chmodSync(hook, 0o755);
    expect(gitCalls(() => commitPaths(root, ['office.yaml'], '有钩子', '王登记', WHEN))).toContain('update-ref');
    expect(readFileSync(`${hook}.log`, 'utf8')).toContain('committed');
    expect(git(root, ['log', '-1', '--format=%s'])).toBe('有钩子');
  });

  it('the other staged changes stay staged, with the untracked cache in the index', () => {
    const root = ledgerRepo();
    git(root, ['config', 'core.untrackedCache', 'true']);
    put(root, 'notes.txt', '草稿\n');
    put(root, 'leaders.yaml', 'leaders: []\n');
    git(root, ['add', 'leaders.yaml']);
    git(root, ['status', '--porcelain']); // writes the untracked cache
    put(root, 'cases/2026/QS-2026-A0002.yaml', 'id: QS-2026-A0002\n');
    const calls = gitCalls(() => commitPaths(root, ['cases/2026/QS-2026-A0002.yaml'], '登记', '王登记', WHEN));
    expect(calls).not.toContain('update-index');
    expect(status(root)).toEqual(['A  leaders.yaml', '?? notes.txt']);
    expect(git(root, ['diff', '--cached', '--name-only'])).toBe('leaders.yaml');
    expect(git(root, ['fsck', '--strict', '--no-dangling'])).toBe('');
    // git commit afterwards (it reads our cache tree) commits the right tree.
    git(root, ['commit', '-q', '-m', '用户自己提交']);
    expect(git(root, ['show', '--name-status', '--format=', 'HEAD'])).toBe('A\tleaders.yaml');
    expect(git(root, ['ls-tree', '--name-only', 'HEAD', 'cases/2026/'])).toBe('cases/2026/QS-2026-A0001.yaml\ncases/2026/QS-2026-A0002.yaml');
  });

  it('a split index or index format 4: git update-index does it, with the same outcome', () => {
    for (const setup of [['update-index', '--split-index'], ['update-index', '--index-version', '4']]) {
      const root = ledgerRepo();
      git(root, setup);
      put(root, 'leaders.yaml', 'leaders: []\n');
      git(root, ['add', 'leaders.yaml']);
      put(root, 'cases/2026/QS-2026-A0002.yaml', 'id: QS-2026-A0002\n');
      const calls = gitCalls(() => commitPaths(root, ['cases/2026/QS-2026-A0002.yaml'], '登记', '王登记', WHEN));
      expect(calls).toContain('update-index');
      expect(status(root)).toEqual(['A  leaders.yaml']);
    }
  });
});

/** A merge of two branches that both changed office.yaml, left in conflict (stages 1–3). */
function mergeConflict(root: string): void {
    git(root, ['checkout', '-q', '-b', 'other']);
    put(root, 'office.yaml', 'office: 分支\n');
    git(root, ['commit', '-q', '-am', '分支']);
    git(root, ['checkout', '-q', 'main']);
    put(root, 'office.yaml', 'office: 主干\n');
    git(root, ['commit', '-q', '-am', '主干']);
    expect(() => git(root, ['merge', '-q', 'other'])).toThrow();
}

describe('editIndex', () => {
  /** A repository whose index has a full cache tree and resolve-undo, no racily clean entry. */
  function indexed(): { root: string; index: Buffer } {
    const root = ledgerRepo();
    mergeConflict(root);
    put(root, 'office.yaml', 'office: 合并\n');
    const past = new Date(Date.now() - 3600_000);
    for (const f of git(root, ['ls-files']).split('\n')) utimesSync(join(root, f), past, past);
    git(root, ['add', 'office.yaml']); // the conflict resolved: resolve-undo
    git(root, ['update-index', '--refresh']);
    git(root, ['write-tree']); // a complete cache tree
    return { root, index: readFileSync(join(root, '.git', 'index')) };
  }

  /** What git update-index --index-info makes of the same index. */
  function byGit(root: string, index: Buffer, info: string): Buffer {
    const f = join(root, '.git', 'index-expected');
    writeFileSync(f, index);
    execFileSync('git', ['update-index', '-z', '--index-info'], { cwd: root, input: info, env: { ...process.env, GIT_INDEX_FILE: f } });
    const out = readFileSync(f);
    rmSync(f);
    return out;
  }

  it('is byte for byte what update-index writes: added, replaced and removed entries, cache tree, resolve-undo', () => {
    const { root, index } = indexed();
    expect(index.includes(Buffer.from('REUC'))).toBe(true);
    expect(index.includes(Buffer.from('TREE'))).toBe(true);
    const blob = git(root, ['hash-object', '-w', 'office.yaml']);
    const edits = [
      { path: 'cases/2026/QS-2026-A0002.yaml', entry: { mode: '100644', oid: blob } },
      { path: 'cases/2025/QS-2025-A0007.yaml', entry: { mode: '100755', oid: blob } },
      { path: 'cases/2025/QS-2025-A0009.yaml' },
      { path: 'zz/新文件.yaml', entry: { mode: '100644', oid: blob } },
      { path: 'a.yaml', entry: { mode: '120000', oid: blob } },
      { path: 'cases/2025/从未有过.yaml' },
    ].map((e) => ({ ...e, path: Buffer.from(e.path, 'utf8').toString('latin1') }));
    const info = edits.map((e) => (e.entry ? `${e.entry.mode} ${e.entry.oid}\t` : `0 ${'0'.repeat(40)}\t`) + Buffer.from(e.path, 'latin1').toString('utf8') + '\0').join('');
    const mtime = Math.floor(statSync(join(root, '.git', 'index')).mtimeMs / 1000);
    const ours = Buffer.concat(editIndex(Buffer.from(index), mtime, edits, 40)!);
    expect(ours.equals(byGit(root, index, info))).toBe(true);
  });

  it('smudges racily clean entries (size 0), as git does for those that changed', () => {
    const { root, index } = indexed();
    const mtime = Math.floor(Date.now() / 1000) - 7200; // as if the index were older than the files (an hour old)
    const ours = Buffer.concat(editIndex(Buffer.from(index), mtime, [{ path: 'b.yaml' }], 40)!);
    writeFileSync(join(root, '.git', 'index'), ours);
    // Every entry now has size 0: git compares contents and finds them unchanged.
    const debug = git(root, ['ls-files', '--debug']);
    expect(debug.match(/size: (\d+)/g)!.every((s) => s === 'size: 0')).toBe(true);
    expect(git(root, ['diff', '--name-only'])).toBe('');
    expect(status(root)).toEqual(['M  office.yaml']);
  });

  it('refuses (git does it) a conflicted path, a file where the index has a folder, a corrupt index', () => {
    const { index } = indexed();
    const blob = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
    expect(editIndex(Buffer.from(index), 0, [{ path: 'cases', entry: { mode: '100644', oid: blob } }], 40)).toBeUndefined();
    expect(editIndex(Buffer.from(index), 0, [{ path: 'office.yaml/x', entry: { mode: '100644', oid: blob } }], 40)).toBeUndefined();
    // Entries that do not parse to the end: one more counted than there are.
    const bad = Buffer.from(index);
    bad.writeUInt32BE(index.readUInt32BE(8) + 1, 8);
    expect(editIndex(bad, 0, [{ path: 'x', entry: { mode: '100644', oid: blob } }], 40)).toBeUndefined();
    // During a merge conflict (stages 1–3 of office.yaml).
    const root = ledgerRepo();
    mergeConflict(root);
    const conflicted = readFileSync(join(root, '.git', 'index'));
    expect(editIndex(conflicted, 0, [{ path: 'office.yaml', entry: { mode: '100644', oid: blob } }], 40)).toBeUndefined();
    expect(editIndex(Buffer.from(conflicted), 0, [{ path: 'leaders.yaml', entry: { mode: '100644', oid: blob } }], 40)).toBeDefined();
  });
});
