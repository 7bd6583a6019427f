// Found by using the CLI as a new clerk would: refusals that must write nothing even when
// they are discovered late, and the case's story read back.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { commits, git, newLedger, runIn } from '../helpers/index.js';

let root = '';
const NOW = '2026-07-20T10:00:00+08:00';
const x = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', root], { env: { XINFANG_NOW: NOW, ...env } });

async function register(date: string): Promise<string> {
  const r = await x(['visit', 'add', '--date', date, '--name', '赵大爷', '--phone', '13800138000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', `优抚金未按时发放 ${date}`, '--leader', '张志强', '--new', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).case.id;
}

beforeEach(async () => {
  root = await newLedger();
  expect((await x(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', 'member'])).code).toBe(0);
  expect((await x(['unit', 'add', '--name', '民政办'])).code).toBe(0);
});

describe('due --supervise', () => {
  it('an unusable office template is refused before any supervision is recorded', async () => {
    const A = await register('2026-06-01');
    await x(['case', 'accept', A, '--date', '2026-06-02']);
    expect((await x(['case', 'transfer', A, '--unit', '民政办', '--due', '2026-07-15', '--date', '2026-06-03'])).code).toBe(0);
    mkdirSync(join(root, 'templates', 'notices'), { recursive: true });
    writeFileSync(join(root, 'templates', 'notices', 'supervise.liquid'), '{% if x %}\n');
    git(root, ['add', 'templates']);
    git(root, ['commit', '-qm', 'template']);
    const before = commits(root).length;
    const r = await x(['due', '--supervise']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/模板/);
    expect(commits(root).length).toBe(before);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(existsSync(join(root, 'notices'))).toBe(false);
  });
});

describe('due --supervise as one change', () => {
  it('several overdue cases: every supervision and every notice in one commit; a case nobody owns is listed under the office, never a blank leader', async () => {
    const A = await register('2026-06-01');
    const B = await register('2026-06-02');
    await x(['case', 'accept', A, '--date', '2026-06-02']);
    expect((await x(['case', 'transfer', A, '--unit', '民政办', '--due', '2026-07-15', '--date', '2026-06-03'])).code).toBe(0);
    // A letter with nobody on duty: no receiving leader, no owner, no unit; acceptance due 06-17.
    const r0 = await x(['visit', 'add', '--channel', 'letter', '--date', '2026-06-02', '--name', '钱某', '--phone', '13900139000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '来信反映低保停发', '--new', '--json']);
    expect(r0.code).toBe(0);
    const C = JSON.parse(r0.stdout).case.id as string;
    expect(JSON.parse((await x(['case', 'show', C, '--json'])).stdout).leader).toBeNull();
    const before = commits(root).length;
    const r = await x(['due', '--supervise', '--form', '发函', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sup = JSON.parse(r.stdout).supervised;
    expect(sup.supervised.map((s: { id: string }) => s.id).sort()).toEqual([A, B, C].sort());
    expect(commits(root).length).toBe(before + 1);
    expect(commits(root)[0]!.subject).toBe('督办 3 件超期案件（发函督办）');
    const files = git(root, ['-c', 'core.quotepath=off', 'show', '--name-only', '--format=', 'HEAD']).split('\n').sort();
    expect(files).toEqual([...[A, B, C].map((id) => `cases/2026/${id}.yaml`), 'notices/2026-07-20/督办通知-信访办.txt', 'notices/2026-07-20/督办通知-包案领导张志强.txt', 'notices/2026-07-20/督办通知-民政办.txt'].sort());
    expect(git(root, ['status', '--porcelain'])).toBe('');
    const office = readFileSync(join(root, 'notices', '2026-07-20', '督办通知-信访办.txt'), 'utf8');
    expect(office).toContain(C);
    // One office name on every document: the 信访办's (office.issuer), as on the 公示.
    expect(office).toMatch(/青山乡信访工作领导小组办公室（未交办、未包案事项）：/);
    expect(office).toContain('包案领导：未确定');
    for (const f of files.filter((f) => f.startsWith('notices/'))) expect(readFileSync(join(root, f), 'utf8')).not.toMatch(/包案领导：?(—|\s*$)|包案领导：\n/m);
    for (const id of [A, B, C]) expect(JSON.parse((await x(['case', 'show', id, '--json'])).stdout).events.at(-1)).toMatchObject({ type: 'supervise', form: 'letter' });
  });
});

describe('appendEventsToCases', () => {
  it('a refusal on any case (checked under its lock) writes nothing to any case and no notice', async () => {
    const A = await register('2026-06-01');
    const B = await register('2026-06-02');
    const { Ledger } = await import('../../src/ledger/ledger.js');
    const { appendEventsToCases } = await import('../../src/app/cases.js');
    const ledger = Ledger.open(root);
    const clerk = { name: '测试', now: new Date(NOW) };
    const before = commits(root).length;
    const files = [A, B].map((id) => readFileSync(join(root, 'cases', '2026', `${id}.yaml`), 'utf8'));
    const ev = { type: 'supervise' as const, form: 'letter' as const, note: '催办', unit: '' };
    expect(() =>
      appendEventsToCases(ledger, [{ id: A, events: [ev] }, { id: B, events: [ev], check: () => { throw new Error('已结案'); } }], [{ rel: 'notices/2026-07-20/x.txt', text: 'x' }], '督办', clerk),
    ).toThrow('已结案');
    expect([A, B].map((id) => readFileSync(join(root, 'cases', '2026', `${id}.yaml`), 'utf8'))).toEqual(files);
    expect(existsSync(join(root, 'notices'))).toBe(false);
    expect(existsSync(join(root, '.xinfang', 'locks', `case-${A}.lock`))).toBe(false);
    expect(commits(root).length).toBe(before);
    // And when nothing refuses: both cases and the notice in one commit.
    const states = appendEventsToCases(ledger, [{ id: A, events: [ev] }, { id: B, events: [ev] }], [{ rel: 'notices/2026-07-20/x.txt', text: 'x' }], '督办 2 件', clerk);
    expect(states.map((s) => s.file.events.at(-1)!.type)).toEqual(['supervise', 'supervise']);
    expect(commits(root).length).toBe(before + 1);
    expect(git(root, ['status', '--porcelain'])).toBe('');
  });
});

describe('case show reads like the case story', () => {
  it('a day given with --date alone shows as the date, without a made-up 00:00; a real time shows', async () => {
    const A = await register('2026-07-01');
    expect((await x(['case', 'accept', A, '--date', '2026-07-02'])).code).toBe(0);
    expect((await x(['case', 'assign', A, '--at', '2026-07-03 09:30'])).code).toBe(0);
    const t = (await x(['case', 'show', A])).stdout;
    expect(t).toMatch(/登记时间\s+2026-07-01\n/);
    expect(t).toMatch(/^  2026-07-01  来访登记/m);
    expect(t).toMatch(/^  2026-07-02  受理/m);
    expect(t).toMatch(/^  2026-07-03 09:30  包案/m);
    expect(t).not.toContain('00:00');
    const h = (await x(['case', 'history', A])).stdout;
    expect(h).toMatch(/^[0-9a-f]{8}  2026-07-02  /m);
    expect(h).toMatch(/^[0-9a-f]{8}  2026-07-03 09:30  /m);
    expect(h).not.toContain('00:00');
    expect((await x(['case', 'list'])).stdout).not.toContain('00:00');
    // JSON keeps the full instant.
    expect(JSON.parse((await x(['case', 'show', A, '--json'])).stdout).received_at).toBe('2026-07-01T00:00:00+08:00');
  });

  it('a correction names the field in Chinese and shows old and new values as people read them', async () => {
    const A = await register('2026-07-01');
    expect((await x(['leader', 'add', '--name', '刘芳', '--title', '副乡长', '--role', 'member'])).code).toBe(0);
    expect((await x(['case', 'correct', A, '--field', 'category', '--value', '民政/其它', '--reason', '分类有误'])).code).toBe(0);
    expect((await x(['case', 'correct', A, '--field', 'receiver', '--value', '刘芳', '--reason', '接待人记错'])).code).toBe(0);
    const t = (await x(['case', 'show', A])).stdout;
    expect(t).toContain('更正 内容分类：民政/优抚救济 → 民政/其它（分类有误）');
    expect(t).toContain('更正 接待领导：张志强 → 刘芳（接待人记错）');
  });
});

describe('notices', () => {
  it('the 受理告知书 states the deadline of 60 days from acceptance, not one moved by a later extension', async () => {
    const A = await register('2026-07-01');
    expect((await x(['case', 'accept', A, '--date', '2026-07-02'])).code).toBe(0);
    expect((await x(['case', 'extend', A, '--days', '10', '--reason', '需要调查'])).code).toBe(0);
    const t = (await x(['case', 'notice', A, '--kind', 'accept'])).stdout;
    expect(t).toContain('自受理之日起 60 日内（即 2026年8月31日 前）');
    const e = (await x(['case', 'notice', A, '--kind', 'extend'])).stdout;
    expect(e).toContain('2026年9月10日');
  });
});

describe('refusals that write nothing', () => {
  it('an event dated before the case\'s latest recorded day is refused (the story stays in order)', async () => {
    const A = await register('2026-07-01');
    expect((await x(['case', 'accept', A, '--date', '2026-07-03'])).code).toBe(0);
    const before = commits(root).length;
    const r = await x(['case', 'handle', A, '--disposition', '当场解决', '--facts', '属实', '--date', '2026-07-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--date（日期）.*2026-07-02.*不能早于本案最近一次记录的日期 2026-07-03/);
    expect(commits(root).length).toBe(before);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    // The same day is fine.
    expect((await x(['case', 'handle', A, '--disposition', '当场解决', '--facts', '属实', '--date', '2026-07-03'])).code).toBe(0);
  });

  it('case notice -o into a missing folder, or naming a folder, is refused with exit 2', async () => {
    const A = await register('2026-07-01');
    expect((await x(['case', 'accept', A, '--date', '2026-07-03'])).code).toBe(0);
    const before = commits(root).length;
    let r = await x(['case', 'notice', A, '--kind', 'accept', '-o', join(root, 'no-such-dir', 'a.txt'), '--attach']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/-o（输出文件）.*文件夹 .* 不存在/);
    r = await x(['case', 'notice', A, '--kind', 'accept', '-o', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/-o（输出文件）.*是一个文件夹/);
    expect(commits(root).length).toBe(before);
    expect(git(root, ['status', '--porcelain'])).toBe('');
  });
});

describe('the timeline', () => {
  it('starts with the visit on the day it was received, even when typed in later', async () => {
    const A = await register('2026-06-01');
    const t = (await x(['case', 'show', A])).stdout;
    const timeline = t.slice(t.indexOf('经过'));
    expect(timeline).toMatch(/\n {2}2026-06-01 {2}来访登记/); // --date only: the day, no made-up 00:00
  });
});
