// Where the package's own files are, whether running from src/ (tests), dist/ (tsc output)
// or dist/bundle/ (the esbuild bundle bin/xinfang.js loads): the nearest folder upwards
// holding xinfang's package.json.
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'xinfang') return dir + sep;
      } catch {
        /* not ours: keep looking */
      }
    }
    if (dirname(dir) === dir) break;
  }
  // Not found (an unusual install): the layout of src/ and dist/, one level down.
  return fileURLToPath(new URL('../', import.meta.url));
}

export const PKG_ROOT = packageRoot();
export const DATA_DIR = join(PKG_ROOT, 'data') + sep;
export const TEMPLATES_DIR = join(PKG_ROOT, 'templates') + sep;

/**
 * A worker thread's built file beside the module at `from` (its import.meta.url): the first of
 * `names` that exists — the bundle's (dist/bundle/<dir>-worker.js) or tsc's (dist/<dir>/…) —
 * or null when running from sources (tests), where the caller works in its own thread.
 */
export function builtWorker(from: string, names: readonly string[]): string | null {
  for (const name of names) {
    const url = new URL(name, from);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return fileURLToPath(url);
  }
  return null;
}

/**
 * Where a path really is: symlinks (also a dangling one, which a write would follow) and
 * `..` resolved, for a file that need not exist yet (its folder's real path + its name).
 */
export function realPath(p: string, depth = 0): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    /* not there, or a dangling link: below */
  }
  if (depth < 40) {
    try {
      if (lstatSync(abs).isSymbolicLink()) return realPath(resolve(dirname(abs), readlinkSync(abs)), depth + 1);
    } catch {
      /* not there */
    }
  }
  const dir = dirname(abs);
  return dir === abs ? abs : join(realPath(dir, depth + 1), basename(abs));
}

/**
 * Every ledger (a folder holding xinfang.yaml) that holds the real path `p`, nearest first,
 * with `p` relative to it. Output files and templates are checked against these: no
 * command may write over a ledger's files, and no template may read them.
 */
export function ledgersHolding(p: string): { root: string; rel: string }[] {
  const real = realPath(p);
  const out: { root: string; rel: string }[] = [];
  for (let dir = dirname(real); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'xinfang.yaml'))) out.push({ root: dir, rel: relative(dir, real) });
    if (dirname(dir) === dir) break;
  }
  return out;
}
