// src/domain/input.ts (the one set of input rules), the petitioner's phone, the UTF-8 reader
// of ledger files, and the command-line net of src/cli/opts.ts.
import fc from 'fast-check';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { InputError, badField } from '../../src/errors.js';
import {
  checkDate,
  checkFileName,
  checkInstant,
  checkMonth,
  checkPeople,
  checkQuarter,
  checkText,
  checkYear,
  fileNameProblem,
  fitFileName,
  PEOPLE_MAX,
  recordDateProblem,
  resolvePlace,
  TEXT_LIMITS,
  textProblem,
} from '../../src/domain/input.js';
import { petitionerPhoneProblem } from '../../src/domain/identity.js';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/ledger/textfile.js';
import { checkCommandLine, checkOutputPath } from '../../src/cli/opts.js';
import { inputErrorMessage } from '../helpers/errors.js';

const msg = inputErrorMessage;

describe('years 1900–2100', () => {
  it('dates, months, quarters, instants and years outside are refused naming the field', () => {
    expect(checkDate('1900-01-01', '--date')).toBe('1900-01-01');
    expect(checkDate(' 2100-12-31 ', '--date')).toBe('2100-12-31');
    for (const d of ['0026-11-20', '0099-12-31', '1899-12-31', '2101-01-01', '0000-01-01', '9999-12-31']) expect(msg(() => checkDate(d, '--date（日期）'))).toMatch(/^--date（日期） 的值 “.*” 无效：年份应在 1900 到 2100 之间/);
    expect(msg(() => checkDate('2026-02-30', '--date'))).toContain('应为真实存在的日期');
    expect(checkMonth('2026-12')).toBe('2026-12');
    expect(msg(() => checkMonth('0000-01'))).toContain('1900 到 2100');
    expect(checkQuarter('2026q4')).toBe('2026Q4');
    for (const q of ['0000Q1', '9999Q4', '1899Q4']) expect(msg(() => checkQuarter(q))).toContain('--quarter');
    expect(checkInstant('2026-12-01 09:00', '--at').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(msg(() => checkInstant('0026-12-01 09:00', '--at'))).toContain('1900 到 2100');
    expect(checkYear('2026')).toBe(2026);
    for (const y of ['1899', '2101', '0', '-1', '20261']) expect(msg(() => checkYear(y))).toContain('--year');
  });
  it('a record (a git commit) is dated 1970–2099', () => {
    expect(recordDateProblem('1970-01-01')).toBeUndefined();
    expect(recordDateProblem('1969-12-31')).toContain('1970');
    expect(recordDateProblem('2099-12-31')).toBeUndefined();
    expect(recordDateProblem('2100-01-01')).toContain('2099');
  });
  it('property: any real date is accepted exactly when its year is 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const ok = y >= 1900 && y <= 2100;
        if (ok) expect(checkDate(s, '--date')).toBe(s);
        else expect(() => checkDate(s, '--date')).toThrow(InputError);
      }),
    );
  });
});

describe('limits', () => {
  it('people 1–10,000 wherever a head count is given', () => {
    expect(PEOPLE_MAX).toBe(10_000);
    expect(checkPeople('10000')).toBe(10_000);
    expect(checkPeople(3)).toBe(3);
    for (const v of ['10001', '0', '-1', '1e3', '1.5', '', '1000000000', '99999999999999999999']) expect(msg(() => checkPeople(v))).toContain('应为 1 到 10000 之间的整数');
    expect(checkPeople('0', '--visitors', 0)).toBe(0);
  });
  it('one length per kind of text', () => {
    expect(TEXT_LIMITS).toMatchObject({ name: 50, label: 50, line: 200, text: 2000, long: 5000 });
    expect(checkText('  张三 ', '--name', 'name')).toBe('张三');
    expect(checkText('张'.repeat(50), '--name', 'name')).toHaveLength(50);
    expect(msg(() => checkText('张'.repeat(51), '--name（姓名）', 'name'))).toBe(`--name（姓名） 的值 “${'张'.repeat(30)}…（共 51 个字）” 无效：不能超过 50 个字（现有 51 个字）`);
    expect(checkText('诉'.repeat(2000), '--summary', 'text')).toHaveLength(2000);
    expect(msg(() => checkText('诉'.repeat(2001), '--summary', 'text'))).toContain('不能超过 2000 个字');
    // characters, not UTF-16 units: 50 emoji are 50 characters
    expect(checkText('😀'.repeat(50), '--name', 'name')).toHaveLength(100);
  });
  it('one-line kinds refuse line breaks; every kind refuses control characters and bidi overrides', () => {
    for (const bad of ['张\n三', '张\r三', '张\t三', '张\x1b[31m三', '张\u202e三', '张\u2028三', '\x00']) expect(textProblem(bad, 'name'), JSON.stringify(bad)).toBeDefined();
    expect(textProblem('第一行\n第二行\t缩进', 'text')).toBeUndefined();
    expect(checkText('a\r\nb', '--note', 'text')).toBe('a\nb');
    for (const bad of ['a\rb', 'a\x1bb', 'a\u202eb', 'a\x7fb', 'a\x9bb']) expect(textProblem(bad, 'text'), JSON.stringify(bad)).toBeDefined();
    expect(textProblem('a\ud800b', 'text')).toContain('Unicode');
  });
  it('required and empty', () => {
    expect(checkText('', '--note', 'text')).toBe('');
    expect(checkText(undefined, '--note', 'text')).toBe('');
    expect(msg(() => checkText('  ', '--reason（理由）', 'text', { required: true }))).toBe('--reason（理由） 的值 （空） 无效：不能为空');
  });
  it('messages show a wrong value short and with control characters made visible', () => {
    expect(badField('--x', 'a\x1b[31mb\nc', '…').message).toBe('--x 的值 “a\\u{1b}[31mb\\nc” 无效：…');
    expect(badField('--x', 'x'.repeat(100_000), '…').message.length).toBeLessThan(100);
  });
});

