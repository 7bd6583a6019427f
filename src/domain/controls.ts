// Control characters in text from the ledger: escape sequences (which recolour, move the
// cursor, rewrite lines, set a window title or the clipboard), other C0/C1 controls and the
// bidi embeddings, overrides and isolates (which show text in another order). Removed from
// everything printed to the terminal (src/cli/safe.ts) and every value put into Markdown.

// ESC sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC (ESC P/X/^/_ … ST),
// and two-character escapes; the same introduced by the 8-bit C1 codes CSI (9B), OSC (9D), DCS (90) ….
// A string sequence left open ends at the line's end (it never swallows the rest of the output).
const ESC_SEQ = /\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]?|\x9d[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|[\x90\x98\x9e\x9f][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?/g;
// Left after those: C0 controls but tab and line feed (a carriage return only before a line
// feed: CRLF output), DEL, C1, and the bidi embeddings, overrides and isolates.
const CONTROL = /\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const ANY = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** Text with every escape sequence and control character removed (tabs and line feeds kept). */
export function stripControls(s: string): string {
  if (!ANY.test(s)) return s;
  return s.replace(ESC_SEQ, '').replace(CONTROL, '');
}

