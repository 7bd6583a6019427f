// src/ledger/yamlfile.ts: parse + validate with the right line, Chinese messages, atomic writes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LeadersFile } from '../../src/ledger/schema.js';
import { fieldPath, issueMessage, parseYamlText, readYaml, toYaml, writeFileAtomic, writeYaml } from '../../src/ledger/yamlfile.js';
import { LedgerFileError } from '../../src/errors.js';
import { tempDir } from '../helpers/index.js';

const LEADERS = `leaders:
  - id: L01
    name: 张三
    title: 党委书记
    role: principal
  - id: L02
    name: 李四
    title: 乡长
    role: principal
    absences:
      - from: 2026-12-01
        to: 2026-12-05
        reason: 学习
  - id: L03
    name: 王五
    title: 副乡长
    role: member
    portfolio: 农业
`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseYamlText', () => {
  it('accepts a valid file and fills defaults', () => {
    const r = parseYamlText('leaders.yaml', LEADERS, LeadersFile);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.leaders.map((l) => l.id)).toEqual(['L01', 'L02', 'L03']);
    expect(r.value.leaders[0]).toMatchObject({ portfolio: '', active: true, absences: [] });
    expect(r.lineOf(['leaders', 2, 'portfolio'])).toBe(lineOf(LEADERS, '农业'));
  });

  it('reports a bad value deep in a list at its own line, naming field, value and allowed values in Chinese', () => {
    const text = LEADERS.replace('role: member', 'role: boss');
    const r = parseYamlText('leaders.yaml', text, LeadersFile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p.file).toBe('leaders.yaml');
    expect(p.line).toBe(lineOf(text, 'role: boss'));
    expect(p.line).toBe(17);
    expect(p.field).toBe('leaders[2].role');
    expect(p.message).toContain('leaders[2].role');
    expect(p.message).toContain('"boss"');
    expect(p.message).toContain('不允许的值');
    for (const r of ['principal', 'member', 'dept-principal', 'dept-member']) expect(p.message).toContain(r);
  });

  it('reports a bad date inside a nested list at that line', () => {
    const text = LEADERS.replace('to: 2026-12-05', 'to: 2026-02-30');
    const r = parseYamlText('leaders.yaml', text, LeadersFile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([[lineOf(text, '2026-02-30'), 'leaders[1].absences[0].to']]);
    expect(r.problems[0]!.message).toContain('YYYY-MM-DD');
  });

  it('reports a missing field at the line of its list item, and a wrong type with the actual value', () => {
    const text = LEADERS.replace('    title: 乡长\n', '').replace('role: member', 'role: member\n    active: 是');
    const r = parseYamlText('leaders.yaml', text, LeadersFile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const missing = r.problems.find((p) => p.field === 'leaders[1].title')!;
    expect(missing.line).toBe(lineOf(text, 'id: L02'));
    expect(missing.message).toContain('缺少必填字段');
    const wrong = r.problems.find((p) => p.field === 'leaders[2].active')!;
    expect(wrong.line).toBe(lineOf(text, 'active: 是'));
    expect(wrong.message).toContain('true 或 false');
    expect(wrong.message).toContain('"是"');
    expect(wrong.message).not.toContain('缺少');
  });

  it('reports a misspelt key as an unknown field', () => {
    const text = LEADERS.replace('portfolio: 农业', 'portfolo: 农业');
    const r = parseYamlText('leaders.yaml', text, LeadersFile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.message).toMatch(/不认识的字段 portfolo/);
    expect(r.problems[0]!.line).toBe(lineOf(text, 'id: L03'));
  });

  it('reports a YAML syntax error (bad indentation) at the offending line, in Chinese', () => {
    const lines = LEADERS.split('\n');
    lines[15] = lines[15]!.slice(2); // "  title: 副乡长" — two spaces too few, line 16
    const r = parseYamlText('leaders.yaml', lines.join('\n'), LeadersFile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.line).toBe(16);
    expect(r.problems[0]!.message).toMatch(/^YAML 语法错误：缩进不对/);
  });

  it('an over-indented line names the two lines involved', () => {
    const lines = LEADERS.split('\n');
    lines[16] = '  ' + lines[16]!; // "      role: member" under "title: 副乡长"
    const r = parseYamlText('leaders.yaml', lines.join('\n'), LeadersFile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(16);
    expect(r.problems[0]!.message).toContain('第 16–17 行');
  });

  it('reports an unclosed quote, a tab and a duplicate key', () => {
    const dup = parseYamlText('leaders.yaml', LEADERS.replace('    role: principal\n  - id: L02', '    name: 又一个\n    role: principal\n  - id: L02'), LeadersFile);
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.problems[0]).toMatchObject({ line: 5, message: expect.stringContaining('字段重复') });
    const tab = parseYamlText('x.yaml', 'a:\n\tb: 1\n', z.unknown());
    expect(tab.ok).toBe(false);
    if (!tab.ok) expect(tab.problems[0]!.message).toContain('Tab');
    const quote = parseYamlText('x.yaml', 'a: 1\nb: "open\nc: 2\n', z.unknown());
    expect(quote.ok).toBe(false);
    const alias = parseYamlText('leaders.yaml', 'leaders:\n  - *a\n', LeadersFile);
    expect(alias.ok).toBe(false);
    if (!alias.ok) expect(alias.problems[0]!.message).toContain('别名');
  });

  it('an empty file is an empty document, validated as such', () => {
    const r = parseYamlText('leaders.yaml', '', LeadersFile);
    expect(r.ok && r.value).toEqual({ leaders: [] });
  });
});

