// npm run bench: how the ledger scales. Builds ledgers of N and 5N cases through the real
// use cases, then times the commands a clerk runs (case list with a warm and a cold index,
// visit add with repeat detection, check) and prints ratios, not absolute verdicts:
// a ratio near 5 for 5× the cases means linear; near 1 means independent of size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const { initLedger } = await import('../dist/app/init.js');
const { addLeader } = await import('../dist/app/leaders.js');
const { Ledger } = await import('../dist/ledger/ledger.js');
const { validateIntake, registerIntake } = await import('../dist/app/intake.js');
const { loadAllCases } = await import('../dist/app/cases.js');
const { runCheck } = await import('../dist/app/check.js');
await import('../dist/app/check-rules.js');
const { parseInstant } = await import('../dist/domain/time.js');
const { main } = await import('../dist/cli/main.js');

const N = Number(process.env.BENCH_N ?? 200);
const now = parseInstant('2026-11-25T09:30:00+08:00');
const clerk = { name: 'bench', now };
const words = '土地征用补偿款拖欠工资低保评定道路修建环境污染养老保险危房改造抚恤金医疗纠纷子女入学'.split('');

function makeLedger(n) {
  const dir = join(mkdtempSync(join(tmpdir(), 'xinfang-bench-')), 'l');
  initLedger({ dir, unit: '青山乡', code: 'QS', preset: 'township', station: 'A', git: false }, clerk);
  const ledger = Ledger.open(dir);
  addLeader(ledger, { name: '张志强', title: '党委副书记', role: 'member' }, clerk);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const summary = Array.from({ length: 30 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join('');
    const at = new Date(now.getTime() - (n - i) * 3600_000);
    const d = validateIntake(ledger, { at, channel: 'visit', petitioners: [{ name: `信访人${i}`, phone: `138${String(10000000 + i).slice(0, 8)}` }], purpose: '求决', category: '民政', summary, leader: '张志强' }, now);
    registerIntake(ledger, d, { ...clerk, now: at });
  }
  return { dir, ledger, perCase: (performance.now() - t0) / n };
}

async function time(fn, reps = 5) {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await fn();
  return (performance.now() - t0) / reps;
}

let failed = '';
const quiet = { stdout: () => {}, stderr: (s) => void (failed += s), isTTY: false, env: { XINFANG_NOW: '2026-11-25T09:30:00+08:00' } };
const small = makeLedger(N);
const large = makeLedger(5 * N);
const rows = [];
for (const [name, fn] of [
  ['visit add（含重复识别），每件', (l) => l.perCase],
  ['case list 读取（索引已热）', (l) => time(() => loadAllCases(l.ledger))],
  ['case list 读取（重建索引）', (l) => time(() => loadAllCases(l.ledger, { rebuild: true }), 2)],
  ['check（全部文件）', (l) => time(() => runCheck(l.dir, true), 2)],
  ['xinfang case list --json（进程内）', (l) => time(() => main(['case', 'list', '--json', '--ledger', l.dir], { ...quiet, cwd: l.dir }), 2)],
]) {
  const a = await fn(small);
  const b = await fn(large);
  rows.push({ 操作: name, [`${N} 件 ms`]: a.toFixed(2), [`${5 * N} 件 ms`]: b.toFixed(2), 比值: (b / a).toFixed(2) });
}
if (failed) throw new Error(`bench: a command failed: ${failed}`);
console.table(rows);
console.log(`比值：案件数 ×5 时耗时的倍数（≈5 为线性，≈1 为与规模无关）。内存峰值 RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
rmSync(join(small.dir, '..'), { recursive: true, force: true });
rmSync(join(large.dir, '..'), { recursive: true, force: true });
