// src/cli/table.ts: box-drawn tables measured in terminal columns (CJK = 2), multi-line
// cells; the same look as cli-table3, which it replaced (the expected text below is what
// cli-table3 drew for these rows).
import { describe, expect, it } from 'vitest';
import { table, textWidth } from '../../src/cli/table.js';
import { terminalText } from '../../src/cli/safe.js';

describe('table', () => {
  it('draws what cli-table3 drew', () => {
    expect(table(['编号', '信访人', 'n'], [['QS-2026-A0001', '张三\n138****0000', 3], ['A', 'ＡＢ全角', '']])).toBe('┌───────────────┬─────────────┬───┐\n│ 编号          │ 信访人      │ n │\n├───────────────┼─────────────┼───┤\n│ QS-2026-A0001 │ 张三        │ 3 │\n│               │ 138****0000 │   │\n├───────────────┼─────────────┼───┤\n│ A             │ ＡＢ全角    │   │\n└───────────────┴─────────────┴───┘');
  });
  it('counts CJK and full-width characters as two columns, colour codes as none', () => {
    expect(textWidth('张三ab')).toBe(6);
    expect(textWidth('\x1b[31m超期\x1b[39m')).toBe(4);
    expect(textWidth('ＡＢ')).toBe(4);
  });
  it('with colour, the text between the codes is the same', () => {
    const plain = table(['a', '名'], [['1', '二']]);
    const coloured = terminalText(table(['a', '名'], [['1', '二']], { colour: true }), true);
    expect(coloured).toContain('\x1b[90m');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });
});
