// The parts of repeat recognition and finding: the common wording, amounts, the matter
// score's evidence, sure and possible repeats, phones in any format, a merged case's visits,
// and what `case list --person` / `case find` match.
import { describe, expect, it } from 'vitest';
import { countedVisits, foldCase, isOpen, isRepeat } from '../../src/domain/case.js';
import { caseMatches, personMatches, personQuery } from '../../src/domain/find.js';
import { phoneKey } from '../../src/domain/identity.js';
import { findRepeats, matterScore, samePerson } from '../../src/domain/repeat.js';
import { quantities, similarity, tokens } from '../../src/domain/similarity.js';
import { testCaseFile } from '../helpers/case-file.js';

const P = (o: Partial<{ name: string; id_number: string; phone: string; address: string }>) => ({ name: '张秀英', sex: '' as const, id_number: '', phone: '', address: '', representative: false, ...o });

describe('the common wording of a summary', () => {
  it('brings what clerks write in other words to the same tokens and drops the common words', () => {
    const a = tokens('丈夫系退伍军人，去世后遗属抚恤金一直未发放');
    const b = tokens('老伴是退伍老兵，走了以后抚恤金到现在都没领到');
    for (const t of ['【配偶】', '【退役军人】', '【去世】', '【抚恤】', '【未发】']) {
      expect(a).toContain(t);
      expect(b).toContain(t);
    }
    expect(tokens('要求尽快反映问题')).toEqual([]);
  });
  it('reads amounts written in figures and in Chinese as the same number', () => {
    expect(quantities('被拖欠工资3.2万元')).toEqual([32000]);
    expect(quantities('工钱32000元')).toEqual([32000]);
    expect(quantities('被骗了八万块钱')).toEqual([80000]);
    expect(quantities('少算四十平米，借出十五万')).toEqual([40, 150000]);
    expect(quantities('一直没有')).toEqual([]);
  });
  it('weights rare terms more than common ones', () => {
    const stats = { docs: 100, df: new Map([['【未发】', 60], ['【抚恤】', 2]]) };
    const common = similarity('抚恤金没领到', '工资没领到', stats);
    const rare = similarity('抚恤金没领到', '抚恤金的事', stats);
    expect(rare).toBeGreaterThan(common);
  });
});

describe('the matter score and repeats', () => {
  const cat = { main: '劳动社保', sub: '工资福利' };
  it('counts the same sub-category and amount for, another against', () => {
    const a = { summary: '被包工头拖欠工资3.2万元', category: cat };
    const same = matterScore(a, { summary: '工地的工钱32000元没给', category: cat });
    const otherAmount = matterScore(a, { summary: '工地的工钱5000元没给', category: cat });
    const otherSub = matterScore(a, { summary: '工地的工钱32000元没给', category: { main: '劳动社保', sub: '劳动纠纷' } });
    expect(same).toBeGreaterThan(otherAmount);
    expect(same).toBeGreaterThan(otherSub);
  });
  it('links only at or above the sure threshold and lists the possible ones, best first', () => {
    const earlier = [1, 2].map((n) => foldCase(testCaseFile({ id: `QS-2026-A000${n}`, received: '2026-03-0' + n, extra: { petitioners: [P({ phone: '13800138000' })], category: { main: '民政', sub: '优抚救济' }, summary: n === 1 ? '丈夫系退伍军人，去世后遗属抚恤金一直未发放' : '残疾儿子护理补贴未到账' } })));
    const draft = { petitioners: [P({ phone: '138-0013-8000' })], category: { main: '民政', sub: '优抚救济' }, summary: '老伴是退伍老兵，走了以后抚恤金到现在都没领到', date: '2026-05-01' };
    const all = findRepeats(earlier, draft, { sure: 0.28, possible: 0 });
    expect(all.map((r) => r.id)).toEqual(['QS-2026-A0001', 'QS-2026-A0002']);
    expect(all.map((r) => r.sure)).toEqual([true, false]);
    const [s1, s2] = all.map((r) => r.score) as [number, number];
    expect(s1).toBeGreaterThan(s2);
    expect(findRepeats(earlier, draft, { sure: s1 + 0.01, possible: (s1 + s2) / 2 }).map((r) => [r.id, r.sure])).toEqual([['QS-2026-A0001', false]]);
    // Merged into another case: not a candidate.
    const merged = foldCase({ ...earlier[0]!.file, events: [...earlier[0]!.file.events, { id: '01TESTMERGED000000000000000', at: '2026-04-01T09:00:00+08:00', by: '测试', type: 'merged', into: 'QS-2026-A0009', note: '' }] });
    expect(findRepeats([merged], draft, { sure: 0.28, possible: 0 })).toEqual([]);
  });
  it('knows one person by a phone written any way, and not by a different ID number', () => {
    expect(phoneKey('+86 138-0013-8000')).toBe('13800138000');
    expect(phoneKey('0830 555 1234')).toBe(phoneKey('0830-5551234'));
    expect(samePerson(P({ phone: '(0830)5551234' }), P({ phone: '0830-555-1234' }))).toBe(true);
    expect(samePerson(P({ phone: '13800138000' }), P({ name: '张秀兰', phone: '13800138000' }))).toBe(false);
    expect(samePerson(P({ id_number: '11010519491231002X', phone: '13800138000' }), P({ id_number: '110105195212030024', phone: '13800138000' }))).toBe(false);
  });
});

