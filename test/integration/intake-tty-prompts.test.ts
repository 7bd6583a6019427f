// The prompts wrapper in Chinese: yes/no answers typed as 是/否 or y/n, whole numbers with
// a floor, and the key help under lists — never the library's English.
import { describe, expect, it } from 'vitest';
import { countProblem, filterChoices, keysHelp, libraryMessage, yesNo } from '../../src/cli/prompts.js';
import { categoryChoices } from '../../src/cli/commands/intake-prompts.js';
import { loadTaxonomy } from '../../src/ledger/reference.js';

describe('yes/no answers', () => {
  it('reads 是/否 as well as y/n, and an empty answer as the default', () => {
    for (const v of ['是', 'y', 'Y', 'yes', '是的', '有', '对', ' 是 ']) expect(yesNo(v, false), v).toBe(true);
    for (const v of ['否', 'n', 'No', '不', '没有', '无', '不是']) expect(yesNo(v, true), v).toBe(false);
    expect(yesNo('', true)).toBe(true);
    expect(yesNo('', false)).toBe(false);
  });

  it('does not take an unknown answer for the default', () => {
    expect(yesNo('好吧也许', true)).toBeUndefined();
    expect(yesNo('x', false)).toBeUndefined();
  });
});

describe('head counts', () => {
  it('accepts whole numbers from the floor up', () => {
    expect(countProblem('3', 3)).toBeUndefined();
    expect(countProblem(' 12 ', 1)).toBeUndefined();
  });

  it('says in Chinese what is wrong', () => {
    expect(countProblem('2', 3)).toBe('不能少于 3');
    expect(countProblem('2', 3, '不能少于登记的信访人数 3')).toBe('不能少于登记的信访人数 3');
    expect(countProblem('2.5', 1)).toBe('应为整数');
    expect(countProblem('abc', 1)).toBe('应为整数');
    expect(countProblem('', 1)).toBe('应为整数');
  });
});

describe('key help', () => {
  it('names keys and actions in Chinese', () => {
    const s = keysHelp([['↑↓', 'navigate'], ['space', 'select'], ['a', 'all'], ['i', 'invert'], ['⏎', 'submit']]);
    expect(s).toBe('↑↓ 移动 · 空格 勾选 · a 全选 · i 反选 · 回车 确定');
    expect(keysHelp([['↑↓', 'navigate'], ['⏎', 'select']])).toBe('↑↓ 移动 · 回车 选择');
    expect(s).not.toMatch(/navigate|select|submit/);
  });
});

describe('the library’s own messages', () => {
  it('are shown in Chinese', () => {
    for (const m of ['No results found', 'You must provide a value', 'You must provide a valid value', 'You must select a valid value']) {
      const zh = libraryMessage(m).replace(/\x1b\[\d+m/g, '');
      expect(zh).not.toMatch(/[A-Za-z]{3}/);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(libraryMessage('No results found')).toContain('没有符合的选项');
    expect(libraryMessage('必填')).toContain('必填');
  });
});

describe('category choices', () => {
  it('say what the code under the highlighted choice is, and still find a category by its code', () => {
    const choices = categoryChoices(loadTaxonomy());
    for (const c of choices) expect(c.description, c.name).toMatch(/(^| · )分类代码 \d+$/);
    const code = choices[0]!.description!.match(/分类代码 (\d+)$/)![1]!;
    expect(filterChoices(choices, code).map((c) => c.name)).toContain(choices[0]!.name);
  });
});
