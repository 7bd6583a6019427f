// The category prompt's type-to-filter: the words a visitor uses (低保, 征地, 欠薪) find the
// catalogue item, as the prompt's own hint promises; national spellings and several words work.
import { describe, expect, it } from 'vitest';
import { categoryChoices } from '../../src/cli/commands/intake-prompts.js';
import { filterChoices } from '../../src/cli/prompts.js';
import { loadTaxonomy } from '../../src/ledger/reference.js';

const choices = categoryChoices(loadTaxonomy());
const found = (term: string) => filterChoices(choices, term).map((c) => c.value);

describe('category filter', () => {
  it.each([
    ['低保', '民政/优抚救济'],
    ['抚恤', '民政/优抚救济'],
    ['拆迁', '城乡建设/城镇拆迁'],
    ['征地', '国土资源水利林业/土地征用'],
    ['宅基地', '国土资源水利林业/土地资源管理'],
    ['欠薪', '劳动社保/工资福利'],
    ['拖欠工资', '劳动社保/工资福利'],
    ['医保', '劳动社保/社会保险'],
    ['危房', '城乡建设/住房与房地产'],
    ['污染', '交通能源环保/环境保护'],
    ['卫生计生', '卫生计划/医患纠纷'],
    ['信息产业', '产业信息/电信'],
    ['民政 救济', '民政/优抚救济'],
    ['养猪 污染', '交通能源环保/环境保护'],
    ['猪场 臭味', '交通能源环保/环境保护'],
  ])('“%s” finds %s', (term, item) => {
    expect(found(term)).toContain(item);
  });
  it('narrows: every result matches, and nothing matches nonsense', () => {
    expect(found('低保').length).toBeLessThan(5);
    expect(found('民政 救济')).toEqual(['民政/优抚救济']);
    expect(found('啊啊啊')).toEqual([]);
    // Several words: every one must occur (养猪 alone finds the item, 养猪 低保 nothing).
    expect(found('养猪 低保')).toEqual([]);
    expect(found('')).toHaveLength(choices.length);
  });
});
