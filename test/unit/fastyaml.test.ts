// src/ledger/fastyaml.ts reads what it accepts exactly as the `yaml` package does: on values
// written by toYaml, and on arbitrary text made of the pieces where the subset's edges lie
// (indentation, dashes, colons, quotes, comments, numbers, the core schema's words, white
// space that trimming treats specially). Where it gives up (undefined) the caller falls back
// to `yaml`, so giving up is always allowed; a different value never is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fastYaml } from '../../src/ledger/fastyaml.js';
import { toYaml } from '../../src/ledger/yamlfile.js';

/** What `yaml` reads (undefined when it reports an error). */
function full(text: string): unknown {
  try {
    return parse(text, { uniqueKeys: true });
  } catch {
    return undefined;
  }
}

function agrees(text: string): boolean {
  const fast = fastYaml(text);
  if (fast === undefined) return true;
  expect(fast, JSON.stringify(text)).toEqual(full(text));
  return true;
}

const word = fc.constantFrom('null', 'Null', '~', 'true', 'False', 'TRUE', '.inf', '-.Inf', '+.INF', '.nan', '0o17', '0o9', '0x1F', '0x1g', '12', '-3', '+4', '1.5', '.5', '1e3', '2.', '1_000', '007', '2026-01-04', '2026-01-04T08:31:41+08:00', '张三', 'a b', 'x:y', 'key', '-', '- a', '""', "''", '"a\\tb"', "'it''s'");

describe('fastYaml', () => {
  it('reads what toYaml writes as yaml does', () => {
    const scalar = fc.oneof(fc.string(), fc.constantFrom('null', 'true', '12', '1.5', '0x10', '2026-01-04', ' 前后有空格 ', '\u3000全角空格\u3000', 'a: b', 'a #b', '- x', '#x', '"q"'), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ maxDepth: 3 }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), (v) => {
        const text = toYaml(v);
        agrees(text);
        // What xinfang writes, it reads fast (no fallback): the point of the reader.
        const simple = Object.values(v).every((x) => typeof x === 'string' && /^[\u4e00-\u9fffA-Za-z]*$/.test(x));
        if (simple) expect(fastYaml(text)).toEqual(v);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with yaml on arbitrary text made of the subset’s edges', () => {
    const piece = fc.oneof(
      word,
      fc.constantFrom('\n', '\r\n', '  ', '    ', '- ', '-', 'id: ', 'a:', 'b: ', 'a: ', ': ', ' #c', '#', '---', '...', '%YAML', '[]', '{}', '[a]', '\u3000', '\u00a0', '\t', '\ufeff', '?', '&a', '*a', '|', '>'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), agrees),
      { numRuns: 3000 },
    );
  });

  it('reads a case file as yaml does', () => {
    const text = `id: QS-2026-A0001
received_at: 2026-01-04T08:31:41+08:00
petitioners:
  - name: 钟兴旺
    id_number: "511181199411162238"
    representative: false
people: 1
respondent: ""
category:
  main: 城乡建设
  sub: 工程欠款
repeat_of: []
events:
  - id: 01KE36NFE88JVH8FNW3VWY6T5K
    at: 2026-01-04T08:31:41+08:00
    people: 1
    note: 'it''s'
  -
    id: x
`;
    expect(fastYaml(text)).toBeDefined();
    expect(fastYaml(text)).toEqual(full(text));
  });
});
