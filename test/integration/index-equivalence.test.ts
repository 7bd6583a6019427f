// The index answers exactly what a full re-read of the files answers: on a 2,000-case
// ledger, after writes by xinfang, hand edits, files added and removed by other programs,
// git commit, checkout, reset and pull, a changed deadline rule and an imported calendar,
// `case list` (the table and --json, with its filters), `due --json`, `report stats --json` and `report
// register --json` are identical with the index (default) and with XINFANG_INDEX=off.
import { beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, git, newLedger, run, TEAM, tempDir } from '../helpers/index.js';
import { writeCases } from '../helpers/gen-cases.js';

const QUERIES: string[][] = [
  ['case', 'list', '--json'],
  ['case', 'list', '--overdue', '--json'],
  ['case', 'list', '--due-within', '5', '--json'],
  ['case', 'list', '--escalate', '--json'],
  ['case', 'list', '--repeat', '--status', 'accepted', '--json'],
  ['case', 'list', '--leader', 'L02', '--unit', 'U01', '--json'],
  ['due', '--json'],
  ['report', 'stats', '--quarter', '2026Q3', '--json'],
  ['report', 'stats', '--quarter', '2026Q4', '--json'],
  ['report', 'stats', '--from', '2026-01-01', '--to', '2026-06-30', '--json'],
  ['report', 'register', '--quarter', '2026Q3', '--json'],
  // The table of `case list` comes from the rows the index stored (list facts and deadline
  // dates), not from the folded files: it too must be the same.
  ['case', 'list'],
  ['case', 'list', '--overdue'],
  ['case', 'list', '--due-within', '5', '--unmasked'],
  ['case', 'list', '--escalate', '--status', 'accepted'],
  // 回访, 评查, 五包 and 集体研究 from the rows' stored bits and items.
  ['due', '--followup', '--json'],
];

/** After each later change: the list, due, the statistics (what the issue names), the register and due --followup. */
const QUICK: string[][] = [QUERIES[0]!, QUERIES[3]!, QUERIES[6]!, QUERIES[8]!, QUERIES[10]!, QUERIES[11]!, QUERIES[15]!];

function same(root: string, label: string, queries = QUERIES): void {
  for (const q of queries) {
    const a = run([...q, '--ledger', root]);
    const b = run([...q, '--ledger', root], { env: { XINFANG_INDEX: 'off' } });
    expect(a.stderr, `${label}: ${q.join(' ')}`).toBe(b.stderr);
    expect(a.code, `${label}: ${q.join(' ')}`).toBe(b.code);
    expect(a.stdout, `${label}: ${q.join(' ')}`).toBe(b.stdout);
  }
}

