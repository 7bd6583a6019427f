// Where the package's own files are, whether running from src/ (tests), dist/ (tsc output)
// or dist/bundle/ (the esbuild bundle bin/xinfang.js loads): the nearest folder upwards
// holding xinfang's package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
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