describe('a merged case', () => {
  it('counts no visits, is neither open nor a repeat', () => {
    const f = testCaseFile({ received: '2026-05-06', events: [['2026-06-01', { type: 'merged', into: 'QS-2026-A0009', note: '' }]], extra: { repeat_of: ['QS-2026-A0009'] } });
    const s = foldCase(f);
    expect(s.mergedInto).toBe('QS-2026-A0009');
    expect(s.visits).toHaveLength(1);
    expect(countedVisits(s)).toEqual([]);
    expect(isOpen(s)).toBe(false);
    expect(isRepeat(s)).toBe(false);
  });
});

describe('finding a petitioner and a case', () => {
  const f = testCaseFile({ received: '2026-05-06', extra: { petitioners: [P({ id_number: '11010519491231002X', phone: '0830-5551234', address: '青山乡石桥村3组' })], summary: '拆迁补偿款至今未发放', respondent: '石桥村委会' } });
  it('takes a name or part of it, an ID number, a phone in any format', () => {
    expect(personQuery('11010519491231002x')).toEqual({ kind: 'id', id: '11010519491231002X' });
    expect(personQuery('0830 555 1234')).toEqual({ kind: 'phone', digits: '08305551234' });
    expect(personMatches(f.petitioners, personQuery('秀英'))).toBe(true);
    expect(personMatches(f.petitioners, personQuery('11010519491231002x'))).toBe(true);
    expect(personMatches(f.petitioners, personQuery('(0830)555-1234'))).toBe(true);
    expect(personMatches(f.petitioners, personQuery('5551234'))).toBe(true);
    expect(personMatches(f.petitioners, personQuery('李桂兰'))).toBe(false);
    expect(personMatches(f.petitioners, personQuery('13800138000'))).toBe(false);
  });
  it('finds by words of the summary, the respondent and the address, all of them', () => {
    expect(caseMatches(f, '拆迁 补偿')).toBe(true);
    expect(caseMatches(f, '石桥村委会')).toBe(true);
    expect(caseMatches(f, '石桥村3组')).toBe(true);
    expect(caseMatches(f, '拆迁 宅基地')).toBe(false);
    expect(caseMatches(f, '张秀英 拆迁')).toBe(true);
  });
});

describe('any text', () => {
  it('gives a similarity in [0, 1], symmetric, whatever the characters', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const s = similarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-9);
        expect(similarity(b, a)).toBeCloseTo(s, 10);
      }),
    );
    expect(tokens('\u0001三万元\u0002')).toEqual(['#30000', '元']);
  });
});
