// Terminal tables with Chinese headers: box-drawn, every column as wide as its widest cell
// counted in terminal columns (CJK characters take two), cells may hold several lines.
// Our own drawing (it was cli-table3, whose per-cell width measuring made a list of a few
// thousand cases take seconds); the look is the same. Cells are ledger data: safe() removes
// escape sequences and control characters from each (our colours are markers: safe.ts).
import { safe, sgr, stripMarks } from './safe.js';

const ANSI = /\x1b\[[0-9;]*m/g;

/** Terminal columns of one code point: 2 for East Asian wide and full-width, 0 for combining marks. */
function cpWidth(cp: number): number {
  if (cp < 0x300) return cp < 32 || (cp >= 0x7f && cp < 0xa0) ? 0 : 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

export function textWidth(s: string): number {
  const plain = stripMarks(s.includes('\x1b') ? s.replace(ANSI, '') : s);
  let w = 0;
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i);
    if (c < 0x300) {
      w += c < 32 || (c >= 0x7f && c < 0xa0) ? 0 : 1;
      continue;
    }
    const cp = plain.codePointAt(i)!;
    if (cp > 0xffff) i++;
    w += cpWidth(cp);
  }
  return w;
}

const grey = (s: string) => `${sgr('90')}${s}${sgr('39')}`;
const cyan = (s: string) => `${sgr('36')}${s}${sgr('39')}`;

export function table(head: string[], rows: (string | number)[][], opts: { colour?: boolean } = {}): string {
  const n = Math.max(head.length, ...rows.map((r) => r.length));
  const cells = [head, ...rows].map((r) => Array.from({ length: n }, (_, i) => safe(String(r[i] ?? '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')).split('\n')));
  const widths = Array.from({ length: n }, (_, i) => Math.max(0, ...cells.map((r) => Math.max(...r[i]!.map(textWidth)))));
  const b = opts.colour ? grey : (s: string) => s;
  const line = (l: string, m: string, r: string) => b(l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r);
  const out: string[] = [line('┌', '┬', '┐')];
  cells.forEach((row, ri) => {
    const height = Math.max(...row.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      const parts = row.map((c, i) => {
        const text = c[k] ?? '';
        const shown = ri === 0 && opts.colour && text ? cyan(text) : text;
        return ` ${shown}${' '.repeat(widths[i]! - textWidth(text))} `;
      });
      out.push(b('│') + parts.join(b('│')) + b('│'));
    }
    if (ri < cells.length - 1) out.push(line('├', '┼', '┤'));
  });
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}
