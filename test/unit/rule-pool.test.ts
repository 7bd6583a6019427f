// Seed, 第五篇 三：“区委书记每月安排一天、区长每月安排两天时间接待群众来访”. The rule means the
// holders of these posts, whatever else their title says (区委副书记、区长; 中共××区委书记), and
// never a deputy (副区长, 区委副书记).
import { describe, expect, it } from 'vitest';
import { emptyRequiredRules, holdsPost, mustFill, rulePool, titleParts } from '../../src/domain/rule-pool.js';
import type { Leader, Rule } from '../../src/ledger/schema.js';

const L = (id: string, name: string, title: string, role: Leader['role'] = 'member', active = true): Leader => ({ id, name, title, role, portfolio: '', active, absences: [] });
const rule = (pool: Rule['pool'], required?: boolean): Rule => ({ name: '区长接访日', kind: 'monthly', pool, place: 'center', mode: 'fixed', floor: false, ...(required === undefined ? {} : { required }) });

describe('holdsPost: the post within a compound title (第五篇 三 区委书记、区长)', () => {
  it('finds 区长 in 区委副书记、区长 and 区委书记 in 中共××区委书记', () => {
    expect(titleParts('中共市中区委副书记、区长')).toEqual(['市中区委副书记', '区长']);
    expect(holdsPost('区委副书记、区长', '区长')).toBe(true);
    expect(holdsPost('中共市中区委书记', '区委书记')).toBe(true);
    expect(holdsPost('市中区区长', '区长')).toBe(true);
    expect(holdsPost('区委书记，区人大常委会主任', '区委书记')).toBe(true);
    expect(holdsPost('区委书记兼区人武部第一书记', '区委书记')).toBe(true);
  });
  it('never a deputy or an assistant', () => {
    expect(holdsPost('副区长', '区长')).toBe(false);
    expect(holdsPost('常务副区长', '区长')).toBe(false);
    expect(holdsPost('区委副书记', '区委书记')).toBe(false);
    expect(holdsPost('区长助理', '区长')).toBe(false);
    expect(holdsPost('区委副书记、副区长', '区长')).toBe(false);
  });
});

describe('rulePool and must-fill rules', () => {
  const team = [L('L01', '赵一', '中共市中区委书记', 'principal'), L('L02', '钱二', '区委副书记、区长', 'principal'), L('L03', '孙三', '常务副区长'), L('L04', '李四', '区长', 'principal', false)];
  it('the district rules find the 书记 and the 区长 by post; a retired 区长 is not in the pool', () => {
    expect(rulePool(rule({ titles: ['区委书记'] }), team).map((l) => l.id)).toEqual(['L01']);
    expect(rulePool(rule({ titles: ['区长'] }), team).map((l) => l.id)).toEqual(['L02']);
  });
  it('the office may name the leader in the rule (pool.leaders, number or name)', () => {
    expect(rulePool(rule({ leaders: ['孙三'] }), team).map((l) => l.id)).toEqual(['L03']);
    expect(rulePool(rule({ leaders: ['L01'] }), team).map((l) => l.id)).toEqual(['L01']);
  });
  it('a rule naming a post or a leader must be filled; a role rule only when it says required', () => {
    expect(mustFill(rule({ titles: ['区长'] }))).toBe(true);
    expect(mustFill(rule({ leaders: ['L09'] }))).toBe(true);
    expect(mustFill(rule({ roles: ['dept-member'] }))).toBe(false);
    expect(mustFill(rule({ roles: ['principal'] }, true))).toBe(true);
    expect(mustFill(rule({ titles: ['区长'] }, false))).toBe(false);
    const onlyDeputy = [L('L03', '孙三', '副区长')];
    expect(emptyRequiredRules([rule({ titles: ['区长'] }), rule({ roles: ['dept-member'] })], onlyDeputy).map((r) => r.pool)).toEqual([{ titles: ['区长'] }]);
  });
});
