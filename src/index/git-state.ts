// What the index reads of git to notice changes made outside xinfang: the commit HEAD
// points at, and the case files two commits differ in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CASES_DIR } from '../ledger/cases.js';

/** The commit HEAD points at, read from .git without starting git ('' without one). */
export function readHead(root: string): string {
  const gitDir = join(root, '.git');
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    try {
      return readFileSync(join(gitDir, ref), 'utf8').trim();
    } catch {
      try {
        const packed = readFileSync(join(gitDir, 'packed-refs'), 'utf8');
        const line = packed.split('\n').find((l) => l.endsWith(` ${ref}`));
        return line ? line.split(' ')[0]! : '';
      } catch {
        return '';
      }
    }
  } catch {
    return '';
  }
}

/** Case files that differ between two commits (git diff), or null when git cannot tell. */
export function gitChanged(root: string, from: string, to: string): string[] | null {
  const r = spawnSync('git', ['diff', '--name-only', '-z', '--no-renames', from, to, '--', CASES_DIR], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) return null;
  return r.stdout.split('\0').filter((p) => /^cases\/\d{4}\/[^/]+\.yaml$/.test(p) && !p.split('/')[2]!.startsWith('.'));
}

