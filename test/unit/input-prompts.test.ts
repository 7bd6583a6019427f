// The prompts check what the clerk types with the same rules as the flags (src/domain/input.ts):
// the validate function handed to the prompt library refuses what `--name`, `--summary`,
// `--phone` or `--people` would refuse, with the same words.
import { beforeEach, describe, expect, it, vi } from 'vitest';

let validate: ((v: string) => true | string) | undefined;
let answer = '';
vi.mock('@inquirer/prompts', () => ({
  input: async (o: { validate?: (v: string) => true | string }) => {
    validate = o.validate;
    return answer;
  },
}));

const { askNumber, askText, countProblem } = await import('../../src/cli/prompts.js');
const { petitionerPhoneProblem } = await import('../../src/domain/identity.js');

beforeEach(() => {
  validate = undefined;
  answer = '';
});

describe('prompts use the input layer', () => {
  it('a name: one line, at most 50 characters', async () => {
    answer = '  张三 ';
    expect(await askText('信访人姓名', { required: true, kind: 'name' })).toBe('张三');
    expect(validate!('')).toBe('必填');
    expect(validate!('张三')).toBe(true);
    expect(validate!('张'.repeat(51))).toContain('不能超过 50 个字');
    expect(validate!('张\x1b[31m三')).toContain('控制字符');
  });
  it('a summary: several lines allowed, at most 2,000 characters', async () => {
    await askText('诉求摘要', { required: true, kind: 'text' });
    expect(validate!('第一行\n第二行')).toBe(true);
    expect(validate!('诉'.repeat(2001))).toContain('不能超过 2000 个字');
  });
  it("a petitioner's phone: not a service number", async () => {
    await askText('联系电话', { kind: 'ref', validate: (v) => !v.trim() || (petitionerPhoneProblem(v) ?? true) });
    expect(validate!('')).toBe(true);
    expect(validate!('13800138000')).toBe(true);
    expect(validate!('12345')).toContain('服务热线');
  });
  it('a head count: at most 10,000', async () => {
    answer = '3';
    expect(await askNumber('来访人数', 1, 1)).toBe(3);
    expect(validate!('10000')).toBe(true);
    expect(validate!('10001')).toBe('不能多于 10000');
    expect(countProblem('99999999999999999999', 1)).toBe('应为整数');
  });
});
