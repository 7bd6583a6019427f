// The index's term counts (repeat recognition's weights) and search candidates equal the
// full re-read's after any sequence of cases added, re-summarised (written again), merged and
// removed — incrementally, and after a cold rebuild.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newLedger } from '../helpers/index.js';
import { testCaseFile, testEvent } from '../helpers/case-file.js';
import { toYaml } from '../../src/ledger/yamlfile.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { SqliteStore } from '../../src/index/sqlite.js';
import { ScanStore } from '../../src/index/store.js';
import { summaryTerms } from '../../src/domain/similarity.js';
import type { CaseFile } from '../../src/domain/events.js';

const id = (n: number) => `QS-2026-A${String(n + 1).padStart(4, '0')}`;
const SUMMARIES = ['丈夫系退伍军人，去世后遗属抚恤金一直未发放', '老伴是退伍老兵，走了以后抚恤金到现在都没领到', '拆迁补偿款至今未发放到位', '邻居占用本人宅基地建房', '被拖欠工资3.2万元'];
const NAMES = ['张秀英', '李桂兰', '王德明'];
const PHONES = ['13800138000', '0830-5551234', ''];

type Op = { kind: 'add'; n: number; s: number; who: number } | { kind: 'resum'; n: number; s: number } | { kind: 'merge'; n: number; into: number } | { kind: 'remove'; n: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), n: fc.nat(5), s: fc.nat(4), who: fc.nat(2) }),
  fc.record({ kind: fc.constant('resum' as const), n: fc.nat(5), s: fc.nat(4) }),
  fc.record({ kind: fc.constant('merge' as const), n: fc.nat(5), into: fc.nat(5) }),
  fc.record({ kind: fc.constant('remove' as const), n: fc.nat(5) }),
);

describe('term counts and search in the index', () => {
  it('equal the full re-read after any sequence of changes', async () => {
    const root = await newLedger({ git: false });
    const allTerms = [...new Set(SUMMARIES.flatMap(summaryTerms))];
    const queries = ['秀英', '张秀英', '138 0013 8000', '5551234', '抚恤', '拆迁 补偿', '宅基地', '李'];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
        const dir = join(root, 'cases', '2026');
        mkdirSync(dir, { recursive: true });
        const files = new Map<number, CaseFile>();
        const ledger = Ledger.open(root);
        let store = SqliteStore.open(ledger, { today: '2026-11-25', rebuild: true });
        const write = (n: number, f: CaseFile) => {
          files.set(n, f);
          writeFileSync(join(dir, `${id(n)}.yaml`), toYaml(f));
          store.written([`cases/2026/${id(n)}.yaml`]);
        };
        const same = () => {
          const scan = new ScanStore(ledger);
          const a = store.termStats(allTerms);
          const b = scan.termStats(allTerms);
          expect(a.docs).toBe(b.docs);
          expect(Object.fromEntries([...a.df].sort())).toEqual(Object.fromEntries([...b.df].sort()));
          for (const q of queries) {
            expect(store.cases({ person: q }).map((c) => c.id)).toEqual(scan.cases({ person: q }).map((c) => c.id));
            expect(store.cases({ text: q }).map((c) => c.id)).toEqual(scan.cases({ text: q }).map((c) => c.id));
          }
          expect(store.receptions('2026-01-01', '2026-12-31')).toEqual(scan.receptions('2026-01-01', '2026-12-31'));
        };
        try {
          for (const o of ops) {
            const f = files.get(o.n);
            if (o.kind === 'add' && !f) {
              write(o.n, testCaseFile({ id: id(o.n), received: '2026-11-02', extra: { summary: SUMMARIES[o.s]!, petitioners: [{ name: NAMES[o.who]!, sex: '', id_number: '', phone: PHONES[o.who]!, address: '', representative: false }] } }));
            } else if (o.kind === 'resum' && f) write(o.n, { ...f, summary: SUMMARIES[o.s]! });
            else if (o.kind === 'merge' && f && files.has(o.into) && o.into !== o.n) {
              write(o.n, { ...f, events: [...f.events, testEvent('2026-11-04', { type: 'merged', into: id(o.into), note: '' })] });
            } else if (o.kind === 'remove' && f) {
              files.delete(o.n);
              unlinkSync(join(dir, `${id(o.n)}.yaml`));
              store.written([`cases/2026/${id(o.n)}.yaml`]);
            }
            same();
          }
          store.close();
          store = SqliteStore.open(ledger, { today: '2026-11-25', rebuild: true });
          same();
        } finally {
          store.close();
          for (const n of files.keys()) unlinkSync(join(dir, `${id(n)}.yaml`));
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
