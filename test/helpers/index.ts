// Shared test helpers. Keep them small: every suite may use them.
//
//   tempDir()                 a fresh empty folder, removed when the test process exits
//   run(args, {cwd, env})     the BUILT CLI as a child process (node bin/xinfang.js)
//   runIn(args, {cwd, env})   the CLI in-process (src/cli/main.ts), same result shape: faster
//   ensureBuilt()             builds dist/ once when it is missing or older than src/
//   newLedger(opts)           initLedger() in a temp folder; returns its root
//   git(root, args)           git's stdout, trimmed; commits(root) → [{author, subject}] newest first
//
// Both runners set XINFANG_NOW to NOW unless the caller's env gives another value, and
// clear XINFANG_LEDGER / XINFANG_CLERK so that the machine's environment cannot leak in.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'xinfang.js');
/** The fixed "now" of every test run: a Wednesday, 2026-11-25 09:30 in Shanghai. */
export const NOW = '2026-11-25T09:30:00+08:00';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

const made: string[] = [];
process.on('exit', () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A new empty folder under the OS temp dir, removed when the test process exits. */
export function tempDir(prefix = 'xinfang-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

function testEnv(env: RunOptions['env']): Record<string, string | undefined> {
  return { ...process.env, XINFANG_LEDGER: '', XINFANG_CLERK: '', NO_COLOR: '1', XINFANG_NOW: NOW, ...env };
}

/** Runs the built CLI (`node bin/xinfang.js ARGS`) and waits for it. */
export function run(args: string[], opts: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: testEnv(opts.env) as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI in this process through main() (no build needed); never a TTY. */
export async function runIn(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: opts.cwd ?? ROOT,
    env: testEnv(opts.env),
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ (npm run build) when it is missing or older than any file in src/. */
export function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newest(join(ROOT, 'src'))) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  if (!existsSync(main)) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

export function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The ledger's commits, newest first. */
export function commits(root: string): { author: string; subject: string }[] {
  const out = git(root, ['log', '--format=%an%x1f%s']);
  return out ? out.split('\n').map((l) => ({ author: l.split('\x1f')[0]!, subject: l.split('\x1f')[1]! })) : [];
}

export interface NewLedgerOptions {
  unit?: string;
  code?: string;
  preset?: string;
  git?: boolean;
  clerk?: string;
  /** Leaders to add, one commit each: [name, title, role]. */
  leaders?: [string, string, string][];
  /** 承办单位 to add, one commit each. */
  units?: string[];
}

/** The township team most tests need: a principal and two members (L01–L03). */
export const TEAM: [string, string, string][] = [
  ['王建国', '党委书记', 'principal'],
  ['张志强', '党委副书记', 'member'],
  ['刘芳', '副乡长', 'member'],
];

/** A fresh ledger made by initLedger() in a temp folder (with leaders and units if given); returns its root. */
export async function newLedger(o: NewLedgerOptions = {}): Promise<string> {
  const { initLedger } = await import('../../src/app/init.js');
  const { parseInstant } = await import('../../src/domain/time.js');
  const dir = join(tempDir(), 'ledger');
  initLedger(
    { dir, unit: o.unit ?? '青山乡', code: o.code ?? 'QS', preset: o.preset ?? 'township', station: 'A', git: o.git ?? true },
    { name: o.clerk ?? '建账员', now: parseInstant(NOW)! },
  );
  if (o.leaders?.length || o.units?.length) {
    const { addLeader, addUnit } = await import('../../src/app/leaders.js');
    const { Ledger } = await import('../../src/ledger/ledger.js');
    const ledger = Ledger.open(dir);
    const clerk = { name: o.clerk ?? '建账员', now: parseInstant(NOW)! };
    for (const [name, title, role] of o.leaders ?? []) addLeader(ledger, { name, title, role: role as never }, clerk);
    for (const name of o.units ?? []) addUnit(ledger, { name }, clerk);
  }
  return dir;
}

/** A fresh git repository on an unborn `main` with a local identity (the office machine's). */
export function gitRepo(prefix: string, ...initArgs: string[]): string {
  const root = join(tempDir(prefix), 'repo');
  mkdirSync(root);
  git(root, ['init', '-q', '-b', 'main', ...initArgs]);
  git(root, ['config', 'user.name', '办公室电脑']);
  git(root, ['config', 'user.email', 'office@example.cn']);
  return root;
}

/** Writes a file of a repository (folders made as needed). */
export function putFile(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

/** A workbook read back from `file` with exceljs (loaded only by the tests that read one). */
export async function readXlsx(file: string) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}
