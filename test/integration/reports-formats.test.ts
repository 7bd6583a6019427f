// Report files read back by real readers: the XLSX by exceljs, the HTML by headless
// chromium (skipped, with a message, where chromium is not installed); and the county
// roll-up over several ledgers.
import { beforeAll, describe, expect, it } from 'vitest';
import { chromium, CHROMIUM, warnIfMissing } from '../helpers/chromium.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readXlsx, runIn, tempDir } from '../helpers/index.js';
import { buildFixture, ID_A, PHONE_A, type Fixture } from './reports-fixture.js';

let fx: Fixture;
let other: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
  other = await buildFixture({ unit: '白石镇', code: 'BS' });
}, 180_000);

const cli = (args: string[], root = fx.root) => runIn(['--ledger', root, ...args]);

/** Writes `report … --format xlsx` to a temp file and reads it back with exceljs. */
async function xlsxOf(args: string[]) {
  const out = join(tempDir(), 'report.xlsx');
  const res = await cli([...args, '--format', 'xlsx', '-o', out]);
  expect(res.code, res.stderr).toBe(0);
  return readXlsx(out);
}

describe('xlsx', () => {
  it('stats: one sheet per table, title row, Chinese headers, frozen header, widths', async () => {
    const wb = await xlsxOf(['report', 'stats', '--quarter', '2026Q3']);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['总体情况', '主要指标', '按信访渠道', '按信访目的', '按内容分类大类', '按内容分类小类', '按接待领导', '按包案领导', '按承办单位', '按问题属地', '按月份']);
    const ws = wb.getWorksheet('主要指标')!;
    expect(String(ws.getCell('A1').value)).toBe('青山乡领导干部接待群众来访情况统计表：主要指标');
    expect(ws.getRow(2).values).toEqual([undefined, '指标', '分子', '分母', '本期', '上期', '增减', '口径']);
    expect(ws.getRow(3).getCell(1).value).toBe('及时受理率');
    expect(ws.getRow(3).getCell(2).value).toBe(3);
    expect(ws.getRow(3).getCell(3).value).toBe(5);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(12);
    const ch = wb.getWorksheet('按信访渠道')!;
    expect(ch.getRow(3).values).toEqual([undefined, '来访', 4, 0.8, 1, 3]); // 80.0%, +3 as formatted numbers
  });

  it('register: masked personal data, Chinese intact', async () => {
    const wb = await xlsxOf(['report', 'register', '--quarter', '2026Q3']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(6).value).toBe('信访人');
    expect(ws.getRow(3).getCell(1).value).toBe(fx.ids.A);
    expect(String(ws.getRow(3).getCell(6).value)).toContain('钱小二');
    const all = JSON.stringify(ws.getSheetValues());
    expect(all).not.toContain(ID_A);
    expect(all).not.toContain(PHONE_A);
  });
});

warnIfMissing('统计表 HTML 的渲染');

