// `init` and `setup` at a terminal ask what the flags did not give: unit and code (init), the
// station letter (setup), the clerk's name, the office's phone and address (prompts mocked).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { commits, git, NOW, tempDir } from '../helpers/index.js';

const asked: { message: string; def?: string }[] = [];
let answers: Record<string, string> = {};
vi.mock('../../src/cli/prompts.js', () => ({
  askText: async (message: string, o: { default?: string; validate?: (v: string) => true | string } = {}) => {
    asked.push({ message, def: o.default });
    const key = Object.keys(answers).find((k) => message.startsWith(k));
    if (key === undefined) throw new Error(`unexpected prompt: ${message}`);
    const v = answers[key] === '' && o.default !== undefined ? o.default : answers[key]!;
    const ok = o.validate ? o.validate(v) : true;
    if (ok !== true) throw new Error(`answer ${v} refused by ${message}: ${ok}`);
    return v;
  },
}));

async function tty(args: string[], cwd: string) {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, env: { XINFANG_NOW: NOW, NO_COLOR: '1' }, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: true });
  return { code, stdout, stderr };
}

beforeEach(() => {
  asked.length = 0;
  answers = {};
});

describe('init at a terminal', () => {
  it('asks unit, code, clerk, phone and address, and keeps them', async () => {
    const dir = join(tempDir(), 'ledger');
    answers = { 单位名称: '青山镇', 单位代码: 'QS', 登记人姓名: '李文', 信访办电话: '0830-5551234', 信访办地址: '青山镇人民政府一楼' };
    const r = await tty(['init', dir], tempDir());
    expect(r.code, r.stderr).toBe(0);
    expect(asked.map((a) => a.message.slice(0, 4))).toEqual(['单位名称', '单位代码', '登记人姓', '信访办电', '信访办地']);
    const c = parse(readFileSync(join(dir, 'xinfang.yaml'), 'utf8'));
    expect(c.office).toMatchObject({ name: '青山镇', code: 'QS', phone: '0830-5551234', address: '青山镇人民政府一楼' });
    expect(c.places[0].name).toBe('镇综治信访维稳中心接访室');
    expect(commits(dir)[0]!.author).toBe('李文');
  });

  it('asks only what the flags did not give', async () => {
    const dir = join(tempDir(), 'ledger');
    answers = { 登记人姓名: '李文', 信访办电话: '', 信访办地址: '' };
    const r = await tty(['init', dir, '--unit', '青山乡', '--code', 'QS'], tempDir());
    expect(r.code, r.stderr).toBe(0);
    expect(asked.map((a) => a.message.slice(0, 5))).toEqual(['登记人姓名', '信访办电话', '信访办地址']);
  });
});

describe('setup at a terminal', () => {
  it('asks station, clerk, phone and address, offering what is set now; a new phone is one commit', async () => {
    const dir = join(tempDir(), 'ledger');
    answers = { 单位名称: '青山乡', 单位代码: 'QS', 登记人姓名: '李文', 信访办电话: '0830-5551234', 信访办地址: '' };
    expect((await tty(['init', dir], tempDir())).code).toBe(0);
    asked.length = 0;
    const before = commits(dir).length;
    answers = { 本机工作站字母: 'b', 登记人姓名: '', 信访办电话: '0830-5550000', 信访办地址: '' };
    const r = await tty(['setup'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toEqual([
      { message: expect.stringContaining('工作站字母'), def: 'A' },
      { message: expect.stringContaining('登记人姓名'), def: '李文' },
      { message: expect.stringContaining('信访办电话'), def: '0830-5551234' },
      { message: expect.stringContaining('信访办地址'), def: undefined },
    ]);
    expect(readFileSync(join(dir, '.xinfang', 'station'), 'utf8').trim()).toBe('B');
    expect(commits(dir)).toHaveLength(before + 1);
    expect(commits(dir)[0]).toEqual({ author: '李文', subject: '设置信访办电话' });
    expect(git(dir, ['config', '--local', 'user.name'])).toBe('李文');
  });
});
