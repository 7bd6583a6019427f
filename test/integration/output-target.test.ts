// -o never writes over the ledger (src/cli/output-target.ts through checkOutputPath): inside
// a ledger only its reports/, notices/ and 公示/ folders take output, and never over a
// committed file; `..` and symlinks are resolved first. A refusal is exit 2 naming -o, and
// the file it named is left byte for byte.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, runIn, tempDir } from '../helpers/index.js';
import { buildOutputFixture, type OutputFixture } from './output-fixture.js';

let fx: OutputFixture;
beforeAll(async () => {
  fx = await buildOutputFixture();
}, 120_000);

/** Runs in the ledger folder, so relative -o paths are taken from there. */
const cli = (args: string[]) => runIn(args, { cwd: fx.root });

async function refused(args: string[], target: string) {
  const before = existsSync(target) ? readFileSync(target) : null;
  const r = await cli(args);
  expect(r.code, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(2);
  expect(r.stderr).toContain('-o');
  expect(r.stderr).toMatch(/台账/);
  expect(r.stdout).toBe('');
  if (before) expect(readFileSync(target).equals(before), `${target} changed`).toBe(true);
  else expect(existsSync(target)).toBe(false);
  return r;
}

describe('-o into the ledger is refused, the file untouched', () => {
  it('a report over a case file (the probe: CSV replaced QS-2026-A0002.yaml)', async () => {
    const rel = `cases/2026/${fx.ids.A}.yaml`;
    const r = await refused(['report', 'register', '--quarter', '2026Q4', '--format', 'csv', '-o', rel], fx.file(fx.ids.A));
    expect(r.stderr).toContain('reports/');
    expect((await cli(['case', 'show', fx.ids.A])).code).toBe(0);
  });

  it('the roster notice over xinfang.yaml (the probe: every later command broke)', async () => {
    await refused(['roster', 'publish', '--month', '2026-11', '-o', 'xinfang.yaml'], join(fx.root, 'xinfang.yaml'));
    const after = await cli(['case', 'list']);
    expect(after.code, after.stderr).toBe(0);
  });

  it('every command with -o: stats, summary, notice, each with another ledger file', async () => {
    await refused(['report', 'stats', '--quarter', '2026Q4', '--format', 'md', '-o', 'leaders.yaml'], join(fx.root, 'leaders.yaml'));
    await refused(['report', 'summary', '--quarter', '2026Q4', '-o', 'units.yaml'], join(fx.root, 'units.yaml'));
    await refused(['case', 'notice', fx.ids.A, '--kind', 'accept', '-o', 'rosters/2026-11.yaml'], join(fx.root, 'rosters', '2026-11.yaml'));
    await refused(['report', 'register', '--quarter', '2026Q4', '--format', 'html', '-o', '.git/config'], join(fx.root, '.git', 'config'));
    // A new file elsewhere in the ledger is refused too: the ledger holds only its own files.
    await refused(['report', 'stats', '--quarter', '2026Q4', '--format', 'csv', '-o', 'cases/统计.csv'], join(fx.root, 'cases', '统计.csv'));
    await refused(['report', 'stats', '--quarter', '2026Q4', '--format', 'csv', '-o', '统计.csv'], join(fx.root, '统计.csv'));
  });

  it('.. out of the reports folder is resolved first', async () => {
    mkdirSync(join(fx.root, 'reports'), { recursive: true });
    await refused(['report', 'register', '--quarter', '2026Q4', '--format', 'md', '-o', 'reports/../leaders.yaml'], join(fx.root, 'leaders.yaml'));
  });

  it('symlinks are followed: a folder outside linked into the ledger, a file in reports/ linked to a case', async () => {
    const out = tempDir();
    symlinkSync(join(fx.root, 'cases', '2026'), join(out, 'cases-link'));
    const target = join(out, 'cases-link', `${fx.ids.B}.yaml`);
    const r = await refused(['report', 'register', '--quarter', '2026Q4', '--format', 'csv', '-o', target], fx.file(fx.ids.B));
    expect(r.stderr).toContain('实际位置');
    mkdirSync(join(fx.root, 'reports'), { recursive: true });
    symlinkSync(fx.file(fx.ids.C), join(fx.root, 'reports', 'link.csv'));
    await refused(['report', 'register', '--quarter', '2026Q4', '--format', 'csv', '-o', 'reports/link.csv'], fx.file(fx.ids.C));
    // A dangling link (a write would create its target) is followed too.
    symlinkSync(join(fx.root, 'cases', '2026', 'QS-2026-A9999.yaml'), join(fx.root, 'reports', 'dangling.csv'));
    await refused(['report', 'register', '--quarter', '2026Q4', '--format', 'csv', '-o', 'reports/dangling.csv'], join(fx.root, 'cases', '2026', 'QS-2026-A9999.yaml'));
  });

  it('a committed file in an output folder is not overwritten', async () => {
    mkdirSync(join(fx.root, 'notices'), { recursive: true });
    writeFileSync(join(fx.root, 'notices', '督办通知-民政办.txt'), '已发出的督办通知\n');
    git(fx.root, ['add', 'notices']);
    git(fx.root, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'notice']);
    const r = await refused(['case', 'notice', fx.ids.A, '--kind', 'accept', '-o', 'notices/督办通知-民政办.txt'], join(fx.root, 'notices', '督办通知-民政办.txt'));
    expect(r.stderr).toContain('已提交');
  });

  it('--json: the refusal is one JSON error', async () => {
    const r = await cli(['--json', 'report', 'stats', '--quarter', '2026Q4', '-o', 'xinfang.yaml']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error.code).toBe('output_in_ledger');
  });
});

describe('-o into the output folders and outside the ledger still works', () => {
  it('reports/, 公示/ and notices/ inside the ledger, a new or uncommitted file', async () => {
    for (const d of ['reports', '公示', 'notices']) mkdirSync(join(fx.root, d), { recursive: true });
    const ok = async (args: string[], file: string) => {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(join(fx.root, file))).toBe(true);
    };
    await ok(['report', 'register', '--quarter', '2026Q4', '--format', 'csv', '-o', 'reports/登记表.csv'], 'reports/登记表.csv');
    await ok(['report', 'register', '--quarter', '2026Q4', '--format', 'csv', '-o', 'reports/登记表.csv'], 'reports/登记表.csv'); // again: replaced
    await ok(['roster', 'publish', '--month', '2026-11', '--format', 'html', '-o', '公示/2026-11.html'], '公示/2026-11.html');
    expect((await cli(['case', 'accept', fx.ids.A])).code).toBe(0);
    await ok(['case', 'notice', fx.ids.A, '--kind', 'accept', '-o', 'notices/受理告知书.txt'], 'notices/受理告知书.txt');
    const out = tempDir();
    const r = await cli(['report', 'summary', '--quarter', '2026Q4', '-o', join(out, '总结.txt')]);
    expect(r.code, r.stderr).toBe(0);
  });
});
