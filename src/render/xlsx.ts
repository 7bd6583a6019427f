// Reports as XLSX (exceljs, imported only here and only when asked for): one sheet per
// table, a title row, Chinese headers in a frozen header row, column widths from the
// content, numbers as numbers.
import type { ReportDoc } from './report-doc.js';
import { displayWidth } from './report-doc.js';

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
    for (const r of t.rows) {
      const row = ws.addRow(r);
      row.alignment = { vertical: 'top', wrapText: true };
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
