// What reaches the terminal. Names, summaries, notes — anything from the ledger — may hold
// control characters: escape sequences that recolour, move the cursor, rewrite earlier
// lines, set the window title or the clipboard, and bidi overrides that show text in
// another order. Everything the command context prints passes through terminalText (Ctx.out,
// info, warn; main's error messages; table cells), which removes them. Our own colours are
// not escape sequences until then: ctx.c and table() write a marker that only this process
// knows (a random nonce), and terminalText turns markers — and nothing else — into colour.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stripControls } from '../domain/controls.js';

const NONCE = nonce();

/** Six random bytes as hex: from /dev/urandom where there is one (node:crypto costs every command a few ms to load). */
function nonce(): string {
  const b = Buffer.alloc(6);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (readSync(fd, b, 0, 6, null) === 6) return b.toString('hex');
    } finally {
      closeSync(fd);
    }
  } catch {
    /* no /dev/urandom (Windows) */
  }
  return (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).randomBytes(6).toString('hex');
}
const MARK = `\ue000${NONCE}\ue001`;
const MARK_RE = new RegExp(`${MARK}([0-9;]*)m`, 'g');

/** Our own SGR colour code (e.g. '36' cyan, '39' default), safe through terminalText. */
export function sgr(params: string): string {
  return `${MARK}${params}m`;
}

/** Splits text around our colour markers (kept as their own pieces: see isMark). */
export const MARK_SPLIT = new RegExp(`(${MARK}[0-9;]*m)`);

/** Is this piece of text one of our colour markers? */
export function isMark(s: string): boolean {
  return s.startsWith(MARK) && /^[0-9;]*m$/.test(s.slice(MARK.length));
}

/** Removes our colour markers (to measure width, or when colours are off). */
export function stripMarks(s: string): string {
  return s.includes(MARK) ? s.replace(MARK_RE, '') : s;
}

/** Text with every escape sequence and control character removed (tabs and line feeds kept). */
export const safe = stripControls;

/**
 * Text for the terminal: safe() on everything, then our colour markers as real colour
 * (when `colour`) or removed. Data cannot forge a marker: it does not know the nonce.
 */
export function terminalText(s: string, colour: boolean): string {
  if (!s.includes(MARK)) return safe(s);
  return s
    .split(MARK_RE)
    .map((part, i) => (i % 2 === 0 ? safe(part) : colour ? `\x1b[${part}m` : ''))
    .join('');
}

const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on (DEL, C1,
 * bidi controls, line/paragraph separators) written as \uXXXX: the same data, nothing acted on.
 */
export function jsonText(s: string): string {
  return s.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface Colours {
  readonly level: number;
  bold(s: string): string;
  dim(s: string): string;
  italic(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  magenta(s: string): string;
  cyan(s: string): string;
  gray(s: string): string;
  grey(s: string): string;
}

/** The colours of ctx.c: marked SGR codes (see above), or plain text when off. */
export function colours(on: boolean): Colours {
  const w = (open: string, close: string) => (on ? (s: string) => `${sgr(open)}${s}${sgr(close)}` : (s: string) => s);
  return {
    level: on ? 1 : 0,
    bold: w('1', '22'),
    dim: w('2', '22'),
    italic: w('3', '23'),
    underline: w('4', '24'),
    red: w('31', '39'),
    green: w('32', '39'),
    yellow: w('33', '39'),
    blue: w('34', '39'),
    magenta: w('35', '39'),
    cyan: w('36', '39'),
    gray: w('90', '39'),
    grey: w('90', '39'),
  };
}
