// The built CLI as child processes: two processes adding events to one case at the same
// moment both keep their event; a lock left by a dead process is recovered.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, git, newLedger, run } from '../helpers/index.js';

const NOW = '2026-07-20T10:00:00+08:00';
let root = '';
const x = (args: string[]) => run([...args, '--ledger', root], { env: { XINFANG_NOW: NOW } });

function spawnCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args, '--ledger', root], { env: { ...process.env, XINFANG_NOW: NOW, XINFANG_LEDGER: '', XINFANG_CLERK: '', NO_COLOR: '1' } });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

beforeAll(async () => {
  ensureBuilt();
  root = await newLedger();
  expect(x(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', 'member']).code).toBe(0);
  expect(x(['unit', 'add', '--name', '民政办']).code).toBe(0);
  const r = x(['visit', 'add', '--date', '2026-07-01', '--name', '赵大爷', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '优抚金未发', '--leader', '张志强']);
  expect(r.stderr).toBe('');
  expect(x(['case', 'accept', 'QS-2026-A0001']).code).toBe(0);
}, 120_000);

describe('concurrent events on one case', () => {
  it('two processes at once: both events are kept and committed', async () => {
    const [a, b] = await Promise.all([
      spawnCli(['case', 'supervise', 'QS-2026-A0001', '--form', 'phone', '--note', '甲进程督办']),
      spawnCli(['case', 'collective', 'QS-2026-A0001', '--note', '乙进程提交集体研究']),
    ]);
    expect(a).toEqual({ code: 0, stderr: '' });
    expect(b).toEqual({ code: 0, stderr: '' });
    const j = JSON.parse(x(['case', 'show', 'QS-2026-A0001', '--json']).stdout);
    const types = j.events.map((e: { type: string }) => e.type);
    expect(types).toContain('supervise');
    expect(types).toContain('collective');
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(git(root, ['log', '--format=%s', '-2']).split('\n').sort()).toEqual(['督办 QS-2026-A0001：电话督办', '提交领导班子集体研究 QS-2026-A0001'].sort());
  }, 60_000);

  it('a stale lock left by a dead process is recovered', () => {
    const lock = join(root, '.xinfang', 'locks', 'case-QS-2026-A0001.lock');
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'pid'), '999999'); // no such process
    const r = x(['case', 'transfer', 'QS-2026-A0001', '--unit', '民政办']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(x(['case', 'show', 'QS-2026-A0001', '--json']).stdout).units).toEqual(['U01']);
  }, 60_000);

  it('close refused on the built CLI: exit 1, each failing condition named, nothing written', () => {
    const head = git(root, ['rev-parse', 'HEAD']);
    const r = x(['case', 'close', 'QS-2026-A0001']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/不能结案，5 项结案条件未满足/);
    expect(git(root, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    const j = x(['case', 'close', 'QS-2026-A0001', '--json']);
    expect(JSON.parse(j.stderr).error.code).toBe('not_ready');
  }, 60_000);
});