describe('places', () => {
  const places = [
    { id: 'center', name: '接访室' },
    { id: 'hall', name: '大厅' },
  ];
  it('by id or name from xinfang.yaml, nothing else', () => {
    expect(resolvePlace(places, 'center').id).toBe('center');
    expect(resolvePlace(places, '大厅').id).toBe('hall');
    expect(msg(() => resolvePlace(places, '../../etc'))).toBe('--place（接待地点） 的值 “../../etc” 无效：应为 xinfang.yaml 中 places 的编号或名称：接访室（center）、大厅（hall）');
  });
});

describe('attachment names', () => {
  it('refuses separators, . and .., .git in any spelling, device names, control characters, > 255 bytes', () => {
    for (const bad of ['.git', '.GIT', '.Git', '.git.', '.git..', '.git ', 'git~1', 'GIT~12', '.gitignore', '.GITMODULES', '.xinfang', '.', '..', '...', 'a/b', '/etc', 'a\\b', 'x\ny', 'x\x00', 'CON', 'nul.txt', 'com1', 'a'.repeat(256), '张'.repeat(86), '']) {
      expect(fileNameProblem(bad), JSON.stringify(bad)).toBeDefined();
    }
    for (const ok of ['答复意见书.pdf', 'git.txt', 'my.git.txt', '.hidden', 'a'.repeat(255), '张'.repeat(85), 'console.log', 'con-report.txt']) expect(fileNameProblem(ok), ok).toBeUndefined();
    expect(msg(() => checkFileName('.git', '--name（附件名称）'))).toContain('--name（附件名称）');
  });
  it('fitFileName keeps the extension within the byte limit', () => {
    const long = `${'张'.repeat(84)}.pdf`;
    const fit = fitFileName(`12345678-${long}`, 255);
    expect(new TextEncoder().encode(fit).length).toBeLessThanOrEqual(255);
    expect(fit.endsWith('.pdf')).toBe(true);
    expect(fitFileName('short.txt', 255)).toBe('short.txt');
  });
});

describe("a petitioner's phone", () => {
  it('is a phone, and not a service number', () => {
    for (const ok of ['13800138000', '138-0013-8000', '0830-5551234', '010-62345678', '5551234', '+86 138 0013 8000']) expect(petitionerPhoneProblem(ok), ok).toBeUndefined();
    for (const svc of ['12345', '12315', '95588', '96110', '110', '120', '400-800-1234', '4008001234', '800-810-1234']) expect(petitionerPhoneProblem(svc), svc).toContain('服务热线');
    for (const bad of ['12345678', '1234567']) expect(petitionerPhoneProblem(bad), bad).toContain('不是有效的电话号码');
    for (const bad of ['138001380', 'abc', '1-3-8']) expect(petitionerPhoneProblem(bad), bad).toContain('11 位手机号');
  });
});

describe('UTF-8 of ledger files', () => {
  it('names the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: 张\n'), Buffer.from([0xd5, 0xc5]), Buffer.from('\n')]);
    const r = decodeUtf8('x.yaml', bytes);
    expect(r).toEqual({ ok: false, problem: { file: 'x.yaml', line: 3, message: expect.stringContaining('UTF-8') } });
    expect(decodeUtf8('x.yaml', Buffer.from('张三\n'))).toEqual({ ok: true, text: '张三\n' });
  });
  it('property: firstInvalidUtf8 agrees with a fatal TextDecoder on random bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => new TextEncoder().encode(s))), (b) => {
        let valid = true;
        try {
          strict.decode(b);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(b) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the command-line net', () => {
  function parsed(argv: string[]): Command {
    const root = new Command('x').exitOverride().option('--by <N>');
    const sub = root.command('add').argument('[ID]').option('--leader <L>').option('--note <N>').option('--name <N>', '', (v: string, p: string[] = []) => [...p, v]).option('--new').action(() => {});
    root.parse(argv, { from: 'user' });
    return sub;
  }
  it('refuses an explicitly empty value naming the option, except free texts whose empty value is the answer', () => {
    expect(msg(() => checkCommandLine(parsed(['add', '--leader', '']), []))).toBe('--leader 的值 （空） 无效：给出这个选项时值不能为空（不需要时请不写这个选项）');
    expect(msg(() => checkCommandLine(parsed(['add', '--name', 'a', '--name', ' ']), []))).toContain('--name');
    expect(msg(() => checkCommandLine(parsed(['--by', '', 'add']), []))).toContain('--by');
    expect(msg(() => checkCommandLine(parsed(['add']), ['']))).toContain('ID');
    expect(() => checkCommandLine(parsed(['add', '--note', '', '--new']), [])).not.toThrow();
  });
  it('refuses control characters and huge values anywhere', () => {
    expect(msg(() => checkCommandLine(parsed(['add', '--note', 'a\x1b[2Jb']), []))).toContain('控制字符');
    expect(msg(() => checkCommandLine(parsed(['add', '--leader', 'x'.repeat(10_001)]), []))).toContain('太长');
    expect(msg(() => checkCommandLine(parsed(['add']), ['a\x00']))).toContain('ID');
    expect(() => checkCommandLine(parsed(['add', '--note', '两行\n文字']), [])).not.toThrow();
  });
});

describe('checkOutputPath (-o)', () => {
  it('refuses /proc, devices, folders and missing folders, naming -o', () => {
    for (const o of ['/proc/version', '/dev/null', '/', '/nonexistent/x.md', '']) expect(msg(() => checkOutputPath(o, '/tmp'))).toContain('-o');
  });
});
