// The interactive registration asks every field of the register (问题属地, 被反映人, 承办单位
// when the case is handed over at once), and its last screen lets one field be corrected
// without starting again: 确认 / 修改某项 / 放弃 (src/cli/commands/intake-prompts.ts).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { commits, newLedger, NOW, TEAM } from '../helpers/index.js';

const asked: string[] = [];
let answers: unknown[] = [];
/** An answer that accepts the prompt's default (Enter). */
const DEFAULT = Symbol('default');
const next = (message: string, def?: unknown) => {
  asked.push(message);
  if (!answers.length) throw new Error(`unexpected prompt: ${message}`);
  const a = answers.shift();
  if (a instanceof Error) throw a;
  if (a === DEFAULT) return def;
  return a;
};

vi.mock('../../src/cli/prompts.js', () => ({
  askText: async (m: string) => next(m),
  askNumber: async (m: string, def: number, min: number) => {
    const a = next(m, def) as number;
    if (a < min) throw new Error(`answer ${a} is below the minimum ${min} of ${m}`);
    return a;
  },
  askSelect: async (m: string, choices: { value: unknown }[], def?: unknown) => {
    const a = next(m, def);
    if (!choices.some((c) => c.value === a)) throw new Error(`answer ${String(a)} is not a choice of ${m}`);
    return a;
  },
  askSearch: async (m: string, choices: { value: unknown }[]) => {
    const a = next(m);
    if (!choices.some((c) => c.value === a)) throw new Error(`answer ${String(a)} is not a choice of ${m}`);
    return a;
  },
  askCheckbox: async (m: string, choices: { value: unknown }[]) => {
    const a = next(m, []) as unknown[];
    for (const v of a) if (!choices.some((c) => c.value === v)) throw new Error(`answer ${String(v)} is not a choice of ${m}`);
    return a;
  },
  askConfirm: async (m: string, def = true) => next(m, def),
}));

let L: string;
const caseFile = (id: string) => parse(readFileSync(join(L, 'cases', id.split('-')[1]!, `${id}.yaml`), 'utf8'));

async function tty(args: string[]) {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: L,
    env: { XINFANG_NOW: NOW, NO_COLOR: '1', XINFANG_CLERK: '李文' },
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: true,
  });
  return { code, stdout, stderr };
}

beforeEach(async () => {
  asked.length = 0;
  answers = [];
  L = await newLedger({ leaders: TEAM, units: ['民政办', '司法所'] });
});

const BASE = ['visit', 'add', '--name', '张秀英', '--people', '1', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '遗属抚恤金未发放', '--leader', '张志强', '--opinion', '请民政办核实'];

describe('every field of the register', () => {
  it('asks 问题属地 and 被反映人, and hands the case to a unit at once when chosen', async () => {
    answers = ['青山乡石桥村', '石桥村村委会', 'U01', true];
    const r = await tty(BASE);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toEqual([expect.stringContaining('问题属地'), expect.stringContaining('被反映人'), '当场交办承办单位吗？', '确认登记？']);
    expect(r.stdout).toMatch(/承办单位 民政办\n/);
    const f = caseFile('QS-2026-A0001');
    expect(f).toMatchObject({ locality: '青山乡石桥村', respondent: '石桥村村委会' });
    expect(f.events.filter((e: { type: string }) => e.type === 'transfer')).toEqual([expect.objectContaining({ unit: 'U01' })]);
  });

  it('does not hand over when the clerk chooses 不交办', async () => {
    answers = ['', '', DEFAULT, true];
    const r = await tty(BASE);
    expect(r.code, r.stderr).toBe(0);
    expect(caseFile('QS-2026-A0001').events.some((e: { type: string }) => e.type === 'transfer')).toBe(false);
  });
});

describe('the last screen', () => {
  it('修改某项: one field asked again, the form shown again, one commit with the corrected value', async () => {
    const before = commits(L).length;
    answers = ['青山乡石桥村', '', '', 'edit', 'summary', '丈夫去世后遗属抚恤金一直未发放', true];
    const r = await tty(BASE);
    expect(r.code, r.stderr).toBe(0);
    expect(asked.slice(3)).toEqual(['确认登记？', '修改哪一项？', expect.stringContaining('诉求摘要'), '确认登记？']);
    expect(r.stdout.match(/登记内容/g)).toHaveLength(2);
    expect(r.stdout).toMatch(/诉求\s+丈夫去世后遗属抚恤金一直未发放\n/);
    expect(caseFile('QS-2026-A0001').summary).toBe('丈夫去世后遗属抚恤金一直未发放');
    expect(commits(L)).toHaveLength(before + 1);
  });

  it('corrects one of several petitioners, keeping the others, then a second field', async () => {
    answers = ['', '', '', 'edit', 'petitioner', 1, '李桂兰', '13800138000', '', '女', '石桥村4组', 'edit', 'leader', 'L01', true];
    const r = await tty(['visit', 'add', '--name', '张秀英', '--name', '李贵兰', '--people', '2', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '遗属抚恤金未发放', '--leader', '张志强', '--opinion', '']);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toContain('修改哪一位信访人？');
    const f = caseFile('QS-2026-A0001');
    expect(f.petitioners.map((p: { name: string }) => p.name)).toEqual(['张秀英', '李桂兰']);
    expect(f.petitioners[1]).toMatchObject({ phone: '13800138000', sex: '女', address: '石桥村4组' });
    expect(f.receiver).toBe('L01');
  });

  it('放弃 writes nothing, after a correction too', async () => {
    const before = commits(L).length;
    answers = ['', '', '', 'edit', 'locality', '青山乡新街社区', false];
    const r = await tty(BASE);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('已取消，没有写入任何内容');
    expect(commits(L)).toHaveLength(before);
  });

  it('a further visit on a known case offers only the fields of a visit', async () => {
    answers = ['', '', '', true];
    expect((await tty(BASE)).code).toBe(0);
    asked.length = 0;
    answers = ['edit', 'opinion', '再次督促民政办', true];
    const r = await tty([...BASE, '--case', 'A0001']);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toEqual(['确认登记？', '修改哪一项？', '领导处理意见（可空）', '确认登记？']);
    const f = caseFile('QS-2026-A0001');
    expect(f.events.filter((e: { type: string }) => e.type === 'visit').at(-1)).toMatchObject({ note: '再次督促民政办' });
  });
});
