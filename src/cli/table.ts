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
    // The common case first: CJK unified ideographs and full-width forms.
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x3000 && c <= 0x303e)) {
      w += 2;
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

/** Any character a cell must be cleaned of or split at (controls, CR, tab, LF, bidi): the rare slow path. */
const SPECIAL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** A cell's lines: our safe() text, CRLF and tabs made plain. */
function cellLines(v: string | number | undefined): string[] {
  const s = typeof v === 'string' ? v : String(v ?? '');
  if (!SPECIAL.test(s)) return [s];
  return safe(s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')).split('\n');
}

export function table(head: string[], rows: (string | number)[][], opts: TableOptions = {}): string {
  return [...tableLines(head, rows, opts)].join('\n');
}

/**
 * The table's lines one at a time (the widths are measured over every row first): a list of
 * thousands of cases is written out in pieces instead of as one string of megabytes.
 */
export function* tableLines(head: string[], rows: (string | number)[][], opts: TableOptions = {}): Generator<string> {
  let n = head.length;
  for (const r of rows) if (r.length > n) n = r.length;
  const all = [head, ...rows];
  // Every cell's lines in one flat list, each line's width measured once, and where each
  // cell's lines start (cell c of row r is r * n + c): a list of thousands of cases has tens
  // of thousands of cells, and an array per cell was most of the garbage.
  const text: string[] = [];
  const tw: number[] = [];
  const start = new Int32Array(all.length * n + 1);
  const natural = new Array<number>(n).fill(0);
  let c = 0;
  for (const r of all) {
    for (let i = 0; i < n; i++) {
      start[c++] = text.length;
      const v = r[i];
      const s = typeof v === 'string' ? v : String(v ?? '');
      if (!SPECIAL.test(s)) {
        const w = textWidth(s);
        text.push(s);
        tw.push(w);
        if (w > natural[i]!) natural[i] = w;
        continue;
      }
      for (const l of cellLines(s)) {
        const w = textWidth(l);
        text.push(l);
        tw.push(w);
        if (w > natural[i]!) natural[i] = w;
      }
    }
  }
  start[c] = text.length;
  const lines = (ri: number, i: number) => text.slice(start[ri * n + i]!, start[ri * n + i + 1]!);
  const runs = opts.width === undefined ? [] : Array.from({ length: n }, (_, i) => Math.max(0, ...rows.map((_, ri) => longestRun(lines(ri + 1, i)))));
  const { widths: fitted, shown, dropped } = fitColumns(head, natural, opts, runs);
  const widths = shown.map((i) => fitted[i]!);
  const wraps = shown.map((i) => fitted[i]! < natural[i]!);
  const b = opts.colour ? grey : (s: string) => s;
  const line = (l: string, m: string, r: string) => b(l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r);
  yield line('┌', '┬', '┐');
  const sep = line('├', '┼', '┤');
  const bar = b('│');
  // Padding strings made once per width (tens of thousands of cells).
  const pads: string[] = [];
  const pad = (k: number) => pads[k] ?? (pads[k] = ' '.repeat(k));
  const bar1 = ` ${bar}`;
  const m = shown.length;
  // One row's cells as shown: [first line, width] offsets into `text`/`tw`, or wrapped lines.
  const cellText: string[][] = new Array(m);
  const cellW: number[][] = new Array(m);
  for (let ri = 0; ri < all.length; ri++) {
    let height = 0;
    for (let k = 0; k < m; k++) {
      const i = shown[k]!;
      const a = start[ri * n + i]!;
      const z = start[ri * n + i + 1]!;
      if (wraps[k]) {
        const ls = text.slice(a, z).flatMap((l) => wrapLine(l, widths[k]!));
        cellText[k] = ls;
        cellW[k] = ls.map(textWidth);
      } else {
        cellText[k] = z - a === 1 ? [text[a]!] : text.slice(a, z);
        cellW[k] = z - a === 1 ? [tw[a]!] : tw.slice(a, z);
      }
      if (cellText[k]!.length > height) height = cellText[k]!.length;
    }
    for (let h = 0; h < height; h++) {
      let out = bar;
      for (let k = 0; k < m; k++) {
        const t = cellText[k]![h] ?? '';
        const shownText = ri === 0 && opts.colour && t ? cyan(t) : t;
        const gap = widths[k]! - (cellW[k]![h] ?? 0);
        out += ' ' + shownText + (gap > 0 ? pad(gap) : '') + bar1;
      }
      yield out;
    }
    if (ri < all.length - 1) yield sep;
  }
  yield line('└', '┴', '┘');
  if (dropped.length) yield* wrapLine(`（未显示：${dropped.map((i) => head[i]).join('、')}；加 --wide 显示全部列）`, Math.max(MIN_TABLE_WIDTH, opts.width!));
}
