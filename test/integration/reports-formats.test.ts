// Report files read back by real readers: the XLSX by exceljs, the HTML by headless
// chromium (skipped, with a message, where chromium is not installed); and the county
// roll-up over several ledgers.
import { beforeAll, describe, expect, it } from 'vitest';
import { chromium, CHROMIUM, warnIfMissing } from '../helpers/chromium.js';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runIn, tempDir } from '../helpers/index.js';
import { buildFixture, ID_A, PHONE_A, type Fixture } from './reports-fixture.js';

let fx: Fixture;
let other: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
  other = await buildFixture({ unit: '白石镇', code: 'BS' });
}, 180_000);

const cli = (args: string[], root = fx.root) => runIn(['--ledger', root, ...args]);

describe('xlsx', () => {
  it('stats: one sheet per table, title row, Chinese headers, frozen header, widths', async () => {
    const out = join(tempDir(), 'stats.xlsx');
    const res = await cli(['report', 'stats', '--quarter', '2026Q3', '--format', 'xlsx', '-o', out]);
    expect(res.code, res.stderr).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
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
    const out = join(tempDir(), 'register.xlsx');
    expect((await cli(['report', 'register', '--quarter', '2026Q3', '--format', 'xlsx', '-o', out])).code).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(4).value).toBe('信访人');
    expect(ws.getRow(3).getCell(1).value).toBe(fx.ids.A);
    expect(String(ws.getRow(3).getCell(4).value)).toContain('钱小二');
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
