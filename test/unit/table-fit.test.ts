// Tables fit the terminal (src/cli/table.ts): long cells wrap (CJK two columns each), the
// columns of `drop` are left out when wrapping is not enough, `keep` columns never wrap;
// without a width the table is as wide as its cells.
import { describe, expect, it } from 'vitest';
import { fitColumns, table, textWidth, wrapLine } from '../../src/cli/table.js';
import { colours, stripMarks, terminalText } from '../../src/cli/safe.js';

const widest = (s: string) => Math.max(...s.split('\n').map(textWidth));

describe('wrapLine', () => {
  it('breaks CJK text between characters, two columns each', () => {
    expect(wrapLine('村道硬化工程完工两年', 6)).toEqual(['村道硬', '化工程', '完工两', '年']);
    expect(wrapLine('村道硬化', 7)).toEqual(['村道硬', '化']);
  });
  it('breaks latin text at a space when there is one', () => {
    expect(wrapLine('overdue by 60 days', 10)).toEqual(['overdue by', '60 days']);
  });
  it('keeps a colour across the break without counting it', () => {
    const c = colours(true);
    const lines = wrapLine(`前${c.red('交主要领导')}`, 4);
    expect(lines.map((l) => textWidth(l))).toEqual([4, 4, 4]);
    expect(lines.map(stripMarks).join('')).toBe('前交主要领导');
    // Each line closes the colour and the next opens it again.
    expect(terminalText(lines[1]!, true)).toMatch(/^\x1b\[31m.*\x1b\[0m$/);
  });
});

describe('table at a width', () => {
  const head = ['编号', '登记日期', '渠道', '诉求'];
  const rows = [['QS-2026-A0001', '2026-11-25', '来访', '丈夫系退伍军人，2025年去世后遗属定期抚恤金一直未发放，请求核实发放'.repeat(2)]];

  it('without a width: as wide as its cells (files and pipes keep every column)', () => {
    const t = table(head, rows);
    expect(widest(t)).toBeGreaterThan(150);
    expect(t).not.toContain('未显示');
  });

  it('fits 60 columns by wrapping the long cell; ids and dates stay whole', () => {
    const t = table(head, rows, { width: 60, keep: [0, 1] });
    expect(widest(t)).toBeLessThanOrEqual(60);
    expect(t).toContain('QS-2026-A0001');
    expect(t).toContain('2026-11-25');
    expect(t.replace(/[│\s]/g, '')).toContain('丈夫系退伍军人');
    expect(t).not.toContain('未显示');
  });

  it('leaves out the columns of drop, in order, only when wrapping is not enough, and says so', () => {
    const many = ['编号', '登记日期', '渠道', '信访目的', '接待领导', '诉求'];
    const r = [['QS-2026-A0001', '2026-11-25', '来访', '求决', '王建国', '很长的诉求'.repeat(10)]];
    const t = table(many, r, { width: 60, keep: [0, 1], drop: [2, 3, 4] });
    expect(widest(t)).toBeLessThanOrEqual(60);
    expect(t).toMatch(/未显示：渠道、信访目的；/);
    expect(t).toContain('接待领导');
    expect(t).toContain('--wide');
  });

  it('fitColumns: the sum of widths and borders is within the width', () => {
    const natural = [13, 10, 40, 60, 8];
    const f = fitColumns(['编号', '日期', '分类', '诉求', '领导'], natural, { width: 100, keep: [0] });
    expect(f.shown.reduce((a, i) => a + f.widths[i]!, 0) + 3 * f.shown.length + 1).toBeLessThanOrEqual(100);
    expect(f.widths[0]).toBe(13);
    expect(f.dropped).toEqual([]);
  });
});

describe('dates, ids and times stay whole', () => {
  it('a run of digits moves to the next line rather than being split', () => {
    expect(wrapLine('2026-12-03、2026-12-07、2026-12-09', 20)).toEqual(['2026-12-03、', '2026-12-07、', '2026-12-09']);
    expect(wrapLine('交办 09-26 超期 60 天', 8)).toEqual(['交办', '09-26 超', '期 60 天']);
  });
  it('a column of dates is not narrowed below its longest date, without being told', () => {
    const rows = Array.from({ length: 5 }, (_, i) => [`2026-12-0${i + 1}`, '星期二', '张志强', '党委副书记', '08:30-17:00', '乡综治信访维稳中心接访室', '定点接访', '班子成员轮流值班']);
    const t = table(['日期', '星期', '接访领导', '职务', '时间', '地点', '方式', '排班规则'], rows, { width: 80 });
    expect(widest(t)).toBeLessThanOrEqual(80);
    for (const r of rows) expect(t).toContain(r[0]);
    expect(t).toContain('08:30-17:00');
  });
});

describe('last resort columns', () => {
  it('are left out only when the narrowest wrapping does not fit', () => {
    const head = ['编号', '日期', '领导', '诉求'];
    const rows = [['QS-2026-A0001', '2026-12-02', '王建国', '很长的诉求'.repeat(8)]];
    const wide = table(head, rows, { width: 60, keep: [0, 1], lastResort: [2] });
    expect(wide).toContain('王建国');
    expect(wide).not.toContain('未显示');
    const narrow = table(head, rows, { width: 42, keep: [0, 1], lastResort: [2] });
    expect(widest(narrow)).toBeLessThanOrEqual(42);
    expect(narrow).toMatch(/未显示：领导/);
  });
});
