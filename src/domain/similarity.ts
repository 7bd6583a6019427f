// Text similarity for repeat detection. Chinese has no spaces between words, so summaries
// are compared by characters: the Dice coefficient of their character bigrams (after
// dropping punctuation, spaces and digits' formatting), which is robust to reordering
// and to small edits in a clerk's wording.
const STRIP = /[\s\p{P}\p{S}]/gu;

export function bigrams(text: string): Map<string, number> {
  const chars = [...text.replace(STRIP, '').toLowerCase()];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** 0 (nothing in common) … 1 (same characters in the same order). */
export function similarity(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  let na = 0;
  let nb = 0;
  let both = 0;
  for (const n of A.values()) na += n;
  for (const n of B.values()) nb += n;
  if (na + nb === 0) return 0;
  for (const [g, n] of A) both += Math.min(n, B.get(g) ?? 0);
  return (2 * both) / (na + nb);
}
