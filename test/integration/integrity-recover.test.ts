// The leftovers of a killed command, each state made by hand exactly as src/ledger/txn.ts
// leaves it at that moment (its pending record, temp and backup files), then found by the
// next command: a change that had reached the files is completed and committed as
// "补记：上次被中断的修改（…）"; one that had not is dropped; an interrupted undo is finished.
// (integrity-kill.test.ts kills the real CLI at random moments.)
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selfOwner, ownerText } from '../../src/ledger/lock.js';
import { commits, git, newLedger, runIn, TEAM } from '../helpers/index.js';

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

interface Craft {
  state: 'prepare' | 'apply' | 'undo';
  /** How many files were already put in place (renamed over the old one). */
  placed: number;
  /** In state undo: how many of the placed files were already put back. */
  restored?: number;
  owner?: string;
}

/** Leaves `files` as a command killed at that moment would (see the header of txn.ts). */
function craft(root: string, files: { rel: string; text: string }[], o: Craft): { pid: number; record: string } {
  const pid = o.owner ? Number(o.owner.split(' ')[0]) : deadPid();
  const id = `${pid}.0123456789ab`;
  const entries = files.map((f, i) => {
    const tag = `${pid}.0000000${i}`;
    const e = { rel: f.rel, tmp: `${f.rel}.${tag}.tmp`, bak: `${f.rel}.${tag}.bak`, create: false, ino: 0, prev: 0 };
    mkdirSync(dirname(join(root, f.rel)), { recursive: true });
    // "prepare": the temp may be half written.
    writeFileSync(join(root, e.tmp), o.state === 'prepare' ? f.text.slice(0, 10) : f.text);
    e.ino = o.state === 'prepare' ? 0 : statSync(join(root, e.tmp)).ino;
    e.prev = statSync(join(root, f.rel), { throwIfNoEntry: false })?.ino ?? 0;
    return e;
  });
  entries.slice(0, o.placed).forEach((e) => {
    if (e.prev) linkSync(join(root, e.rel), join(root, e.bak));
    renameSync(join(root, e.tmp), join(root, e.rel));
  });
  entries.slice(0, o.restored ?? 0).forEach((e) => renameSync(join(root, e.bak), join(root, e.rel)));
  const record = {
    v: 1,
    owner: o.owner ?? `${pid} - -`,
    at: new Date().toISOString(),
    state: o.state,
    locks: ['roster'],
    commit: { message: '生成 2026-12、2027-01 接访排班', author: '被打断的登记员', when: '2026-11-25T01:30:00.000Z', also: [] },
    files: entries,
  };
  mkdirSync(join(root, '.xinfang', 'pending'), { recursive: true });
  writeFileSync(join(root, '.xinfang', 'pending', `${id}.json`), JSON.stringify(record));
  return { pid, record: join(root, '.xinfang', 'pending', `${id}.json`) };
}

/** Two rosters already committed, and their new versions. */
async function setup() {
  const root = await newLedger({ leaders: TEAM });
  const x = (args: string[]) => runIn([...args, '--ledger', root]);
  expect((await x(['roster', 'generate', '--month', '2026-12'])).code).toBe(0);
  const old12 = readFileSync(join(root, 'rosters', '2026-12.yaml'), 'utf8');
  const files = [
    { rel: 'rosters/2026-12.yaml', text: old12.replace(/generated_at: .*/, 'generated_at: 2026-11-25T09:31:00+08:00') },
    { rel: 'rosters/2027-01.yaml', text: 'month: 2027-01\ngenerated_at: 2026-11-25T09:31:00+08:00\nslots: []\nheld: []\n' },
  ];
  return { root, x, old12, files };
}

function leftovers(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (e.name === '.git' || e.name === '.xinfang') continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (/\.(tmp|bak)$/.test(e.name)) out.push(p);
    }
  };
  walk('');
  const pending = join(root, '.xinfang', 'pending');
  if (existsSync(pending)) out.push(...readdirSync(pending).map((f) => `.xinfang/pending/${f}`));
  return out;
}

