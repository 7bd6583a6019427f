// Property: after any sequence of cases added (with repeat links, also to cases that do not
// exist yet), links added, cases removed, the index's matter of every case equals the
// connected component computed by brute force over every case (domain/repeat.ts matters),
// and so does its visit count — incrementally, and after a cold rebuild.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newLedger } from '../helpers/index.js';
import { testCaseFile } from '../helpers/case-file.js';
import { toYaml } from '../../src/ledger/yamlfile.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { SqliteStore } from '../../src/index/sqlite.js';
import { matters } from '../../src/domain/repeat.js';
import { foldCase } from '../../src/domain/case.js';
import type { CaseFile } from '../../src/domain/events.js';

const id = (n: number) => `QS-2026-A${String(n + 1).padStart(4, '0')}`;

type Op = { kind: 'add'; n: number; links: number[]; visits: number } | { kind: 'link'; n: number; to: number } | { kind: 'remove'; n: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), n: fc.nat(5), links: fc.array(fc.nat(5), { maxLength: 3 }), visits: fc.nat(2) }),
  fc.record({ kind: fc.constant('link' as const), n: fc.nat(5), to: fc.nat(5) }),
  fc.record({ kind: fc.constant('remove' as const), n: fc.nat(5) }),
);

describe('matters in the index', () => {
  it('equal the brute-force connected components after any sequence of changes', async () => {
    const root = await newLedger({ git: false });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        round++;
        const dir = join(root, 'cases', '2026');
        mkdirSync(dir, { recursive: true });
        const files = new Map<number, CaseFile>();
        const ledger = Ledger.open(root);
        const store = SqliteStore.open(ledger, { today: '2026-11-25', rebuild: true });
        try {
          for (const o of ops) {
            const rel = (n: number) => `cases/2026/${id(n)}.yaml`;
            if (o.kind === 'add' && !files.has(o.n)) {
              const f = testCaseFile({
                id: id(o.n),
                received: '2026-11-02',
                events: Array.from({ length: o.visits }, () => ['2026-11-03', { type: 'visit', date: '2026-11-03', channel: 'visit', receiver: 'L01', people: 1 }] as [string, Record<string, unknown>]),
                extra: { repeat_of: [...new Set(o.links.filter((l) => l !== o.n).map(id))] },
              });
              files.set(o.n, f);
              writeFileSync(join(root, rel(o.n)), toYaml(f));
              store.written([rel(o.n)]);
            } else if (o.kind === 'link' && files.has(o.n) && o.n !== o.to) {
              const f = files.get(o.n)!;
              if (!f.repeat_of.includes(id(o.to))) f.repeat_of = [...f.repeat_of, id(o.to)];
              writeFileSync(join(root, rel(o.n)), toYaml(f));
              store.written([rel(o.n)]);
            } else if (o.kind === 'remove' && files.has(o.n)) {
              files.delete(o.n);
              unlinkSync(join(root, rel(o.n)));
              store.written([rel(o.n)]);
            }
            const all = [...files.values()].map(foldCase);
            const expected = matters(all);
            const got = store.matters(all.map((c) => c.id));
            const visits = store.matterVisits(all.map((c) => c.id));
            for (const c of all) {
              expect(got.get(c.id), `round ${round}: ${c.id}`).toEqual(expected.get(c.id));
              expect(visits.get(c.id), `round ${round}: visits of ${c.id}`).toBe(expected.get(c.id)!.visits);
            }
          }
          // A cold rebuild gives the same.
          const cold = SqliteStore.open(ledger, { today: '2026-11-25', rebuild: true });
          const all = [...files.values()].map(foldCase);
          const expected = matters(all);
          const got = cold.matters(all.map((c) => c.id));
          const visits = cold.matterVisits(all.map((c) => c.id));
          cold.close();
          for (const c of all) {
            expect(got.get(c.id)).toEqual(expected.get(c.id));
            expect(visits.get(c.id)).toBe(expected.get(c.id)!.visits);
          }
        } finally {
          store.close();
          for (const n of files.keys()) unlinkSync(join(root, `cases/2026/${id(n)}.yaml`));
        }
      }),
      { numRuns: 250 },
    );
  }, 120_000);
});
