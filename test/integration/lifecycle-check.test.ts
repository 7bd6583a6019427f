// `xinfang check` on case files: invalid file with file:line, id vs file name, merge
// conflicts kept as events; strict: unknown leaders, units, categories, duplicate event ids.
import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { newLedger, runIn } from '../helpers/index.js';

let root = '';
const x = (args: string[]) => runIn([...args, '--ledger', root], { env: { XINFANG_NOW: '2026-07-20T10:00:00+08:00' } });
const rel = 'cases/2026/QS-2026-A0001.yaml';
const codes = async (strict: boolean) => {
  const r = await x(['check', '--json', ...(strict ? ['--strict'] : [])]);
  return JSON.parse(r.stdout).problems.map((p: { code: string; file: string; line: number }) => `${p.code} ${p.file}:${p.line}`);
};

beforeEach(async () => {
  root = await newLedger();
  expect((await x(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', 'member'])).code).toBe(0);
  expect((await x(['unit', 'add', '--name', '民政办'])).code).toBe(0);
  expect((await x(['visit', 'add', '--date', '2026-07-01', '--name', '赵大爷', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '优抚金未发', '--leader', '张志强'])).code).toBe(0);
  expect((await x(['case', 'transfer', 'QS-2026-A0001', '--unit', '民政办'])).code).toBe(0);
});

describe('check on case files', () => {
  it('a clean ledger passes, strict too', async () => {
    expect(await codes(true)).toEqual([]);
  });

  it('reports an invalid case file with its line', async () => {
    const t = readFileSync(join(root, rel), 'utf8');
    writeFileSync(join(root, rel), t.replace('people: 1\n', 'people: zero\n'));
    const c = await codes(false);
    expect(c.some((s: string) => /^case-file-invalid cases\/2026\/QS-2026-A0001\.yaml:\d+$/.test(s) && !s.endsWith(':1'))).toBe(true);
  });

  it('id vs file name, merge conflicts, unknown references and duplicate event ids', async () => {
    let t = readFileSync(join(root, rel), 'utf8');
    t = t.replace(/unit: U01/, 'unit: U09').replace(/receiver: L01\n/, 'receiver: L07\n');
    const firstId = /- id: (\S+)/.exec(t)![1]!;
    t += `  - id: ${firstId}\n    at: 2026-07-20T10:00:00+08:00\n    by: 甲\n    type: merge-conflict\n    field: summary\n    kept: 优抚金未发\n    other: 优抚金未按时发\n`;
    mkdirSync(join(root, 'cases', '2025'), { recursive: true });
    writeFileSync(join(root, 'cases', '2025', 'QS-2026-A0001.yaml'), t);
    renameSync(join(root, rel), join(root, 'cases/2026/QS-2026-A0002.yaml'));
    writeFileSync(join(root, 'cases/2026/QS-2026-A0002.yaml'), readFileSync(join(root, 'cases/2026/QS-2026-A0002.yaml'), 'utf8').replace('category:\n  main: 民政', 'category:\n  main: 天文'));
    const basic = await codes(false);
    expect(basic.filter((s: string) => s.startsWith('case-'))).toEqual(expect.arrayContaining([expect.stringMatching(/^case-id-mismatch cases\/2025\/QS-2026-A0001\.yaml/), expect.stringMatching(/^case-id-mismatch cases\/2026\/QS-2026-A0002\.yaml/), expect.stringMatching(/^case-merge-conflict cases\/2025/)]));
    expect(basic.some((s: string) => s.startsWith('case-leader-unknown'))).toBe(false);
    const strict = await codes(true);
    for (const code of ['case-leader-unknown', 'case-unit-unknown', 'case-category-unknown', 'case-event-id-duplicate']) expect(strict.some((s: string) => s.startsWith(code))).toBe(true);
    const r = await x(['check', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/cases\/2025\/QS-2026-A0001\.yaml:\d+: 引用的承办单位“U09”不在 units\.yaml 中/);
  });
});
