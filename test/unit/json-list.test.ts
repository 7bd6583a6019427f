// printJsonList writes { ...head, key: items } item by item: the same text printJson writes
// for the whole document, for any head and items (the output of `case list --json` and of
// `report register --json` that scripts read).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ctx, type IO } from '../../src/cli/context.js';

function ctxWriting(): { ctx: Ctx; text: () => string } {
  const parts: string[] = [];
  const io: IO = { cwd: '/', env: {}, stdout: (s) => void parts.push(s), stderr: () => {}, isTTY: false };
  return { ctx: new Ctx(io, {}), text: () => parts.join('') };
}

describe('printJsonList', () => {
  it('is printJson of the whole document, item by item', () => {
    const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '__proto__');
    // The list's key comes last in the document: not an array index, which JavaScript puts first.
    const listKey = key.filter((k) => !/^(0|[1-9]\d*)$/.test(k));
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), listKey, fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }), (head0, k, items) => {
        const head = Object.fromEntries(Object.entries(head0).filter(([h]) => h !== k));
        const a = ctxWriting();
        const b = ctxWriting();
        expect(a.ctx.printJsonList(head, k, items)).toBe(items.length);
        b.ctx.printJson({ ...head, [k]: items });
        expect(a.text()).toBe(b.text());
      }),
      { numRuns: 500 },
    );
  });

  it('reads items as they come (a generator), and an empty list is []', () => {
    const { ctx, text } = ctxWriting();
    function* none() {}
    ctx.printJsonList({ total: 0 }, 'cases', none());
    expect(text()).toBe('{\n  "total": 0,\n  "cases": []\n}\n');
  });
});
