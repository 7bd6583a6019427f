// src/domain/leaders.ts: resolving leaders and units, next ids, absences.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { awayOn, ID_RE, nextId, resolveLeader, resolveUnit } from '../../src/domain/leaders.js';
import type { Leader, Unit } from '../../src/ledger/schema.js';

const L = (id: string, name: string, extra: Partial<Leader> = {}): Leader => ({ id, name, title: '副乡长', role: 'member', portfolio: '', active: true, absences: [], ...extra });
const leaders = [L('L01', '张三'), L('L02', '李四', { title: '乡长' }), L('L03', '王五'), L('L04', '王五', { title: '武装部长' }), L('L05', '赵六', { active: false })];

describe('resolveLeader', () => {
  it('by id, and by unique name', () => {
    expect(resolveLeader(leaders, 'L02').name).toBe('李四');
    expect(resolveLeader(leaders, ' 张三 ').id).toBe('L01');
    expect(resolveLeader(leaders, '赵六').id).toBe('L05');
  });
  it('an ambiguous name lists the ids to use', () => {
    try {
      resolveLeader(leaders, '王五', '--leader');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('ambiguous');
      expect((e as InputError).message).toContain('L03（副乡长）');
      expect((e as InputError).message).toContain('L04（武装部长）');
    }
    expect(resolveLeader(leaders, 'L04').title).toBe('武装部长');
  });
  it('an unknown leader names the field and lists the active leaders', () => {
    try {
      resolveLeader(leaders, '钱七', '--leader');
      expect.unreachable();
    } catch (e) {
      const err = e as InputError;
      expect(err.exitCode).toBe(2);
      expect(err.code).toBe('unknown_leader');
      expect(err.message).toMatch(/^--leader：没有领导“钱七”/);
      expect(err.message).toContain('张三（L01）');
      expect(err.message).not.toContain('赵六');
    }
  });
  it('with no leaders at all, says how to add one', () => {
    expect(() => resolveLeader([], '张三')).toThrow(/xinfang leader add/);
  });
});

describe('resolveUnit', () => {
  const units: Unit[] = [
    { id: 'U01', name: '民政办', contact: '', active: true },
    { id: 'U02', name: '司法所', contact: '', active: true },
  ];
  it('by id or name; unknown lists the units', () => {
    expect(resolveUnit(units, 'U02').name).toBe('司法所');
    expect(resolveUnit(units, '民政办').id).toBe('U01');
    expect(() => resolveUnit(units, '派出所')).toThrow(/没有承办单位“派出所”.*民政办（U01）/);
    expect(() => resolveUnit([], '派出所')).toThrow(/xinfang unit add/);
  });
});

describe('nextId', () => {
  it('follows the highest number in use, padded to two digits', () => {
    expect(nextId('L', [])).toBe('L01');
    expect(nextId('L', ['L01', 'L02'])).toBe('L03');
    expect(nextId('L', ['L01', 'L07', 'L03'])).toBe('L08');
    expect(nextId('L', ['L09'])).toBe('L10');
    expect(nextId('L', ['L99'])).toBe('L100');
  });
  it('ignores ids of another shape or prefix', () => {
    expect(nextId('L', ['LX1', 'U05', 'zhang', 'L02a'])).toBe('L01');
    expect(nextId('U', ['U01', 'L09'])).toBe('U02');
  });
  it('ID_RE', () => {
    expect(ID_RE.test('L01')).toBe(true);
    expect(ID_RE.test('wang-jg_2')).toBe(true);
    expect(ID_RE.test('张三')).toBe(false);
    expect(ID_RE.test('a b')).toBe(false);
    expect(ID_RE.test('x'.repeat(33))).toBe(false);
  });
});

describe('awayOn', () => {
  it('is inclusive at both ends', () => {
    const l = L('L01', '张三', { absences: [{ from: '2026-12-01', to: '2026-12-05', reason: '学习' }] });
    expect(awayOn(l, '2026-11-30')).toBeUndefined();
    expect(awayOn(l, '2026-12-01')?.reason).toBe('学习');
    expect(awayOn(l, '2026-12-05')).toBeDefined();
    expect(awayOn(l, '2026-12-06')).toBeUndefined();
  });
});
