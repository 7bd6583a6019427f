// Preloaded into each measured process (`node --import ./bench/rusage.mjs …`) by
// bench/run.mjs: at exit it writes the process's own CPU time (user, system, µs) and peak
// resident memory to $XINFANG_BENCH_RUSAGE. getrusage(RUSAGE_SELF) covers the whole
// process from its start, Node's bootstrap included, at microsecond resolution
// (/usr/bin/time prints 10 ms). Child processes (git) are not included.
import { writeFileSync } from 'node:fs';

const out = process.env.XINFANG_BENCH_RUSAGE;
if (out) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ user_us: r.userCPUTime, sys_us: r.systemCPUTime, max_rss_kb: r.maxRSS }));
  });
}
