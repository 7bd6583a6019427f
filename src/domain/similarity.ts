// Text similarity of two summaries of a matter. Chinese has no spaces between words and a
// clerk never writes the same summary twice, so a summary is first brought to a common
// wording: the dictionary of what clerks write (matter-words.ts: 老伴/丈夫 → 配偶, 走了/去世
// → 去世, 没领到/未发放 → 未发 …) turns each known phrase into one token, the words every
// summary has (要求、反映、尽快、问题 …) are dropped, and amounts are read as numbers
// (八万块钱 = 8万元 = 80000). What remains is compared as a set of terms — the tokens and
// characters, and each two neighbouring ones — each term weighted by how rare it is among
// the ledger's own summaries (inverse document frequency): 抚恤、拆迁、宅基地 weigh much,
// what half the summaries say weighs little.
import { COMMON_WORDS, SYNONYMS } from './matter-words.js';

const STRIP = /[\s\p{P}\p{S}]/u;
/** STRIP's answer for each UTF-16 unit seen so far (0 not yet asked, 1 stripped, 2 kept): a summary is read unit by unit. */
const stripped = new Uint8Array(0x10000);
const NONE: number[] = [];

interface Lexicon {
  /** phrase → its token ('' for a common word, dropped). */
  byLength: Map<number, Map<string, string>>;
  /** The lengths of the phrases that start with a UTF-16 unit (its code), longest first. */
  byFirst: Map<number, number[]>;
}

let lexicon: Lexicon | undefined;
function lex(): Lexicon {
  if (lexicon) return lexicon;
  const byLength = new Map<number, Map<string, string>>();
  const put = (phrase: string, token: string) => {
    let m = byLength.get(phrase.length);
    if (!m) byLength.set(phrase.length, (m = new Map()));
    // A phrase in the dictionary wins over the same phrase in the list of common words.
    if (!m.has(phrase) || token) m.set(phrase, token);
  };
  for (const w of COMMON_WORDS) put(w, '');
  for (const [canon, variants] of SYNONYMS) for (const v of [canon, ...variants]) put(v, `【${canon}】`);
  const byFirst = new Map<number, number[]>();
  for (const [len, m] of byLength) {
    for (const phrase of m.keys()) {
      const ls = byFirst.get(phrase.charCodeAt(0)) ?? [];
      if (!ls.includes(len)) ls.push(len);
      byFirst.set(phrase.charCodeAt(0), ls);
    }
  }
  for (const ls of byFirst.values()) ls.sort((a, b) => b - a);
  lexicon = { byLength, byFirst };
  return lexicon;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 四十 → 40, 十五 → 15, 八百 → 800, 三 → 3 (below 10,000; 万 is read by the caller). */
function cnNumber(s: string): number | undefined {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGIT) digit = CN_DIGIT[ch]!;
    else if (ch in CN_UNIT) {
      total += (digit < 0 ? 1 : digit) * CN_UNIT[ch]!;
      digit = -1;
    } else return undefined;
  }
  return total + (digit < 0 ? 0 : digit);
}

// A number followed by a unit: 3.2万元, 32000元, 八万块, 四十平米, 两亩, 三年.
const QUANTITY = /([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)(?:(万)|(?=[元块平亩年个月岁层楼间人户次天]))/gu;

/** Amounts and other quantities in a text, as numbers (for the comparison of two matters). */
export function quantities(text: string): number[] {
  const out: number[] = [];
  for (const m of text.normalize('NFKC').matchAll(QUANTITY)) {
    const n = /^[0-9]/.test(m[1]!) ? Number(m[1]) : cnNumber(m[1]!);
    if (n === undefined || !Number.isFinite(n)) continue;
    out.push(Math.round(n * (m[2] ? 10000 : 1) * 100) / 100);
  }
  return out;
}

/** The summary as a list of tokens: dictionary words as 【word】, numbers as #n, other characters as themselves. */
export function tokens(text: string): string[] {
  // \u0001 … \u0002 mark the numbers read below; any in the text itself are dropped first.
  const t = text.normalize('NFKC').toLowerCase().replace(/[\u0001\u0002]/g, '').replace(QUANTITY, (_m, num: string, wan: string | undefined) => {
    const n = /^[0-9]/.test(num) ? Number(num) : cnNumber(num);
    return n === undefined ? _m : `\u0001${Math.round(n * (wan ? 10000 : 1) * 100) / 100}\u0002`;
  });
  const { byLength, byFirst } = lex();
  const out: string[] = [];
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === 1) {
      const end = t.indexOf('\u0002', i);
      out.push(`#${t.slice(i + 1, end)}`);
      i = end + 1;
      continue;
    }
    let strip = stripped[c]!;
    if (strip === 0) stripped[c] = strip = STRIP.test(t[i]!) ? 1 : 2;
    if (strip === 1) {
      i++;
      continue;
    }
    let hit: string | undefined;
    let len = 0;
    // Only the phrases that start with this character can match here (longest first).
    for (const L of byFirst.get(c) ?? NONE) {
      if (i + L > t.length) continue;
      const tok = byLength.get(L)!.get(t.slice(i, i + L));
      if (tok !== undefined) {
        hit = tok;
        len = L;
        break;
      }
    }
    if (hit !== undefined) {
      if (hit && out[out.length - 1] !== hit) out.push(hit);
      i += len;
      continue;
    }
    out.push(t[i]!);
    i++;
  }
  return out;
}

/** The terms of a summary (each once): its tokens and each two neighbouring tokens. */
export function summaryTerms(text: string): string[] {
  const tk = tokens(text);
  const out = new Set<string>(tk);
  for (let i = 0; i + 1 < tk.length; i++) out.add(`${tk[i]}${tk[i + 1]}`);
  return [...out];
}

/** How many summaries of the ledger have each term, and how many summaries there are. */
export interface TermStats {
  docs: number;
  df: ReadonlyMap<string, number>;
}

export const NO_STATS: TermStats = { docs: 0, df: new Map() };

/**
 * A term's weight: the square of its inverse document frequency in the ledger,
 * (ln((N+1)/(df+1)) + 1)², so that what every summary says weighs about 1 and a term few
 * summaries have weighs many times more. A dictionary token or an amount counts double (it
 * stands for a word, not a character); a single plain character counts half (bigrams carry
 * the words).
 */
export function termWeight(term: string, stats: TermStats): number {
  const df = stats.df.get(term) ?? 0;
  const idf = (Math.log((stats.docs + 1) / (df + 1)) + 1) ** 2;
  const single = [...term].length === 1;
  const token = term.startsWith('【') && term.endsWith('】') && term.indexOf('【', 1) < 0;
  const number = term.startsWith('#') && !term.includes('【', 1);
  return idf * (token || number ? 2 : single ? 0.5 : 1);
}

/**
 * 0 (nothing in common) … 1 (the same terms): the weight of the terms both share over the
 * geometric mean of each one's total weight.
 */
export function similarity(a: string, b: string, stats: TermStats = NO_STATS): number {
  const A = new Set(summaryTerms(a));
  const B = new Set(summaryTerms(b));
  if (!A.size || !B.size) return 0;
  let wa = 0;
  let wb = 0;
  let both = 0;
  for (const t of A) {
    const w = termWeight(t, stats);
    wa += w;
    if (B.has(t)) both += w;
  }
  for (const t of B) wb += termWeight(t, stats);
  return both / Math.sqrt(wa * wb);
}
