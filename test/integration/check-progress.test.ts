// `check` on a county's ledger takes a while: at a terminal it shows how far it is (stderr,
// one line rewritten with \r, ending at the total), for the case files and for the
// comparison with the index; on a pipe or with --json it says nothing of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, NOW, TEAM } from '../helpers/index.js';
import { writeCases } from '../helpers/gen-cases.js';

async function check(root: string, args: string[], isTTY: boolean) {
  return xinfang(root, ['check', ...args], isTTY);
}

async function xinfang(root: string, args: string[], isTTY: boolean) {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main([...args, '--ledger', root], { cwd: root, env: { XINFANG_NOW: NOW, NO_COLOR: '1' }, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY });
  return { code, stdout, stderr };
}

describe('check at a terminal', () => {
  let root: string;
  beforeAll(async () => {
    root = await newLedger({ leaders: TEAM, units: ['民政办', '村镇建设办'], git: false });
    writeCases(root, { n: 4100, seed: 5, start: '2025-06-01', end: '2026-11-20' });
    // The index exists, so check also compares it with the files.
    const { main } = await import('../../src/cli/main.js');
    expect(await main(['reindex', '--ledger', root], { cwd: root, env: { XINFANG_NOW: NOW }, stdout: () => {}, stderr: () => {}, isTTY: false })).toBe(0);
  }, 300_000);

  it('shows the progress of the case files and of the index comparison, ending at the total', async () => {
    const r = await check(root, [], true);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('台账无误');
    const steps = r.stderr.split('\r').filter(Boolean);
    const files = steps.filter((s) => s.startsWith('校验案件文件 '));
    const index = steps.filter((s) => s.startsWith('对照案件索引 '));
    expect(files.map((s) => s.trim())).toEqual(['校验案件文件 2000/4100', '校验案件文件 4000/4100', '校验案件文件 4100/4100']);
    expect(index.map((s) => s.trim())).toEqual(['对照案件索引 2000/4100', '对照案件索引 4000/4100', '对照案件索引 4100/4100']);
    // Each step ends its line once, at the total.
    expect(r.stderr.match(/\n/g)).toHaveLength(2);
  }, 300_000);

  it('says nothing of it on a pipe or with --json', async () => {
    const piped = await check(root, [], false);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    const json = await check(root, ['--json'], true);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, problems: [] });
    expect(json.stderr).toBe('');
  }, 300_000);

  // Last: it changes the ledger's rules.
  it('a command that rebuilds the index (after a deadline rule changed) shows how far it is at a terminal only', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const f = join(root, 'xinfang.yaml');
    const setTransferDays = (n: number) => writeFileSync(f, readFileSync(f, 'utf8').replace(/^ {2}transfer_days: \d+$/m, `  transfer_days: ${n}`));
    setTransferDays(20);
    const shown = await xinfang(root, ['due'], true);
    expect(shown.code).toBe(0);
    const steps = shown.stderr.split('\r').filter(Boolean).map((s) => s.trim());
    expect(steps.at(-1)).toBe('正在重建案件索引 4100/4100');
    expect(shown.stderr.match(/\n/g)).toHaveLength(1);
    setTransferDays(15);
    const piped = await xinfang(root, ['due'], false);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    // Up to date again: nothing to show.
    expect((await xinfang(root, ['due'], true)).stderr).toBe('');
  }, 300_000);
});
