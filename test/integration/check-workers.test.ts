// `check` reads a large ledger's case files on two worker threads (src/app/check-files.ts):
// each worker visits its files with every per-file rule and gathers what the rules keep
// for later (merges into other cases, the leaders and units cases name while leaders.yaml
// or units.yaml is missing). Both ways must report exactly the same problems, in the same
// order, with the same progress — on a ledger with files of every kind of trouble.
import { describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, newLedger, ROOT, run, TEAM } from '../helpers/index.js';
import { writeCases } from '../helpers/gen-cases.js';
import '../../src/app/check-rules.js';
import { runCheck, type Problem } from '../../src/app/check.js';

const WORKER = join(ROOT, 'dist', 'bundle', 'app-check-worker.js');
const ONE_THREAD = { worker: null, from: Infinity };
const THREADS = { worker: WORKER, from: 0 };

function check(root: string, strict: boolean, parallel: typeof THREADS | typeof ONE_THREAD): { problems: Problem[]; progress: string[] } {
  const progress: string[] = [];
  const problems = runCheck(root, strict, (what, done, total) => progress.push(`${what} ${done}/${total}`), parallel);
  return { problems, progress };
}

/** The nth case file of a year (sorted), its path and text. */
function nth(root: string, year: string, n: number): { path: string; text: string } {
  const dir = join(root, 'cases', year);
  const name = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()[n]!;
  const path = join(dir, name);
  return { path, text: readFileSync(path, 'utf8') };
}

describe('check on worker threads', () => {
  it('reports what one thread reports, in the same order, on files of every kind of trouble', async () => {
    ensureBuilt();
    expect(existsSync(WORKER)).toBe(true);
    const root = await newLedger({ git: false, leaders: TEAM, units: ['民政办', '村镇建设办'] });
    writeCases(root, { n: 4300, seed: 23, start: '2025-03-01', end: '2026-11-20' });

    // YAML that does not parse; a case under another file's name; a leader and a unit no file
    // lists and a category not in the catalogue (--strict); a case merged into one that does not
    // exist and one merged into an existing case; a summary over the length limit; a folder named
    // like a case file; bytes that are not UTF-8; a file that is not a case file at all.
    const a = nth(root, '2026', 3);
    writeFileSync(a.path, a.text.replace(/^people: (\d+)$/m, 'people: [$1'));
    const b = nth(root, '2026', 10);
    copyFileSync(b.path, join(root, 'cases', '2026', 'QS-2026-A9990.yaml'));
    const c = nth(root, '2025', 5);
    writeFileSync(c.path, c.text.replace(/^receiver: \S+$/m, 'receiver: L99'));
    const d = nth(root, '2026', 400);
    appendFileSync(d.path, '  - id: 01MERGED000000000000000001\n    at: 2026-11-20T10:00:00+08:00\n    by: 测试\n    type: merged\n    into: QS-2026-A8888\n    note: ""\n');
    const e = nth(root, '2025', 900);
    appendFileSync(e.path, `  - id: 01MERGED000000000000000002\n    at: 2026-11-20T10:00:00+08:00\n    by: 测试\n    type: merged\n    into: ${nth(root, '2025', 1).text.match(/^id: (\S+)$/m)![1]}\n    note: ""\n`);
    const f = nth(root, '2026', 1200);
    writeFileSync(f.path, f.text.replace(/^summary: .*$/m, `summary: ${'长'.repeat(5000)}`));
    const g = nth(root, '2025', 1500);
    writeFileSync(g.path, g.text.replace(/^ {2}sub: .*$/m, '  sub: 不存在的小类'));
    mkdirSync(join(root, 'cases', '2026', 'QS-2026-A9991.yaml'));
    writeFileSync(join(root, 'cases', '2025', 'QS-2025-A9992.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    writeFileSync(join(root, 'cases', '2025', 'notes.txt'), '不是案件文件');

    for (const strict of [false, true]) {
      const one = check(root, strict, ONE_THREAD);
      const two = check(root, strict, THREADS);
      expect(two).toEqual(one);
      const codes = new Set(one.problems.map((p) => p.code));
      expect([...codes].sort()).toEqual(
        (strict
          ? ['case-category-unknown', 'case-field-limit', 'case-file-invalid', 'case-id-mismatch', 'case-leader-unknown', 'case-merged-unknown']
          : ['case-field-limit', 'case-file-invalid', 'case-id-mismatch']
        ).sort(),
      );
      expect(one.progress.filter((p) => p.startsWith('校验案件文件'))).toEqual(['校验案件文件 2000/4304', '校验案件文件 4000/4304', '校验案件文件 4304/4304']);
    }

    // Without units.yaml, every unit the cases name is gathered file by file (by each worker),
    // then reported once; the same both ways.
    rmSync(join(root, 'units.yaml'));
    const one = check(root, true, ONE_THREAD);
    const two = check(root, true, THREADS);
    expect(two).toEqual(one);
    expect(one.problems.some((p) => p.code === 'office-file-missing')).toBe(true);
    // The built CLI (the bundle's own worker, from 3,000 files) reports the same.
    const cli = run(['check', '--strict', '--json', '--ledger', root]);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout).problems).toEqual(JSON.parse(JSON.stringify(one.problems)));
  }, 300_000);
});