describe('parseYamlText on arbitrary text', () => {
  it('never throws, and every problem has a line inside the file', () => {
    const pieces = fc.constantFrom('leaders:', '\n', '  ', '- ', 'id: L01', 'role: x', ': ', '"', "'", '[', ']', '{', '}', '#', '\t', '张三', 'active: yes', '&a ', '*a', '---', '? ', '|', '>');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const r = parseYamlText('leaders.yaml', text, LeadersFile);
        if (r.ok) return;
        expect(r.problems.length).toBeGreaterThan(0);
        const lines = text.split('\n').length;
        for (const p of r.problems) {
          expect(p.file).toBe('leaders.yaml');
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
          expect(p.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('issueMessage', () => {
  it('names the field and allowed values in Chinese', () => {
    const S = z.strictObject({ mode: z.enum(['fixed', 'onsite']) });
    const r = S.safeParse({ mode: 'x' }, { reportInput: true });
    expect(r.success).toBe(false);
    const msg = issueMessage(r.error!.issues[0]!);
    expect(msg).toBe('mode：不允许的值 "x"；允许：fixed、onsite');
    expect(msg).toMatch(/[\u4e00-\u9fff]/);
  });
  it('says what is too small or empty', () => {
    const S = z.strictObject({ name: z.string().min(1), list: z.array(z.string()).min(1), n: z.number().min(2) });
    const issues = S.safeParse({ name: '', list: [], n: 1 }).error!.issues.map(issueMessage);
    expect(issues).toEqual(['name：不能为空', 'list：至少 1 项', 'n：不能小于 2']);
  });
  it('fieldPath', () => {
    expect(fieldPath(['leaders', 2, 'role'])).toBe('leaders[2].role');
    expect(fieldPath([])).toBe('（整个文件）');
  });
});

describe('files', () => {
  it('writeFileAtomic replaces content and leaves no temp file', () => {
    const dir = tempDir();
    const f = join(dir, 'sub', 'a.yaml');
    writeFileAtomic(f, 'one\n');
    writeFileAtomic(f, '二\n');
    expect(readFileSync(f, 'utf8')).toBe('二\n');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.yaml']);
  });
  it('writeFileAtomic many times in a row keeps the last content only', () => {
    const dir = tempDir();
    const f = join(dir, 'b.txt');
    for (let i = 0; i < 20; i++) writeFileAtomic(f, `v${i}`);
    expect(readFileSync(f, 'utf8')).toBe('v19');
    expect(readdirSync(dir)).toEqual(['b.txt']);
  });
  it('writeYaml validates first: an invalid value writes nothing', () => {
    const dir = tempDir();
    expect(() => writeYaml(dir, 'leaders.yaml', LeadersFile, { leaders: [{ id: 'L01', name: '张三', title: 'x', role: 'boss' as never }] } as never)).toThrow();
    expect(existsSync(join(dir, 'leaders.yaml'))).toBe(false);
  });
  it('readYaml throws LedgerFileError with file and line; missing files are named', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'leaders.yaml'), LEADERS.replace('role: member', 'role: boss'));
    try {
      readYaml(dir, 'leaders.yaml', LeadersFile);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LedgerFileError);
      expect((e as LedgerFileError).message).toMatch(/^leaders\.yaml:17: leaders\[2\]\.role/);
    }
    expect(() => readYaml(dir, 'units.yaml', z.unknown())).toThrow(/units\.yaml:1: 文件不存在/);
  });
  it('toYaml keeps key order and writes dates as plain strings that read back as strings', () => {
    const text = toYaml({ b: 1, a: { from: '2026-12-01', hours: '08:30-11:30', yes: 'yes', no: '' } });
    expect(text.indexOf('b:')).toBeLessThan(text.indexOf('a:'));
    const r = parseYamlText('x.yaml', text, z.unknown());
    expect(r.ok && r.value).toEqual({ b: 1, a: { from: '2026-12-01', hours: '08:30-11:30', yes: 'yes', no: '' } });
  });
});
