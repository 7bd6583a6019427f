// writeXlsx writes a workbook row by row from any iterable (a generator: an export of every
// case): read back, it holds every row in order, the title, the frozen header, widths judged
// on the first rows, text cells as text and numbers as numbers, the notes at the end, and the
// header row repeated on every printed page.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeXlsx } from '../../src/render/xlsx.js';
import { writeOutputFile, writeTextFile } from '../../src/cli/file-out.js';
import { InputError } from '../../src/errors.js';
import { readXlsx, tempDir } from '../helpers/index.js';

describe('writeXlsx', () => {
  it('streams 2,600 rows from a generator: all of them, in order, with the sheet set up', async () => {
    const file = join(tempDir(), 'big.xlsx');
    let made = 0;
    function* rows() {
      for (let i = 1; i <= 2600; i++) {
        made++;
        // A long text only after the rows the widths are judged on: it does not widen the column.
        yield [`QS-2026-A${String(i).padStart(4, '0')}`, i === 2500 ? '很长的事由'.repeat(20) : `事由${i}`, i, '+5', '50%'];
      }
    }
    await writeXlsx({ title: '导出', subtitle: ['制表日期：2026年12月1日'], tables: [{ key: '案件', title: '案件', headers: ['编号', '事由', '人数', '原文', '比率'], rows: rows(), textColumns: [0, 1, 3] }] }, file);
    expect(made).toBe(2600);
    const wb = await readXlsx(file);
    const ws = wb.getWorksheet('案件')!;
    expect(ws.getCell('A1').value).toBe('导出');
    expect(ws.getRow(2).values).toEqual([undefined, '编号', '事由', '人数', '原文', '比率']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    for (const i of [1, 2000, 2001, 2600]) {
      const r = ws.getRow(i + 2);
      expect(r.getCell(1).value).toBe(`QS-2026-A${String(i).padStart(4, '0')}`);
      expect(r.getCell(3).value).toBe(i);
    }
    // Typed text stays text (never a number or a formula); a share in a number column is a number.
    expect(ws.getRow(3).getCell(4).value).toBe('+5');
    expect(ws.getRow(3).getCell(4).numFmt).toBe('@');
    expect(ws.getRow(3).getCell(5).value).toBe(0.5);
    expect(ws.getRow(2603).getCell(1).value).toBe(null);
    expect(ws.getRow(2604).getCell(1).value).toBe('制表日期：2026年12月1日');
    expect(ws.getColumn(2).width).toBe(10); // 事由2000: two wide characters and four digits, plus 2
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
  });

  it('an empty table still has its title and header', async () => {
    const file = join(tempDir(), 'empty.xlsx');
    await writeXlsx({ title: '空表', subtitle: [], tables: [{ key: '表', title: '表', headers: ['一', '二'], rows: [] }] }, file);
    const ws = (await readXlsx(file)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('空表');
    expect(ws.getRow(2).values).toEqual([undefined, '一', '二']);
    expect(ws.rowCount).toBe(2);
  });
});

describe('output files are written whole or not at all', () => {
  it('text written in pieces ends up whole; no temporary file is left', async () => {
    const dir = tempDir();
    const file = join(dir, 'out.csv');
    const line = `${'案件'.repeat(50)}\n`;
    await writeTextFile(file, (sink) => {
      for (let i = 0; i < 3000; i++) sink.write(line);
    });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).toBe(line.repeat(3000));
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a failure leaves the earlier file as it was and no temporary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'out.csv');
    writeFileSync(file, 'earlier\n');
    await expect(
      writeTextFile(file, (sink) => {
        sink.write('x'.repeat(100_000));
        throw new Error('stopped halfway');
      }),
    ).rejects.toThrow('stopped halfway');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).toBe('earlier\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a folder that cannot be written is named in Chinese (exit 2)', async () => {
    const file = join(tempDir(), 'no-such-folder', 'out.xlsx');
    const e = await writeOutputFile(file, (tmp) => writeFileSync(tmp, 'x')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).exitCode).toBe(2);
    expect((e as InputError).message).toBe(`-o（输出文件）：无法写入 ${file}（文件夹不存在）；请换一个位置`);
    expect(existsSync(file)).toBe(false);
  });

  it('an error from elsewhere (reading another file) is passed on as it is', async () => {
    const dir = tempDir();
    const { readFileSync } = await import('node:fs');
    const e = await writeTextFile(join(dir, 'out.csv'), () => void readFileSync(join(dir, 'no-such-case.yaml'))).catch((x: unknown) => x);
    expect(e).not.toBeInstanceOf(InputError);
    expect((e as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(readdirSync(dir)).toEqual([]);
  });
});
