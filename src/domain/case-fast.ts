// A fast check of a case file (as read from its YAML) for the common case: it returns
// exactly what `CaseFile.parse` (event-schemas.ts, zod) returns — the same value, the same key
// order, the defaults filled in — or undefined when it is not sure, and then the caller
// asks zod, which also gives the messages. It never accepts what zod refuses
// (test/unit/case-fast.test.ts compares both on generated and mutated files). An index
// rebuild checks 100,000 files: zod takes ~55–80 µs a file, this ~12.
// Keep it in step with the schemas in event-schemas.ts (EVENT_FIELDS below, the case's fields at
// the end) and the test's generator: a file with a field this does not know goes to zod,
// but a field added there with a default would be missing from this one's value — the
// test fails then (zod's value has the default, this one's not), so change both.
import { CHANNELS, DECISIONS, DISPOSITIONS, MODES_ZH, OPINIONS, SUPERVISION_FORMS, type CaseFile } from './events.js';
import { isValidDate, parseInstant } from './time.js';

/** A field's value, or NO (not sure: let zod decide), or ABSENT (an optional field left out). */
const NO = Symbol('no');
const ABSENT = Symbol('absent');
type Check = (v: unknown, present: boolean) => unknown;
type Shape = readonly (readonly [string, Check])[];
/** The checks that may answer ABSENT. */
const OPTIONAL = new Set<Check>();
const optional = (c: Check): Check => (OPTIONAL.add(c), c);

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The number of the two ASCII digits at i, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** isValidDate, without a regexp, on s[at, at + 10). */
function isDateAt(s: string, at: number): boolean {
  if (s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return false;
  const y1 = two(s, at);
  const y2 = two(s, at + 2);
  const m = two(s, at + 5);
  const d = two(s, at + 8);
  if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1) return false;
  const y = y1 * 100 + y2;
  const dim = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= dim;
}

function isDate(s: string): boolean {
  return s.length === 10 && isDateAt(s, 0);
}

/** The schema's instant: its form and a time that exists (hh 00–23, mm and ss 00–59). */
function isInstant(s: string): boolean {
  // The usual 2026-11-25T09:30:00+08:00 without a regexp; any other form as the schema does.
  if (s.length === 25 && s.charCodeAt(10) === 84 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58 && s.charCodeAt(22) === 58 && (s.charCodeAt(19) === 43 || s.charCodeAt(19) === 45)) {
    const hh = two(s, 11);
    const mm = two(s, 14);
    const ss = two(s, 17);
    return isDateAt(s, 0) && hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 && ss >= 0 && ss <= 59 && two(s, 20) >= 0 && two(s, 23) >= 0;
  }
  return INSTANT_RE.test(s) && parseInstant(s) !== null;
}

// ---- field checks (each as the zod schema of event-schemas.ts) ----
const str: Check = (v) => (typeof v === 'string' ? v : NO);
const str1: Check = (v) => (typeof v === 'string' && v.length >= 1 ? v : NO);
const strD: Check = (v, p) => (!p ? '' : typeof v === 'string' ? v : NO);
const strOpt = optional((v, p) => (!p ? ABSENT : typeof v === 'string' ? v : NO));
const int1: Check = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : NO);
const date: Check = (v) => (typeof v === 'string' && (isDate(v) || isValidDate(v)) ? v : NO);
const dateOpt = optional((v, p) => (!p ? ABSENT : date(v, p)));
const instant: Check = (v) => (typeof v === 'string' && isInstant(v) ? v : NO);
const boolD: Check = (v, p) => (!p ? false : typeof v === 'boolean' ? v : NO);
const boolOpt = optional((v, p) => (!p ? ABSENT : typeof v === 'boolean' ? v : NO));
const unknown: Check = (v, p) => (p ? v : NO);
const sha256: Check = (v) => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v : NO);
const oneOf = (values: readonly string[]) => {
  const set = new Set(values);
  return (v: unknown) => (typeof v === 'string' && set.has(v) ? v : NO);
};
const enumOf = (values: readonly string[]): Check => oneOf(values);
const enumD = (values: readonly string[], d: string): Check => {
  const one = oneOf(values);
  return (v, p) => (!p ? d : one(v));
};
const enumOpt = (values: readonly string[]): Check => {
  const one = oneOf(values);
  return optional((v, p) => (!p ? ABSENT : one(v)));
};
/** An array of `item`, at least `min` long; `dflt`: the value of a missing field. */
const arrayOf =
  (item: Check, min: number, dflt?: () => unknown[]): Check =>
  (v, p) => {
    if (!p) return dflt ? dflt() : NO;
    if (!Array.isArray(v) || v.length < min) return NO;
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = item(v[i], true);
      if (x === NO || x === ABSENT) return NO;
      out[i] = x;
    }
    return out;
  };

const has = Object.prototype.hasOwnProperty;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * A strict object of `shape`: every key known, each field checked, the output's keys in the
 * shape's order. Made as code (once per shape, on first use) so that each field is read and
 * written by name: a loop storing computed keys into a new object costs ~4× as much.
 */
