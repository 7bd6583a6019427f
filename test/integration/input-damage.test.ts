// Randomly damaged ledger files under the reading commands: a case, xinfang.yaml,
// leaders.yaml, units.yaml or a roster truncated, with flipped bytes, invalid UTF-8, wrong
// types, duplicate or missing lines, emptied, deleted, or replaced by a folder. Whatever the
// damage, no command ends in an internal error (exit 3): a broken file is exit 2 naming it
// (file:line), check reports it as a problem (exit 1).
import fc from 'fast-check';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../helpers/index.js';
import { inputLedger } from './input-fixture.js';

const FILES = ['xinfang.yaml', 'leaders.yaml', 'units.yaml', 'rosters/2026-11.yaml', 'cases/2026/QS-2026-A0001.yaml', 'cases/2026/QS-2026-A0003.yaml'];

const READERS: string[][] = [
  ['check'],
  ['check', '--strict', '--json'],
  ['case', 'list'],
  ['case', 'list', '--overdue'],
  ['case', 'show', 'A0001'],
  ['case', 'show', 'A0003', '--json'],
  ['case', 'readiness', 'A0001'],
  ['case', 'history', 'A0001'],
  ['due'],
  ['report', 'stats', '--quarter', '2026Q4'],
  ['report', 'register', '--quarter', '2026Q4', '--format', 'csv'],
  ['report', 'summary', '--quarter', '2026Q4'],
  ['roster', 'show', '--month', '2026-11'],
  ['roster', 'duty', '--date', '2026-11-25'],
  ['roster', 'brief', '--date', '2026-11-25'],
  ['roster', 'compliance', '--quarter', '2026Q4'],
  ['roster', 'balance', '--quarter', '2026Q4'],
  ['roster', 'publish', '--month', '2026-11'],
  ['leader', 'list', '--all'],
  ['leader', 'show', 'L01'],
  ['unit', 'list'],
  ['calendar', 'show', '--year', '2026'],
  ['reindex'],
  // writers too: they must refuse a broken ledger as cleanly as the readers
  ['case', 'accept', 'A0003'],
  ['visit', 'add', '--name', '张三', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '测试', '--leader', 'L01'],
];

const WRONG_VALUES = ['[1, 2]', '{a: 1}', '"abc"', '-1', '99999999999999999999', 'null', 'true', '2026-02-30', '0000-01-01T00:00:00+08:00', '9999-12-31', '~', '"\\u0000"', '*nope', '&a x', '|', '"\\x1b[31m"', "'''", 'L99', ''];

type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number[]; bytes: number[] }
  | { kind: 'utf8'; at: number; bytes: readonly number[] }
  | { kind: 'value'; line: number; value: string }
  | { kind: 'dup'; line: number }
  | { kind: 'drop'; line: number }
  | { kind: 'empty' | 'delete' | 'folder' | 'garbage' };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 5, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('utf8' as const), at: fc.nat(), bytes: fc.constantFrom([0xff], [0xfe, 0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0xf4, 0x90, 0x80, 0x80]) }),
  fc.record({ kind: fc.constant('value' as const), line: fc.nat(), value: fc.constantFrom(...WRONG_VALUES) }),
  fc.record({ kind: fc.constant('dup' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }),
  fc.record({ kind: fc.constantFrom('empty' as const, 'delete' as const, 'folder' as const, 'garbage' as const) }),
);

function apply(root: string, rel: string, original: Buffer, d: Damage): void {
  const path = join(root, rel);
  const lines = () => original.toString('utf8').split('\n');
  const write = (b: Buffer | string) => writeFileSync(path, b);
  switch (d.kind) {
    case 'truncate':
      return write(original.subarray(0, d.at % Math.max(1, original.length)));
    case 'flip': {
      const b = Buffer.from(original);
      d.at.forEach((a, i) => (b[a % b.length] = d.bytes[i]!));
      return write(b);
    }
    case 'utf8': {
      const at = d.at % Math.max(1, original.length);
      return write(Buffer.concat([original.subarray(0, at), Buffer.from(d.bytes), original.subarray(at)]));
    }
    case 'value': {
      const ls = lines();
      const keyed = ls.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(- )?[a-z_]+:/.test(l));
      const [l, i] = keyed[d.line % keyed.length]!;
      ls[i] = l.replace(/:.*$/, `: ${d.value}`);
      return write(ls.join('\n'));
    }
    case 'dup': {
      const ls = lines();
      const i = d.line % ls.length;
      ls.splice(i, 0, ls[i]!);
      return write(ls.join('\n'));
    }
    case 'drop': {
      const ls = lines();
      ls.splice(d.line % ls.length, 1);
      return write(ls.join('\n'));
    }
    case 'empty':
      return write('');
    case 'garbage':
      return write(Buffer.from([0, 1, 2, 0xff, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 10, 0x7f]));
    case 'delete':
      return rmSync(path);
    case 'folder':
      rmSync(path);
      mkdirSync(path);
      writeFileSync(join(path, 'x.yaml'), 'a: 1\n');
      return;
  }
}

let root = '';
const originals = new Map<string, Buffer>();

beforeAll(async () => {
  root = await inputLedger();
  for (const f of FILES) originals.set(f, readFileSync(join(root, f)));
}, 60_000);

describe('damaged ledger files', () => {
  it('never make a command end in an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), damage, fc.subarray(READERS, { minLength: 3, maxLength: 5 }), fc.boolean(), async (rel, d, commands, scan) => {
        apply(root, rel, originals.get(rel)!, d);
        // Half the time without the index: every case is read from its file (ScanStore).
        if (scan) process.env.XINFANG_INDEX = 'off';
        try {
          for (const argv of commands) {
            const r = await runIn(argv, { env: { XINFANG_LEDGER: root } });
            expect(r.code, `${rel} damaged (${JSON.stringify(d)}${scan ? ', XINFANG_INDEX=off' : ''}): xinfang ${argv.join(' ')}\n${r.stderr.slice(0, 1500)}`).not.toBe(3);
          }
        } finally {
          delete process.env.XINFANG_INDEX;
          rmSync(join(root, rel), { recursive: true, force: true });
          writeFileSync(join(root, rel), originals.get(rel)!);
        }
      }),
      { numRuns: Number(process.env.XINFANG_FUZZ_RUNS ?? 300), endOnFailure: true },
    );
  }, 180_000);
});
