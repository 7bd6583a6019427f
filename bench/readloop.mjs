// Baseline for bench/run.mjs: the least any command that looks at every case must do —
// walk cases/*/ and read every case file into memory (bytes, not decoded or parsed).
//   node bench/readloop.mjs LEDGER
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.argv[2] ?? '.', 'cases');
let files = 0;
let bytes = 0;
for (const y of readdirSync(dir)) {
  if (!/^\d{4}$/.test(y)) continue;
  for (const f of readdirSync(join(dir, y))) {
    if (!f.endsWith('.yaml') || f.startsWith('.')) continue;
    bytes += readFileSync(join(dir, y, f)).length;
    files++;
  }
}
console.log(`${files} files, ${bytes} bytes`);
