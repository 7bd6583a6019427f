// Property: after ANY sequence of xinfang's own writes (registrations, some of them repeat
// visits of a known petitioner, and the steps of a case), hand edits that are committed, files
// copied in and deleted by other programs, git commit, `git checkout` of an older commit and
// back, `git reset --hard`, a `git pull` of another clone's work (fast-forward or a merge) and
// the clock moving on, `case list --json`, `due --json` and `report stats --json` (2026Q4 and
// 2026Q3) print byte for byte what a full re-read of the files (XINFANG_INDEX=off) prints.
// index-equivalence.test.ts walks one fixed such sequence on a big ledger; this one draws many
// on a small one. Only changes docs/dev/index.md ("Freshness") says are seen at once are made:
// an in-place edit is always committed right away (an uncommitted one is seen only by `check`),
// and a file copied in always gets a name that is not there yet (writing over an existing file
// is an in-place edit).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureBuilt, git, newLedger, run, TEAM, tempDir } from '../helpers/index.js';
import { writeCases } from '../helpers/gen-cases.js';

/** The clock of a run only moves on: the tests' NOW, the provisional weeks of December, a January the calendar may lack. */
const NOWS = ['2026-11-25T09:30:00+08:00', '2026-12-28T09:00:00+08:00', '2027-01-06T09:00:00+08:00'];

const QUERIES: string[][] = [
  ['case', 'list', '--json'],
  ['due', '--json'],
  ['report', 'stats', '--quarter', '2026Q4', '--json'],
  ['report', 'stats', '--quarter', '2026Q3', '--json'],
];

/** A case's steps in the order they can succeed; `next` takes a case registered in the run one step further. */
const CHAIN = ['accept', 'transfer', 'reply', 'handle', 'approve', 'opinion', 'close'] as const;
const STEPS = [...CHAIN, 'suspend', 'resume', 'extend', 'void', 'merge'] as const;
type Step = (typeof STEPS)[number];

function stepArgs(step: Step, id: string, original: string | undefined): string[] {
  switch (step) {
    case 'accept':
      return ['case', 'accept', id];
    case 'transfer':
      return ['case', 'transfer', id, '--unit', '民政办'];
    case 'reply':
      return ['case', 'reply', id, '--unit', '民政办', '--text', '已办理'];
    case 'handle':
      return ['case', 'handle', id, '--disposition', 'explained', '--facts', '属实', '--decision', 'support'];
    case 'approve':
      return ['case', 'approve', id, '--text', '同意'];
    case 'opinion':
      return ['case', 'opinion', id, '--value', 'satisfied'];
    case 'close':
      return ['case', 'close', id];
    case 'suspend':
      return ['case', 'suspend', id, '--reason', '等待司法鉴定结论'];
    case 'resume':
      return ['case', 'resume', id];
    case 'extend':
      return ['case', 'extend', id, '--days', '10', '--reason', '情况复杂'];
    case 'void':
      return ['case', 'void', id, 'last', '--reason', '记错了'];
    case 'merge':
      // Registered by mistake as a new case: merged into the one it repeats (the first case on file if none).
      return ['case', 'merge', id, '--into', original ?? 'QS-2025-A0001'];
  }
}

/** Events a hand edit appends (the pull test's `close`, and ones that move deadlines or count in the statistics). */
const HAND_EVENTS = ['close', 'suspend', 'resume', 'supervise', 'visit', 'reopen'] as const;
const HAND_DAYS = ['2026-09-30T15:00:00+08:00', '2026-11-20T10:00:00+08:00', '2026-11-25T09:00:00+08:00'];

type Op =
  | { kind: 'visit'; who: number; steps: number }
  | { kind: 'step'; step: Step | 'next'; target: number; fresh: boolean }
  | { kind: 'summary'; target: number }
  | { kind: 'event'; target: number; type: (typeof HAND_EVENTS)[number]; day: number }
  | { kind: 'copy'; target: number }
  | { kind: 'delete'; target: number }
  | { kind: 'commit' }
  | { kind: 'checkout'; back: number }
  | { kind: 'reset' }
  | { kind: 'pull'; target: number; merge: boolean }
  | { kind: 'later' };

