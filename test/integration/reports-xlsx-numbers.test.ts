// XLSX cells a spreadsheet can add up: shares, rates and changes are numbers with a format.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runIn, tempDir } from '../helpers/index.js';
import { buildFixture, type Fixture } from './reports-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 180_000);

const cli = (args: string[], root = fx.root) => runIn(['--ledger', root, ...args]);

describe('xlsx cells are numbers a spreadsheet can add up', () => {
  it('shares, rates and changes are numbers with a display format, not text', async () => {
    const out = join(tempDir(), 'stats.xlsx');
    const res = await cli(['report', 'stats', '--quarter', '2026Q3', '--format', 'xlsx', '-o', out]);
    expect(res.code, res.stderr).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
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

