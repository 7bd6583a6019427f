// npm run bench: the built CLI at county size. Builds ledgers of 100, 10,000 and 100,000
// cases (bench/gen.mjs), then times whole processes — `node bin/xinfang.js … --ledger DIR`,
// as a clerk runs them — and prints, per size, the median wall time, CPU time (user+sys)
// and peak memory, then the ratios against their goals. A measurement: exits 0 whether or
// not the goals are met (1 only when the harness itself fails).
//
// Environment:
//   BENCH_SIZES=100,2000     sizes to build (default 100,10000,100000; 10k / 100k accepted)
//   BENCH_KEEP=1             keep the generated ledgers in $TMPDIR/xinfang-bench-cache and
//                            reuse them on the next run (keyed by size and generator version)
//   BENCH_REPS=5             runs per command (default 5; 3 at ≥ 100,000 cases; fewer when
//                            one run takes longer than BENCH_BUDGET seconds, default 60)
//   BENCH_TIMEOUT=900        seconds before a single run is killed
// Writes bench/out/last-run.json.
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const BIN = join(ROOT, 'bin', 'xinfang.js');
const HOOK = join(HERE, 'rusage.mjs');
const READLOOP = join(HERE, 'readloop.mjs');
const FLOOR = join(HERE, 'floor.mjs');
const OUT_DIR = join(HERE, 'out');

const { generateLedger, NOW, GEN_VERSION, idCheck } = await import('./gen.mjs');

const parseSize = (s) => {
  const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(s.trim().replaceAll('_', ''));
  if (!m) throw new Error(`BENCH_SIZES: “${s}” is not a number`);
  return Math.round(Number(m[1]) * (m[2] ? (m[2].toLowerCase() === 'k' ? 1000 : 1e6) : 1));
};
const SIZES = [...new Set((process.env.BENCH_SIZES ?? '100,10000,100000').split(/[,\s]+/).filter(Boolean).map(parseSize))].sort((a, b) => a - b);
const KEEP = process.env.BENCH_KEEP === '1';
const REPS = Number(process.env.BENCH_REPS ?? 5);
const BUDGET_MS = Number(process.env.BENCH_BUDGET ?? 60) * 1000;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT ?? 900) * 1000;
const GOAL_N = 100_000;
const LARGEST = SIZES[SIZES.length - 1];

