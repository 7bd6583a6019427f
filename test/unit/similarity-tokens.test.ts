// tokens() looks up only the dictionary phrases that start with the character at hand and
// remembers which characters are punctuation: it must read every text as the plain
// reading does (at each place the longest phrase of the dictionary, else the character).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_WORDS, SYNONYMS } from '../../src/domain/matter-words.js';
import { tokens } from '../../src/domain/similarity.js';

/** The plain reading: every phrase length tried at every place, longest first. */
function plainTokens(text: string): string[] {
  const dict = new Map<string, string>();
  for (const w of COMMON_WORDS) dict.set(w, '');
  for (const [canon, variants] of SYNONYMS) for (const v of [canon, ...variants]) dict.set(v, `【${canon}】`);
  const lengths = [...new Set([...dict.keys()].map((k) => k.length))].sort((a, b) => b - a);
  // The number marks come from tokens() itself (the same normalisation), so compare after it:
  // here only texts without amounts are read.
  const t = text.normalize('NFKC').toLowerCase().replace(/[\u0001\u0002]/g, '');
  const out: string[] = [];
  for (let i = 0; i < t.length; ) {
    const ch = t[i]!;
    if (/[\s\p{P}\p{S}]/u.test(ch)) {
      i++;
      continue;
    }
    const L = lengths.find((n) => i + n <= t.length && dict.has(t.slice(i, i + n)));
    if (L !== undefined) {
      const tok = dict.get(t.slice(i, i + L))!;
      if (tok && out[out.length - 1] !== tok) out.push(tok);
      i += L;
      continue;
    }
    out.push(ch);
    i++;
  }
  return out;
}

describe('tokens', () => {
  it('reads any text as the plain reading does', () => {
    const words = [...COMMON_WORDS.slice(0, 40), ...SYNONYMS.slice(0, 30).flatMap(([c, v]) => [c, ...v])];
    const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom('，', '。', ' ', '！', 'A', 'b', '\u3000', '\ud83d\ude00', '\ud83d', '的', '了', '地'), fc.string({ maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), (s) => {
        // Amounts are read by another step (QUANTITY); leave them out here.
        fc.pre(!/[0-9零〇一二两三四五六七八九十百千]/.test(s.normalize('NFKC')));
        expect(tokens(s)).toEqual(plainTokens(s));
      }),
      { numRuns: 3000 },
    );
  });
});
