// Reports as one self-contained printable HTML page: inline CSS for screen and A4 print,
// tables, and inline SVG bar charts. No scripts, no fonts or images from the network.
import { svgBarChart } from './chart.js';
import { chartData, type ReportDoc } from './report-doc.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
@page { size: A4 landscape; margin: 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; color: #111; margin: 24px; }
h1 { font-size: 22px; text-align: center; margin: 0 0 8px; }
.sub { text-align: center; color: #444; font-size: 13px; margin: 2px 0; }
section { margin-top: 22px; break-inside: avoid; page-break-inside: avoid; }
h2 { font-size: 16px; border-left: 4px solid #c0392b; padding-left: 8px; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { border: 1px solid #888; padding: 4px 6px; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { font-size: 11px; color: #555; margin: 4px 0 0; }
.chart { margin-top: 8px; display: block; }
@media print { body { margin: 0; } }
`;

export function renderHtml(doc: ReportDoc): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="zh-CN">', '<head>', '<meta charset="utf-8">', `<title>${escapeHtml(doc.title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push(`<h1>${escapeHtml(doc.title)}</h1>`);
  for (const s of doc.subtitle) out.push(`<p class="sub">${escapeHtml(s)}</p>`);
  for (const t of doc.tables) {
    out.push(`<section data-table="${escapeHtml(t.key)}">`, `<h2>${escapeHtml(t.title)}</h2>`, '<table>', '<thead><tr>');
    for (const h of t.headers) out.push(`<th>${escapeHtml(h)}</th>`);
    out.push('</tr></thead>', '<tbody>');
    for (const r of t.rows) {
      out.push('<tr>' + r.map((c) => (typeof c === 'number' ? `<td class="num">${c}</td>` : `<td>${escapeHtml(String(c)).replace(/\n/g, '<br>')}</td>`)).join('') + '</tr>');
    }
    out.push('</tbody>', '</table>');
    for (const n of t.notes ?? []) out.push(`<p class="note">${escapeHtml(n)}</p>`);
    const data = chartData(t);
    if (data.length && data.some((d) => d.value > 0)) out.push(svgBarChart(data));
    out.push('</section>');
  }
  out.push('</body>', '</html>');
  return out.join('\n') + '\n';
}
