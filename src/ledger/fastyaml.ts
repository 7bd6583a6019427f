// A fast reader for the YAML that xinfang itself writes (toYaml: block mappings and
// sequences, plain or quoted one-line scalars, [] and {}). Anything outside that subset —
// block scalars, flow collections with items, anchors, tags, comments after a value,
// duplicate keys, tabs, a lone CR, a key that is null or a boolean — returns undefined, and
// the caller reads the file with the full `yaml` parser, which also gives file:line messages.
// Plain scalars resolve as YAML 1.2's core schema does (null, booleans, integers, floats),
// and only spaces are white space (a full-width space at the end of a value is part of it),
// so for the subset the result is exactly what `yaml` gives (test/unit/fastyaml.test.ts).
// It reads every case file of a rebuild: it works on character codes, not on regexps.

const BAIL = Symbol('bail');
type Value = unknown;

/** The lines that hold something: their indentation and their text (trimmed at the end). */
interface Lines {
  indent: number[];
  text: string[];
}

/** [A-Za-z_] */
function keyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
/** [A-Za-z0-9_-] */
function keyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}
/** /^[A-Za-z_][A-Za-z0-9_-]*$/ on t[0, end). */
function isKey(t: string, end: number): boolean {
  if (end === 0 || !keyStart(t.charCodeAt(0))) return false;
  for (let i = 1; i < end; i++) if (!keyChar(t.charCodeAt(i))) return false;
  return true;
}

