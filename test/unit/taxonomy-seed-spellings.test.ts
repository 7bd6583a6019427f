// Seed, 第三篇 登记表“说明 · 内容分类”：“政法：……社会治安、交通安全刑案侦破、户籍、其它”，“劳动社保：……
// 劳动保护劳动纠纷、离休退休、其它”，“国土资源水利林业：……矿业资源管理、海洋气象 地震”。The catalogue
// (data/taxonomy.yaml) keeps each as its own sub; the seed's run-together spellings are accepted as
// aliases and recorded as the first-named sub (docs/intake.md says so), with or without the main
// category, spaces inside not counting.
import { describe, expect, it } from 'vitest';
import { resolveCategory } from '../../src/domain/taxonomy.js';
import { loadTaxonomy } from '../../src/ledger/reference.js';
import { InputError } from '../../src/errors.js';

const t = loadTaxonomy();

describe('the seed’s spellings of the 内容分类', () => {
  it.each([
    ['政法/交通安全刑案侦破', '政法', '交通安全'],
    ['交通安全刑案侦破', '政法', '交通安全'],
    ['劳动社保/劳动保护劳动纠纷', '劳动社保', '劳动保护'],
    ['劳动保护劳动纠纷', '劳动社保', '劳动保护'],
    ['国土资源水利林业/海洋气象 地震', '国土资源水利林业', '海洋气象'],
    ['海洋气象 地震', '国土资源水利林业', '海洋气象'],
    ['海洋气象地震', '国土资源水利林业', '海洋气象'],
    // The seed's line breaks inside an item (“法律\n服务”) typed with a space.
    ['政法/法律 服务', '政法', '法律服务'],
  ])('%s → %s/%s', (input, main, sub) => {
    expect(resolveCategory(t, input)).toEqual({ main, sub });
  });

  it('the separate subs stay as they were', () => {
    expect(resolveCategory(t, '政法/刑案侦破')).toEqual({ main: '政法', sub: '刑案侦破' });
    expect(resolveCategory(t, '劳动社保/劳动纠纷')).toEqual({ main: '劳动社保', sub: '劳动纠纷' });
    expect(resolveCategory(t, '国土资源水利林业/地震')).toEqual({ main: '国土资源水利林业', sub: '地震' });
  });

  it('an alias belongs to its own category only, and a bare sub that is no alias is still refused', () => {
    expect(() => resolveCategory(t, '民政/交通安全刑案侦破')).toThrow(InputError);
    expect(() => resolveCategory(t, '交通安全刑案')).toThrow(/内容分类（--category）/);
  });
});
