// src/app/merge.ts: the git merge driver for case files — nothing is ever lost.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeCase, runMergeDriver, unionEvents } from '../../src/app/merge.js';
import { toYaml } from '../../src/ledger/yamlfile.js';
import { tempDir } from '../helpers/index.js';

const NOW = new Date('2026-11-25T01:30:00Z');
const ev = (id: string, at: string, type = 'visit', extra: Record<string, unknown> = {}) => ({ id, at, by: '小王', type, ...extra });

const base = {
  id: 'QS-2026-A0001',
  summary: '低保申请',
  people: 1,
  petitioners: [{ name: '王某', phone: '13800000000' }],
  events: [ev('01A', '2026-11-01T09:00:00+08:00')],
};

describe('mergeCase', () => {
  it('unites events by id from both sides, ordered by time', () => {
    const ours = { ...base, events: [...base.events, ev('01C', '2026-11-03T10:00:00+08:00', 'assign')] };
    const theirs = { ...base, events: [...base.events, ev('01B', '2026-11-02T10:00:00+08:00', 'transfer')] };
    const { merged } = mergeCase(base, ours, theirs, NOW);
    expect((merged.events as { id: string }[]).map((e) => e.id)).toEqual(['01A', '01B', '01C']);
    expect(merged.summary).toBe('低保申请');
  });

  it('takes a field changed on one side only, from either side', () => {
    const ours = { ...base, summary: '低保申请（补充材料）' };
    const theirs = { ...base, people: 3 };
    const { merged } = mergeCase(base, ours, theirs, NOW);
    expect(merged.summary).toBe('低保申请（补充材料）');
    expect(merged.people).toBe(3);
    expect(merged.events).toEqual(base.events);
  });

  it('merges nested objects field by field', () => {
    const b = { ...base, where: { town: '青山乡', village: '一村' } };
    const { merged } = mergeCase(b, { ...b, where: { town: '青山乡', village: '二村' } }, { ...b, where: { town: '青山镇', village: '一村' } }, NOW);
    expect(merged.where).toEqual({ town: '青山镇', village: '二村' });
    expect((merged.events as unknown[]).length).toBe(1);
  });

  it('keeps a conflicting field as ours and the other value as a merge-conflict event', () => {
    const ours = { ...base, summary: '低保' };
    const theirs = { ...base, summary: '特困供养' };
    const { merged } = mergeCase(base, ours, theirs, NOW);
    expect(merged.summary).toBe('低保');
    const events = merged.events as Record<string, unknown>[];
    expect(events).toHaveLength(2);
    const c = events.find((e) => e.type === 'merge-conflict')!;
    expect(c).toMatchObject({ field: 'summary', kept: '低保', other: '特困供养', by: 'xinfang merge-driver', at: '2026-11-25T09:30:00+08:00' });
    expect(typeof c.id).toBe('string');
  });

  it('a list changed on both sides conflicts as a whole, the other list kept in the event', () => {
    const ours = { ...base, petitioners: [{ name: '王某', phone: '13900000000' }] };
    const theirs = { ...base, petitioners: [...base.petitioners, { name: '李某', phone: '' }] };
    const { merged } = mergeCase(base, ours, theirs, NOW);
    expect(merged.petitioners).toEqual(ours.petitioners);
    const c = (merged.events as Record<string, unknown>[]).find((e) => e.type === 'merge-conflict')!;
    expect(c.field).toBe('petitioners');
    expect(c.other).toEqual(theirs.petitioners);
  });

  it('two files created independently (no base) still keep both sides’ events', () => {
    const a = { id: 'X', events: [ev('1', '2026-01-01T00:00:00+08:00')] };
    const b = { id: 'X', events: [ev('2', '2026-01-02T00:00:00+08:00')] };
    const { merged } = mergeCase({}, a, b, NOW);
    expect((merged.events as { id: string }[]).map((e) => e.id)).toEqual(['1', '2']);
  });

  it('property: merged events are exactly the union by id of base, ours and theirs, without duplicates', () => {
    const eventArb = fc.record({
      id: fc.stringMatching(/^[0-9A-Z]{4}$/),
      at: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19) + '+08:00'),
      type: fc.constantFrom('visit', 'assign', 'transfer', 'reply', 'close'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(eventArb, { selector: (e) => e.id, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }), (events, where) => {
        // Each event lives in the base (0: on both sides), only in ours (1), only in theirs (2), or on both sides but not in the base (3).
        const place = (i: number) => where[i] ?? 0;
        const b = events.filter((_, i) => place(i) === 0);
        const o = events.filter((_, i) => place(i) !== 2);
        const t = events.filter((_, i) => place(i) !== 1);
        const { merged } = mergeCase({ id: 'X', events: b }, { id: 'X', events: o }, { id: 'X', events: t }, NOW);
        const ids = (merged.events as { id: string }[]).map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort()).toEqual(events.map((e) => e.id).sort());
        const ats = (merged.events as { at: string }[]).map((e) => e.at);
        expect(ats).toEqual([...ats].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('unionEvents skips entries without an id and keeps the first copy of an id', () => {
    const list = unionEvents([ev('A', '2026-01-02'), { at: 'x' }], [ev('A', '2026-01-02', 'other'), ev('B', '2026-01-01')]);
    expect(list.map((e) => [e.id, e.type])).toEqual([
      ['B', 'visit'],
      ['A', 'visit'],
    ]);
  });
});

describe('runMergeDriver', () => {
  it('writes the merged case over OURS, keeping ours’ key order', () => {
    const d = tempDir();
    const [bp, op, tp] = ['base', 'ours', 'theirs'].map((n) => join(d, `${n}.yaml`)) as [string, string, string];
    writeFileSync(bp, toYaml(base));
    writeFileSync(op, toYaml({ ...base, events: [...base.events, ev('02', '2026-11-05T09:00:00+08:00')] }));
    writeFileSync(tp, toYaml({ ...base, people: 2, events: [...base.events, ev('03', '2026-11-04T09:00:00+08:00')] }));
    expect(runMergeDriver(bp, op, tp, 'cases/2026/QS-2026-A0001.yaml', NOW)).toEqual({ conflicts: '' });
    const text = readFileSync(op, 'utf8');
    const out = parse(text) as typeof base;
    expect(Object.keys(out)).toEqual(Object.keys(base));
    expect(out.people).toBe(2);
    expect(out.events.map((e) => e.id)).toEqual(['01A', '03', '02']);
  });
  it('refuses (reports a conflict) when a side is not valid YAML, and leaves ours untouched', () => {
    const d = tempDir();
    const [bp, op, tp] = ['base', 'ours', 'theirs'].map((n) => join(d, `${n}.yaml`)) as [string, string, string];
    writeFileSync(bp, toYaml(base));
    writeFileSync(op, 'id: [unclosed\n');
    writeFileSync(tp, toYaml(base));
    const r = runMergeDriver(bp, op, tp, 'cases/2026/QS-2026-A0001.yaml', NOW);
    expect(r.conflicts).toContain('cases/2026/QS-2026-A0001.yaml');
    expect(readFileSync(op, 'utf8')).toBe('id: [unclosed\n');
  });
});

describe('two different cases under one number', () => {
  it('is reported as a conflict (two machines with one station letter), ours left untouched', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../helpers/index.js');
    const d = tempDir();
    const [bp, op, tp] = ['base', 'ours', 'theirs'].map((n) => join(d, `${n}.yaml`)) as [string, string, string];
    writeFileSync(bp, '');
    const a = toYaml({ id: 'QS-2026-A0003', received_at: '2026-11-25T09:00:00+08:00', summary: '甲', events: [] });
    writeFileSync(op, a);
    writeFileSync(tp, toYaml({ id: 'QS-2026-A0003', received_at: '2026-11-25T10:30:00+08:00', summary: '乙', events: [] }));
    const r = runMergeDriver(bp, op, tp, 'cases/2026/QS-2026-A0003.yaml', NOW);
    expect(r.conflicts).toContain('同一个工作站字母');
    expect(readFileSync(op, 'utf8')).toBe(a);
  });
});
