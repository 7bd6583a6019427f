// src/domain/taxonomy.ts with the shipped catalogue (data/taxonomy.yaml).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { findCategory, resolveCategory, resolvePurpose } from '../../src/domain/taxonomy.js';
import { loadTaxonomy } from '../../src/ledger/reference.js';

const t = loadTaxonomy();

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('the shipped catalogue', () => {
  it('has the five purposes of the seed plus 咨询, and the 16 seed categories plus 商贸旅游 and 其它', () => {
    expect(t.purposes.map((p) => p.name)).toEqual(expect.arrayContaining(['意见建议', '申诉', '求决', '揭发控告', '其它', '咨询']));
    expect(t.categories).toHaveLength(18);
    expect(t.categories.map((c) => c.code)).toEqual([...Array.from({ length: 17 }, (_, i) => String(20026001 + i)), '20026999']);
    for (const c of t.categories) expect(c.items).toContain('其它');
  });
});

describe('resolvePurpose', () => {
  it.each([
    ['求决', 'request'],
    ['request', 'request'],
    ['REQUEST', 'request'],
    [' 申诉 ', 'appeal'],
    ['建议', 'suggestion'],
    ['控告', 'accusation'],
    ['其他', 'other'],
    ['其它', 'other'],
  ])('%j → %s', (input, key) => {
    expect(resolvePurpose(t, input).key).toBe(key);
  });
  it('names the option and every allowed value when unknown', () => {
    const e = errorOf(() => resolvePurpose(t, '投诉'));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('--purpose');
    expect(e.message).toContain('“投诉”');
    for (const p of t.purposes) expect(e.message).toContain(`${p.name}（${p.key}）`);
  });
});

describe('resolveCategory', () => {
  it.each([
    ['民政/优抚救济', '民政', '优抚救济'],
    ['民政／优抚救济', '民政', '优抚救济'],
    ['civil/优抚救济', '民政', '优抚救济'],
    ['20026012/优抚救济', '民政', '优抚救济'],
    ['民政', '民政', '其它'],
    ['民政/其他', '民政', '其它'],
    ['卫生计生/医患纠纷', '卫生计划', '医患纠纷'],
    ['卫生计生', '卫生计划', '其它'],
    ['科技文体/体育', '科技文化', '体育'],
    ['信息产业/电信', '产业信息', '电信'],
    ['20026008', '卫生计划', '其它'],
    ['其他', '其它', '其它'],
  ])('%j → %s/%s', (input, main, sub) => {
    expect(resolveCategory(t, input)).toEqual({ main, sub });
  });
  it('a bad sub-item lists the allowed ones of that category', () => {
    const e = errorOf(() => resolveCategory(t, '民政/低保'));
    expect(e.message).toContain('“低保”');
    expect(e.message).toContain('“民政”下允许：基层选举、优抚救济、行政区划、社团管理、复退安置、救灾募捐、其它');
  });
  it('an unknown category lists the main categories and the form', () => {
    const e = errorOf(() => resolveCategory(t, '外星人/飞碟'));
    expect(e.message).toContain('--category');
    expect(e.message).toContain('政治综合');
    expect(e.message).toContain('商贸旅游');
    expect(e.message).toContain('大类/小类');
    expect(() => resolveCategory(t, '')).toThrow(InputError);
  });
  it('findCategory by code, key, name and alias give the same entry', () => {
    const a = findCategory(t, '20026016');
    expect(a?.name).toBe('产业信息');
    expect(findCategory(t, 'industry')).toBe(a);
    expect(findCategory(t, '信息产业')).toBe(a);
    expect(findCategory(t, '没有这个')).toBeUndefined();
  });
});

describe('keywords in the shipped catalogue', () => {
  it('name only items of their own category', async () => {
    const { loadTaxonomy } = await import('../../src/ledger/reference.js');
    const t = loadTaxonomy();
    const bad = t.categories.flatMap((c) => Object.keys(c.keywords).filter((k) => !c.items.includes(k)).map((k) => `${c.name}/${k}`));
    expect(bad).toEqual([]);
    expect(Object.keys(t.categories.find((c) => c.name === '民政')!.keywords)).toContain('优抚救济');
  });
});