const fmtN = (n) => n.toLocaleString('en-US');
/** Display width: CJK and full-width characters take two columns. */
const width = (s) => [...s].reduce((w, ch) => w + (ch.codePointAt(0) >= 0x2e80 ? 2 : 1), 0);
const padEnd = (s, n) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s, n) => ' '.repeat(Math.max(0, n - width(s))) + s;
const median = (xs) => {
  const v = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

// ---- machine
function machine() {
  let cpu = os.cpus()[0]?.model ?? '';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() || cpu;
  } catch {
    /* not Linux */
  }
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bin', 'package.json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dirty) commit += '+changes';
  } catch {
    /* not a checkout */
  }
  return { cpu, cores: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.release()}`, date: new Date().toISOString(), commit, loadavg_start: os.loadavg().map((x) => +x.toFixed(2)) };
}

// ---- ledgers (cached with BENCH_KEEP=1)
function genKey() {
  const h = createHash('sha256');
  h.update(String(GEN_VERSION));
  for (const f of [join(HERE, 'gen.mjs'), join(HERE, 'words.mjs'), join(HERE, 'emit.mjs'), join(ROOT, 'dist/domain/event-schemas.js'), join(ROOT, 'dist/ledger/schema.js'), join(ROOT, 'dist/ledger/roster-schema.js'), join(ROOT, 'data/taxonomy.yaml')]) {
    h.update(existsSync(f) ? readFileSync(f) : 'absent');
  }
  return h.digest('hex').slice(0, 12);
}
const CACHE = join(os.tmpdir(), 'xinfang-bench-cache');
/** Scratch: the measured processes' working folder, and the ledgers unless BENCH_KEEP=1. Removed at the end. */
const WORK = mkdtempSync(join(os.tmpdir(), 'xinfang-bench-'));
const KEY = genKey();

function caseFileCount(dir) {
  const c = join(dir, 'cases');
  if (!existsSync(c)) return 0;
  return readdirSync(c).filter((y) => /^\d{4}$/.test(y)).reduce((n, y) => n + readdirSync(join(c, y)).filter((f) => f.endsWith('.yaml')).length, 0);
}

async function ledger(n, git) {
  const name = `${git ? 'git' : 'nogit'}-${n}`;
  const dir = join(KEEP ? CACHE : WORK, name);
  const marker = `${dir}.json`;
  if (KEEP && existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8'));
    if (m.key === KEY && existsSync(join(dir, 'xinfang.yaml'))) {
      if (git) {
        git_(dir, ['reset', '-q', '--hard', m.head]);
        git_(dir, ['clean', '-fdq', '--', 'cases', 'attachments']);
      }
      if (caseFileCount(dir) === n) {
        console.log(`台账（缓存）${dir}：${fmtN(n)} 件${git ? '（git）' : ''}`);
        return m;
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(marker, { force: true });
  mkdirSync(dirname(dir), { recursive: true });
  const t0 = performance.now();
  const r = await generateLedger(dir, n, { git });
  const m = { key: KEY, dir, n, git, sample: r.sample, mix: r.mix, gen_seconds: +((performance.now() - t0) / 1000).toFixed(1), head: git ? git_(dir, ['rev-parse', 'HEAD']).trim() : null };
  writeFileSync(marker, JSON.stringify(m, null, 2));
  return m;
}

function git_(dir, args) {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// ---- running one process
const RUSAGE = join(WORK, 'rusage.json');
const CWD = WORK;
const ENV = { ...process.env, XINFANG_NOW: NOW, XINFANG_CLERK: 'bench', NO_COLOR: '1' };
delete ENV.XINFANG_LEDGER;
delete ENV.NODE_OPTIONS;

/** One run of `node --import rusage.mjs ARGS`: wall ms, cpu ms, peak MB, exit code. */
function runOnce(args, { capture = false } = {}) {
  rmSync(RUSAGE, { force: true });
  const devnull = capture ? null : openSync('/dev/null', 'w');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', HOOK, ...args], {
    cwd: CWD,
    env: { ...ENV, XINFANG_BENCH_RUSAGE: RUSAGE },
    stdio: ['ignore', capture ? 'pipe' : devnull, 'pipe'],
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = performance.now() - t0;
  if (devnull !== null) closeSync(devnull);
  let cpu = null;
  let rss = null;
  try {
    const u = JSON.parse(readFileSync(RUSAGE, 'utf8'));
    cpu = (u.user_us + u.sys_us) / 1000;
    rss = u.max_rss_kb / 1024;
  } catch {
    /* killed before exit */
  }
  const timedOut = r.error?.code === 'ETIMEDOUT' || (r.signal === 'SIGTERM' && wall >= TIMEOUT_MS);
  return { wall, cpu, rss, code: r.status, signal: r.signal, timedOut, stdout: r.stdout ?? '', stderr: (r.stderr ?? '').slice(-2000) };
}

/** Median wall / cpu and max RSS of some runs; prints one line. */
function summarize(label, runs) {
  const bad = runs.find((r) => r.code !== 0 || r.timedOut);
  const m = {
    label,
    runs: runs.length,
    wall_ms: median(runs.map((r) => r.wall)),
    cpu_ms: median(runs.map((r) => r.cpu)),
    rss_mb: Math.max(...runs.map((r) => r.rss ?? 0)) || null,
    walls_ms: runs.map((r) => +r.wall.toFixed(1)),
    cpus_ms: runs.map((r) => (r.cpu == null ? null : +r.cpu.toFixed(1))),
    error: bad ? (bad.timedOut ? `超时（${TIMEOUT_MS / 1000} s）` : `退出码 ${bad.code ?? bad.signal}：${bad.stderr.trim().split('\n').slice(-3).join(' ')}`) : null,
  };
  const show = (x, u) => (x == null ? '—' : `${x < 100 ? x.toFixed(1) : Math.round(x)}${u}`);
  console.log(`  ${padEnd(label, 38)} ${show(m.wall_ms, ' ms').padStart(10)}  cpu ${show(m.cpu_ms, ' ms').padStart(10)}  ${show(m.rss_mb, ' MB').padStart(8)}  ×${m.runs}${m.error ? `  ✗ ${m.error}` : ''}`);
  return m;
}

/** Several runs of one command; `prepare(i)` gives each run's args (i = -1: the warm-up). */
/**
 * Writes out what earlier commands left in the page cache (a rebuild leaves ~500 MB at
 * 100,000 cases) before a measurement starts: otherwise the kernel's write-back of the
 * previous command is charged to the next one (a `visit add` fsyncs, and waits for it).
 */
function settle() {
  spawnSync('sync', [], { stdio: 'ignore' });
}

function measure(label, prepare, { reps = REPS, warmup = false, capture = false } = {}) {
  settle();
  if (warmup) runOnce(prepare(-1), { capture });
  const runs = [];
  let spent = 0;
  for (let i = 0; i < reps; i++) {
    const r = runOnce(prepare(i), { capture });
    runs.push(r);
    spent += r.wall;
    if (r.code !== 0 || r.timedOut || spent > BUDGET_MS) break;
  }
  return summarize(label, runs);
}

/**
 * Short commands compared with each other (`node -e 0` and what is divided by it): run in
 * turn, A B C A B C …, so that a change in the machine's load touches all of them alike.
 */
function measureTogether(entries, reps) {
  settle();
  for (const [, , args] of entries) runOnce(args);
  const runs = entries.map(() => []);
  for (let i = 0; i < reps; i++) entries.forEach(([, , args], k) => runs[k].push(runOnce(args)));
  return Object.fromEntries(entries.map(([key, label], k) => [key, summarize(label, runs[k])]));
}

const X = (...args) => [BIN, ...args];

// A new petitioner for every `visit add`: name, valid ID number (GB 11643), mobile phone.
let visitSeq = 0;
function newPetitioner() {
  const k = visitSeq++;
  const birth = new Date(Date.UTC(1960, 0, 1) + ((k * 997) % 15000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first = `511199${birth}${String(k % 1000).padStart(3, '0')}`;
  const surname = '张王李赵刘陈杨黄周吴'[k % 10];
  const given = ['德华', '秀兰', '志勇', '桂英', '建平', '丽娟', '国强', '春花'][k % 8];
  return { name: `${surname}${given}`, id: first + idCheck(first), phone: `1770${String(1000000 + k).slice(-7)}` };
}
function visitArgs(dir) {
  const p = newPetitioner();
  return X('visit', 'add', '--no-input', '--json', '--name', p.name, '--id-number', p.id, '--phone', p.phone, '--address', '青山镇石桥村3组', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '家中老人瘫痪在床，申请临时救助并纳入低保', '--ledger', dir);
}

// ---- the run
const info = machine();
console.log(`xinfang bench  ${info.date}  XINFANG_NOW=${NOW}`);
console.log(`机器：${info.cpu}，${info.cores} 核，node ${info.node}，${info.platform}；负载 ${info.loadavg_start.join(' ')}${info.commit ? `；代码 ${info.commit}` : ''}`);
console.log(`规模：${SIZES.map(fmtN).join('、')} 件${KEEP ? `；台账缓存于 ${CACHE}` : ''}`);
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ 不存在：先 npm run build');

const result = { machine: info, now: NOW, sizes: SIZES, startup: {}, bySize: {}, git: null, ledgers: {} };
try {
  console.log('\n启动（与台账无关）');
  result.startup = measureTogether(
    [
      ['node', 'node -e 0', ['-e', '0']],
      ['version', 'xinfang --version', X('--version')],
    ],
    Math.max(REPS, 10),
  );

  for (const n of SIZES) {
    const L = await ledger(n, false);
    result.ledgers[n] = { dir: L.dir, mix: L.mix, gen_seconds: L.gen_seconds };
    const dir = L.dir;
    const reps = n >= 100_000 ? Math.min(REPS, 3) : REPS;
    console.log(`\n${fmtN(n)} 件（${dir}）`);
    const warm = runOnce(X('reindex', '--ledger', dir));
    if (warm.code !== 0) console.log(`  预热 reindex 失败：${warm.stderr.trim()}`);
    const s = {};
    Object.assign(
      s,
      measureTogether(
        [
          ['node', 'node -e 0', ['-e', '0']],
          ['duty', 'roster duty', X('roster', 'duty', '--ledger', dir)],
          ['show', `case show ${L.sample.show}`, X('case', 'show', L.sample.show, '--ledger', dir)],
        ],
        Math.max(REPS, 5),
      ),
    );
    // The loop and the three queries divided by it run in turn (loop, overdue, due, stats, loop, …):
    // a change in the machine's load touches the numerator and the denominator alike.
    Object.assign(
      s,
      measureTogether(
        [
          ['readloop', '读取全部案件文件（node 循环）', [READLOOP, dir]],
          ['overdue', 'case list --overdue', X('case', 'list', '--overdue', '--ledger', dir)],
          ['due', 'due', X('due', '--ledger', dir)],
          ['stats', 'report stats --quarter 2026Q3 --json', X('report', 'stats', '--quarter', '2026Q3', '--json', '--ledger', dir)],
        ],
        n >= 100_000 ? Math.max(reps, 5) : reps,
      ),
    );
    s.list_json = measure('case list --json', () => X('case', 'list', '--json', '--ledger', dir), { reps });
    s.due_json = measure('due --json', () => X('due', '--json', '--ledger', dir), { reps });
    s.today = measure('today', () => X('today', '--ledger', dir), { reps });
    s.check = measure('check', () => X('check', '--ledger', dir), { reps });
    // What a county also runs, each counted in "peak memory of any command": the quarter's
    // register, the follow-up lists, and an export of every case (CSV, and XLSX once).
    s.register = measure('report register --quarter 2026Q3 --json', () => X('report', 'register', '--quarter', '2026Q3', '--json', '--ledger', dir), { reps });
    s.followup = measure('due --followup', () => X('due', '--followup', '--ledger', dir), { reps });
    const out = mkdtempSync(join(os.tmpdir(), 'xinfang-bench-out-'));
    try {
      s.export_csv = measure('export --format csv -o FILE', () => X('export', '--format', 'csv', '-o', join(out, 'all.csv'), '--ledger', dir), { reps });
      s.export_xlsx = measure('export --format xlsx -o FILE', () => X('export', '--format', 'xlsx', '-o', join(out, 'all.xlsx'), '--ledger', dir), { reps: 1 });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    s.reindex = measure('reindex（冷：重建索引）', () => X('reindex', '--ledger', dir), { reps });
    // Not a command: the least a cold rebuild does before deriving or writing a row (bench/floor.mjs).
    s.floor = measure('重建的下限：两线程读取、解析、校验', () => [FLOOR, dir], { reps });
    // visit add writes: a new case each run, removed afterwards so that the ledger stays as generated.
    mkdirSync(join(dir, 'cases', '2026'), { recursive: true });
    const before = new Set(readdirSync(join(dir, 'cases', '2026')));
    try {
      s.visit = measure('visit add --no-input（无 git）', () => visitArgs(dir), { reps, capture: true });
    } finally {
      for (const f of readdirSync(join(dir, 'cases', '2026'))) if (!before.has(f)) rmSync(join(dir, 'cases', '2026', f), { force: true });
    }
    result.bySize[n] = s;
  }

  // visit add with autocommit on a git ledger of the largest size.
  {
    const L = await ledger(LARGEST, true);
    result.ledgers[`git-${LARGEST}`] = { dir: L.dir, gen_seconds: L.gen_seconds };
    console.log(`\n${fmtN(LARGEST)} 件，git（${L.dir}）`);
    const warm = runOnce(X('reindex', '--ledger', L.dir));
    if (warm.code !== 0) console.log(`  预热 reindex 失败：${warm.stderr.trim()}`);
    try {
      result.git = measure('visit add --no-input（git 提交）', () => visitArgs(L.dir), { reps: LARGEST >= 100_000 ? Math.min(REPS, 3) : REPS, capture: true });
      const log = git_(L.dir, ['log', '--oneline', '-3']).trim().split('\n');
      console.log(`  （最近的提交：${log[0]}）`);
    } finally {
      git_(L.dir, ['reset', '-q', '--hard', L.head]);
      git_(L.dir, ['clean', '-fdq', '--', 'cases', 'attachments']);
    }
  }

  report(result);
} finally {
  rmSync(WORK, { recursive: true, force: true });
}

// ---- tables
function report(r) {
  const sizes = r.sizes;
  const rows = [
    ['node', 'node -e 0（与 duty、show 交替运行）'],
    ['readloop', '读取全部案件文件（node 循环，基准）'],
    ['duty', 'roster duty'],
    ['visit', 'visit add --no-input（无 git）'],
    ['show', 'case show ID'],
    ['list_json', 'case list --json'],
    ['overdue', 'case list --overdue'],
    ['due', 'due'],
    ['due_json', 'due --json'],
    ['today', 'today'],
    ['stats', 'report stats --quarter 2026Q3 --json'],
    ['register', 'report register --quarter 2026Q3 --json'],
    ['followup', 'due --followup'],
    ['export_csv', 'export --format csv'],
    ['export_xlsx', 'export --format xlsx（一次）'],
    ['reindex', 'reindex（冷）'],
    ['floor', '重建的下限（两线程读取+解析+校验）'],
    ['check', 'check'],
  ];
  const ms = (x) => (x == null ? '—' : x >= 10_000 ? `${(x / 1000).toFixed(1)}s` : x >= 1000 ? `${(x / 1000).toFixed(2)}s` : `${Math.round(x)}`);
  const mb = (x) => (x == null ? '—' : `${Math.round(x)}`);
  const W0 = 38;
  const cell = (m) => (m?.error ? ['✗', '', ''] : [ms(m?.wall_ms), ms(m?.cpu_ms), mb(m?.rss_mb)]);
  const line = (label, cells) => padEnd(label, W0) + cells.map((c) => c.map((x, i) => padStart(x, i === 2 ? 6 : 8)).join('') + '  ').join('│ ');
  console.log('\n\n中位数：wall ms / CPU ms（user+sys，本进程，不含 git 子进程）/ 峰值内存 MB（max RSS）；XINFANG_NOW=' + r.now);
  console.log(padEnd('', W0) + sizes.map((n) => padEnd(`${fmtN(n)} 件`, 24) + '  ').join('│ '));
  console.log(padEnd('命令', W0) + sizes.map(() => padStart('wall', 8) + padStart('cpu', 8) + padStart('MB', 6) + '  ').join('│ '));
  console.log('─'.repeat(W0 + sizes.length * 26));
  console.log(line('node -e 0（与 --version 交替运行）', sizes.map((n, i) => (i ? ['', '', ''] : cell(r.startup.node)))));
  console.log(line('xinfang --version', sizes.map((n, i) => (i ? ['', '', ''] : cell(r.startup.version)))));
  for (const [k, label] of rows) console.log(line(label, sizes.map((n) => cell(r.bySize[n][k]))));
  console.log(line(`visit add（git 提交，${fmtN(LARGEST)} 件）`, sizes.map((n) => (n === LARGEST ? cell(r.git) : ['', '', '']))));
  const errors = [...sizes.flatMap((n) => Object.values(r.bySize[n]).filter((m) => m.error).map((m) => `${fmtN(n)} 件 ${m.label}：${m.error}`)), ...(r.git?.error ? [`git ${r.git.label}：${r.git.error}`] : [])];
  if (errors.length) console.log(`\n失败：\n  ${errors.join('\n  ')}`);

  // ---- ratios at the largest size
  const big = r.bySize[LARGEST];
  const small = r.bySize[sizes[0]];
  const ok = (m) => m && !m.error;
  const div = (a, b) => (a == null || b == null || !b ? null : a / b);
  const goals = [
    { name: '`xinfang --version` CPU / `node -e 0` CPU', value: div(r.startup.version.cpu_ms, r.startup.node.cpu_ms), max: 1.2, valid: ok(r.startup.version) },
    { name: '`roster duty` CPU / `node -e 0` CPU', value: div(big.duty.cpu_ms, big.node.cpu_ms), max: 1.5, valid: ok(big.duty) },
    sizes.length > 1
      ? { name: `\`visit add\` at ${fmtN(LARGEST)} / at ${fmtN(sizes[0])} (no git), wall`, value: div(big.visit.wall_ms, small.visit.wall_ms), max: 1.2, valid: ok(big.visit) && ok(small.visit) }
      : { name: '`visit add` largest / smallest size (no git), wall', value: null, max: 1.2, valid: true, note: '（只运行了一个规模，无从比较）' },
    { name: `\`visit add\` with git commit at ${fmtN(LARGEST)}, wall s`, value: r.git?.wall_ms != null ? r.git.wall_ms / 1000 : null, max: 0.6, valid: ok(r.git), unit: ' s' },
    { name: `\`case show\` at ${fmtN(LARGEST)} / \`node -e 0\`, wall`, value: div(big.show.wall_ms, big.node.wall_ms), max: 3, valid: ok(big.show) },
    { name: `\`case list --overdue\` at ${fmtN(LARGEST)} / read-every-file loop, wall`, value: div(big.overdue.wall_ms, big.readloop.wall_ms), max: 0.3, valid: ok(big.overdue) },
    { name: `\`due\` at ${fmtN(LARGEST)} / read-every-file loop, wall`, value: div(big.due.wall_ms, big.readloop.wall_ms), max: 0.3, valid: ok(big.due) },
    { name: `\`report stats --quarter\` at ${fmtN(LARGEST)} / the loop, wall`, value: div(big.stats.wall_ms, big.readloop.wall_ms), max: 0.35, valid: ok(big.stats) },
    { name: `cold \`reindex\` at ${fmtN(LARGEST)} / the loop, wall`, value: div(big.reindex.wall_ms, big.readloop.wall_ms), max: 2.7, valid: ok(big.reindex) },
  ];
  const peak = Object.values(big).concat(r.git ? [r.git] : []).filter((m) => m.rss_mb != null && m !== big.readloop && m !== big.node && m !== big.floor);
  const worst = peak.reduce((a, m) => (!a || m.rss_mb > a.rss_mb ? m : a), null);
  goals.push({ name: `peak memory of any command at ${fmtN(LARGEST)}, MB`, value: worst?.rss_mb ?? null, max: 300, valid: !!worst, unit: ' MB', note: worst ? `（${worst.label}）` : '' });
  for (const g of goals) {
    g.na = g.valid && g.value == null;
    g.met = g.valid && g.value != null && g.value <= g.max;
  }
  const counted = goals.filter((g) => !g.na);

  console.log(`\n目标${LARGEST < GOAL_N ? `（按已运行的最大规模 ${fmtN(LARGEST)} 件计算；目标针对 ${fmtN(GOAL_N)} 件）` : ''}`);
  const nameW = Math.max(...goals.map((g) => g.name.length)) + 2;
  for (const g of goals) {
    const v = g.value == null ? '—' : g.unit === ' MB' ? `${Math.round(g.value)}${g.unit}` : `${g.value.toFixed(2)}${g.unit ?? ''}`;
    console.log(`  ${g.name.padEnd(nameW)} ${v.padStart(9)}   ${`≤ ${g.max}${g.unit ?? ''}`.padEnd(9)} ${g.met ? '✓' : g.na ? '–' : '✗'}${g.valid ? '' : '（命令失败）'}${g.note ?? ''}`);
  }
  // Not a goal: what no rebuild can go below with this file format and reader (bench/floor.mjs).
  const floor = div(big.floor?.wall_ms, big.readloop.wall_ms);
  if (floor != null) console.log(`  （参考：重建的下限——两线程只读取、解析、校验全部文件，不推导、不写入——/ the loop = ${floor.toFixed(2)}）`);
  r.floor_ratio = floor == null ? null : +floor.toFixed(3);
  const met = counted.filter((g) => g.met).length;
  info.loadavg_end = os.loadavg().map((x) => +x.toFixed(2));
  const summary = `BENCH SUMMARY: ${met}/${counted.length} goals met at ${fmtN(LARGEST)} cases${LARGEST < GOAL_N ? ` (goals are for ${fmtN(GOAL_N)})` : ''}${errors.length ? `; ${errors.length} command(s) failed` : ''}; load ${info.loadavg_start[0]}→${info.loadavg_end[0]} on ${info.cores} cores`;
  console.log(`\n${summary}`);
  r.goals = goals.map(({ name, value, max, met: m, na, valid, unit }) => ({ name, value: value == null ? null : +value.toFixed(3), max, unit: unit?.trim() ?? 'ratio', met: m, not_applicable: na, command_ok: valid }));
  r.summary = summary;
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'last-run.json'), JSON.stringify(r, null, 2) + '\n');
  console.log(`结果：${join('bench', 'out', 'last-run.json')}`);
}
