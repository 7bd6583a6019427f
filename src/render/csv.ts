// Reports as CSV: UTF-8 with a BOM so that spreadsheet programs read Chinese right, CRLF
// line ends, RFC 4180 quoting; several tables follow one another, each under its title.
// A text cell that a spreadsheet would run as a formula (= + - @) is prefixed with ',
// except a plain signed figure such as -1 or -33.3%.
import type { Cell, ReportDoc } from './report-doc.js';

export const BOM = '\ufeff';

export function csvCell(v: Cell): string {
  if (typeof v === 'number') return String(v);
  let s = String(v ?? '');
  // A signed figure (-1, +4, -33.3%, -66.7 个百分点) is data, not a formula: left as it is.
  const figure = /^[+-]\d+(\.\d+)?(%| 个百分点)?$/.test(s);
  if (!figure && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(doc: ReportDoc): string {
  const lines: string[] = [];
  const row = (r: Cell[]) => lines.push(r.map(csvCell).join(','));
  row([doc.title]);
  for (const s of doc.subtitle) row([s]);
  for (const t of doc.tables) {
    lines.push('');
    if (doc.tables.length > 1) row([t.title]);
    row(t.headers);
    for (const r of t.rows) row(r);
    for (const n of t.notes ?? []) row([n]);
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
