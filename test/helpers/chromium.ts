// Debian's headless Chromium for the tests that render our HTML (the 公示 and the 统计表).
// Where it is not installed those tests are skipped with a message (`.ci/run` installs it).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(): string | undefined {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

/** The browser's path, or undefined (then call skipMessage once and skip). */
export const CHROMIUM = find();

export function warnIfMissing(what: string): void {
  if (!CHROMIUM) console.warn(`跳过：没有找到 chromium，无法测试${what}（Debian：apt-get install -y chromium）`);
}

/**
 * Runs headless Chromium on a page with the flags this machine's closed network needs (no
 * background connections) and a fresh profile, removed afterwards; `args` are e.g. ['--dump-dom'] or
 * ['--no-pdf-header-footer', '--print-to-pdf=out.pdf'].
 */
export function chromium(args: string[], file: string): SpawnSyncReturns<string> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  try {
    return spawnSync(CHROMIUM!, [...flags, ...args, `file://${file}`], { encoding: 'utf8', timeout: 90_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
