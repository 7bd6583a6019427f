// The interactive registration at a terminal: the prompts wrapper is replaced by a script of
// answers; the flow asks only what flags did not give, offers earlier cases of a repeat
// petitioner, shows the form, and writes nothing when cancelled.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { commits, newLedger, runIn, NOW } from '../helpers/index.js';
import { makeId } from '../helpers/ids.js';

const ID_M = makeId('511102', '1958-03-15', '231'); // odd sequence digit: 男
const ID_F = makeId('511102', '1975-07-01', '124'); // even: 女

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
  L = await newLedger();
  await runIn(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', 'member'], { cwd: L });
  await runIn(['leader', 'add', '--name', '刘芳', '--title', '副乡长', '--role', 'member'], { cwd: L });
});

describe('visit add at a terminal', () => {
  it('asks for every missing field, shows the form and registers on confirmation', async () => {
    answers = ['张秀英', '13800138000', '', '女', '石桥村3组', DEFAULT, 2, 'request', '民政/优抚救济', '遗属抚恤金一直未发放', '青山乡石桥村', '', 'L02', '请民政办核实', true];
    const r = await tty(['visit', 'add']);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toEqual(['信访人姓名', '联系电话（可空）', '身份证号（可空）', '性别', '住址（可空）', '还有其他信访人吗？', '来访人数', '信访目的', expect.stringContaining('内容分类'), expect.stringContaining('诉求'), expect.stringContaining('问题属地'), expect.stringContaining('被反映人'), expect.stringContaining('接待领导'), '领导处理意见（可空）', '确认登记？']);
    expect(r.stdout).toContain('登记内容');
    expect(r.stdout).toMatch(/问题属地 青山乡石桥村\n/);
    expect(caseFile('QS-2026-A0001')).toMatchObject({ locality: '青山乡石桥村', respondent: '' });
    expect(r.stdout).toContain('138****8000');
    expect(r.stdout).toContain('2026-11-25 09:30');
    expect(r.stdout).toMatch(/信访人\s+张秀英 女 138\*\*\*\*8000 石桥村3组\n/);
    expect(r.stdout).toContain('已登记 QS-2026-A0001');
    expect(commits(L)[0]!.author).toBe('李文');
    expect(caseFile('QS-2026-A0001').petitioners).toEqual([expect.objectContaining({ name: '张秀英', sex: '女', phone: '13800138000' })]);
  });

  it('takes the sex from the ID number without asking', async () => {
    answers = ['张秀英', '', ID_F, '', DEFAULT, true];
    const r = await tty(['visit', 'add', '--people', '1', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', '']);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toEqual(['信访人姓名', '联系电话（可空）', '身份证号（可空）', '住址（可空）', '还有其他信访人吗？', '确认登记？']);
    expect(caseFile('QS-2026-A0001').petitioners[0]).toMatchObject({ name: '张秀英', sex: '女', id_number: ID_F });
  });

  it('records 不详 as no sex', async () => {
    answers = ['张秀英', '', '', DEFAULT, '', false, true];
    const r = await tty(['visit', 'add', '--people', '1', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', '']);
    expect(r.code, r.stderr).toBe(0);
    expect(caseFile('QS-2026-A0001').petitioners[0].sex).toBe('');
  });

  it('registers several petitioners and asks which of a group are representatives', async () => {
    answers = [
      '张秀英', '13800138000', ID_M, '石桥村3组', true,
      '李桂兰', '', '', '女', '石桥村4组', true,
      '王德明', '', '', DEFAULT, '', false,
      6, [1, 2],
      'request', '民政/优抚救济', '集体反映抚恤金未发放', '', '', 'L02', '', true,
    ];
    const r = await tty(['visit', 'add']);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toEqual([
      '信访人姓名', '联系电话（可空）', '身份证号（可空）', '住址（可空）', '还有其他信访人吗？',
      '第 2 位信访人姓名', '第 2 位信访人电话（可空）', '第 2 位信访人身份证号（可空）', '第 2 位信访人性别', '第 2 位信访人住址（可空）', '还有其他信访人吗？',
      '第 3 位信访人姓名', '第 3 位信访人电话（可空）', '第 3 位信访人身份证号（可空）', '第 3 位信访人性别', '第 3 位信访人住址（可空）', '还有其他信访人吗？',
      '来访人数', expect.stringContaining('代表人'),
      '信访目的', expect.stringContaining('内容分类'), expect.stringContaining('诉求'), expect.stringContaining('问题属地'), expect.stringContaining('被反映人'), expect.stringContaining('接待领导'), '领导处理意见（可空）', '确认登记？',
    ]);
    const f = caseFile('QS-2026-A0001');
    expect(f.people).toBe(6);
    expect(f.petitioners).toEqual([
      expect.objectContaining({ name: '张秀英', sex: '男', id_number: ID_M, representative: false }),
      expect.objectContaining({ name: '李桂兰', sex: '女', representative: true }),
      expect.objectContaining({ name: '王德明', sex: '', representative: true }),
    ]);
    expect(r.stdout).toContain('集体访');
    // One line per petitioner on the last screen.
    expect(r.stdout).toMatch(/信访人\s+1\. 张秀英 男 \S+ 138\*{4}8000 石桥村3组\n\s+2\. 李桂兰（代表人） 女 石桥村4组\n\s+3\. 王德明（代表人）\n/);
    expect(r.stdout).not.toContain('张秀英（代表人）');
  });

  it('does not ask for representatives when the visit is not a group', async () => {
    answers = ['张秀英', '', '', '女', '', true, '李桂兰', '', '', '女', '', false, DEFAULT, true];
    const r = await tty(['visit', 'add', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', '']);
    expect(r.code, r.stderr).toBe(0);
    expect(asked.at(-2)).toBe('来访人数');
    const f = caseFile('QS-2026-A0001');
    expect(f.people).toBe(2);
    expect(f.petitioners.map((p: { name: string }) => p.name)).toEqual(['张秀英', '李桂兰']);
  });

  it('asks only for what the flags did not give', async () => {
    answers = ['民政/优抚救济', true];
    const r = await tty(['visit', 'add', '--name', '张秀英', '--people', '1', '--purpose', '求决', '--summary', '抚恤金', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', '']);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toEqual([expect.stringContaining('内容分类'), '确认登记？']);
  });

  it('writes nothing when the clerk declines at the last screen', async () => {
    answers = [false];
    const before = commits(L).length;
    const r = await tty(['visit', 'add', '--name', '张秀英', '--people', '1', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', '']);
    expect(r.code).toBe(2);
    expect(commits(L)).toHaveLength(before);
    expect(existsSync(join(L, 'cases'))).toBe(false);
  });

  it('writes nothing on Ctrl-C', async () => {
    const ctrlC = Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    answers = ['张秀英', ctrlC];
    const r = await tty(['visit', 'add']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('已取消，没有写入任何内容\n');
    expect(existsSync(join(L, 'cases'))).toBe(false);
  });

  it('warns before the last screen that the matter reaches the escalation threshold, writing nothing when declined', async () => {
    const flags = ['--name', '张秀英', '--phone', '13800138000', '--people', '1', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '丈夫去世后遗属抚恤金一直未发放', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', ''];
    // Two visits on one matter (the second a new case linked to the first).
    expect((await runIn(['visit', 'add', ...flags], { cwd: L })).code).toBe(0);
    answers = ['link:QS-2026-A0001', true];
    let r = await tty(['visit', 'add', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('主要领导');
    // The third, on either case, brings the matter to intake.escalate_after_visits (3).
    for (const choice of ['link:QS-2026-A0002', 'visit:QS-2026-A0001']) {
      answers = [choice, false];
      const before = commits(L).length;
      r = await tty(['visit', 'add', ...flags]);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain('该事项累计来访 3 次');
      expect(r.stdout).toContain('QS-2026-A0001、QS-2026-A0002');
      expect(r.stdout).toContain('应由主要领导接待、包案');
      expect(commits(L)).toHaveLength(before);
      expect(existsSync(join(L, 'cases', '2026', 'QS-2026-A0003.yaml'))).toBe(false);
    }
    // Confirmed, the registration finds what the preview said.
    answers = ['visit:QS-2026-A0002', true];
    r = await tty(['visit', 'add', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('该事项已累计来访 3 次');
  });

  it('does not warn when a principal leader receives the new case', async () => {
    await runIn(['leader', 'add', '--name', '王建国', '--title', '党委书记', '--role', 'principal'], { cwd: L });
    const flags = ['--name', '张秀英', '--phone', '13800138000', '--people', '1', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '丈夫去世后遗属抚恤金一直未发放', '--opinion', '', '--locality', '', '--respondent', ''];
    expect((await runIn(['visit', 'add', ...flags, '--leader', '刘芳'], { cwd: L })).code).toBe(0);
    expect((await runIn(['visit', 'add', ...flags, '--leader', '刘芳'], { cwd: L })).code).toBe(0);
    answers = ['new', false];
    const r = await tty(['visit', 'add', ...flags, '--leader', '王建国']);
    expect(r.stdout).toContain('登记内容');
    expect(r.stdout).not.toContain('主要领导');
  });

  it('shows the group-visit flag before the last screen', async () => {
    answers = [false];
    const r = await tty(['visit', 'add', '--name', '张秀英', '--people', '6', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', '']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('集体访：6 人（达到 5 人）');
    expect(existsSync(join(L, 'cases'))).toBe(false);
  });

  it('shows the form of a further visit on a named case too, and writes nothing when declined', async () => {
    const flags = ['--name', '张秀英', '--phone', '13800138000', '--people', '1', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', ''];
    expect((await runIn(['visit', 'add', ...flags, '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '抚恤金未发放'], { cwd: L })).code).toBe(0);
    const before = commits(L).length;
    answers = [false];
    let r = await tty(['visit', 'add', ...flags, '--case', 'A0001']);
    expect(r.code).toBe(2);
    expect(asked).toEqual(['确认登记？']);
    expect(r.stdout).toContain('再次来访 → QS-2026-A0001');
    expect(r.stdout).toMatch(/信访目的 求决\n/);
    expect(commits(L)).toHaveLength(before);
    answers = [true];
    r = await tty(['visit', 'add', ...flags, '--case', 'A0001']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已在 QS-2026-A0001 登记再次来访（该案第 2 次）');
  });

  it('offers the earlier case of a repeat petitioner and adds the visit to it', async () => {
    const flags = ['--name', '张秀英', '--phone', '13800138000', '--people', '1', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '丈夫去世后遗属抚恤金一直未发放', '--leader', '刘芳', '--opinion', '', '--locality', '', '--respondent', ''];
    answers = [true];
    expect((await tty(['visit', 'add', ...flags])).code).toBe(0);
    answers = ['visit:QS-2026-A0001', true];
    asked.length = 0;
    const r = await tty(['visit', 'add', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    expect(asked[0]).toBe('如何登记？');
    expect(r.stdout).toContain('QS-2026-A0001');
    expect(r.stdout).toContain('再次来访');
    expect(existsSync(join(L, 'cases', '2026', 'QS-2026-A0002.yaml'))).toBe(false);
  });
});