const target = fc.nat(1000);
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('visit' as const), who: fc.nat(3), steps: fc.nat(3) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('step' as const), step: fc.constantFrom<Step | 'next'>('next', 'next', ...STEPS), target, fresh: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('summary' as const), target }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('event' as const), target, type: fc.constantFrom(...HAND_EVENTS), day: fc.nat(HAND_DAYS.length - 1) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('copy' as const), target }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), target }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('commit' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('checkout' as const), back: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('reset' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pull' as const), target, merge: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('later' as const) }), weight: 2 },
);

function show(o: Op): string {
  const { kind, ...rest } = o;
  const args = Object.values(rest).join(',');
  return args ? `${kind}(${args})` : kind;
}

/** A petitioner of the generated ledger, with the category of one of their cases: registering them again links the new case. */
interface Person {
  name: string;
  phone: string;
  category: string;
  sub: string;
}

/** One run's ledger and what the run remembers of it. */
interface World {
  root: string;
  /** The commit the run started from (reset goes no further back). */
  start: string;
  now: number;
  /** Cases registered in this run, oldest first, how far `next` has taken each, and the case each repeats. */
  fresh: string[];
  stage: Map<string, number>;
  original: Map<string, string>;
  n: number;
  done: string[];
}

function caseFiles(root: string): string[] {
  const out: string[] = [];
  for (const y of readdirSync(join(root, 'cases')).sort()) {
    for (const f of readdirSync(join(root, 'cases', y)).sort()) if (f.endsWith('.yaml')) out.push(`cases/${y}/${f}`);
  }
  return out;
}

/** A case number of `year` not taken by any file in its folder: the next after the highest. */
function freeId(root: string, year: string): string {
  const nums = readdirSync(join(root, 'cases', year)).map((f) => /-A(\d+)\.yaml$/.exec(f)?.[1]).filter((x): x is string => !!x).map(Number);
  return `QS-${year}-A${String(Math.max(0, ...nums) + 1).padStart(4, '0')}`;
}

const idOf = (rel: string) => rel.replace(/^.*\//, '').replace(/\.yaml$/, '');

function dirty(root: string): boolean {
  return git(root, ['status', '--porcelain', '--', 'cases']) !== '';
}

function commitAll(root: string, msg: string): void {
  if (!dirty(root)) return;
  git(root, ['add', '-A', '--', 'cases']);
  git(root, ['commit', '-qm', msg]);
}

let handEvent = 0;
function appendEvent(file: string, type: (typeof HAND_EVENTS)[number], at: string): void {
  handEvent += 1;
  const body: Record<(typeof HAND_EVENTS)[number], string> = {
    close: '    note: ""\n',
    suspend: '    reason: 等待鉴定\n',
    resume: '    note: ""\n',
    supervise: '    form: phone\n    note: 电话催办\n    unit: ""\n',
    visit: `    date: ${at.slice(0, 10)}\n    channel: visit\n    receiver: L02\n    people: 1\n    place: ""\n    mode: fixed\n    petitioners: []\n    note: 再次来访\n`,
    reopen: '    reason: 信访人不满意\n',
  };
  appendFileSync(file, `  - id: 01HAND${String(handEvent).padStart(20, '0')}\n    at: ${at}\n    by: 另一台电脑\n    type: ${type}\n${body[type]}`);
}

/** Index (default) and full re-read answer the same; `label` names the sequence so far. */
function same(w: World, label: string): void {
  // Each comparison lets another query be the first to open the index after the changes.
  const k = w.done.length % QUERIES.length;
  for (const q of [...QUERIES.slice(k), ...QUERIES.slice(0, k)]) {
    const env = { XINFANG_NOW: NOWS[w.now]! };
    const a = run([...q, '--ledger', w.root], { env });
    const b = run([...q, '--ledger', w.root], { env: { ...env, XINFANG_INDEX: 'off' } });
    const what = `${label} [now ${NOWS[w.now]}] after ${w.done.join(' → ') || '(nothing)'}: ${q.join(' ')}`;
    expect(a.stderr, what).toBe(b.stderr);
    expect(a.code, what).toBe(b.code);
    expect(a.stdout, what).toBe(b.stdout);
  }
}

/** Records `step` on case `id`. One the case's state does not allow exits 1 or 2 and writes nothing: both ways must still agree. */
function take(w: World, step: Step, id: string): void {
  const r = run([...stepArgs(step, id, w.original.get(id)), '--ledger', w.root], { env: { XINFANG_NOW: NOWS[w.now]! } });
  expect(r.code, `${step} ${id}: ${r.stderr}`).toBeLessThan(3);
}

/** Takes a case one step further along CHAIN. */
function next(w: World, id: string): void {
  const s = w.stage.get(id) ?? 0;
  w.stage.set(id, s + 1);
  take(w, CHAIN[Math.min(s, CHAIN.length - 1)]!, id);
}

function apply(w: World, o: Op, people: Person[]): void {
  const { root } = w;
  const env = { XINFANG_NOW: NOWS[w.now]! };
  const files = caseFiles(root);
  const pick = (n: number) => files[n % files.length]!;
  switch (o.kind) {
    case 'visit': {
      // who < people.length: a petitioner already on file, same matter (a repeat, linked); else someone new.
      w.n += 1;
      const p = people[o.who] ?? { name: '孙新民', phone: `1370000${String(w.n).padStart(4, '0')}`, category: '城乡建设', sub: '城镇规划' };
      const r = run(['visit', 'add', '--name', p.name, '--phone', p.phone, '--purpose', '求决', '--category', `${p.category}/${p.sub}`, '--summary', `${p.sub}问题，要求尽快解决`, '--leader', '张志强', '--no-input', '--ledger', root], { env });
      expect(r.code, r.stderr).toBe(0);
      const id = /QS-\d{4}-A\d{4}/.exec(r.stdout)?.[0];
      expect(id, r.stdout).toBeDefined();
      w.fresh.push(id!);
      w.stage.set(id!, 0);
      const original = /此前已登记 (QS-\d{4}-A\d{4})/.exec(r.stdout)?.[1];
      if (original) w.original.set(id!, original);
      for (let i = 0; i < o.steps; i++) next(w, id!);
      return;
    }
    case 'step': {
      const id = o.fresh && w.fresh.length ? w.fresh[o.target % w.fresh.length]! : idOf(pick(o.target));
      if (o.step === 'next') next(w, id);
      else take(w, o.step, id);
      return;
    }
    case 'summary': {
      // An editor that rewrites the file in place, then a commit: HEAD moves over it.
      const rel = pick(o.target);
      const f = join(root, rel);
      w.n += 1;
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^summary: .*$/m, `summary: 手工改过的诉求（第${w.n}次）`));
      git(root, ['add', '--', rel]);
      git(root, ['commit', '-qm', 'hand edit']);
      return;
    }
    case 'event': {
      const rel = pick(o.target);
      appendEvent(join(root, rel), o.type, HAND_DAYS[o.day]!);
      git(root, ['add', '--', rel]);
      git(root, ['commit', '-qm', `hand ${o.type}`]);
      return;
    }
    case 'copy': {
      // Another program puts a file in (not committed): the folder's time changes.
      const rel = pick(o.target);
      const year = rel.split('/')[1]!;
      const id = freeId(root, year);
      writeFileSync(join(root, 'cases', year, `${id}.yaml`), readFileSync(join(root, rel), 'utf8').replaceAll(idOf(rel), id));
      return;
    }
    case 'delete':
      if (files.length > 1) unlinkSync(join(root, pick(o.target)));
      return;
    case 'commit':
      commitAll(root, 'commit');
      return;
    case 'checkout': {
      // Back to an older commit (what is not committed is committed first, or checkout may refuse), ask there, come back.
      commitAll(root, 'before checkout');
      const back = Math.min(o.back + 1, Number(git(root, ['rev-list', '--count', 'HEAD'])) - 1);
      git(root, ['checkout', '-q', `HEAD~${back}`]);
      same(w, `at HEAD~${back}`);
      git(root, ['checkout', '-q', 'main']);
      return;
    }
    case 'reset':
      // Drops the last commit and what is not committed (a file copied in stays: it is untracked).
      if (Number(git(root, ['rev-list', '--count', `${w.start}..HEAD`])) >= 2) git(root, ['reset', '-q', '--hard', 'HEAD~1']);
      return;
    case 'pull': {
      // Another clone appends an event to one case and copies a file in; with `merge`, this
      // clone commits a change of its own meanwhile, so the pull makes a merge commit.
      commitAll(root, 'before pull');
      const other = join(tempDir(), 'clone');
      git(root, ['clone', '-q', root, other]);
      git(other, ['config', 'user.name', '另一台电脑']);
      git(other, ['config', 'user.email', 'b@example.com']);
      const rel = pick(o.target);
      appendEvent(join(other, rel), 'close', HAND_DAYS[1]!);
      const year = rel.split('/')[1]!;
      const id = freeId(other, year);
      const src = pick(o.target + 1);
      writeFileSync(join(other, 'cases', year, `${id}.yaml`), readFileSync(join(other, src), 'utf8').replaceAll(idOf(src), id));
      git(other, ['add', '-A']);
      git(other, ['commit', '-qm', 'from the other clone']);
      if (o.merge) {
        const mine = pick(o.target + 2) === rel ? pick(o.target + 3) : pick(o.target + 2);
        if (mine !== rel) {
          const f = join(root, mine);
          w.n += 1;
          writeFileSync(f, readFileSync(f, 'utf8').replace(/^summary: .*$/m, `summary: 本机改过的诉求（第${w.n}次）`));
          git(root, ['commit', '-qam', 'edit here']);
        }
      }
      git(root, ['pull', '-q', '--no-rebase', '--no-edit', other, 'main']);
      return;
    }
    case 'later':
      w.now = Math.min(w.now + 1, NOWS.length - 1);
      return;
  }
}

