// The pure parts of "outputs that cannot be turned against the office": masking numbers in
// free text (src/domain/identity.ts), Markdown escaping (src/render/markdown.ts), what the
// terminal may receive (src/cli/safe.ts, src/domain/controls.ts) and confined templates
// (src/render/liquid.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskPiiDeep, maskPiiText } from '../../src/domain/identity.js';
import { escapeMarkdown } from '../../src/render/markdown.js';
import { jsonText, safe, sgr, terminalText, colours } from '../../src/cli/safe.js';
import { confinedLiquid, templateError } from '../../src/render/liquid.js';
import { tempDir } from '../helpers/index.js';
import { makeId } from '../helpers/ids.js';

describe('maskPiiText', () => {
  const id = makeId('511123', '1980-01-01', '123');
  it.each([
    [`身份证${id}号`, `身份证511123********${id.slice(14)}号`],
    [`旧证110105491231002，`, '旧证110105******002，'],
    ['电话13800138000', '电话138****8000'],
    ['138-0013-8000 或 138 0013 8000', '138****8000 或 138****8000'],
    ['+86 13912345678', '139****5678'],
    ['１３８００１３８０００', '138****8000'],
    ['座机0830-5551234', '座机0830-****1234'],
    ['(0830)5551234、（010）12345678、08305551234、010 12345678', '0830-****1234、010-****5678、0830-****1234、010-****5678'],
  ])('%s', (text, masked) => expect(maskPiiText(text)).toBe(masked));

  it.each([
    '补偿款4.5万元，2026-11-25 登记，20261125',
    'QS-2026-A0002，重复 QS-2025-B0117',
    '本地号码5551234（无区号）',
    '订单号12345678901234567890，1380013800012',
    '01JDX7Q4RZ138001380001ABCD',
    'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  ])('leaves alone: %s', (text) => expect(maskPiiText(text)).toBe(text));

  it('masks every mobile in any text around it (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 99_999_999 }), (a, b, second, rest) => {
        const phone = `1${second}${String(rest).padStart(9, '0')}`;
        const pre = a.replace(/[0-9A-Za-z０-９+＋]$/, '') + '：';
        const post = '。' + b;
        expect(maskPiiText(pre + phone + post)).not.toContain(phone);
      }),
    );
  });

  it('maskPiiDeep keeps the keys it is told to', () => {
    expect(maskPiiDeep({ id: '13800138000', note: ['电话13800138000'], n: 13800138000 }, new Set(['id']))).toEqual({ id: '13800138000', note: ['电话138****8000'], n: 13800138000 });
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['甲|乙', '甲\\|乙'],
    ['a\\|b', 'a\\\\\\|b'],
    ['一行\n两行\r\n三行', '一行<br>两行<br>三行'],
    ['# 标题', '\\# 标题'],
    ['> 引用', '&gt; 引用'],
    ['- 列表', '\\- 列表'],
    ['1. 列表', '1\\. 列表'],
    ['    代码', '代码'],
    ['[点我](javascript:alert(1))', '\\[点我\\](javascript:alert(1))'],
    ['**粗**_斜_`码`~删~', '\\*\\*粗\\*\\*\\_斜\\_\\`码\\`\\~删\\~'],
    ['&lt;已转义&gt; A&B', '&amp;lt;已转义&amp;gt; A&B'],
    ['红\x1b[31m字\x1b[0m', '红字'],
  ])('%j', (v, md) => expect(escapeMarkdown(v)).toBe(md));

  it('a table cell keeps a leading - or number (a figure such as -1)', () => {
    expect(escapeMarkdown('-1', { cell: true })).toBe('-1');
    expect(escapeMarkdown('-33.3%', { cell: true })).toBe('-33.3%');
  });

  it('never lets a value break its line, bring in a tag or add a cell (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '汉', '|', '\\', '<', '>', '\n', '\r', '#', '-', '1', '.', ' ', '*', '[', '&') }), (v) => {
        const md = escapeMarkdown(v);
        expect(md).not.toMatch(/[\n\r]/);
        expect(md.replace(/<br>/g, '')).not.toContain('<');
        expect(md.replace(/\\./g, '')).not.toContain('|');
        expect(md).not.toMatch(/^(#|>|-|\d+\.)/);
      }),
    );
  });
});

describe('terminal text', () => {
  const DIRTY = 'a\x1b[2Jb\x1b]0;title\x07c\x1b]52;c;Y2xpcA==\x1b\\d\x9b31me\u202ef\u2066g\x07h\x00i\rj\tk\nl';
  it('safe() removes escape sequences, controls and bidi, keeps tab and line feed', () => {
    expect(safe(DIRTY)).toBe('abcdefghij\tk\nl');
    expect(safe('x\r\ny')).toBe('x\r\ny');
    expect(safe('普通文字')).toBe('普通文字');
  });
  it('an escape left open stops at the end of its line', () => {
    expect(safe('a\x1b]0;title\nnext line')).toBe('a\nnext line');
  });
  it('terminalText keeps our colours (markers) and only ours', () => {
    const c = colours(true);
    const s = `${c.red('超期')} ${'\x1b[31m伪造\x1b[0m'} ${sgr('90')}边${sgr('39')}`;
    expect(terminalText(s, true)).toBe('\x1b[31m超期\x1b[39m 伪造 \x1b[90m边\x1b[39m');
    expect(terminalText(s, false)).toBe('超期 伪造 边');
    expect(colours(false).red('x')).toBe('x');
  });
  it('jsonText writes what JSON leaves raw as \\u escapes: the same data', () => {
    const v = { name: 'a\x9bb\u202ec\u2028d\x7f', esc: '\x1b[2J' };
    const text = jsonText(JSON.stringify(v));
    expect(text).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028\u202e]/);
    expect(JSON.parse(text)).toEqual(v);
  });
});

describe('confined liquid', () => {
  const root = tempDir();
  const dir = join(root, 'templates');
  mkdirSync(dir);
  writeFileSync(join(dir, 'part.liquid'), '部分{{ x }}');
  writeFileSync(join(root, 'secret.txt'), '机密');
  const render = (src: string) => confinedLiquid([dir]).parseAndRender(src, { x: 1 });

  it('includes a partial by name, with or without .liquid', async () => {
    expect(await render('{% include "part" %}|{% render "part.liquid", x: 2 %}')).toBe('部分1|部分2');
  });
  it.each(['{% include "../secret.txt" %}', `{% include "${join(root, 'secret.txt')}" %}`, '{% layout "../secret.txt" %}', '{% render "sub/../../secret.txt" %}'])('refuses %s', async (src) => {
    const e = await render(src).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    const msg = templateError('t.liquid', e).message;
    expect(msg).toMatch(/不能引用|不在模板文件夹中/);
    expect(msg).not.toContain('机密');
  });
});
