// leader add/edit/retire/away and unit add on a temp ledger: one commit each, by the clerk,
// with a Chinese message and a clean tree; bad input exits 2 and commits nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LeadersFile, UnitsFile } from '../../src/ledger/schema.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { commits, git, newLedger, runIn, type RunResult } from '../helpers/index.js';

let root = '';
const x = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', root], { env });
const leaders = () => readYaml(root, 'leaders.yaml', LeadersFile).leaders;
const CJK = /[\u4e00-\u9fff]/;

/** Runs a command that must succeed and make exactly one commit; returns that commit. */
async function oneCommit(args: string[], env: Record<string, string> = {}): Promise<{ author: string; subject: string; files: string[] }> {
  const before = commits(root).length;
  const r = await x(args, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const log = commits(root);
  expect(log.length).toBe(before + 1);
  expect(git(root, ['status', '--porcelain'])).toBe('');
  return { ...log[0]!, files: git(root, ['show', '--name-only', '--format=', 'HEAD']).split('\n') };
}

async function refused(args: string[], pattern: RegExp): Promise<RunResult> {
  const before = commits(root).length;
  const text = readFileSync(join(root, 'leaders.yaml'), 'utf8') + readFileSync(join(root, 'units.yaml'), 'utf8');
  const r = await x(args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).toMatch(CJK);
  expect(commits(root).length).toBe(before);
  expect(readFileSync(join(root, 'leaders.yaml'), 'utf8') + readFileSync(join(root, 'units.yaml'), 'utf8')).toBe(text);
  expect(git(root, ['status', '--porcelain'])).toBe('');
  return r;
}

beforeEach(async () => {
  root = await newLedger();
});

describe('leader add', () => {
  it('adds with the next id, one commit authored by --by, Chinese message naming the leader', async () => {
    const c = await oneCommit(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', 'member', '--portfolio', '党建、信访维稳', '--by', '王登记']);
    expect(c.author).toBe('王登记');
    expect(c.subject).toBe('添加领导 张志强（党委副书记，班子成员）');
    expect(c.files).toEqual(['leaders.yaml']);
    expect(leaders()).toEqual([{ id: 'L01', name: '张志强', title: '党委副书记', role: 'member', portfolio: '党建、信访维稳', active: true, absences: [] }]);
    const c2 = await oneCommit(['leader', 'add', '--name', '王建国', '--title', '党委书记', '--role', '主要领导'], { XINFANG_CLERK: '李登记' });
    expect(c2.author).toBe('李登记');
    expect(leaders().map((l) => [l.id, l.role])).toEqual([
      ['L01', 'member'],
      ['L02', 'principal'],
    ]);
  });

  it('--by wins over $XINFANG_CLERK', async () => {
    const c = await oneCommit(['leader', 'add', '--name', '张三', '--title', '副乡长', '--role', 'member', '--by', '甲'], { XINFANG_CLERK: '乙' });
    expect(c.author).toBe('甲');
  });

  it('the commit date is XINFANG_NOW', async () => {
    await oneCommit(['leader', 'add', '--name', '张三', '--title', '副乡长', '--role', 'member'], { XINFANG_NOW: '2026-12-01T08:00:00+08:00' });
    expect(git(root, ['log', '-1', '--format=%aI'])).toBe('2026-12-01T08:00:00+08:00');
  });

  it('refuses a bad role, missing options, a taken id and a duplicate name', async () => {
    await refused(['leader', 'add', '--name', '张三', '--title', '副乡长', '--role', 'boss'], /--role.*“boss”.*principal/);
    await refused(['leader', 'add', '--name', '张三'], /缺少必填项：--title、--role/);
    await oneCommit(['leader', 'add', '--name', '张三', '--title', '副乡长', '--role', 'member']);
    await refused(['leader', 'add', '--name', '李四', '--title', '副乡长', '--role', 'member', '--id', 'L01'], /L01.*已被使用/);
    await refused(['leader', 'add', '--name', '李四', '--title', '副乡长', '--role', 'member', '--id', '李四'], /--id/);
    await refused(['leader', 'add', '--name', '张三', '--title', '武装部长', '--role', 'member'], /已有在任领导“张三”.*--id/);
    // A namesake with an explicit id is allowed.
    await oneCommit(['leader', 'add', '--name', '张三', '--title', '武装部长', '--role', 'member', '--id', 'L09']);
    expect(leaders().map((l) => l.id)).toEqual(['L01', 'L09']);
  });
});

describe('leader edit, retire, away', () => {
  beforeEach(async () => {
    await x(['leader', 'add', '--name', '张三', '--title', '副乡长', '--role', 'member']);
    await x(['leader', 'add', '--name', '李四', '--title', '乡长', '--role', 'principal']);
  });

  it('edit changes the named fields in one commit and says which', async () => {
    const c = await oneCommit(['leader', 'edit', '张三', '--title', '党委副书记', '--role', 'principal', '--by', '王登记']);
    expect(c.author).toBe('王登记');
    expect(c.subject).toBe('修改领导 张三（L01）：title、role');
    expect(leaders()[0]).toMatchObject({ id: 'L01', title: '党委副书记', role: 'principal' });
    expect(leaders()[1]).toMatchObject({ id: 'L02', title: '乡长' });
  });

  it('edit that changes nothing makes no commit; edit with nothing to change is refused', async () => {
    const before = commits(root).length;
    const r = await x(['leader', 'edit', 'L01', '--title', '副乡长']);
    expect(r.code).toBe(0);
    expect(commits(root).length).toBe(before);
    await refused(['leader', 'edit', 'L01'], /没有要修改的内容/);
    await refused(['leader', 'edit', 'L01', '--role', 'boss'], /--role/);
    await refused(['leader', 'edit', '钱七', '--title', 'x'], /没有领导“钱七”/);
  });

  it('retire marks the leader inactive; list hides them unless --all', async () => {
    const c = await oneCommit(['leader', 'retire', '李四']);
    expect(c.subject).toBe('领导离任 李四（L02）：active');
    expect(leaders()[1]!.active).toBe(false);
    const list = JSON.parse((await x(['leader', 'list', '--json'])).stdout) as { leaders: { id: string }[] };
    expect(list.leaders.map((l) => l.id)).toEqual(['L01']);
    const all = JSON.parse((await x(['leader', 'list', '--all', '--json'])).stdout) as { leaders: { id: string }[] };
    expect(all.leaders.map((l) => l.id)).toEqual(['L01', 'L02']);
  });

  it('away records an absence (sorted), one commit; list shows it on the day', async () => {
    const c = await oneCommit(['leader', 'away', '张三', '--from', '2026-12-07', '--to', '2026-12-11', '--reason', '学习']);
    expect(c.subject).toBe('登记 张三 外出 2026-12-07 至 2026-12-11（学习）');
    await oneCommit(['leader', 'away', 'L01', '--from', '2026-11-24', '--to', '2026-11-26']);
    expect(leaders()[0]!.absences).toEqual([
      { from: '2026-11-24', to: '2026-11-26', reason: '' },
      { from: '2026-12-07', to: '2026-12-11', reason: '学习' },
    ]);
    const list = await x(['leader', 'list']);
    expect(list.stdout).toContain('外出至 2026-11-26'); // NOW is 2026-11-25
  });

  it('away refuses overlapping absences, to < from, bad dates and unknown leaders', async () => {
    await oneCommit(['leader', 'away', '张三', '--from', '2026-12-07', '--to', '2026-12-11']);
    await refused(['leader', 'away', '张三', '--from', '2026-12-11', '--to', '2026-12-15'], /重叠/);
    await refused(['leader', 'away', '张三', '--from', '2026-12-01', '--to', '2026-12-31'], /重叠/);
    await refused(['leader', 'away', '张三', '--from', '2026-12-20', '--to', '2026-12-19'], /--to.*不能早于/);
    await refused(['leader', 'away', '张三', '--from', '2026-02-30', '--to', '2026-03-01'], /--from.*2026-02-30/);
    await refused(['leader', 'away', '张三', '--from', '2026-12-20'], /缺少必填项：--to/);
    await refused(['leader', 'away', '钱七', '--from', '2026-12-20', '--to', '2026-12-21'], /没有领导“钱七”.*张三（L01）/);
  });

  it('a name shared by two leaders must be given by id', async () => {
    await x(['leader', 'add', '--name', '张三', '--title', '武装部长', '--role', 'member', '--id', 'L07']);
    await refused(['leader', 'away', '张三', '--from', '2026-12-20', '--to', '2026-12-21'], /L01（副乡长）.*L07（武装部长）/);
    await oneCommit(['leader', 'away', 'L07', '--from', '2026-12-20', '--to', '2026-12-21']);
  });

  it('namesakes pass check, and are pointed out by check --strict', async () => {
    await x(['leader', 'add', '--name', '张三', '--title', '武装部长', '--role', 'member', '--id', 'L07']);
    expect((await x(['check'])).code).toBe(0);
    const s = await x(['check', '--strict', '--json']);
    expect(s.code).toBe(1);
    expect(JSON.parse(s.stdout).problems).toEqual([expect.objectContaining({ code: 'leader-name-duplicate', file: 'leaders.yaml' })]);
  });

  it('the use cases validate on their own too (bad role, bad dates): InputError, nothing written', async () => {
    const { Ledger } = await import('../../src/ledger/ledger.js');
    const { editLeader, addAbsence } = await import('../../src/app/leaders.js');
    const { InputError } = await import('../../src/errors.js');
    const { parseInstant } = await import('../../src/domain/time.js');
    const clerk = { name: '王登记', now: parseInstant('2026-11-25')! };
    const before = commits(root).length;
    expect(() => editLeader(Ledger.open(root), 'L01', { role: 'boss' as never }, clerk)).toThrow(InputError);
    expect(() => addAbsence(Ledger.open(root), 'L01', { from: '2026-02-30', to: '2026-03-02', reason: '' }, clerk)).toThrow(/--from/);
    expect(() => addAbsence(Ledger.open(root), 'L01', { from: '2026-03-01', to: '2026-3-2', reason: '' }, clerk)).toThrow(/--to/);
    expect(commits(root).length).toBe(before);
  });

  it('show prints the leader, or JSON', async () => {
    const r = await x(['leader', 'show', 'L02']);
    expect(r.stdout).toContain('李四（L02）');
    expect(r.stdout).toContain('职务：乡长');
    expect(JSON.parse((await x(['leader', 'show', '李四', '--json'])).stdout)).toMatchObject({ id: 'L02', role: 'principal' });
  });
});

describe('unit add', () => {
  it('adds units with ids U01…, one commit each; refuses duplicates', async () => {
    const c = await oneCommit(['unit', 'add', '--name', '民政办', '--contact', '何平 0830-5551201', '--by', '王登记']);
    expect(c).toMatchObject({ author: '王登记', subject: '添加承办单位 民政办', files: ['units.yaml'] });
    await oneCommit(['unit', 'add', '--name', '司法所', '--id', 'SF']);
    expect(readYaml(root, 'units.yaml', UnitsFile).units).toEqual([
      { id: 'U01', name: '民政办', contact: '何平 0830-5551201', active: true },
      { id: 'SF', name: '司法所', contact: '', active: true },
    ]);
    await refused(['unit', 'add', '--name', '民政办'], /已有承办单位“民政办”/);
    await refused(['unit', 'add', '--name', '派出所', '--id', 'SF'], /SF.*已被使用/);
    await refused(['unit', 'add'], /缺少必填项：--name/);
    expect(JSON.parse((await x(['unit', 'list', '--json'])).stdout).units.map((u: { id: string }) => u.id)).toEqual(['U01', 'SF']);
  });
});

describe('autocommit: false', () => {
  it('changes the files but makes no commit', async () => {
    const { writeFileSync } = await import('node:fs');
    const cfg = join(root, 'xinfang.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('autocommit: true', 'autocommit: false'));
    git(root, ['commit', '-qam', '手工关闭自动提交']);
    const before = commits(root).length;
    const r = await x(['leader', 'add', '--name', '张三', '--title', '副乡长', '--role', 'member']);
    expect(r.code).toBe(0);
    expect(leaders().map((l) => l.name)).toEqual(['张三']);
    expect(commits(root).length).toBe(before);
    expect(git(root, ['status', '--porcelain'])).toBe('M leaders.yaml');
  });
});