/** Keys (they start with a letter) the core schema reads as null or a boolean. */
const NOT_STRING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export function fastYaml(text: string): Value | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  if (text.indexOf('\t') >= 0) return undefined;
  // A lone CR is a line break to YAML: only CRLF is read here.
  for (let k = text.indexOf('\r'); k >= 0; k = text.indexOf('\r', k + 1)) if (text.charCodeAt(k + 1) !== 10) return undefined;
  const lines: Lines = { indent: [], text: [] };
  const n = text.length;
  let start = 0;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    // Only spaces are white space to YAML here (a tab has given up above): a full-width
    // space or a no-break space at either end of a value is part of it.
    let e = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    while (e > i && text.charCodeAt(e - 1) === 32) e--;
    const lineStart = start;
    start = end + 1;
    if (e === i || text.charCodeAt(i) === 35 /* # */) continue;
    const body = text.slice(i, e);
    if (i === lineStart && (body === '---' || body === '...' || body.startsWith('--- ') || body.charCodeAt(0) === 37 /* % */)) return undefined;
    lines.indent.push(i - lineStart);
    lines.text.push(body);
  }
  if (!lines.text.length) return undefined;
  const r = { i: 0 };
  try {
    const v = block(lines, r, lines.indent[0]!);
    if (r.i !== lines.text.length) return undefined;
    return v;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/** "-" or "- …" */
function isSeqItem(t: string): boolean {
  return t.charCodeAt(0) === 45 && (t.length === 1 || t.charCodeAt(1) === 32);
}

function block(lines: Lines, r: { i: number }, indent: number): Value {
  if (lines.indent[r.i] !== indent) throw BAIL;
  return isSeqItem(lines.text[r.i]!) ? seq(lines, r, indent) : map(lines, r, indent);
}

function map(lines: Lines, r: { i: number }, indent: number): Record<string, Value> {
  const out: Record<string, Value> = {};
  const n = lines.text.length;
  while (r.i < n) {
    const li = lines.indent[r.i]!;
    if (li < indent) break;
    const t = lines.text[r.i]!;
    if (li > indent || isSeqItem(t)) throw BAIL;
    let colon = t.indexOf(': ');
    let rest: string;
    if (colon < 0) {
      if (t.charCodeAt(t.length - 1) !== 58 /* : */) throw BAIL;
      colon = t.length - 1;
      rest = '';
    } else {
      let k = colon + 2;
      while (t.charCodeAt(k) === 32) k++;
      rest = t.slice(k);
    }
    if (!isKey(t, colon)) throw BAIL;
    const key = t.slice(0, colon);
    if (Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__') throw BAIL;
    // A key that is a word of the core schema is that value made a string (null: → "").
    if (colon <= 5 && NOT_STRING_KEYS.has(key)) throw BAIL;
    r.i++;
    if (rest === '') {
      const ni = lines.indent[r.i];
      if (ni !== undefined && ni > indent) out[key] = block(lines, r, ni);
      else if (ni !== undefined && ni === indent && isSeqItem(lines.text[r.i]!)) out[key] = seq(lines, r, indent);
      else out[key] = null;
    } else out[key] = scalar(rest);
  }
  return out;
}

/** "key:" or "key: …" at the start of t (a mapping item after a dash). */
function startsWithKey(t: string): boolean {
  if (!keyStart(t.charCodeAt(0))) return false;
  let i = 1;
  while (i < t.length && keyChar(t.charCodeAt(i))) i++;
  return t.charCodeAt(i) === 58 && (i + 1 === t.length || t.charCodeAt(i + 1) === 32);
}

function seq(lines: Lines, r: { i: number }, indent: number): Value[] {
  const out: Value[] = [];
  const n = lines.text.length;
  while (r.i < n) {
    const li = lines.indent[r.i]!;
    const t = lines.text[r.i]!;
    if (li < indent || !isSeqItem(t)) {
      if (li > indent) throw BAIL;
      break;
    }
    if (li > indent) throw BAIL;
    const rest = t.length === 1 ? '' : t.slice(2);
    if (rest === '') {
      r.i++;
      const ni = lines.indent[r.i];
      if (ni !== undefined && ni > indent) out.push(block(lines, r, ni));
      else out.push(null);
    } else if (rest.charCodeAt(0) === 32) throw BAIL;
    else if (isSeqItem(rest)) throw BAIL;
    else if (startsWithKey(rest)) {
      // "- key: value": a mapping whose first line starts after the dash.
      lines.indent[r.i] = indent + 2;
      lines.text[r.i] = rest;
      out.push(map(lines, r, indent + 2));
    } else {
      r.i++;
      out.push(scalar(rest));
    }
  }
  return out;
}

/** Characters no plain scalar may start with: [ ] { } & * ! | > % @ ` # , ? : */
function specialStart(c: number): boolean {
  return c === 91 || c === 93 || c === 123 || c === 125 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96 || c === 35 || c === 44 || c === 63 || c === 58;
}

function scalar(s: string): Value {
  const c = s.charCodeAt(0);
  if (c === 34 /* " */) return doubleQuoted(s);
  if (c === 39 /* ' */) return singleQuoted(s);
  if (c === 91 && s === '[]') return [];
  if (c === 123 && s === '{}') return {};
  if (specialStart(c)) throw BAIL;
  if (c === 45 && (s.length === 1 || s.charCodeAt(1) === 32)) throw BAIL;
  if (s.charCodeAt(s.length - 1) === 58 || s.includes(' #') || s.includes(': ')) throw BAIL;
  // The words of the core schema start with one of ~ n N t T f F . + - and are short.
  if (s.length <= 6 && (c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || c === 46 || c === 43 || c === 45)) {
    switch (s) {
      case '~':
      case 'null':
      case 'Null':
      case 'NULL':
        return null;
      case 'true':
      case 'True':
      case 'TRUE':
        return true;
      case 'false':
      case 'False':
      case 'FALSE':
        return false;
      case '.inf':
      case '.Inf':
      case '.INF':
      case '+.inf':
      case '+.Inf':
      case '+.INF':
        return Infinity;
      case '-.inf':
      case '-.Inf':
      case '-.INF':
        return -Infinity;
      case '.nan':
      case '.NaN':
      case '.NAN':
        return NaN;
    }
  }
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    if (c === 48 && s.length > 2) {
      const c1 = s.charCodeAt(1);
      if (c1 === 111 /* o */) return OCT.test(s) ? parseInt(s.slice(2), 8) : s;
      if (c1 === 120 /* x */) return HEX.test(s) ? parseInt(s.slice(2), 16) : s;
    }
    // A number has only digits, signs, dots and exponents (a date or time has ':' or 'T').
    for (let i = 0; i < s.length; i++) {
      const d = s.charCodeAt(i);
      if (!((d >= 48 && d <= 57) || d === 43 || d === 45 || d === 46 || d === 101 || d === 69)) return s;
    }
    if (INT.test(s)) return Number(s);
    if (FLOAT.test(s)) return Number(s);
  }
  return s;
}

function singleQuoted(s: string): string {
  let out = '';
  let i = 1;
  for (;;) {
    const j = s.indexOf("'", i);
    if (j < 0) throw BAIL;
    out += s.slice(i, j);
    if (s[j + 1] === "'") {
      out += "'";
      i = j + 2;
      continue;
    }
    if (j !== s.length - 1) throw BAIL;
    return out;
  }
}

const ESC: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

function doubleQuoted(s: string): string {
  let out = '';
  let i = 1;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"') {
      if (i !== s.length - 1) throw BAIL;
      return out;
    }
    if (ch === '\\') {
      const e = s[i + 1];
      if (e === undefined) throw BAIL;
      const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (len) {
        const hex = s.slice(i + 2, i + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw BAIL;
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) throw BAIL;
        out += String.fromCodePoint(cp);
        i += 2 + len;
        continue;
      }
      const v = ESC[e];
      if (v === undefined) throw BAIL;
      out += v;
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  throw BAIL; // no closing quote on this line: a multi-line string
}