function strict(shape: Shape): Check {
  let compiled: ((v: Record<string, unknown>) => unknown) | undefined;
  const make = () => {
    const lines = ['let n = 0;', 'for (const k in v) n++;', 'let seen = 0;', 'let p;'];
    shape.forEach(([k], i) => {
      lines.push(`p = has.call(v, ${JSON.stringify(k)});`, 'if (p) seen++;', `const x${i} = c[${i}](p ? v[${JSON.stringify(k)}] : undefined, p);`, `if (x${i} === NO) return NO;`);
    });
    lines.push('if (seen !== n) return NO;');
    // The fields up to the first optional one in a literal, then one by one.
    const opt = shape.findIndex(([, check]) => OPTIONAL.has(check));
    const lit = opt < 0 ? shape.length : opt;
    lines.push(`const o = { ${shape.slice(0, lit).map(([k], i) => `${JSON.stringify(k)}: x${i}`).join(', ')} };`);
    for (let i = lit; i < shape.length; i++) {
      const set = `o[${JSON.stringify(shape[i]![0])}] = x${i};`;
      lines.push(OPTIONAL.has(shape[i]![1]) ? `if (x${i} !== ABSENT) ${set}` : set);
    }
    lines.push('return o;');
    const f = new Function('c', 'has', 'NO', 'ABSENT', `return (v) => {\n${lines.join('\n')}\n};`) as (...a: unknown[]) => (v: Record<string, unknown>) => unknown;
    return f(shape.map(([, check]) => check), has, NO, ABSENT);
  };
  return (v, p) => (p && isRecord(v) ? (compiled ??= make())(v) : NO);
}

const keys = (o: Record<string, string>) => Object.keys(o);
const CHANNEL = keys(CHANNELS);
const MODE = keys(MODES_ZH);

const petitioner = strict([
  ['name', str1],
  ['sex', enumD(['男', '女', ''], '')],
  ['id_number', strD],
  ['phone', strD],
  ['address', strD],
  ['representative', boolD],
]);

const noteD: [string, Check] = ['note', strD];

/** Each event type's fields after id, at, by and type (event-schemas.ts EVENT_SCHEMAS, in order). */
const EVENT_FIELDS: Record<string, Shape> = {
  registered: [['channel', enumOf(CHANNEL)], ['receiver', strD], ['people', int1], ['place', strD], ['mode', enumD(MODE, 'fixed')]],
  visit: [['date', date], ['channel', enumOf(CHANNEL)], ['receiver', strD], ['people', int1], ['place', strD], ['mode', enumD(MODE, 'fixed')], ['petitioners', arrayOf(str, 0, () => [])], noteD],
  assign: [['leader', str1], noteD],
  duty: [['items', arrayOf(str1, 1)], noteD],
  accept: [noteD],
  decline: [['reason', str1]],
  handle: [['disposition', enumOf(keys(DISPOSITIONS))], ['facts', str1], ['decision', enumOpt(keys(DECISIONS))], noteD, ['promise_by', dateOpt]],
  transfer: [['unit', str1], ['due', dateOpt], noteD, ['handler', strOpt]],
  reply: [['unit', str1], ['text', str1], ['to_petitioner', boolOpt]],
  extend: [['days', int1], ['reason', str1], ['approved_by', strD]],
  suspend: [['reason', str1]],
  resume: [noteD],
  supervise: [['form', enumOf(keys(SUPERVISION_FORMS))], noteD, ['unit', strD]],
  review: [['result', enumOf(['pass', 'redo'])], noteD],
  collective: [['note', str1]],
  attach: [['file', str1], ['kind', str1], ['name', strD], ['sha256', sha256]],
  instruct: [['leader', str1], ['text', str1]],
  correct: [['field', str1], ['old', unknown], ['new', unknown], ['reason', strD]],
  approve: [['leader', str1], ['text', str1]],
  opinion: [['value', enumOf(keys(OPINIONS))], noteD],
  close: [noteD],
  followup: [['date', date], ['note', str1], ['recurred', boolD], ['leader', strD]],
  reopen: [['reason', str1]],
  appointment: [['date', date], ['leader', str1], noteD],
  beijing: [['date', date], ['place', str1], noteD],
  'merge-conflict': [['field', str], ['kept', unknown], ['other', unknown]],
  merged: [['into', str1], noteD],
  void: [['event', str1], ['reason', str1]],
  resolve: [['date', date], noteD],
};

const idD = (v: unknown) => (typeof v === 'string' && v.length >= 10 ? v : NO);
const EVENTS = new Map<string, Check>(
  Object.entries(EVENT_FIELDS).map(([type, fields]) => [type, strict([['id', idD], ['at', instant], ['by', str1], ['type', (v) => (v === type ? v : NO)], ...fields])]),
);
const event: Check = (v, p) => {
  if (!p || !isRecord(v)) return NO;
  const t = v.type;
  const check = typeof t === 'string' && has.call(EVENT_FIELDS, t) ? EVENTS.get(t) : undefined;
  return check ? check(v, true) : NO;
};

const CASE_ID = /^[A-Z][A-Z0-9]{1,7}-\d{4}-[A-Z]\d{4,}$/;

const caseFile = strict([
  ['id', (v) => (typeof v === 'string' && CASE_ID.test(v) ? v : NO)],
  ['received_at', instant],
  ['channel', enumOf(CHANNEL)],
  ['petitioners', arrayOf(petitioner, 1)],
  ['people', int1],
  ['respondent', strD],
  ['locality', strD],
  ['purpose', str1],
  ['category', strict([['main', str1], ['sub', str1]])],
  ['summary', str1],
  ['receiver', strD],
  ['place', strD],
  ['mode', enumD(MODE, 'fixed')],
  ['opinion', strD],
  ['source', strD],
  ['original_no', strOpt],
  ['repeat_of', arrayOf(str, 0, () => [])],
  ['events', arrayOf(event, 1)],
]);

/** `CaseFile.parse(value)` when this is sure of it; undefined means: ask zod. */
export function checkCaseFile(value: unknown): CaseFile | undefined {
  const out = caseFile(value, true);
  return out === NO ? undefined : (out as CaseFile);
}

/** For tests: the date and instant checks against the schema's. */
export const _forTests = { isDate, isInstant };