describe('the next command finishes what a killed command left', () => {
  it('killed after one of two files was put in place: both completed and committed as 补记, by the original clerk', async () => {
    const { root, x, files } = await setup();
    const n = commits(root).length;
    craft(root, files, { state: 'apply', placed: 1 });
    const r = await x(['case', 'list']); // any command that opens the ledger
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/注意：上次被中断的修改“生成 2026-12、2027-01 接访排班”（rosters\/2026-12.yaml、rosters\/2027-01.yaml）已补记提交/);
    for (const f of files) expect(readFileSync(join(root, f.rel), 'utf8')).toBe(f.text);
    expect(commits(root).length).toBe(n + 1);
    expect(git(root, ['log', '-1', '--format=%an|%ad|%s', '--date=iso'])).toBe('被打断的登记员|2026-11-25 09:30:00 +0800|补记：上次被中断的修改（生成 2026-12、2027-01 接访排班）');
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(leftovers(root)).toEqual([]);
    expect((await x(['check'])).code).toBe(0);
  }, 30_000);

  it('killed after every file was in place but before the commit: committed as 补记', async () => {
    const { root, x, files } = await setup();
    craft(root, files, { state: 'apply', placed: 2 });
    expect((await x(['leader', 'list'])).stderr).toMatch(/已补记提交/);
    expect(git(root, ['log', '-1', '--format=%s'])).toMatch(/^补记：/);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(leftovers(root)).toEqual([]);
  }, 30_000);

  it('killed before any file was in place (temps written, or half written): dropped, the files as they were, no commit', async () => {
    for (const state of ['apply', 'prepare'] as const) {
      const { root, x, files, old12 } = await setup();
      const head = git(root, ['rev-parse', 'HEAD']);
      craft(root, files, { state, placed: 0 });
      const r = await x(['case', 'list']);
      expect(r.stderr).toMatch(/尚未写入任何文件，已丢弃，请重新执行该命令/);
      expect(readFileSync(join(root, 'rosters', '2026-12.yaml'), 'utf8')).toBe(old12);
      expect(existsSync(join(root, 'rosters', '2027-01.yaml'))).toBe(false);
      expect(git(root, ['rev-parse', 'HEAD'])).toBe(head);
      expect(leftovers(root)).toEqual([]);
    }
  }, 30_000);

  it('killed while undoing a failed commit: the undo is finished, nothing committed', async () => {
    const { root, x, files, old12 } = await setup();
    const head = git(root, ['rev-parse', 'HEAD']);
    craft(root, files, { state: 'undo', placed: 2, restored: 1 });
    expect((await x(['case', 'list'])).stderr).toMatch(/上次提交失败的修改.*已撤销/);
    expect(readFileSync(join(root, 'rosters', '2026-12.yaml'), 'utf8')).toBe(old12);
    expect(existsSync(join(root, 'rosters', '2027-01.yaml'))).toBe(false);
    expect(git(root, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(leftovers(root)).toEqual([]);
  }, 30_000);

  it('a file changed by another command since is not overwritten when completing', async () => {
    const { root, x, files } = await setup();
    craft(root, [files[1]!, files[0]!], { state: 'apply', placed: 1 }); // 2027-01 in place, 2026-12 not yet
    const mine = readFileSync(join(root, 'rosters', '2026-12.yaml'), 'utf8').replace(/generated_at: .*/, 'generated_at: 2026-11-25T10:00:00+08:00');
    writeFileSync(join(root, 'rosters', '2026-12.tmpx'), mine);
    renameSync(join(root, 'rosters', '2026-12.tmpx'), join(root, 'rosters', '2026-12.yaml')); // another writer, meanwhile
    expect((await x(['case', 'list'])).code).toBe(0);
    expect(readFileSync(join(root, 'rosters', '2026-12.yaml'), 'utf8')).toBe(mine);
    expect(readFileSync(join(root, 'rosters', '2027-01.yaml'), 'utf8')).toBe(files[1]!.text);
    expect(leftovers(root)).toEqual([]);
    // Only its own file is committed as 补记; the other writer commits its own.
    expect(git(root, ['show', '--name-only', '--format=%s', 'HEAD']).split('\n').filter(Boolean)).toEqual(['补记：上次被中断的修改（生成 2026-12、2027-01 接访排班）', 'rosters/2027-01.yaml']);
    expect(git(root, ['status', '--porcelain'])).toBe('M rosters/2026-12.yaml');
  }, 30_000);

  it('the write of a command still running is left alone', async () => {
    const { root, x, files } = await setup();
    const { record } = craft(root, files, { state: 'apply', placed: 1, owner: ownerText(selfOwner()) });
    const r = await x(['case', 'list']);
    expect(r.stderr).toBe('');
    expect(existsSync(record)).toBe(true);
  }, 30_000);

  it('check finishes and reports them; removes temp files of dead processes older than a minute, reports fresh ones', async () => {
    const { root, files } = await setup();
    craft(root, files, { state: 'apply', placed: 1 });
    const dead = deadPid();
    const stale = join(root, 'cases', '2026', `QS-2026-A0009.yaml.${dead}.89abcdef.tmp`);
    mkdirSync(dirname(stale), { recursive: true });
    writeFileSync(stale, 'id: QS');
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(stale, old, old);
    const fresh = join(root, 'leaders.yaml.' + dead + '.01234567.tmp');
    writeFileSync(fresh, 'x');
    const r = await runIn(['check', '--json', '--ledger', root]);
    expect(r.code).toBe(1);
    const problems = JSON.parse(r.stdout).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'interrupted-write', file: 'rosters/2026-12.yaml', message: expect.stringMatching(/已补记提交/) }),
        expect.objectContaining({ code: 'temp-file', file: `cases/2026/QS-2026-A0009.yaml.${dead}.89abcdef.tmp`, message: expect.stringMatching(/已删除/) }),
        expect.objectContaining({ code: 'temp-file', file: `leaders.yaml.${dead}.01234567.tmp`, hint: '确认无误后删除此文件' }),
      ]),
    );
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(git(root, ['status', '--porcelain'])).toBe(`?? leaders.yaml.${dead}.01234567.tmp`);
  }, 30_000);
});
