// Closure readiness: each of the five conditions fails on its own and says why; the 五包
// checklist in both seed variants.
import { describe, expect, it } from 'vitest';
import { testCaseFile } from '../helpers/case-file.js';
import { foldCase } from '../../src/domain/case.js';
import { dutyChecklist, readiness } from '../../src/domain/readiness.js';
import type { NewEvent } from '../../src/domain/events.js';

/** A case received 2026-03-02; its events all on 2026-03-05. */
const kase = (events: NewEvent[]) =>
  foldCase(testCaseFile({ received: '2026-03-02', time: '10:00', extra: { summary: '优抚金' }, events: events.map((e): [string, Record<string, unknown>] => ['2026-03-05', e]) }));
const names = { leader: (id: string) => ({ L01: '张志强', L02: '王建国' })[id] ?? id, unit: (id: string) => ({ U01: '民政办' })[id] ?? id };
const rules = { materials: ['登记表', '处理意见', '答复意见书', '信访人意见'] };
const full: NewEvent[] = [
  { type: 'accept', note: '' },
  { type: 'transfer', unit: 'U01', note: '' },
  { type: 'reply', unit: 'U01', text: '已补发' },
  { type: 'handle', disposition: 'on-the-spot', facts: '漏发三个月', note: '' },
  { type: 'approve', leader: 'L01', text: '同意' },
  { type: 'opinion', value: 'satisfied', note: '' },
  { type: 'attach', file: 'attachments/x/a.txt', kind: '答复意见书', name: 'a.txt', sha256: 'a'.repeat(64) },
];
const failing = (events: NewEvent[]) => readiness(kase(events), rules, names).conditions.filter((c) => !c.ok).map((c) => c.key);

describe('closure readiness', () => {
  it('all five hold', () => {
    const r = readiness(kase(full), rules, names);
    expect(r.ready).toBe(true);
    expect(r.conditions.map((c) => c.key)).toEqual(['facts_clear', 'handled', 'leader_approval', 'petitioner_opinion', 'file_complete']);
  });
  it('a fresh case fails every condition but the registration material', () => {
    const r = readiness(kase([]), rules, names);
    expect(r.ready).toBe(false);
    expect(failing([])).toEqual(['facts_clear', 'handled', 'leader_approval', 'petitioner_opinion', 'file_complete']);
    expect(r.conditions[4]!.detail).toBe('缺少材料：处理意见、答复意见书、信访人意见');
  });
  it('each condition fails on its own', () => {
    const without = (t: string) => full.filter((e) => e.type !== t);
    expect(failing(without('approve'))).toEqual(['leader_approval']);
    expect(failing(without('opinion'))).toEqual(['petitioner_opinion', 'file_complete']);
    expect(failing(without('attach'))).toEqual(['file_complete']);
    expect(failing(without('reply'))).toEqual(['handled']);
    expect(readiness(kase(without('reply')), rules, names).conditions[1]!.detail).toContain('交办单位尚未书面答复：民政办');
    expect(failing([...full, { type: 'review', result: 'redo', note: '事实不清' }])).toEqual(['facts_clear', 'handled', 'file_complete']);
    expect(failing([...full, { type: 'handle', disposition: 'promised', facts: '需协调', note: '', promise_by: '2026-04-01' }])).toEqual(['handled']);
    expect(failing([...full, { type: 'suspend', reason: '听证' }])).toEqual(['handled']);
  });
  it('the approval must come from the owning leader', () => {
    const r = readiness(kase([...full, { type: 'assign', leader: 'L02', note: '' }]), rules, names);
    expect(r.conditions[2]).toMatchObject({ ok: false });
    expect(r.conditions[2]!.detail).toContain('包案领导 王建国 尚未签署审批意见');
  });
  it('reopening clears handling, approval and opinion', () => {
    expect(failing([...full, { type: 'close', note: '' }, { type: 'reopen', reason: '复发' }])).toEqual(['facts_clear', 'handled', 'leader_approval', 'petitioner_opinion', 'file_complete']);
  });
});

describe('五包 checklist', () => {
  it('township and district variants', () => {
    const s = kase([{ type: 'duty', items: ['包掌握情况', '包息诉息访'], note: '' }]);
    expect(dutyChecklist(s, ['包掌握情况', '包思想教育', '包跟踪督办', '包解决化解', '包息诉息访']).filter((d) => d.done).map((d) => d.item)).toEqual(['包掌握情况', '包息诉息访']);
    const d = dutyChecklist(kase([{ type: 'duty', items: ['包稳控管理'], note: '' }]), ['包掌握案情', '包解决化解', '包思想教育', '包稳控管理', '包息诉息访']);
    expect(d.map((x) => x.done)).toEqual([false, false, false, true, false]);
  });
});
