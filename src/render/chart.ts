// Small bar charts: text bars for the terminal and inline SVG for HTML (no network, no
// scripts), so a printed page carries its own pictures.
import { displayWidth } from './report-doc.js';

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells at most, proportional to value/max, with eighth-block precision. */
export function textBar(value: number, max: number, width = 20): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8]!;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A horizontal bar chart as an <svg> element with its own size; labels on the left, values at the bar's end. */
export function svgBarChart(data: { label: string; value: number }[], opts: { title?: string; width?: number; colour?: string } = {}): string {
  const width = opts.width ?? 640;
  const rowH = 22;
  const top = opts.title ? 28 : 8;
  const labelW = Math.min(300, Math.max(60, ...data.map((d) => displayWidth(d.label) * 7 + 12)));
  // A label too long for the column is cut with an ellipsis (the table above has it whole).
  const fit = (s: string) => {
    if (displayWidth(s) * 7 + 12 <= labelW) return s;
    let out = '';
    for (const ch of s) {
      if ((displayWidth(out + ch) + 1) * 7 + 12 > labelW) break;
      out += ch;
    }
    return out + '…';
  };
  const valueW = 48;
  const barMax = width - labelW - valueW - 8;
  const max = Math.max(0, ...data.map((d) => d.value));
  const height = top + data.length * rowH + 8;
  const colour = opts.colour ?? '#c0392b';
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"${opts.title ? ` aria-label="${esc(opts.title)}"` : ''}>`);
  if (opts.title) parts.push(`<text x="0" y="18" font-size="14" font-weight="bold">${esc(opts.title)}</text>`);
  data.forEach((d, i) => {
    const y = top + i * rowH;
    const w = max > 0 ? Math.round((d.value / max) * barMax) : 0;
    parts.push(`<text x="${labelW - 6}" y="${y + 15}" font-size="12" text-anchor="end">${esc(fit(d.label))}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${colour}"/>`);
    parts.push(`<text x="${labelW + w + 4}" y="${y + 15}" font-size="12">${d.value}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
