// LiquidJS's error messages reach the clerk in Chinese (src/render/liquid.ts).
import { describe, expect, it } from 'vitest';
import { Liquid } from 'liquidjs';
import { liquidMessageZh } from '../../src/render/liquid.js';

async function messageOf(tpl: string): Promise<string> {
  try {
    await new Liquid({ strictFilters: true }).parseAndRender(tpl, {});
  } catch (e) {
    return liquidMessageZh((e as Error).message.split('\n')[0]!);
  }
  throw new Error('no error');
}

describe('template errors in Chinese', () => {
  it.each([
    ['{{ a | nofilter }}', /^没有过滤器“nofilter”（第 1 行第 1 列）$/],
    ['{% if x %}oops', /^标签 .* 没有结束/],
    ['{{ a ', /^输出 .* 没有结束/],
    ['{% nosuchtag %}', /^没有标签“nosuchtag”/],
  ])('%s', async (tpl, re) => {
    const m = await messageOf(tpl);
    expect(m).toMatch(re);
  });
  it('a message not known keeps a Chinese lead and the place', () => {
    expect(liquidMessageZh('something odd, line:3, col:4')).toBe('模板语法错误（第 3 行第 4 列）（something odd）');
  });
});
