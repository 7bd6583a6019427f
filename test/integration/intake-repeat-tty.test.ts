// The clerk's decision on a likely repeat at a terminal (src/cli/commands/intake-repeat.ts):
// the earlier cases best first with their date, status and summary; the default for a sure
// repeat is a new case linked to it; a new matter links nothing; a further visit goes into it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { newLedger, runIn, NOW } from '../helpers/index.js';

const asked: { message: string; choices: unknown[]; def: unknown }[] = [];
let answers: unknown[] = [];
const DEFAULT = Symbol('default');

vi.mock('../../src/cli/prompts.js', () => ({
  askSelect: async (message: string, choices: { value: unknown }[], def?: unknown) => {
    asked.push({ message, choices: choices.map((c) => c.value), def });
    const a = answers.shift();
    const v = a === DEFAULT ? def : a;
    if (!choices.some((c) => c.value === v)) throw new Error(`answer ${String(v)} is not a choice of ${message}`);
    return v;
  },
  askConfirm: async () => answers.shift(),
  askText: async () => '',
  askNumber: async (_m: string, def: number) => def,
  askSearch: async () => answers.shift(),
  askCheckbox: async () => [],
}));

let L: string;
const caseFile = (id: string) => parse(readFileSync(join(L, 'cases', id.split('-')[1]!, `${id}.yaml`), 'utf8'));

async function tty(args: string[]) {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: L, env: { XINFANG_NOW: NOW, NO_COLOR: '1', XINFANG_CLERK: '李文' }, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: true });
  return { code, stdout, stderr };
}

const flags = (summary: string, date: string) => ['visit', 'add', '--date', date, '--name', '张秀英', '--phone', '13800138000', '--people', '1', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', summary, '--leader', '刘芳', '--opinion', ''];

beforeEach(async () => {
  asked.length = 0;
  answers = [];
  L = await newLedger();
  await runIn(['leader', 'add', '--name', '刘芳', '--title', '副乡长', '--role', 'member'], { cwd: L });
  expect((await runIn(flags('丈夫系退伍军人，去世后遗属抚恤金一直未发放', '2026-03-02'), { cwd: L })).code).toBe(0);
});

describe('a likely repeat at a terminal', () => {
  it('shows the earlier case and links the new case by default', async () => {
    answers = [DEFAULT, true];
    const r = await tty(flags('老伴是退伍老兵，走了以后抚恤金到现在都没领到', '2026-05-06'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('QS-2026-A0001  2026-03-02  待受理');
    expect(r.stdout).toContain('丈夫系退伍军人，去世后遗属抚恤金一直未发放');
    expect(asked[0]).toEqual({ message: '如何登记？', choices: ['visit:QS-2026-A0001', 'link:QS-2026-A0001', 'new'], def: 'link:QS-2026-A0001' });
    expect(caseFile('QS-2026-A0002').repeat_of).toEqual(['QS-2026-A0001']);
  });

  it('registers a new matter without a link when the clerk says so', async () => {
    answers = ['new', true];
    const r = await tty(flags('老伴是退伍老兵，走了以后抚恤金到现在都没领到', '2026-05-06'));
    expect(r.code, r.stderr).toBe(0);
    expect(caseFile('QS-2026-A0002').repeat_of).toEqual([]);
    expect(r.stdout).not.toContain('重复信访：');
  });

  it('adds a further visit to the earlier case', async () => {
    answers = ['visit:QS-2026-A0001', true];
    const r = await tty(flags('老伴是退伍老兵，走了以后抚恤金到现在都没领到', '2026-05-06'));
    expect(r.code, r.stderr).toBe(0);
    expect(caseFile('QS-2026-A0001').events.filter((e: { type: string }) => e.type === 'visit')).toHaveLength(1);
  });

  it('does not ask with --new-matter or --repeat-of', async () => {
    answers = [true];
    expect((await tty([...flags('老伴走了以后抚恤金没领到', '2026-05-06'), '--new-matter'])).code).toBe(0);
    answers = [true];
    expect((await tty([...flags('另一件事：危房改造补助', '2026-05-07'), '--repeat-of', 'A0001'])).code).toBe(0);
    expect(asked.filter((a) => a.message === '如何登记？')).toEqual([]);
    expect(caseFile('QS-2026-A0002').repeat_of).toEqual([]);
    expect(caseFile('QS-2026-A0003').repeat_of).toEqual(['QS-2026-A0001']);
  });

  it('without a terminal, lists a possible repeat without linking it (text and --json)', async () => {
    // Thresholds of an office that links only near-identical summaries.
    const cfg = join(L, 'xinfang.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/similarity: [0-9.]+/, 'similarity: 0.95').replace(/possible: [0-9.]+/, 'possible: 0.05'));
    const j = await runIn([...flags('老伴是退伍老兵，走了以后抚恤金到现在都没领到', '2026-05-06'), '--no-input', '--json'], { cwd: L });
    expect(j.code, j.stderr).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(doc.repeat.cases).toEqual([]);
    expect(doc.possible_repeats.map((p: { id: string }) => p.id)).toEqual(['QS-2026-A0001']);
    expect(doc.possible_repeats[0]).toMatchObject({ received: '2026-03-02', status: 'registered', summary: '丈夫系退伍军人，去世后遗属抚恤金一直未发放' });
    expect(caseFile('QS-2026-A0002').repeat_of).toEqual([]);
    const t = await runIn([...flags('老伴走了，抚恤金没领到', '2026-05-07'), '--no-input'], { cwd: L });
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('可能的重复信访（未关联，请核对）');
    expect(t.stdout + t.stderr).toContain('xinfang case link QS-2026-A0003 --repeat-of');
    // --new-matter: nothing listed in the text, nothing linked.
    const n = await runIn([...flags('老伴走了，抚恤金还是没领到', '2026-05-08'), '--no-input', '--new-matter'], { cwd: L });
    expect(n.stdout).not.toContain('可能的重复信访');
    expect(caseFile('QS-2026-A0004').repeat_of).toEqual([]);
  });
});