describe.skipIf(!CHROMIUM)('html in headless chromium', () => {
  it('renders the statistics page with its charts, and prints it to PDF', async () => {
    const dir = tempDir();
    const html = join(dir, 'stats.html');
    expect((await cli(['report', 'stats', '--quarter', '2026Q3', '--format', 'html', '-o', html])).code).toBe(0);
    const dom = chromium(['--dump-dom'], html);
    expect(dom.status, dom.stderr).toBe(0);
    // The DOM as chromium parsed it: the title, every table and the SVG charts.
    expect(dom.stdout).toContain('<h1>青山乡领导干部接待群众来访情况统计表</h1>');
    expect((dom.stdout.match(/<section data-table=/g) ?? []).length).toBe(11);
    expect((dom.stdout.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(8);
    expect(dom.stdout).toContain('<td>及时受理率</td><td class="num">3</td><td class="num">5</td><td>60.0%</td>');
    const pdf = join(dir, 'stats.pdf');
    const p = chromium([`--print-to-pdf=${pdf}`, '--no-pdf-header-footer'], html);
    expect(p.status, p.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    const png = join(dir, 'stats.png');
    chromium([`--screenshot=${png}`, '--window-size=1123,794'], html);
    expect(existsSync(png)).toBe(true);
    if (process.env.XINFANG_KEEP_SCREENSHOT) spawnSync('cp', [png, process.env.XINFANG_KEEP_SCREENSHOT]);
  }, 180_000);
});

describe('county roll-up', () => {
  it('--include adds up several ledgers with a column per office', async () => {
    const res = await cli(['--json', 'report', 'stats', '--quarter', '2026Q3', '--include', other.root]);
    expect(res.code, res.stderr).toBe(0);
    const j = JSON.parse(res.stdout);
    expect(j.offices.map((o: { name: string }) => o.name)).toEqual(['青山乡', '白石镇']);
    expect(j.offices[1].total).toBe(5);
    expect(j.total).toBe(10);
    expect(j.visits).toEqual({ batches: 10, persons: 32 });
    expect(j.rates.accepted_in_time).toEqual({ numerator: 6, denominator: 10, value: 0.6 });
    expect(j.rates.closed_in_time).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(j.by.channel).toEqual({ 来访: 8, 来信: 2 });
    expect(j.previous.total).toBe(2);
  });

  it('the table has one column per office and the total; a bad --include writes nothing', async () => {
    const res = await cli(['report', 'stats', '--quarter', '2026Q3', '--include', other.root, '--format', 'md']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('| 项目 | 青山乡 | 白石镇 | 合计 |');
    expect(res.stdout).toContain('| 登记信访事项（件） | 5 | 5 | 10 |');
    expect(res.stdout).toContain('| 及时受理率 | 60.0% | 60.0% | 60.0% | 6/10 |');
    const bad = await cli(['report', 'stats', '--quarter', '2026Q3', '--include', tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--include');
  });

  it('without a ledger of its own, only the included offices', async () => {
    const res = await runIn(['--json', 'report', 'stats', '--quarter', '2026Q3', '--include', fx.root, other.root], { cwd: tempDir() });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).offices).toHaveLength(2);
  });
});

describe('xlsx cells are numbers a spreadsheet can add up', () => {
  it('shares, rates and changes are numbers with a display format, not text', async () => {
    const wb = await xlsxOf(['report', 'stats', '--quarter', '2026Q3']);
    const ch = wb.getWorksheet('按信访渠道')!;
    // 来访 4 of 5, 80.0%, last period 1, +3
    const row = ch.getRow(3);
    expect(row.getCell(1).value).toBe('来访');
    expect(row.getCell(3).value).toBeCloseTo(0.8, 10);
    expect(row.getCell(3).numFmt).toBe('0.0%');
    expect(row.getCell(5).value).toBe(3);
    expect(row.getCell(5).numFmt).toContain('+0');
    const rates = wb.getWorksheet('主要指标')!;
    // 及时受理率 3/5 = 60.0%; an empty rate stays the dash
    expect(rates.getRow(3).getCell(4).value).toBeCloseTo(0.6, 10);
    expect(rates.getRow(3).getCell(4).numFmt).toBe('0.0%');
    const ov = wb.getWorksheet('总体情况')!;
    expect(typeof ov.getRow(3).getCell(4).value).toBe('number'); // 增减
    const all = rates.getSheetValues().flat().filter((v) => typeof v === 'string') as string[];
    expect(all.some((s) => /^[+-]?\d+(\.\d+)?%$/.test(s))).toBe(false);
  });
});

describe('county roll-up: totals and the previous period', () => {
  it('every breakdown has a 合计 row; the overview and the rates compare with the previous period', async () => {
    const res = await cli(['report', 'stats', '--quarter', '2026Q3', '--include', other.root, '--format', 'md']);
    expect(res.code, res.stderr).toBe(0);
    const md = res.stdout;
    // 2026Q3: each office registered 5 (4 visits, 1 letter); 2026Q2: 1 each.
    expect(md).toContain('| 项目 | 青山乡 | 白石镇 | 合计 | 上期合计 | 增减 |');
    expect(md).toContain('| 登记信访事项（件） | 5 | 5 | 10 | 2 | +8 |');
    expect(md).toContain('| 来访 | 4 | 4 | 8 |');
    expect(md).toMatch(/## 按信访渠道[\s\S]*?\| 合计 \| 5 \| 5 \| 10 \|/);
    expect(md).toMatch(/## 按月份[\s\S]*?\| 合计 \| 5 \| 5 \| 10 \|/);
    expect(md).toMatch(/\| 及时受理率 \| 60\.0% \| 60\.0% \| 60\.0% \| 6\/10 \| [^|]+ \| [^|]+ \|/);
  });
});
