// Reports as XLSX (exceljs, imported only here and only when asked for): one sheet per
// table, a title row, Chinese headers in a frozen header row, column widths from the
// content, numbers as numbers; text as text (a string cell is never a formula).
import type { Cell, ReportDoc } from './report-doc.js';
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

export async function renderXlsx(doc: ReportDoc): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xinfang';
  wb.title = doc.title;
  const used = new Set<string>();
  for (const t of doc.tables) {
    const ws = wb.addWorksheet(sheetName(t.key, used), { views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }] });
    const cols = Math.max(1, t.headers.length);
    const title = ws.getRow(1);
    title.getCell(1).value = doc.tables.length > 1 ? `${doc.title}：${t.title}` : doc.title;
    title.font = { bold: true, size: 14 };
    title.height = 24;
    if (cols > 1) ws.mergeCells(1, 1, 1, cols);
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    const head = ws.getRow(2);
    t.headers.forEach((h, i) => {
      const c = head.getCell(i + 1);
      c.value = h;
      c.font = { bold: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = { bottom: { style: 'thin' } };
    });
    const text = new Set([0, ...(t.textColumns ?? [])]);
    for (const r of t.rows) {
      // Text columns hold what was typed: a string cell formatted as text (@), never a
      // number or a formula, whatever it looks like (+5, 50%, -2, =1+1).
      const cells = r.map((v, i) => (text.has(i) && typeof v === 'string' ? { value: v, numFmt: '@' } : xlsxCell(v)));
      const row = ws.addRow(cells.map((c) => c.value));
      row.alignment = { vertical: 'top', wrapText: true };
      cells.forEach((c, i) => {
        if (c.numFmt) row.getCell(i + 1).numFmt = c.numFmt;
      });
    }
    const notes = [...doc.subtitle, ...(t.notes ?? [])];
    if (notes.length) ws.addRow([]);
    for (const n of notes) ws.addRow([n]);
    t.headers.forEach((h, i) => {
      const longest = Math.max(displayWidth(h), ...t.rows.map((r) => displayWidth(String(r[i] ?? ''))));
      ws.getColumn(i + 1).width = Math.min(50, Math.max(6, longest + 2));
    });
    ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