describe('the index answers what a full re-read answers after any sequence of changes', () => {
  let base: string;
  let people: Person[];
  beforeAll(async () => {
    ensureBuilt();
    base = await newLedger({ leaders: TEAM, units: ['民政办', '村镇建设办'] });
    writeCases(base, { n: 150, seed: 11, start: '2025-09-01', end: '2026-11-25' });
    git(base, ['add', '-A']);
    git(base, ['commit', '-q', '-m', 'generated']);
    // Petitioners on file whose category the CLI spells the same way: registering them again is a repeat.
    const seen = new Set<string>();
    people = [];
    for (const rel of caseFiles(base)) {
      const c = parse(readFileSync(join(base, rel), 'utf8')) as { petitioners: { name: string; phone: string }[]; category: { main: string; sub: string } };
      const p = c.petitioners[0]!;
      if (!['民政', '城乡建设'].includes(c.category.main) || seen.has(p.name + p.phone)) continue;
      seen.add(p.name + p.phone);
      people.push({ name: p.name, phone: p.phone, category: c.category.main, sub: c.category.sub });
      if (people.length === 3) break;
    }
    expect(people).toHaveLength(3);
    // Every run starts from a copy of this ledger with its index built.
    expect(run(['reindex', '--ledger', base]).code).toBe(0);
  }, 120_000);

  it('case list, due and report stats', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.limitShrink(fc.array(op, { minLength: 5, maxLength: 8 }), 40), async (ops) => {
        round += 1;
        const root = join(tempDir(), 'ledger');
        execFileSync('cp', ['-a', base, root]);
        const w: World = { root, start: git(root, ['rev-parse', 'HEAD']), now: 0, fresh: [], stage: new Map(), original: new Map(), n: 0, done: [] };
        for (const [i, o] of ops.entries()) {
          apply(w, o, people);
          w.done.push(show(o));
          if (i % 3 === 2) same(w, `round ${round}`);
        }
        same(w, `round ${round}, at the end`);
      }),
      { seed: 20261125, numRuns: 6 },
    );
  }, 900_000);
});
