// src/cli/opts.ts: option strings → values, with Chinese messages naming option and allowed values.
import { describe, expect, it } from 'vitest';
import { optDate, optEnum, optInstant, optInt, optMonth, optQuarter, optText, requireOpts } from '../../src/cli/opts.js';
import { ROLE_ZH } from '../../src/domain/leaders.js';
import { inputErrorMessage } from '../helpers/errors.js';

const msg = inputErrorMessage;

describe('opts', () => {
  it('optDate accepts real dates only', () => {
    expect(optDate(' 2026-12-01 ', '--date')).toBe('2026-12-01');
    expect(msg(() => optDate('2026-02-30', '--date'))).toBe('--date 的值 “2026-02-30” 无效：应为真实存在的日期，格式 YYYY-MM-DD，如 2026-12-01');
    expect(msg(() => optDate(undefined, '--from'))).toContain('--from 的值 （空）');
  });
  it('optMonth and optQuarter', () => {
    expect(optMonth('2026-12')).toBe('2026-12');
    expect(msg(() => optMonth('2026-13'))).toContain('--month');
    expect(optQuarter('2026q4')).toBe('2026Q4');
    expect(msg(() => optQuarter('2026Q5'))).toContain('YYYYQn');
  });
  it('optInstant is Shanghai time', () => {
    expect(optInstant('2026-12-01 09:00', '--at').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(msg(() => optInstant('2026-12-01 25:00', '--at'))).toContain('--at');
  });
  it('optInt checks integer form and bounds', () => {
    expect(optInt('30', '--days', 1, 30)).toBe(30);
    expect(msg(() => optInt('31', '--days', 1, 30))).toContain('应为 1 到 30 之间的整数');
    expect(msg(() => optInt('1.5', '--days', 1))).toContain('应为不小于 1 的整数');
    expect(msg(() => optInt('', '--days', 1))).toContain('--days');
  });
  it('optEnum takes the Chinese word or the English key and lists both when wrong', () => {
    expect(optEnum('班子成员', '--role', ROLE_ZH)).toBe('member');
    expect(optEnum('dept-member', '--role', ROLE_ZH)).toBe('dept-member');
    expect(optEnum('书记', '--role', ROLE_ZH, { 书记: 'principal' })).toBe('principal');
    expect(msg(() => optEnum('boss', '--role', ROLE_ZH))).toBe(
      '--role 的值 “boss” 无效：允许：主要领导（principal）、班子成员（member）、部门主要领导（dept-principal）、部门班子成员（dept-member）',
    );
  });
  it('requireOpts names every missing option at once', () => {
    expect(msg(() => requireOpts({ name: '张三', title: '' }, [['name', '--name'], ['title', '--title'], ['role', '--role']]))).toBe('缺少必填项：--title、--role');
    expect(() => requireOpts({ a: 'x' }, [['a', '--a']])).not.toThrow();
  });
  it('optText trims, refuses empty and over-long text', () => {
    expect(optText('  摘要 ', '--summary')).toBe('摘要');
    expect(msg(() => optText('  ', '--summary'))).toContain('不能为空');
    expect(msg(() => optText('字'.repeat(51), '--name', 'name'))).toContain('不能超过 50 个字');
  });
});

describe('optOutputFile (-o FILE)', () => {
  it('resolves against the working folder, and refuses a missing folder or a folder as the file', async () => {
    const { optOutputFile } = await import('../../src/cli/opts.js');
    const { mkdtempSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const d = mkdtempSync(join(tmpdir(), 'xinfang-o-'));
    mkdirSync(join(d, 'out'));
    expect(optOutputFile('out/表.html', d)).toBe(join(d, 'out', '表.html'));
    expect(() => optOutputFile('nope/表.html', d)).toThrow(/-o（输出文件）.*文件夹 .*nope 不存在/);
    expect(() => optOutputFile('out', d)).toThrow(/是一个文件夹/);
  });
});
