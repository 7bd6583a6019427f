// Git for the ledger: is it a repository, run git, read its config, set up a clone (the
// merge driver). Committing exactly a change's paths is git-commit.ts. Uses the git
// command line, which every office machine with the ledger has.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PKG_ROOT } from '../paths.js';
import { configValue, forgetGitConfig, readGitConfig } from './git-config.js';

export function isGitRepo(root: string): boolean {
  return existsSync(join(root, '.git'));
}

export function git(root: string, args: string[], env?: NodeJS.ProcessEnv): string {
  if (args[0] === 'config') forgetGitConfig();
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
}

/** `git config --get key`, trimmed ('' when unset); all keys are read at once (git-config.ts). */
export function gitConfig(root: string | undefined, key: string): string {
  return configValue(readGitConfig(root ?? process.cwd()), key)?.trim() ?? '';
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

export { commitPaths } from './git-commit.js';
