// Precision and recall of repeat recognition on the labelled pairs of
// test/fixtures/repeat-pairs.yaml: pairs written as clerks write, split into a tuning part
// (the weights and thresholds were set on it) and a held-out part (only measured).
// The pairs go through findRepeats — the same path as intake: the person in common, the same
// main category, the matter score against the office's thresholds — with the term
// frequencies of all the set's summaries standing for the ledger's own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { foldCase } from '../../src/domain/case.js';
import { findRepeats } from '../../src/domain/repeat.js';
import { summaryTerms, type TermStats } from '../../src/domain/similarity.js';
import { testCaseFile } from '../helpers/case-file.js';
import { configDefaults } from '../helpers/repeat-config.js';

interface Pair { l: 'same' | 'other_matter' | 'other_person'; c: string; cb?: string; a: string; b: string; la?: string; lb?: string; ra?: string; rb?: string }
const pairs = (parse(readFileSync(new URL('../fixtures/repeat-pairs.yaml', import.meta.url), 'utf8')) as { pairs: Pair[] }).pairs;

// The set's summaries stand for the ledger's: each distinct summary once.
const docs = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
const df = new Map<string, number>();
for (const d of docs) for (const t of summaryTerms(d)) df.set(t, (df.get(t) ?? 0) + 1);
const stats: TermStats = { docs: docs.length, df };

// Phones written differently on the two visits (one person), or an ID number; another person has other ones.
const PHONES: [string, string][] = [['13800138000', '138-0013-8000'], ['0830-5551234', '0830 555 1234'], ['+86 139 0830 1234', '13908301234']];

function linked(p: Pair, n: number, t = configDefaults()): { sure: boolean; possible: boolean } {
  const cat = (s: string) => ({ main: s.split('/')[0]!, sub: s.split('/')[1]! });
  const [phoneA, phoneB] = PHONES[n % PHONES.length]!;
  const same = p.l !== 'other_person';
  const byId = n % 2 === 0;
  const earlier = foldCase(
    testCaseFile({
      received: '2026-03-02',
      extra: {
        petitioners: [{ name: '张秀英', sex: '', id_number: byId ? '11010519491231002X' : '', phone: byId ? '' : phoneA, address: '', representative: false }],
        category: cat(p.c),
        summary: p.a,
        locality: p.la ?? '',
        respondent: p.ra ?? '',
      },
    }),
  );
  const draft = {
    petitioners: [same ? { name: '张秀英', sex: '' as const, id_number: byId ? '11010519491231002X' : '', phone: byId ? '' : phoneB, address: '', representative: false } : { name: '李桂兰', sex: '' as const, id_number: byId ? '110105195212030024' : '', phone: byId ? '' : '13512345678', address: '', representative: false }],
    category: cat(p.cb ?? p.c),
    summary: p.b,
    locality: p.lb,
    respondent: p.rb,
    date: '2026-06-01',
  };
  const m = findRepeats([earlier], draft, t, stats);
  return { sure: m.some((r) => r.sure), possible: m.length > 0 };
}

export function measure(part: 'tune' | 'held') {
  let same = 0;
  let sameLinked = 0;
  let samePossible = 0;
  let others = 0;
  let othersLinked = 0;
  let othersPossible = 0;
  const missed: string[] = [];
  const wrong: string[] = [];
  pairs.forEach((p, n) => {
    if ((n % 3 === 2 ? 'held' : 'tune') !== part) return;
    const r = linked(p, n);
    if (p.l === 'same') {
      same++;
      if (r.sure) sameLinked++;
      else missed.push(`${n}: ${p.a} | ${p.b}`);
      if (r.possible) samePossible++;
    } else {
      others++;
      if (r.sure) {
        othersLinked++;
        wrong.push(`${n}: ${p.a} | ${p.b}`);
      }
      if (r.possible) othersPossible++;
    }
  });
  return { same, sameLinked, samePossible, others, othersLinked, othersPossible, recall: sameLinked / same, falseRate: othersLinked / others, missed, wrong };
}

describe('repeat recognition on the labelled pairs', () => {
  it('has at least 150 pairs of the three kinds', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    for (const k of ['same', 'other_matter', 'other_person']) expect(pairs.filter((p) => p.l === k).length).toBeGreaterThan(10);
  });

  it('links at least 90 % of the held-out same-matter pairs and at most 10 % of the others', () => {
    const tune = measure('tune');
    const held = measure('held');
    console.log(JSON.stringify({ tune: { ...tune, missed: tune.missed.length, wrong: tune.wrong.length }, held: { ...held, missed: held.missed.length, wrong: held.wrong.length } }));
    expect(held.recall).toBeGreaterThanOrEqual(0.9);
    expect(held.falseRate).toBeLessThanOrEqual(0.1);
  });

  it('offers as possible (not linked) at most a fifth of the held-out others', () => {
    const held = measure('held');
    expect(held.samePossible).toBeGreaterThanOrEqual(held.sameLinked);
    expect(held.othersPossible / held.others).toBeLessThanOrEqual(0.2);
  });
});
