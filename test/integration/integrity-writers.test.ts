// Eight writers at once on one ledger (the built CLI): each registers a case, appends events
// to its own case and to one shared case. Every write is kept and committed on its own:
// git log grows by exactly the number of successful commands, each commit holds one change,
// nothing is left uncommitted, and every event is in its case file.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, git, newLedger, run, TEAM } from '../helpers/index.js';

const WRITERS = 8;
let root = '';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args, '--ledger', root], {
      env: { ...process.env, XINFANG_LEDGER: '', XINFANG_CLERK: '并发登记员', NO_COLOR: '1', XINFANG_NOW: '2026-11-25T09:30:00+08:00' },
    });
    let [stdout, stderr] = ['', ''];
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  ensureBuilt();
  root = await newLedger({ leaders: TEAM });
  const r = run(['visit', 'add', '--name', '共同信访人', '--purpose', '求决', '--category', '民政', '--summary', '共同的案件', '--leader', '张志强', '--ledger', root]);
  expect(r.stderr).toBe('');
}, 300_000);

describe(`${WRITERS} writers at once`, () => {
  it('every write kept, each committed on its own', async () => {
    const before = Number(git(root, ['rev-list', '--count', 'HEAD']));
    let ok = 0;
    const failures: string[] = [];
    const writer = async (w: number) => {
      const reg = await cli(['visit', 'add', '--name', `写者${w}`, '--purpose', '求决', '--category', '民政', '--summary', `第 ${w} 位写者的事项`, '--leader', '刘芳', '--new', '--json']);
      if (reg.code !== 0) return void failures.push(reg.stderr);
      ok++;
      const id: string = JSON.parse(reg.stdout).case.id;
      for (const args of [
        ['case', 'supervise', id, '--form', 'phone', '--note', `写者${w}督办自己的案件`],
        ['case', 'supervise', 'A0001', '--form', 'phone', '--note', `写者${w}督办共同案件`],
        ['case', 'collective', id, '--note', `写者${w}提交集体研究`],
      ]) {
        const r = await cli(args);
        if (r.code === 0) ok++;
        else failures.push(r.stderr);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w + 1)));
    expect(failures).toEqual([]);
    expect(ok).toBe(WRITERS * 4);
    expect(Number(git(root, ['rev-list', '--count', 'HEAD']))).toBe(before + ok);
    expect(git(root, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    // One change per commit: a registration adds one file, an event changes one case.
    const perCommit = git(root, ['log', `-${ok}`, '--format=format:@@', '--name-only']).split('@@').slice(1).map((c) => c.trim().split('\n').filter(Boolean).length);
    expect(perCommit.every((n) => n === 1)).toBe(true);
    const shared = readFileSync(join(root, 'cases', '2026', 'QS-2026-A0001.yaml'), 'utf8');
    for (let w = 1; w <= WRITERS; w++) {
      expect(shared).toContain(`写者${w}督办共同案件`);
      expect(git(root, ['grep', '-l', `写者${w}提交集体研究`, 'HEAD', '--', 'cases'])).toMatch(/QS-2026-A\d{4}\.yaml/);
    }
    const ids = new Set(git(root, ['ls-files', 'cases']).split('\n'));
    expect(ids.size).toBe(WRITERS + 1); // distinct numbers
    expect(run(['check', '--ledger', root]).code).toBe(0);
  }, 240_000);
});
