// `xinfang check` and how every command finds the ledger and reacts to broken files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { newLedger, TEAM, runIn, tempDir } from '../helpers/index.js';

let root = '';
const x = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', root], { env });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

beforeEach(async () => {
  root = await newLedger({ leaders: TEAM });
});

function edit(file: string, fn: (text: string) => string): string {
  const p = join(root, file);
  const text = fn(readFileSync(p, 'utf8'));
  writeFileSync(p, text);
  return text;
}

interface Problem {
  code: string;
  file: string;
  line: number;
  message: string;
}

describe('check', () => {
  it('a fresh ledger passes, also with --strict', async () => {
    const r = await x(['check']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('台账无误');
    const s = await x(['check', '--strict']);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('含引用检查');
    expect(JSON.parse((await x(['check', '--strict', '--json'])).stdout)).toEqual({ ok: true, problems: [] });
  });

  it('a bad role value is reported at its line, exit 1', async () => {
    const text = edit('leaders.yaml', (t) => t.replace(/(name: 刘芳[\s\S]*?)role: member/, '$1role: deputy'));
    const line = lineOf(text, 'role: deputy');
    expect(line).toBe(19); // the third leader's role, deep in the list
    const r = await x(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`leaders.yaml:${line}: leaders[2].role：不允许的值 "deputy"；允许：principal、member、dept-principal、dept-member`);
    expect(r.stdout).toContain('共 1 个问题');
  });

  it('bad indentation is a syntax error at the offending line', async () => {
    const text = edit('leaders.yaml', (t) => t.replace(/\n {4}title: 副乡长/, '\n  title: 副乡长'));
    const line = lineOf(text, '  title: 副乡长');
    const r = await x(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^leaders\\.yaml:${line}: YAML 语法错误：缩进不对`, 'm'));
  });

  it('--json lists problems with code, file, line and message', async () => {
    const text = edit('leaders.yaml', (t) => t.replace('id: L02', 'id: L01'));
    edit('units.yaml', () => 'units:\n  - id: U01\n    name: 民政办\n    extra: 1\n');
    const r = await x(['check', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; problems: Problem[] };
    expect(doc.ok).toBe(false);
    expect(doc.problems).toEqual([
      { code: 'leader-id-duplicate', file: 'leaders.yaml', line: 9, message: '领导编号“L01”重复', hint: expect.any(String) },
      { code: 'file-invalid', file: 'units.yaml', line: 2, message: expect.stringContaining('不认识的字段 extra') },
    ]);
    // The duplicate is the second "id: L01" (the first is on line 2).
    expect(text.split('\n')[8]).toBe('  - id: L01');
    expect(doc.problems[0]!.line).not.toBe(lineOf(text, 'id: L01'));
  });

  it('a broken xinfang.yaml is reported too, and other files are still checked', async () => {
    const text = edit('xinfang.yaml', (t) => t.replace("hours: 08:30-17:00", 'hours: 8点半'));
    edit('leaders.yaml', (t) => t.replace('role: member', 'role: x'));
    const r = await x(['check', '--json']);
    const problems = (JSON.parse(r.stdout) as { problems: Problem[] }).problems;
    expect(problems.map((p) => [p.file, p.line])).toEqual(
      expect.arrayContaining([
        ['xinfang.yaml', lineOf(text, '8点半')],
        ['leaders.yaml', expect.any(Number)],
      ]),
    );
    expect(problems.find((p) => p.file === 'xinfang.yaml')!.message).toContain('HH:mm-HH:mm');
  });

  it('a pool naming an unknown leader is reported only with --strict', async () => {
    const text = edit('xinfang.yaml', (t) => {
      const doc = parseDocument(t);
      doc.setIn(['schedule', 'rules', 0, 'pool', 'leaders'], doc.createNode(['L01', 'L99']));
      return doc.toString();
    });
    expect((await x(['check'])).code).toBe(0);
    const r = await x(['check', '--strict', '--json']);
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout) as { problems: Problem[] }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'rule-leader-known', file: 'xinfang.yaml', line: lineOf(text, 'L99') })]);
    expect(problems[0]!.message).toContain('“L99”');
    // A known name is fine.
    edit('xinfang.yaml', (t) => t.replace('L99', '刘芳'));
    expect((await x(['check', '--strict'])).code).toBe(0);
  });

  it('reports a rule whose place is not among the places, and a leftover temp file', async () => {
    const text = edit('xinfang.yaml', (t) => t.replace(/place: center/, 'place: 大礼堂'));
    writeFileSync(join(root, 'leaders.yaml.123.abcd.tmp'), 'x');
    const r = await x(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`xinfang.yaml:${lineOf(text, '大礼堂')}: 排班规则“主要领导接访日”的接访地点“大礼堂”不在 places 中`);
    expect(r.stdout).toContain('leaders.yaml.123.abcd.tmp:1: 中断的写入留下的临时文件');
  });

  it('any other command on a broken ledger exits 2 naming file and line', async () => {
    const text = edit('leaders.yaml', (t) => t.replace('role: member', 'role: x'));
    const line = lineOf(text, 'role: x');
    const r = await x(['leader', 'list']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`leaders.yaml:${line}: leaders[1].role`);
    expect(r.stderr).toContain('xinfang check');
    const j = await x(['leader', 'list', '--json']);
    expect(j.code).toBe(2);
    const err = JSON.parse(j.stderr) as { error: { code: string; message: string; problems: Problem[] } };
    expect(err.error.code).toBe('bad_file');
    expect(err.error.problems[0]).toMatchObject({ file: 'leaders.yaml', line });
    // Adding a leader to a broken file is refused and writes nothing.
    const add = await x(['leader', 'add', '--name', '钱七', '--title', '副乡长', '--role', 'member']);
    expect(add.code).toBe(2);
    expect(readFileSync(join(root, 'leaders.yaml'), 'utf8')).toBe(text);
  });

  it('a broken xinfang.yaml stops other commands with exit 2', async () => {
    edit('xinfang.yaml', (t) => t.replace('code: QS', 'code: qs-1'));
    const r = await x(['unit', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xinfang\.yaml:\d+: office\.code/);
  });
});

describe('finding the ledger', () => {
  it('--ledger, XINFANG_LEDGER, or the nearest folder upwards', async () => {
    const list = (r: { stdout: string }) => (JSON.parse(r.stdout) as { leaders: { name: string }[] }).leaders.length;
    expect(list(await runIn(['leader', 'list', '--json', '--ledger', root]))).toBe(3);
    expect(list(await runIn(['leader', 'list', '--json'], { env: { XINFANG_LEDGER: root } }))).toBe(3);
    const sub = join(root, 'cases', '2026');
    mkdirSync(sub, { recursive: true });
    expect(list(await runIn(['leader', 'list', '--json'], { cwd: sub }))).toBe(3);
    // --ledger relative to the working directory
    expect(list(await runIn(['leader', 'list', '--json', '--ledger', '../..'], { cwd: sub }))).toBe(3);
  });

  it('--ledger wins over XINFANG_LEDGER', async () => {
    const other = await newLedger({ unit: '某局', code: 'MJ', preset: 'bureau' });
    const r = await runIn(['leader', 'list', '--json', '--ledger', other], { env: { XINFANG_LEDGER: root } });
    expect(JSON.parse(r.stdout)).toEqual({ leaders: [] });
  });

  it('outside a ledger: exit 2 with a Chinese message saying how to create one', async () => {
    const out = tempDir();
    const r = await runIn(['leader', 'list'], { cwd: out });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：当前目录及其上级目录中没有台账/);
    expect(r.stderr).toContain('xinfang init');
    expect(r.stderr).toContain('--ledger');
    const c = await runIn(['check'], { cwd: out });
    expect(c.code).toBe(2);
  });

  it('--ledger or XINFANG_LEDGER pointing at a non-ledger is exit 2 naming which', async () => {
    const out = tempDir();
    const a = await runIn(['leader', 'list', '--ledger', out]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--ledger 指向的 .* 不是台账.*xinfang init/);
    const b = await runIn(['leader', 'list'], { env: { XINFANG_LEDGER: out } });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('XINFANG_LEDGER');
  });

  it('a bad XINFANG_NOW is refused with exit 2', async () => {
    const r = await x(['leader', 'list'], { XINFANG_NOW: '2026-02-30' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('XINFANG_NOW');
  });
});
