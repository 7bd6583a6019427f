// A fast reader for the YAML that xinfang itself writes (toYaml: block mappings and
// sequences, plain or quoted one-line scalars, [] and {}). Anything outside that subset —
// block scalars, flow collections with items, anchors, tags, comments after a value,
// duplicate keys, tabs — returns undefined, and the caller reads the file with the full
// `yaml` parser, which also gives file:line messages. Plain scalars resolve as YAML 1.2's
// core schema does (null, booleans, integers, floats), so for the subset the result is
// exactly what `yaml` gives.

const BAIL = Symbol('bail');
type Value = unknown;

interface Line {
  indent: number;
  text: string;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export function fastYaml(text: string): Value | undefined {
  const lines: Line[] = [];
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let raw = text.slice(start, end);
    start = end + 1;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.includes('\t')) return undefined;
    let i = 0;
    while (raw.charCodeAt(i) === 32) i++;
    const body = raw.slice(i).trimEnd();
    if (body === '' || body.startsWith('#')) continue;
    if (i === 0 && (body === '---' || body === '...' || body.startsWith('--- ') || body.startsWith('%'))) return undefined;
    lines.push({ indent: i, text: body });
  }
  if (!lines.length) return undefined;
  const r = { i: 0 };
  try {
    const v = block(lines, r, lines[0]!.indent);
    if (r.i !== lines.length) return undefined;
    return v;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

function isSeqItem(t: string): boolean {
  return t === '-' || t.startsWith('- ');
}

function block(lines: Line[], r: { i: number }, indent: number): Value {
  const first = lines[r.i]!;
  if (first.indent !== indent) throw BAIL;
  return isSeqItem(first.text) ? seq(lines, r, indent) : map(lines, r, indent);
}

function map(lines: Line[], r: { i: number }, indent: number): Record<string, Value> {
  const out: Record<string, Value> = {};
  while (r.i < lines.length) {
    const line = lines[r.i]!;
    if (line.indent < indent) break;
    if (line.indent > indent || isSeqItem(line.text)) throw BAIL;
    const t = line.text;
    let colon = t.indexOf(': ');
    let rest: string;
    if (colon < 0) {
      if (!t.endsWith(':')) throw BAIL;
      colon = t.length - 1;
      rest = '';
    } else rest = t.slice(colon + 2).trimStart();
    const key = t.slice(0, colon);
    if (!KEY.test(key) || Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__') throw BAIL;
    r.i++;
    if (rest === '') {
      const next = lines[r.i];
      if (next && next.indent > indent) out[key] = block(lines, r, next.indent);
      else if (next && next.indent === indent && isSeqItem(next.text)) out[key] = seq(lines, r, indent);
      else out[key] = null;
    } else out[key] = scalar(rest);
  }
  return out;
}

function seq(lines: Line[], r: { i: number }, indent: number): Value[] {
  const out: Value[] = [];
  while (r.i < lines.length) {
    const line = lines[r.i]!;
    if (line.indent < indent || !isSeqItem(line.text)) {
      if (line.indent > indent) throw BAIL;
      break;
    }
    if (line.indent > indent) throw BAIL;
    const rest = line.text === '-' ? '' : line.text.slice(2);
    if (rest === '') {
      r.i++;
      const next = lines[r.i];
      if (next && next.indent > indent) out.push(block(lines, r, next.indent));
      else out.push(null);
    } else if (rest.startsWith(' ')) throw BAIL;
    else if (isSeqItem(rest)) throw BAIL;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*:( |$)/.test(rest)) {
      // "- key: value": a mapping whose first line starts after the dash.
      lines[r.i] = { indent: indent + 2, text: rest };
      out.push(map(lines, r, indent + 2));
    } else {
      r.i++;
      out.push(scalar(rest));
    }
  }
  return out;
}

function scalar(s: string): Value {
  const c = s[0]!;
  if (c === '"') return doubleQuoted(s);
  if (c === "'") return singleQuoted(s);
  if (s === '[]') return [];
  if (s === '{}') return {};
  if ('[]{}&*!|>%@`#,?:'.includes(c)) throw BAIL;
  if (c === '-' && (s.length === 1 || s[1] === ' ')) throw BAIL;
  if (s.includes(' #') || s.includes(': ') || s.endsWith(':')) throw BAIL;
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
  const d = s.charCodeAt(0);
  if ((d >= 48 && d <= 57) || c === '-' || c === '+' || c === '.') {
    if (INT.test(s)) return Number(s);
    if (OCT.test(s)) return parseInt(s.slice(2), 8);
    if (HEX.test(s)) return parseInt(s.slice(2), 16);
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
