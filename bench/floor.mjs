// Reference for bench/run.mjs: the least a cold rebuild of the index must do before it
// derives or writes anything — on two worker threads (as `xinfang reindex` runs), read every
// case file, decode it, and run the product's own fast YAML reader (src/ledger/fastyaml.ts)
// and schema check (src/domain/case-fast.ts) on it. Files are taken 64 at a time from a
// shared counter, as the rebuild's workers take them. Prints the files read and each
// thread's CPU time.
//   node bench/floor.mjs LEDGER
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const THREADS = 2;
const CHUNK = 64;

if (isMainThread) {
  const dir = join(process.argv[2] ?? '.', 'cases');
  const files = [];
  for (const y of readdirSync(dir).sort()) {
    if (!/^\d{4}$/.test(y)) continue;
    for (const f of readdirSync(join(dir, y)).sort()) if (f.endsWith('.yaml') && !f.startsWith('.')) files.push(join(dir, y, f));
  }
  const next = new SharedArrayBuffer(4);
  const done = await Promise.all(
    Array.from({ length: THREADS }, () => {
      const w = new Worker(new URL(import.meta.url), { workerData: { files, next } });
      return new Promise((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
    }),
  );
  const unparsed = done.reduce((n, d) => n + d.unparsed, 0);
  console.log(`${files.length} files; threads: ${done.map((d) => `${d.files} files ${d.cpu_ms} ms CPU`).join(', ')}${unparsed ? `; ${unparsed} not read by the fast path` : ''}`);
} else {
  const dist = new URL('../dist/', import.meta.url);
  const { fastYaml } = await import(new URL('ledger/fastyaml.js', dist).href);
  const { checkCaseFile } = await import(new URL('domain/case-fast.js', dist).href);
  const { files, next } = workerData;
  const counter = new Int32Array(next);
  const decoder = new TextDecoder();
  const cpu0 = process.cpuUsage();
  let n = 0;
  let unparsed = 0;
  for (;;) {
    const start = Atomics.add(counter, 0, CHUNK);
    if (start >= files.length) break;
    for (let i = start; i < Math.min(start + CHUNK, files.length); i++) {
      const value = fastYaml(decoder.decode(readFileSync(files[i])));
      if (value === undefined || checkCaseFile(value) === undefined) unparsed++;
      n++;
    }
  }
  const c = process.cpuUsage(cpu0);
  parentPort.postMessage({ files: n, unparsed, cpu_ms: Math.round((c.user + c.system) / 1000) });
}
