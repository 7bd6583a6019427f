// Reports as XLSX (exceljs, imported only here and only when asked for): one sheet per
// table, a title row, Chinese headers in a frozen header row, column widths from the
// content, numbers as numbers; text as text (a string cell is never a formula).
import type { Cell } from './report-doc.js';
import { displayWidth } from './report-doc.js';

const SIGNED = '+0;-0;0';
const PP = '"+"0.0" 个百分点";"-"0.0" 个百分点";0.0" 个百分点"';

/**
 * The documents carry shares, rates and changes as display text ('80.0%', '+3',
 * '-33.3 个百分点'); in a spreadsheet they must be numbers that add up, shown the same way.
 */
export function xlsxCell(v: Cell): { value: Cell; numFmt?: string } {
  if (typeof v === 'number') return { value: v };
  let m = /^([+-]?)(\d+(?:\.\d+)?)%$/.exec(v);
  if (m) return { value: Number(`${m[1]}${m[2]}`) / 100, numFmt: m[1] ? '+0.0%;-0.0%;0.0%' : '0.0%' };
  m = /^([+-]\d+|0)$/.exec(v);
  if (m) return { value: Number(m[1]), numFmt: SIGNED };
  m = /^([+-]?\d+(?:\.\d+)?) 个百分点$/.exec(v);
  if (m) return { value: Number(m[1]), numFmt: PP };
  return { value: v };
}

/** Excel forbids : \ / ? * [ ] in sheet names and allows 31 characters; names must be unique. */
function sheetName(s: string, used: Set<string>): string {
  const base = s.replace(/[:\\/?*[\]]/g, '_').slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** A table to write: like a report's, but its rows may come one at a time (an export of every case). */
export interface XlsxTable {
  key: string;
  title: string;
  headers: string[];
  rows: Iterable<Cell[]>;
  textColumns?: number[];
  notes?: string[];
}

export interface XlsxDoc {
  title: string;
  subtitle: string[];
  tables: XlsxTable[];
}

const TOP = { vertical: 'top', wrapText: true } as const;

/** Column widths are judged on this many rows (a county's export need not be read twice). */
const WIDTH_ROWS = 2000;
/** Rows between two pauses that let the compressor take what was written (at 500, an export of 100,000 cases peaked ~70 MB higher). */
const DRAIN_ROWS = 50;

/**
 * Writes `doc` to `file` as a workbook, row by row (exceljs's streaming writer): the memory a
 * table takes does not grow with its rows, so a quarter's register or an export of 100,000
 * cases is written in tens of megabytes. The caller writes to a temporary name and renames.
 */
export async function writeXlsx(doc: XlsxDoc, file: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'xinfang';
  wb.title = doc.title;
  const used = new Set<string>();
  for (const t of doc.tables) {
    const ws = wb.addWorksheet(sheetName(t.key, used), {
      views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
    });
    const cols = Math.max(1, t.headers.length);
    // The first rows are held back to size the columns, which come before any row in the file.
    const it = t.rows[Symbol.iterator]();
    const first: Cell[][] = [];
    while (first.length < WIDTH_ROWS) {
      const r = it.next();
      if (r.done) break;
      first.push(r.value);
    }
    ws.columns = t.headers.map((h, i) => {
      let longest = displayWidth(h);
      for (const r of first) longest = Math.max(longest, displayWidth(String(r[i] ?? '')));
      return { width: Math.min(50, Math.max(6, longest + 2)) };
    });
    const title = ws.getRow(1);
    title.getCell(1).value = doc.tables.length > 1 ? `${doc.title}：${t.title}` : doc.title;
    title.font = { bold: true, size: 14 };
    title.height = 24;
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    if (cols > 1) ws.mergeCells(1, 1, 1, cols);
    title.commit();
    const head = ws.getRow(2);
    t.headers.forEach((h, i) => {
      const c = head.getCell(i + 1);
      c.value = h;
      c.font = { bold: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = { bottom: { style: 'thin' } };
    });
    head.commit();
    const text = new Set([0, ...(t.textColumns ?? [])]);
    let n = 0;
    const put = async (r: Cell[]): Promise<void> => {
      // Text columns hold what was typed: a string cell formatted as text (@), never a
      // number or a formula, whatever it looks like (+5, 50%, -2, =1+1).
      const cells = r.map((v, i) => (text.has(i) && typeof v === 'string' ? { value: v, numFmt: '@' } : xlsxCell(v)));
      const row = ws.addRow(cells.map((c) => c.value));
      cells.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.alignment = TOP;
        if (c.numFmt) cell.numFmt = c.numFmt;
      });
      row.commit();
      if (++n % DRAIN_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
    };
    for (const r of first) await put(r);
    first.length = 0;
    for (let r = it.next(); !r.done; r = it.next()) await put(r.value);
    const notes = [...doc.subtitle, ...(t.notes ?? [])];
    if (notes.length) ws.addRow([]).commit();
    for (const note of notes) ws.addRow([note]).commit();
    ws.commit();
  }
  await wb.commit();
}
