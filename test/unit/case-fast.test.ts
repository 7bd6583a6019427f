// src/domain/case-fast.ts returns exactly what CaseFile.parse (zod) returns — the same
// value with the same key order, defaults filled in, optional fields left out — or
// undefined (then zod decides). It must never accept what zod refuses, nor give another
// value. Checked on generated valid case files (every event type, optional and defaulted
// fields present or left out, in any key order), on the same files mutated (a field
// removed, replaced by a wrong value, an unknown key added), and on a generated ledger.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { _forTests, checkCaseFile } from '../../src/domain/case-fast.js';
import { CaseFile } from '../../src/domain/event-schemas.js';
import { isValidDate, parseInstant } from '../../src/domain/time.js';
import { fastYaml } from '../../src/ledger/fastyaml.js';
import { readFileSync, readdirSync } from 'node:fs';
import { writeCases } from '../helpers/gen-cases.js';

/** The value as a string that keeps key order and tells a missing key from one set to undefined. */
function canon(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '\u0000undefined' : typeof x === 'number' && !Number.isFinite(x) ? `\u0000${String(x)}` : x));
}

/** The fast check agrees with zod on `v` (or leaves it to zod); returns whether it was sure. */
function agrees(v: unknown): boolean {
  const fast = checkCaseFile(structuredClone(v));
  const z = CaseFile.safeParse(structuredClone(v));
  if (fast === undefined) return false;
  expect(z.success, `zod refuses what the fast check took: ${canon(v)}\n${z.success ? '' : JSON.stringify(z.error.issues)}`).toBe(true);
  expect(canon(fast)).toBe(canon(z.data));
  expect(fast).toStrictEqual(z.data);
  return true;
}

