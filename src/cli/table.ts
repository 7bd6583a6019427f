// Terminal tables with Chinese headers: box-drawn, every column as wide as its widest cell
// counted in terminal columns (CJK characters take two), cells may hold several lines.
// Our own drawing (it was cli-table3, whose per-cell width measuring made a list of a few
// thousand cases take seconds); the look is the same. Cells are ledger data: safe() removes
// escape sequences and control characters from each (our colours are markers: safe.ts).
import { isMark, MARK_SPLIT, safe, sgr, stripMarks } from './safe.js';

const RESET = sgr('0');

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

export interface TableOptions {
  colour?: boolean;
  /**
   * Terminal columns the table must fit in: long cells are wrapped, and when wrapping is not
   * enough the columns of `drop` are left out (a note under the table names them).
   * Undefined: every column as wide as its widest cell (output to a file or a pipe).
   */
  width?: number;
  /** Column indexes that may be left out, the first first. */
  drop?: number[];
  /** Columns left out only when even the narrowest wrapping does not fit (after `drop`). */
  lastResort?: number[];
  /** Column indexes never wrapped (ids, dates): they keep their width. */
  keep?: number[];
}

/** The narrowest a table may be drawn; below it wrapping only makes it unreadable. */
export const MIN_TABLE_WIDTH = 40;

/**
 * Splits one line into pieces of at most `w` columns: CJK text breaks between characters;
 * a run of other characters (a date, a number, a word) is not split when it fits a line —
 * the break goes before it, after a space or a CJK character. Our colour markers take no
 * room and are never split; a colour open at a break is closed there and opened again on
 * the next line.
 */
export function wrapLine(line: string, w: number): string[] {
  if (w < 1 || textWidth(line) <= w) return [line];
  const tokens = line.split(MARK_SPLIT).filter((t) => t !== '');
  const out: string[] = [];
  let cur = '';
  let curW = 0;
  let marks = '';
  let brk = -1; // index in cur where a new line may start (after a space or a CJK character)
  const flush = (rest: string) => {
    out.push(marks ? `${cur}${RESET}` : cur);
    cur = marks + rest;
    curW = textWidth(rest);
    brk = -1;
  };
  for (const t of tokens) {
    if (isMark(t)) {
      marks += t;
      cur += t;
      continue;
    }
    for (const ch of t) {
      const cw = textWidth(ch);
      if (curW + cw > w && curW > 0) {
        const rest = brk > 0 && ch !== ' ' && cw === 1 ? cur.slice(brk) : '';
        if (rest && textWidth(rest) + cw <= w) {
          cur = cur.slice(0, brk).trimEnd();
          flush(rest);
        } else flush('');
        if (ch === ' ') continue;
      }
      cur += ch;
      curW += cw;
      if (ch === ' ' || cw === 2) brk = cur.length;
    }
  }
  out.push(cur);
  return out;
}

/** The widest run of non-CJK, non-space characters in a cell (a date, an id, a time): not split when it can be helped. */
function longestRun(lines: string[]): number {
  let m = 0;
  for (const l of lines) for (const run of stripMarks(l).split(/[\s\u1100-\uffff]+/)) m = Math.max(m, run.length);
  return m;
}

