// git's configuration as the ledger's commands need it: read once per process with one
// `git config -z --list` (all files git reads: system, global, the repository's, includes,
// GIT_CONFIG_* variables), instead of one `git config` process per key (~8–10 ms each).
// Read again when the repository's, the user's or the system's config file changed (git
// rewrites a config file as a new one: another inode), when git's environment variables
// (GIT_CONFIG_COUNT …, HOME) changed, or after a `git config` through git.ts.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Every key (section and name in lower case, as `git config --list` gives them) → its values in order. */
export type GitConfig = Map<string, string[]>;

const cache = new Map<string, { files: string; cfg: GitConfig }>();

/** What the config files that a command may change, and git's variables, look like now. */
function filesNow(dir: string): string {
  const env = process.env;
  const home = env.HOME;
  const xdg = env.XDG_CONFIG_HOME || (home ? join(home, '.config') : undefined);
  const files = [join(dir, '.git', 'config'), ...(home ? [join(home, '.gitconfig')] : []), ...(xdg ? [join(xdg, 'git', 'config')] : []), '/etc/gitconfig'];
  const vars = Object.keys(env)
    .filter((k) => k.startsWith('GIT_'))
    .sort()
    .map((k) => `${k}=${env[k]}`);
  return [...vars, `HOME=${home}`, `XDG=${xdg}`].join('\0') + '\0' + files
    .map((f) => {
      try {
        const st = statSync(f, { throwIfNoEntry: false });
        return st ? `${st.ino}:${st.mtimeMs}:${st.size}` : '-';
      } catch {
        return '?'; // .git is a file (a worktree): only git.ts's own `git config` forgets
      }
    })
    .join('|');
}

/** The configuration git sees in `cwd`; an empty map where git cannot tell. */
export function readGitConfig(cwd: string): GitConfig {
  const key = resolve(cwd);
  const files = filesNow(key);
  const hit = cache.get(key);
  if (hit && hit.files === files) return hit.cfg;
  const out: GitConfig = new Map();
  const r = spawnSync('git', ['config', '-z', '--list'], { cwd: key, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status === 0) {
    for (const item of r.stdout.split('\0')) {
      if (!item) continue;
      // "key\nvalue"; a key written without "=" (a boolean true) has no newline.
      const nl = item.indexOf('\n');
      const [k, v] = nl < 0 ? [item, 'true'] : [item.slice(0, nl), item.slice(nl + 1)];
      const name = normalKey(k);
      (out.get(name) ?? out.set(name, []).get(name)!).push(v);
    }
  }
  cache.set(key, { files, cfg: out });
  return out;
}

/** Forget what was read (after `git config` changed something). */
export function forgetGitConfig(): void {
  cache.clear();
}

/** Section and variable name are case-insensitive, a subsection ("merge.xinfang.driver") is not. */
function normalKey(k: string): string {
  const first = k.indexOf('.');
  const last = k.lastIndexOf('.');
  if (first < 0) return k.toLowerCase();
  return k.slice(0, first).toLowerCase() + k.slice(first, last) + k.slice(last).toLowerCase();
}

/** The value `git config --get key` gives (the last one), or undefined. */
export function configValue(cfg: GitConfig, key: string): string | undefined {
  const v = cfg.get(normalKey(key));
  return v?.[v.length - 1];
}

/** git's boolean: undefined when unset. */
export function configBool(cfg: GitConfig, key: string): boolean | undefined {
  const v = cfg.get(normalKey(key));
  if (!v) return undefined;
  const s = v[v.length - 1]!.trim();
  if (s === '') return false; // "x =" ("x" alone is stored as "true")
  if (/^(true|yes|on)$/i.test(s)) return true;
  if (/^(false|no|off)$/i.test(s)) return false;
  const n = Number(s);
  return Number.isFinite(n) ? n !== 0 : undefined;
}