const text = fc.oneof(fc.constantFrom('', '张三', '备注', 'L01', 'U02', ' ', 'a'), fc.string({ maxLength: 6 }));
const text1 = fc.oneof(fc.constantFrom('张三', '备注', 'L01', 'U02', ' ', 'a'), fc.string({ minLength: 1, maxLength: 6 }));
const day = fc.record({ y: fc.integer({ min: 2020, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const instant = fc.tuple(day, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('+08:00', 'Z', '-05:30', '.5+08:00', '.123Z')).map(
  ([d, h, m, s, z]) => `${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${z}`,
);
const people = fc.integer({ min: 1, max: 60 });
const ev = (type: string, fields: Record<string, fc.Arbitrary<unknown>>, optional: string[] = []) =>
  fc.record({ id: fc.constantFrom('01JGJ72NHRK55F8R1CN5Q0724G', '01TEST00000000000000000001'), at: instant, by: text1, type: fc.constant(type), ...fields }, { requiredKeys: ['id', 'at', 'by', 'type', ...Object.keys(fields).filter((k) => !optional.includes(k))] as never[], noNullPrototype: true });
const oneOf = (...xs: string[]) => fc.constantFrom(...xs);
const CH = oneOf('visit', 'letter', 'online', 'hotline', 'mailbox', 'fax', 'suggestion', 'instruction', 'assigned');
const MODE = oneOf('fixed', 'appointment', 'onsite');
const anyValue = fc.oneof(fc.constant(null), fc.integer(), text, fc.boolean(), fc.array(text, { maxLength: 2 }), fc.dictionary(fc.constantFrom('a', 'b'), text, { noNullPrototype: true }));

// Each event type with its fields; the third list: fields that may be left out (defaulted or optional).
const EVENTS = fc.oneof(
  ev('registered', { channel: CH, receiver: text, people, place: text, mode: MODE }, ['receiver', 'place', 'mode']),
  ev('visit', { date: day, channel: CH, receiver: text, people, place: text, mode: MODE, petitioners: fc.array(text, { maxLength: 2 }), note: text }, ['receiver', 'place', 'mode', 'petitioners', 'note']),
  ev('assign', { leader: text1, note: text }, ['note']),
  ev('duty', { items: fc.array(text1, { minLength: 1, maxLength: 3 }), note: text }, ['note']),
  ev('accept', { note: text }, ['note']),
  ev('decline', { reason: text1 }),
  ev('handle', { disposition: oneOf('on-the-spot', 'promised', 'explained', 'channel', 'legal', 'assistance'), facts: text1, decision: oneOf('support', 'reject', 'explain'), note: text, promise_by: day }, ['decision', 'note', 'promise_by']),
  ev('transfer', { unit: text1, due: day, note: text, handler: text }, ['due', 'note', 'handler']),
  ev('reply', { unit: text1, text: text1, to_petitioner: fc.boolean() }, ['to_petitioner']),
  ev('extend', { days: people, reason: text1, approved_by: text }, ['approved_by']),
  ev('suspend', { reason: text1 }),
  ev('resume', { note: text }, ['note']),
  ev('supervise', { form: oneOf('phone', 'letter', 'interview', 'meeting', 'listed', 'notice', 'onsite'), note: text, unit: text }, ['note', 'unit']),
  ev('review', { result: oneOf('pass', 'redo'), note: text }, ['note']),
  ev('collective', { note: text1 }),
  ev('attach', { file: text1, kind: text1, name: text, sha256: fc.constantFrom('1e999c5f647815c6dc2b472b83621e1c52cc960a7383a70c96468aacf75cfd02', 'a'.repeat(64)) }, ['name']),
  ev('instruct', { leader: text1, text: text1 }),
  ev('correct', { field: text1, old: anyValue, new: anyValue, reason: text }, ['reason']),
  ev('approve', { leader: text1, text: text1 }),
  ev('opinion', { value: oneOf('satisfied', 'basically-satisfied', 'dissatisfied'), note: text }, ['note']),
  ev('close', { note: text }, ['note']),
  ev('followup', { date: day, note: text1, recurred: fc.boolean(), leader: text }, ['recurred', 'leader']),
  ev('reopen', { reason: text1 }),
  ev('appointment', { date: day, leader: text1, note: text }, ['note']),
  ev('beijing', { date: day, place: text1, note: text }, ['note']),
  ev('merge-conflict', { field: text, kept: anyValue, other: anyValue }),
  ev('merged', { into: text1, note: text }, ['note']),
  ev('void', { event: text1, reason: text1 }),
  ev('resolve', { date: day, note: text }, ['note']),
);

const petitioner = fc.record(
  { name: text1, sex: oneOf('男', '女', ''), id_number: text, phone: fc.oneof(text, fc.constant('13900001111')), address: text, representative: fc.boolean() },
  { requiredKeys: ['name'], noNullPrototype: true },
);

const CASE_OPTIONAL = ['respondent', 'locality', 'receiver', 'place', 'mode', 'opinion', 'source', 'original_no', 'repeat_of'];
const caseFile = fc.record(
  {
    id: fc.constantFrom('QS-2026-A0001', 'QS-2025-A12345', 'AB12-2024-Z0009'),
    received_at: instant,
    channel: CH,
    petitioners: fc.array(petitioner, { minLength: 1, maxLength: 2 }),
    people,
    respondent: text,
    locality: text,
    purpose: text1,
    category: fc.record({ main: text1, sub: text1 }, { noNullPrototype: true }),
    summary: text1,
    receiver: text,
    place: text,
    mode: MODE,
    opinion: text,
    source: text,
    original_no: text,
    repeat_of: fc.array(text, { maxLength: 2 }),
    events: fc.array(EVENTS, { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['id', 'received_at', 'channel', 'petitioners', 'people', 'purpose', 'category', 'summary', 'events'].filter((k) => !CASE_OPTIONAL.includes(k)) as never[], noNullPrototype: true },
);

/** The same object with its keys in another order (a hand-edited file). */
function shuffled(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x, i) => shuffled(x, seed + i));
  if (v && typeof v === 'object') {
    const ks = Object.keys(v);
    const order = ks.map((k, i) => [k, ((i + 1) * 2654435761 + seed) % 97] as const).sort((a, b) => a[1] - b[1]);
    return Object.fromEntries(order.map(([k]) => [k, shuffled((v as Record<string, unknown>)[k], seed + 1)]));
  }
  return v;
}

const JUNK: unknown[] = [null, 0, -1, 1.5, 2 ** 60, Infinity, NaN, '', 'x', ' ', true, false, [], {}, [''], { a: 1 }, '2026-02-30', '2026-13-01', '2026-1-01', '2026-11-25T24:00:00+08:00', '2026-11-25T23:60:00+08:00', '2026-11-25 09:30:00+08:00', '2026-11-25T09:30:00', '２０２６-11-25', 'QS-2026-a0001', 'bogus', 'visit', 'fixed'];

/** A path to some value inside v (an object key or an array index at each step). */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

/** v with one change at a path: the value replaced by junk, the key removed, or an unknown key added. */
function mutate(v: unknown, pick: number, kind: number, junk: number): unknown {
  const copy = structuredClone(v) as Record<string, unknown>;
  const all = paths(copy).filter((p) => p.length > 0);
  const path = all[pick % all.length]!;
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (kind === 0) parent[last] = JUNK[junk % JUNK.length];
  else if (kind === 1 && !Array.isArray(parent)) delete parent[last];
  else if (kind === 2) {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)['extra'] = 'x';
    else parent[last] = JUNK[junk % JUNK.length];
  } else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else parent[last] = JUNK[junk % JUNK.length];
  return copy;
}

describe('checkCaseFile', () => {
  it('gives what zod gives on valid files, sure of nearly all of them', () => {
    let sure = 0;
    let runs = 0;
    fc.assert(
      fc.property(caseFile, fc.nat(), (v, seed) => {
        runs++;
        if (agrees(seed % 3 === 0 ? shuffled(v, seed) : v)) sure++;
        // Every generated file is valid: zod takes it, and so must the fast check.
        expect(CaseFile.safeParse(v).success).toBe(true);
        expect(checkCaseFile(v), canon(v)).toBeDefined();
      }),
      { numRuns: 1500 },
    );
    expect(sure).toBe(runs);
  });

  it('never takes what zod refuses, nor gives another value, on mutated files', () => {
    let refused = 0;
    fc.assert(
      fc.property(caseFile, fc.nat(), fc.nat({ max: 4 }), fc.nat(), (v, pick, kind, junk) => {
        const m = mutate(v, pick, kind, junk);
        agrees(m);
        if (!CaseFile.safeParse(m).success) refused++;
      }),
      { numRuns: 4000 },
    );
    // The mutations do break files (else the test would prove little).
    expect(refused).toBeGreaterThan(1500);
  });

  it('checks dates and times as the schema does', () => {
    const piece = fc.oneof(fc.constantFrom('-', 'T', ':', '+', 'Z', '.', ' ', '０'), fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')));
    const near = fc.oneof(day, instant, fc.array(piece, { maxLength: 14 }).map((a) => a.join('')), fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
    const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    fc.assert(
      fc.property(near, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (s, a, b) => {
        expect(_forTests.isDate(s)).toBe(isValidDate(s));
        const t = `${s}T${String(a).padStart(2, '0')}:${String(b).padStart(2, '0')}:${String(b).padStart(2, '0')}+0${a % 10}:${String(b).padStart(2, '0')}`;
        for (const x of [s, t]) expect(_forTests.isInstant(x), x).toBe(INSTANT_RE.test(x) && parseInstant(x) !== null);
      }),
      { numRuns: 5000 },
    );
    for (const d of ['2024-02-29', '2100-02-29', '2000-02-29', '2026-04-31', '0000-01-01', '2026-00-10', '2026-1a-10']) expect(_forTests.isDate(d)).toBe(isValidDate(d));
  });

  it('is sure of every file of a generated ledger, and agrees with zod on it', () => {
    const root = mkdtempSync(join(tmpdir(), 'xf-casefast-'));
    try {
      writeCases(root, { n: 300, seed: 7, start: '2025-01-02', end: '2026-11-20' });
      let n = 0;
      for (const y of readdirSync(join(root, 'cases'))) {
        for (const f of readdirSync(join(root, 'cases', y))) {
          const v = fastYaml(readFileSync(join(root, 'cases', y, f), 'utf8'));
          expect(agrees(v), f).toBe(true);
          n++;
        }
      }
      expect(n).toBe(300);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