/** The widths that make a table fit `width`, and the columns left out (see TableOptions). */
export function fitColumns(head: string[], natural: number[], opts: TableOptions, runs: number[] = []): { widths: number[]; shown: number[]; dropped: number[] } {
  const n = natural.length;
  const widths = [...natural];
  let shown = Array.from({ length: n }, (_, i) => i);
  const dropped: number[] = [];
  if (opts.width === undefined) return { widths, shown, dropped };
  const width = Math.max(MIN_TABLE_WIDTH, opts.width);
  const keep = new Set(opts.keep ?? []);
  const headW = head.map((h) => Math.max(0, ...String(h ?? '').split('\n').map(textWidth)));
  // Soft: a cell still reads as a phrase; hard: the last resort before overflowing.
  // Dates, ids and times (runs up to 16 columns) stay whole.
  const run = (i: number) => Math.min(runs[i] ?? 0, 16);
  const soft = natural.map((w, i) => (keep.has(i) ? w : Math.min(w, Math.max(headW[i] ?? 0, 10, run(i)))));
  const hard = natural.map((w, i) => (keep.has(i) ? w : Math.min(w, Math.max(headW[i] ?? 0, 4, run(i)))));
  const total = () => shown.reduce((a, i) => a + widths[i]!, 0) + 3 * shown.length + 1;
  const shrink = (min: number[]) => {
    let over = total() - width;
    while (over > 0) {
      // The widest column that can still give some room gives one column at a time.
      let best = -1;
      for (const i of shown) if (widths[i]! > min[i]! && (best < 0 || widths[i]! > widths[best]!)) best = i;
      if (best < 0) return;
      widths[best]!--;
      over--;
    }
  };
  shrink(soft);
  for (const d of opts.drop ?? []) {
    if (total() <= width) break;
    if (!shown.includes(d) || shown.length <= 1) continue;
    shown = shown.filter((i) => i !== d);
    dropped.push(d);
    for (const i of shown) widths[i] = natural[i]!;
    shrink(soft);
  }
  shrink(hard);
  for (const d of opts.lastResort ?? []) {
    if (total() <= width) break;
    if (!shown.includes(d) || shown.length <= 1) continue;
    shown = shown.filter((i) => i !== d);
    dropped.push(d);
    for (const i of shown) widths[i] = natural[i]!;
    shrink(soft);
    shrink(hard);
  }
  return { widths, shown, dropped };
}

export function table(head: string[], rows: (string | number)[][], opts: TableOptions = {}): string {
  const n = Math.max(head.length, ...rows.map((r) => r.length));
  const cells0 = [head, ...rows].map((r) => Array.from({ length: n }, (_, i) => safe(String(r[i] ?? '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')).split('\n')));
  // Each line's width, measured once (a list of thousands of cases has tens of thousands of lines).
  const widths0 = cells0.map((r) => r.map((c) => c.map(textWidth)));
  const natural = Array.from({ length: n }, (_, i) => {
    let m = 0;
    for (const r of widths0) for (const w of r[i]!) if (w > m) m = w;
    return m;
  });
  const runs = opts.width === undefined ? [] : Array.from({ length: n }, (_, i) => Math.max(0, ...cells0.slice(1).map((r) => longestRun(r[i]!))));
  const { widths: all, shown, dropped } = fitColumns(head, natural, opts, runs);
  const widths = shown.map((i) => all[i]!);
  const cells = cells0.map((r, ri) =>
    shown.map((i, k) => {
      if (all[i]! >= natural[i]!) return { lines: r[i]!, w: widths0[ri]![i]! };
      const lines = r[i]!.flatMap((l) => wrapLine(l, widths[k]!));
      return { lines, w: lines.map(textWidth) };
    }),
  );
  const b = opts.colour ? grey : (s: string) => s;
  const line = (l: string, m: string, r: string) => b(l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r);
  const out: string[] = [line('┌', '┬', '┐')];
  const sep = line('├', '┼', '┤');
  const bar = b('│');
  cells.forEach((row, ri) => {
    let height = 0;
    for (const c of row) if (c.lines.length > height) height = c.lines.length;
    for (let k = 0; k < height; k++) {
      let text = bar;
      for (let i = 0; i < row.length; i++) {
        const c = row[i]!;
        const t = c.lines[k] ?? '';
        const shown = ri === 0 && opts.colour && t ? cyan(t) : t;
        text += ` ${shown}${' '.repeat(Math.max(0, widths[i]! - (c.w[k] ?? 0)))} ${bar}`;
      }
      out.push(text);
    }
    if (ri < cells.length - 1) out.push(sep);
  });
  out.push(line('└', '┴', '┘'));
  if (dropped.length) out.push(...wrapLine(`（未显示：${dropped.map((i) => head[i]).join('、')}；加 --wide 显示全部列）`, Math.max(MIN_TABLE_WIDTH, opts.width!)));
  return out.join('\n');
}
