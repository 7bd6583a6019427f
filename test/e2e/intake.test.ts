// The built CLI as a clerk's machines run it: several `visit add` at the same moment get
// different numbers, and two clones that registered visits on one case merge without
// losing any (the merge driver, with real git).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BIN, ensureBuilt, git, newLedger, NOW, run, tempDir } from '../helpers/index.js';

beforeAll(() => ensureBuilt());

function spawnCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, XINFANG_NOW: NOW, XINFANG_LEDGER: '', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('visit add from the built CLI', () => {
  it('gives different numbers to visits registered at the same moment', async () => {
    const L = await newLedger();
    expect(run(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', 'member'], { cwd: L }).code).toBe(0);
    const n = 4;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => spawnCli(['visit', 'add', '--name', `信访人${i}`, '--purpose', '求决', '--category', '民政', '--summary', `事项${i}：不同的诉求内容${'甲乙丙丁'[i]}`, '--leader', '张志强', '--json'], L)),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const ids = results.map((r) => JSON.parse(r.stdout).case.id).sort();
    expect(new Set(ids).size).toBe(n);
    expect(readdirSync(join(L, 'cases', '2026')).filter((f) => f.endsWith('.yaml')).sort()).toEqual(ids.map((id) => `${id}.yaml`));
    expect(git(L, ['status', '--porcelain'])).toBe('');
    expect(git(L, ['log', '--format=%s']).split('\n').filter((s) => s.startsWith('登记')).length).toBe(n);
  });

  it('merges two clones that both added a visit to one case, keeping both', async () => {
    const A = await newLedger();
    // init registered the driver with this installation's absolute launcher; setup does the same in the clone.
    expect(git(A, ['config', 'merge.xinfang.driver'])).toContain(BIN.replace(/\/+$/, ''));
    expect(run(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', 'member'], { cwd: A }).code).toBe(0);
    expect(run(['visit', 'add', '--name', '张秀英', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金未发放', '--leader', '张志强'], { cwd: A }).code).toBe(0);
    const B = join(tempDir(), 'clone');
    git(A, ['clone', '-q', A, B]);
    expect(run(['setup', '--station', 'B'], { cwd: B }).code).toBe(0);
    const more = (cwd: string, who: string, at: string) =>
      run(['visit', 'add', '--case', 'QS-2026-A0001', '--name', who, '--leader', '张志强'], { cwd, env: { XINFANG_NOW: at } });
    expect(more(A, '张秀英', '2026-11-25T10:00:00+08:00').code).toBe(0);
    expect(more(B, '张建军', '2026-11-25T10:05:00+08:00').code).toBe(0);
    expect(run(['visit', 'add', '--name', '李强', '--purpose', '意见建议', '--category', '城乡建设', '--summary', '路灯', '--leader', '张志强', '--json'], { cwd: B }).code).toBe(0);
    git(A, ['pull', '-q', '--no-rebase', '--no-edit', B, 'main']);
    const f = parse(readFileSync(join(A, 'cases', '2026', 'QS-2026-A0001.yaml'), 'utf8'));
    expect(f.events.map((e: { type: string }) => e.type)).toEqual(['registered', 'visit', 'visit']);
    expect(f.petitioners.map((p: { name: string }) => p.name).sort()).toEqual(['张建军', '张秀英']);
    expect(readdirSync(join(A, 'cases', '2026')).sort()).toEqual(['QS-2026-A0001.yaml', 'QS-2026-B0001.yaml']);
    expect(run(['check', '--strict'], { cwd: A }).code).toBe(0);
  });
});
