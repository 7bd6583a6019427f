// The built CLI as a child process: init, check, errors and exit codes, demo.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, commits, ensureBuilt, git, run, tempDir } from '../helpers/index.js';
import { execFileSync } from 'node:child_process';

const CJK = /[\u4e00-\u9fff]/;

beforeAll(() => {
  ensureBuilt();
}, 120_000);

describe('xinfang (built)', () => {
  it('init --preset township, then check --strict passes; leader add commits', () => {
    const dir = join(tempDir(), '青山乡台账');
    const init = run(['init', dir, '--unit', '青山乡', '--code', 'QS', '--preset', 'township'], { env: { XINFANG_CLERK: '王登记' } });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('已建立台账');
    const check = run(['check', '--strict'], { cwd: dir });
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toMatch(/台账无误/);
    const add = run(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', '班子成员'], { cwd: dir, env: { XINFANG_CLERK: '王登记' } });
    expect(add.code).toBe(0);
    expect(commits(dir)).toEqual([
      { author: '王登记', subject: '添加领导 张志强（党委副书记，班子成员）' },
      { author: '王登记', subject: '建立台账 青山乡（乡镇（青山乡实施办法））' },
    ]);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('with --json, an error is one JSON object on stderr and nothing on stdout', () => {
    const r = run(['leader', 'list', '--json'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(r.stderr) as { error: { code: string; message: string } };
    expect(Object.keys(doc)).toEqual(['error']);
    expect(doc.error.code).toBe('no_ledger');
    expect(doc.error.message).toMatch(CJK);
    const bad = run(['init', join(tempDir(), 'x'), '--unit', '青山乡', '--code', '1', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr)).toEqual({ error: { code: 'bad_value', message: expect.stringContaining('--code') } });
  });

  it('an unknown option or command exits 2 with a Chinese message', () => {
    const opt = run(['leader', 'list', '--frobnicate']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toBe('错误：不认识的选项 “--frobnicate”。用 --help 查看可用选项\n');
    const cmd = run(['frobnicate']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/^错误：不认识的命令 “frobnicate”/);
    const json = run(['frobnicate', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr).error.code).toBe('usage');
    const missing = run(['leader', 'away', 'L01', '--from']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^错误：选项 .*--from.* 需要一个值/);
  });

  it('help and version exit 0; help is Chinese', () => {
    const h = run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('显示帮助');
    expect(h.stdout).toMatch(/^用法：/);
    expect(h.stdout).toContain('选项：');
    expect(h.stdout).not.toMatch(/^(Usage|Options|Commands):/m);
    // Columns line up although the command column holds CJK text.
    const width = (t: string) => [...t].reduce((w, ch) => w + (CJK.test(ch) ? 2 : 1), 0);
    const cols = h.stdout
      .split('\n')
      .filter((l) => /^  (init|help) /.test(l))
      .map((l) => width(/^(.*?\S)\s{2,}\S/.exec(l)![0].slice(0, -1)));
    expect(cols).toHaveLength(2);
    expect(cols[0]).toBe(cols[1]);
    expect(h.stdout).toMatch(/init/);
    const none = run([]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('领导干部定期接待群众来访');
    const v = run(['--version']);
    expect(v).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('a broken file: check exits 1 with file:line, other commands exit 2', () => {
    const dir = join(tempDir(), 'l');
    expect(run(['init', dir, '--unit', '某局', '--code', 'MJ', '--preset', 'bureau']).code).toBe(0);
    writeFileSync(join(dir, 'leaders.yaml'), 'leaders:\n  - id: L01\n    name: 张三\n    title: 局长\n    role: 局长\n');
    const c = run(['check'], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stdout).toMatch(/^leaders\.yaml:5: leaders\[0\]\.role：不允许的值 "局长"/m);
    const l = run(['leader', 'list'], { cwd: dir });
    expect(l.code).toBe(2);
    expect(l.stderr).toContain('leaders.yaml:5:');
  });

  it('demo DIR builds a ledger that passes check --strict', () => {
    const dir = join(tempDir(), 'demo');
    const r = run(['demo', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('青山乡');
    expect(existsSync(join(dir, 'xinfang.yaml'))).toBe(true);
    // The whole product at work: today's duty, the due list, the quarter's statistics last.
    expect(r.stdout).toMatch(/今天（2026-11-25）接访：\S+/);
    expect(r.stdout).toMatch(/期限提醒：超期 [1-9]\d* 件/);
    expect(r.stdout.lastIndexOf('统计表')).toBeGreaterThan(r.stdout.indexOf('期限提醒'));
    const cases = JSON.parse(run(['case', 'list', '--json', '--ledger', dir]).stdout).cases as { status: string; repeat: boolean; group: boolean; channel: string }[];
    expect(cases.length).toBeGreaterThanOrEqual(14);
    expect(cases.filter((c) => c.status === 'closed').length).toBeGreaterThanOrEqual(3);
    expect(cases.some((c) => c.repeat)).toBe(true);
    expect(cases.some((c) => c.group)).toBe(true);
    expect(new Set(cases.map((c) => c.channel)).size).toBeGreaterThanOrEqual(4);
    const check = run(['check', '--strict', '--ledger', dir]);
    expect(check.stdout).toContain('台账无误');
    expect(check.code).toBe(0);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    // Again without --force: refused; with --force: rebuilt.
    expect(run(['demo', dir]).code).toBe(2);
    expect(run(['demo', dir, '--force']).code).toBe(0);
  }, 120_000);

  it('demo works in a year the holiday data does not cover yet, saying what it cannot compute', () => {
    const dir = join(tempDir(), 'demo2027');
    const r = run(['demo', dir], { env: { XINFANG_NOW: '2027-03-10T10:00:00+08:00' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2027 年的节假日安排尚无数据');
    expect(r.stdout).toMatch(/\d+ 个期限要用到 2027 年的节假日安排/);
    expect(run(['check', '--strict', '--ledger', dir]).code).toBe(0);
  }, 120_000);

  it('demo into an existing folder that is not a ledger refuses and leaves it alone', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', '草稿.txt'), '别动');
    const r = run(['demo', join(dir, 'mine'), '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：.*不是台账/);
    expect(readdirSync(join(dir, 'mine'))).toEqual(['草稿.txt']);
  });

  it('git merges two clones’ changes to one case through the merge driver, losing nothing', () => {
    const base = tempDir();
    // `xinfang` on the PATH, as the driver line in .git/config expects.
    const binDir = join(base, 'bin');
    mkdirSync(binDir);
    writeFileSync(join(binDir, 'xinfang'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(binDir, 'xinfang'), 0o755);
    const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}` };
    const g = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    const a = join(base, 'a');
    expect(run(['init', a, '--unit', '青山乡', '--code', 'QS']).code).toBe(0);
    const rel = 'cases/2026/QS-2026-A0001.yaml';
    const ev = (id: string, at: string, type: string) => `  - id: ${id}\n    at: ${at}\n    by: 王登记\n    type: ${type}\n`;
    const head = 'id: QS-2026-A0001\nsummary: 低保申请\npeople: 1\nevents:\n';
    mkdirSync(join(a, 'cases', '2026'), { recursive: true });
    writeFileSync(join(a, rel), head + ev('01A', '2026-11-01T09:00:00+08:00', 'registered'));
    g(a, ['add', rel]);
    g(a, ['commit', '-qm', '登记 QS-2026-A0001']);

    const b = join(base, 'b');
    g(base, ['clone', '-q', a, b]);
    expect(run(['setup', '--station', 'B'], { cwd: b }).code).toBe(0);
    // Clone b: a new event and more people.
    writeFileSync(join(b, rel), head.replace('people: 1', 'people: 3') + ev('01A', '2026-11-01T09:00:00+08:00', 'registered') + ev('01C', '2026-11-03T10:00:00+08:00', 'transfer'));
    g(b, ['commit', '-qam', 'b']);
    // Clone a: another event and a new summary.
    writeFileSync(join(a, rel), head.replace('低保申请', '低保申请（补充）') + ev('01A', '2026-11-01T09:00:00+08:00', 'registered') + ev('01B', '2026-11-02T10:00:00+08:00', 'assign'));
    g(a, ['commit', '-qam', 'a']);

    g(b, ['pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main']);
    const merged = parse(readFileSync(join(b, rel), 'utf8')) as { summary: string; people: number; events: { id: string }[] };
    expect(merged.summary).toBe('低保申请（补充）');
    expect(merged.people).toBe(3);
    expect(merged.events.map((e) => e.id)).toEqual(['01A', '01B', '01C']);
    expect(g(b, ['status', '--porcelain']).trim()).toBe('');
  }, 60_000);
});