describe('the index answers what a full re-read answers', () => {
  let root: string;
  beforeAll(async () => {
    ensureBuilt();
    root = await newLedger({ leaders: TEAM, units: ['民政办', '村镇建设办'] });
    writeCases(root, { n: 2000, seed: 7, start: '2025-06-01', end: '2026-11-25' });
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'generated']);
  }, 120_000);

  it('after a cold build', () => {
    expect(run(['reindex', '--ledger', root]).code).toBe(0);
    same(root, 'cold');
  }, 300_000);

  it('due and the overdue list judged on other days: into a year without holiday data, and in it', () => {
    // The index keeps each open case's deadline dates and judges them on the command's day;
    // a suspended case is folded. Suspend one so both ways are taken.
    const accepted = JSON.parse(run(['case', 'list', '--status', 'accepted', '--json', '--ledger', root]).stdout) as { cases: { id: string }[] };
    const target = accepted.cases[0]!.id;
    const sus = run(['case', 'suspend', target, '--reason', '等待司法鉴定结论', '--ledger', root]);
    expect(sus.code, sus.stderr).toBe(0);
    for (const now of ['2026-12-28T09:00:00+08:00', '2027-01-06T09:00:00+08:00', '2027-03-01T09:00:00+08:00']) {
      for (const q of [['due', '--json'], ['due', '--within', '30', '--json'], ['case', 'list', '--overdue', '--json'], ['case', 'list', '--overdue'], ['case', 'list', '--due-within', '30'], ['today', '--json']]) {
        const a = run([...q, '--ledger', root], { env: { XINFANG_NOW: now } });
        const b = run([...q, '--ledger', root], { env: { XINFANG_NOW: now, XINFANG_INDEX: 'off' } });
        expect(a.stderr, `${now}: ${q.join(' ')}`).toBe(b.stderr);
        expect(a.stdout, `${now}: ${q.join(' ')}`).toBe(b.stdout);
        expect(a.code, `${now}: ${q.join(' ')}`).toBe(0);
      }
    }
  }, 300_000);

  it('after xinfang writes, hand edits, files added and removed, and git moving HEAD', () => {
    // A registration and events through the CLI.
    const v = run(['visit', 'add', '--name', '张秀英', '--phone', '13910000000', '--purpose', '求决', '--category', '民政', '--summary', '优抚救济问题，要求尽快解决', '--leader', '张志强', '--no-input', '--ledger', root]);
    expect(v.code, v.stderr).toBe(0);
    expect(run(['case', 'accept', 'QS-2026-A0100', '--ledger', root]).code).toBeLessThan(3);
    // A 评查 on a closed repeat and 五包 items on a leader-owned case: due --followup's lists shrink.
    const track = JSON.parse(run(['due', '--followup', '--json', '--ledger', root]).stdout) as { review_due: { id: string }[]; duties_due: { id: string; pending: string[] }[] };
    expect(track.review_due.length).toBeGreaterThan(0);
    expect(track.duties_due.length).toBeGreaterThan(0);
    const rv = run(['case', 'review', track.review_due[0]!.id, '--result', 'pass', '--note', '评查通过', '--ledger', root]);
    expect(rv.code, rv.stderr).toBe(0);
    const du = run(['case', 'duty', track.duties_due[0]!.id, '--done', '1', '2', '--ledger', root]);
    expect(du.code, du.stderr).toBe(0);
    const after = JSON.parse(run(['due', '--followup', '--json', '--ledger', root]).stdout) as typeof track;
    expect(after.review_due.map((x) => x.id)).not.toContain(track.review_due[0]!.id);
    expect(after.duties_due.find((x) => x.id === track.duties_due[0]!.id)?.pending.length ?? 0).toBeLessThan(track.duties_due[0]!.pending.length);
    const c1 = git(root, ['rev-parse', 'HEAD']);
    // A hand edit in place (the folder's time does not change): committed, so HEAD moves.
    const f = join(root, 'cases', '2026', 'QS-2026-A0200.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^summary: .*$/m, 'summary: 手工改过的诉求'));
    git(root, ['commit', '-qam', 'hand edit']);
    // A file copied in by another program, one removed.
    const src = readFileSync(join(root, 'cases', '2026', 'QS-2026-A0300.yaml'), 'utf8');
    writeFileSync(join(root, 'cases', '2026', 'QS-2026-A1999.yaml'), src.replace(/QS-2026-A0300/g, 'QS-2026-A1999'));
    unlinkSync(join(root, 'cases', '2026', 'QS-2026-A0301.yaml'));
    same(root, 'after edits', QUICK);
    // git checkout of an older commit, then back; reset --hard.
    git(root, ['add', '-A']);
    git(root, ['commit', '-qm', 'more']);
    git(root, ['checkout', '-q', c1]);
    same(root, 'after checkout', QUICK);
    git(root, ['checkout', '-q', 'main']);
    git(root, ['reset', '-q', '--hard', 'HEAD~1']);
    same(root, 'after reset', QUICK);
  }, 600_000);

  it('after a git pull of another clone’s work and a new deadline rule', () => {
    const other = join(tempDir(), 'clone');
    git(root, ['clone', '-q', root, other]);
    git(other, ['config', 'user.name', '另一台电脑']);
    git(other, ['config', 'user.email', 'b@example.com']);
    const f = join(other, 'cases', '2026', 'QS-2026-A0400.yaml');
    appendFileSync(f, '  - id: 01PULLED000000000000000001\n    at: 2026-11-20T10:00:00+08:00\n    by: 另一台电脑\n    type: close\n    note: ""\n');
    copyFileSync(join(other, 'cases', '2026', 'QS-2026-A0401.yaml'), join(other, 'cases', '2026', 'QS-2026-A1998.yaml'));
    const t = join(other, 'cases', '2026', 'QS-2026-A1998.yaml');
    writeFileSync(t, readFileSync(t, 'utf8').replace(/QS-2026-A0401/g, 'QS-2026-A1998'));
    git(other, ['add', '-A']);
    git(other, ['commit', '-qm', 'from the other clone']);
    git(root, ['pull', '-q', '--no-rebase', other, 'main']);
    same(root, 'after pull', QUICK);
    // A new acceptance limit changes every deadline: the index recomputes them.
    const cfg = join(root, 'xinfang.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/accept_days: \d+/, 'accept_days: 5'));
    same(root, 'after a new deadline rule', QUICK);
  }, 600_000);

  it('a missing or damaged index is rebuilt', () => {
    rmSync(join(root, '.xinfang', 'index.db'), { force: true });
    same(root, 'index removed', QUERIES.slice(6, 7));
    writeFileSync(join(root, '.xinfang', 'index.db'), 'this is not a database');
    rmSync(join(root, '.xinfang', 'index.db-wal'), { force: true });
    rmSync(join(root, '.xinfang', 'index.db-shm'), { force: true });
    same(root, 'index damaged', QUERIES.slice(6, 7));
  }, 300_000);
});
