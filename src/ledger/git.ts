// Git plumbing for the ledger: is it a repository, commit exactly these paths with the
// clerk as author, read a case's history. Uses the git command line, which every office
// machine with the ledger has.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PKG_ROOT } from '../paths.js';
import { withLock } from './lock.js';
import { shanghaiISO } from '../domain/time.js';

export function isGitRepo(root: string): boolean {
  return existsSync(join(root, '.git'));
}

export function git(root: string, args: string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
}

export function gitConfig(root: string | undefined, key: string): string {
  const r = spawnSync('git', ['config', '--get', key], { cwd: root ?? process.cwd(), encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

export function gitInit(root: string): void {
  git(root, ['init', '-q', '-b', 'main']);
}

/** Registers the case merge driver in this clone's git config (local to the clone). */
export function registerMergeDriver(root: string): void {
  git(root, ['config', 'merge.xinfang.name', 'xinfang case merge (union of events)']);
  // The absolute launcher of this installation, so that git finds the driver even where
  // `xinfang` is not on PATH (the setting is local to the clone; `xinfang setup` renews it).
  const bin = join(PKG_ROOT, 'bin', 'xinfang.js');
  git(root, ['config', 'merge.xinfang.driver', `"${process.execPath}" "${bin}" merge-driver %O %A %B %P`]);
}

/**
 * Commits exactly `paths` (added, changed or removed) with the clerk as author. The
 * committer is git's configured identity, or the clerk when the machine has none.
 */
export function commitPaths(root: string, paths: string[], message: string, clerk: string, when: Date): void {
  if (paths.length === 0) return;
  const email = gitConfig(root, 'user.email') || 'clerk@xinfang.local';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: clerk,
    GIT_AUTHOR_EMAIL: email,
    // In +08:00 so that `git log` shows the office's own time on any machine.
    GIT_AUTHOR_DATE: shanghaiISO(when),
  };
  if (!gitConfig(root, 'user.name')) env.GIT_COMMITTER_NAME = clerk;
  if (!gitConfig(root, 'user.email')) env.GIT_COMMITTER_EMAIL = email;
  // git's index is one file: two xinfang processes committing at once take turns.
  withLock(root, 'git', () => {
    retryOnIndexLock(() => git(root, ['add', '-A', '--', ...paths], env));
    // Nothing staged for these paths (e.g. a write that changed nothing): no empty commit.
    const staged = spawnSync('git', ['diff', '--cached', '--quiet', '--', ...paths], { cwd: root });
    if (staged.status === 0) return;
    retryOnIndexLock(() => git(root, ['commit', '-q', '--no-verify', '-m', message, '--only', '--', ...paths], env));
  });
}

/** Another git process (the clerk's own git, an editor) may hold index.lock for a moment. */
function retryOnIndexLock(fn: () => void): void {
  for (let i = 0; ; i++) {
    try {
      return fn();
    } catch (e) {
      const msg = String((e as { stderr?: unknown }).stderr ?? (e as Error).message);
      if (i >= 40 || !msg.includes('index.lock')) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 + i * 10);
    }
  }
}
