// The case lifecycle on a temp ledger through the CLI in-process: every event command makes
// exactly one commit of the case file; every refusal writes nothing (clean tree, no new
// commit, file unchanged); close is refused naming each failing condition; deadlines,
// warnings and the due list on real dates.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { commits, git, newLedger, TEAM, runIn, tempDir, type RunResult } from '../helpers/index.js';

let root = '';
/** Most steps happen in summer 2026, so that the handling deadlines fall in the covered year. */
const SUMMER = '2026-07-20T10:00:00+08:00';
const x = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', root], { env: { XINFANG_NOW: SUMMER, ...env } });
const CASE = 'QS-2026-A0001';
const caseFile = (id = CASE) => join(root, 'cases', id.split('-')[1]!, `${id}.yaml`);

async function ok(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const before = commits(root).length;
  const r = await x(args, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(commits(root).length).toBe(before + 1);
  expect(git(root, ['status', '--porcelain'])).toBe('');
  return r;
}

async function refused(args: string[], pattern: RegExp, code = 2, env: Record<string, string> = {}): Promise<RunResult> {
  const before = commits(root).length;
  const text = existsSync(caseFile()) ? readFileSync(caseFile(), 'utf8') : '';
  const r = await x(args, env);
  expect(r.stderr).toMatch(pattern);
  expect(r.code).toBe(code);
  expect(commits(root).length).toBe(before);
  expect(git(root, ['status', '--porcelain'])).toBe('');
  if (text) expect(readFileSync(caseFile(), 'utf8')).toBe(text);
  return r;
}

async function show(id = CASE, env: Record<string, string> = {}) {
  const r = await x(['case', 'show', id, '--json'], env);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

async function register(date: string, extra: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const r = await x(['visit', 'add', '--date', date, '--name', '赵大爷', '--phone', '13800138000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', `优抚金未按时发放 ${date} ${extra.join(' ')}`, '--leader', '张志强', '--new', '--json', ...extra], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).case.id;
}

beforeEach(async () => {
  root = await newLedger({ leaders: TEAM, units: ['民政办', '司法所'] });
});

describe('the whole lifecycle', () => {
  it('walks a case from registration to closure and follow-up, one commit per step', async () => {
    const id = await register('2026-07-01');
    expect(id).toBe(CASE);
    let j = await show();
    // Received Wed 2026-07-01: 15 days → Thu 2026-07-16, passed on 07-20.
    expect(j.deadlines).toMatchObject({ accept: '2026-07-16', handle: null });
    expect(j.warning).toBe('overdue');
    expect(j.readiness.ready).toBe(false);
    expect(j.duties.map((d: { done: boolean }) => d.done)).toEqual([false, false, false, false, false]);

    await ok(['case', 'assign', CASE, '--leader', '刘芳']);
    expect((await show()).leader).toBe('L03');
    await ok(['case', 'duty', CASE, '--done', '包掌握情况', '2', '--date', '2026-07-02']);
    expect((await show()).duties.filter((d: { done: boolean }) => d.done).map((d: { item: string }) => d.item)).toEqual(['包掌握情况', '包思想教育']);
    const acc = await ok(['case', 'accept', CASE, '--date', '2026-07-03']);
    expect(acc.stdout).toMatch(/已受理/);
    j = await show();
    expect(j.status).toBe('accepted');
    // Accepted Fri 07-03: 60 days → Tue 2026-09-01.
    expect(j.deadlines).toMatchObject({ accept: '2026-07-16', handle: '2026-09-01' });
    expect(j.warning).toBe('normal');
    expect(j.overdue).toBe(false);

    await ok(['case', 'transfer', CASE, '--unit', '民政办', '--date', '2026-07-06']);
    j = await show();
    // Transferred Mon 07-06 with no due date: 15 days → Tue 07-21.
    expect(j.deadlines.transfers).toEqual([{ unit: 'U01', due: '2026-07-21', replied: null }]);
    expect(j.status).toBe('transferred');
    expect(j.warning).toBe('alert'); // 14 of 15 days used: ≥ 85%, < 99%

    await ok(['case', 'extend', CASE, '--days', '20', '--reason', '需调查核实发放记录', '--date', '2026-07-10']);
    expect((await show()).deadlines.handle).toBe('2026-09-21');
    await refused(['case', 'extend', CASE, '--days', '11', '--reason', '再延'], /累计不能超过 30 天（已延期 20 天，最多还能延 10 天）/);
    // 60 + 30 days from 07-03 is Thu 10-01, National Day: moved to Thu 10-08.
    await ok(['case', 'extend', CASE, '--days', '10', '--reason', '补充材料']);
    expect((await show()).deadlines.handle).toBe('2026-10-08');

    await ok(['case', 'reply', CASE, '--unit', '民政办', '--text', '已核实，补发优抚金 3 个月']);
    j = await show();
    expect(j.deadlines.transfers[0].replied).toBe('2026-07-20');

    await ok(['case', 'handle', CASE, '--disposition', '限期解决', '--facts', '优抚金因系统迁移漏发三个月', '--decision', 'support', '--promise-by', '2026-07-31']);
    j = await show();
    expect(j.deadlines.promise).toBe('2026-07-31');
    expect(j.readiness.conditions.find((c: { key: string }) => c.key === 'handled')).toMatchObject({ ok: false });
    expect(j.readiness.conditions.find((c: { key: string }) => c.key === 'facts_clear')).toMatchObject({ ok: true });

    // Close refused: it names each failing condition, and writes nothing.
    const r = await refused(['case', 'close', CASE], /不能结案，4 项结案条件未满足/, 1);
    for (const name of ['问题处理到位', '包案领导审批意见', '信访人明确意见', '案卷材料齐全']) expect(r.stderr).toContain(name);
    expect(r.stderr).not.toContain('事实清楚');
    const rd = await x(['case', 'readiness', CASE]);
    expect(rd.code).toBe(1);
    expect(rd.stdout).toMatch(/✗ 包案领导审批意见/);

    await ok(['case', 'handle', CASE, '--disposition', '当场解决', '--facts', '已补发三个月优抚金', '--decision', 'support'], { XINFANG_NOW: '2026-07-28T10:00:00+08:00' });
    await refused(['case', 'approve', CASE, '--text', '同意', '--leader', '不存在的人'], /没有领导“不存在的人”/);
    await ok(['case', 'approve', CASE, '--text', '同意结案'], { XINFANG_NOW: '2026-07-28T11:00:00+08:00' });
    await ok(['case', 'opinion', CASE, '--value', '满意'], { XINFANG_NOW: '2026-07-28T11:00:00+08:00' });
    let closeR = await refused(['case', 'close', CASE], /1 项结案条件未满足[\s\S]*缺少材料：答复意见书/, 1, { XINFANG_NOW: '2026-07-28T12:00:00+08:00' });
    expect(closeR.stderr).not.toContain('信访人明确意见');
    const att = await ok(['case', 'notice', CASE, '--kind', 'reply', '--attach'], { XINFANG_NOW: '2026-07-28T12:00:00+08:00' });
    expect(att.stdout).toMatch(/信访事项答复意见书/);
    expect(att.stdout).toMatch(/已补发三个月优抚金/);
    const rd2 = await x(['case', 'readiness', CASE, '--json'], { XINFANG_NOW: '2026-07-28T12:00:00+08:00' });
    expect(rd2.code).toBe(0);
    expect(JSON.parse(rd2.stdout).ready).toBe(true);
    await ok(['case', 'close', CASE], { XINFANG_NOW: '2026-07-28T14:00:00+08:00' });
    j = await show(CASE, { XINFANG_NOW: '2026-08-01T10:00:00+08:00' });
    expect(j.status).toBe('closed');
    expect(j.warning).toBe('normal');
    await refused(['case', 'close', CASE], /已于 2026-07-28 结案/, 2, { XINFANG_NOW: '2026-08-01T10:00:00+08:00' });
    await refused(['case', 'handle', CASE, '--disposition', 'explained', '--facts', 'x'], /已结案/, 2, { XINFANG_NOW: '2026-08-01T10:00:00+08:00' });

    await ok(['case', 'followup', CASE, '--date', '2026-08-20', '--note', '已按月发放，无反复'], { XINFANG_NOW: '2026-08-20T10:00:00+08:00' });
    expect((await show(CASE, { XINFANG_NOW: '2026-08-20T10:00:00+08:00' })).status).toBe('closed');
    await ok(['case', 'followup', CASE, '--date', '2026-09-20', '--note', '九月又未发放', '--recurred'], { XINFANG_NOW: '2026-09-21T10:00:00+08:00' });
    j = await show(CASE, { XINFANG_NOW: '2026-09-21T10:00:00+08:00' });
    expect(j.status).toBe('accepted');
    expect(j.readiness.ready).toBe(false);
    expect(j.events.slice(-2).map((e: { type: string }) => e.type)).toEqual(['followup', 'reopen']);

    const hist = await x(['case', 'history', CASE, '--json'], { XINFANG_NOW: '2026-09-21T10:00:00+08:00' });
    const h = JSON.parse(hist.stdout);
    expect(h.commits[0].events.map((e: { type: string }) => e.type)).toEqual(['registered']);
    expect(h.commits.at(-1).events.map((e: { type: string }) => e.type)).toEqual(['followup', 'reopen']);
    expect(h.commits.map((c: { subject: string }) => c.subject)).toContain('结案 QS-2026-A0001（销号存档）');
    const text = await x(['case', 'history', CASE], { XINFANG_NOW: '2026-09-21T10:00:00+08:00' });
    expect(text.stdout).toMatch(/\+ 交办 → 民政办/);
  });
});

describe('events and refusals', () => {
  it('suspend stops the clock and resume restarts it; review redo sends the handling back', async () => {
    await register('2026-07-01');
    await ok(['case', 'accept', CASE, '--date', '2026-07-03']);
    await refused(['case', 'resume', CASE], /没有中止/);
    await ok(['case', 'suspend', CASE, '--reason', '听证', '--date', '2026-07-10']);
    await refused(['case', 'suspend', CASE, '--reason', '又'], /已在中止中/);
    await refused(['case', 'handle', CASE, '--disposition', 'explained', '--facts', 'x'], /正在中止/);
    let j = await show();
    expect(j.status).toBe('suspended');
    expect(j.suspended_days).toBe(10); // 07-10 → 07-20
    expect(j.deadlines.handle).toBe('2026-09-11'); // 07-03 + 70 = Fri 09-11
    await ok(['case', 'resume', CASE, '--date', '2026-07-15']);
    j = await show();
    expect(j.status).toBe('accepted');
    expect(j.suspended_days).toBe(5);
    expect(j.deadlines.handle).toBe('2026-09-07'); // 07-03 + 65 = Sun 09-06 → Mon 09-07
    await refused(['case', 'review', CASE, '--result', 'pass', '--note', 'x'], /还没有处理结果/);
    await ok(['case', 'handle', CASE, '--disposition', 'explained', '--facts', '政策不支持', '--decision', 'explain']);
    await ok(['case', 'review', CASE, '--result', 'redo', '--note', '事实不清']);
    j = await show();
    expect(j.status).toBe('accepted');
    expect(j.readiness.conditions[0]).toMatchObject({ key: 'facts_clear', ok: false });
    await ok(['case', 'supervise', CASE, '--form', '电话', '--note', '催办', '--unit', '民政办']);
    await ok(['case', 'collective', CASE, '--note', '涉及多户，提交班子研究']);
    await refused(['case', 'supervise', CASE, '--form', 'fax', '--note', 'x'], /--form（督办方式）/);
    await refused(['case', 'review', CASE, '--result', 'maybe', '--note', 'x'], /--result（评查结果）/);
  });

  it('decline and reopen; accept twice, decline after accept, reply without transfer are refused', async () => {
    await register('2026-07-01');
    await refused(['case', 'decline', CASE], /--reason（不予受理理由）/);
    await ok(['case', 'decline', CASE, '--reason', '属诉讼程序处理事项']);
    let j = await show();
    expect(j.status).toBe('declined');
    expect(j.warning).toBe('normal');
    const notice = await x(['case', 'notice', CASE, '--kind', 'decline']);
    expect(notice.stdout).toMatch(/不予受理告知书[\s\S]*属诉讼程序处理事项/);
    await refused(['case', 'accept', CASE], /只有待受理的案件可以受理/);
    await refused(['case', 'notice', CASE, '--kind', 'accept'], /尚未受理/);
    await ok(['case', 'reopen', CASE, '--reason', '复查决定受理']);
    expect((await show()).status).toBe('accepted');
    await refused(['case', 'reopen', CASE, '--reason', 'x'], /仍在办理/);
    await refused(['case', 'decline', CASE, '--reason', 'x'], /只有待受理的案件/);
    await refused(['case', 'reply', CASE, '--unit', '民政办', '--text', 'x'], /没有交办给 民政办/);
    await refused(['case', 'transfer', CASE, '--unit', '财政所'], /没有承办单位“财政所”/);
    await refused(['case', 'transfer', CASE, '--unit', '民政办', '--due', '2026-07-01'], /应晚于交办日期/);
    await ok(['case', 'transfer', CASE, '--unit', '民政办', '--due', '2026-08-01']);
    await refused(['case', 'transfer', CASE, '--unit', '民政办'], /尚未答复/);
    j = await show();
    expect(j.deadlines.transfers).toEqual([{ unit: 'U01', due: '2026-08-01', replied: null }]);
  });

  it('refuses bad input with nothing written', async () => {
    await register('2026-07-01');
    await refused(['case', 'accept', 'QS-2026-A0999'], /没有案件 QS-2026-A0999/);
    await refused(['case', 'accept', CASE, '--date', '2026-06-30'], /不能早于案件登记日期 2026-07-01/);
    await refused(['case', 'accept', CASE, '--date', '2026-07-21'], /不能晚于现在/);
    await refused(['case', 'accept', CASE, '--date', '2026-02-30'], /--date（日期）/);
    await refused(['case', 'assign', CASE, '--leader', '无名'], /没有领导“无名”/);
    await ok(['case', 'assign', CASE]); // the receiving leader, formally
    await refused(['case', 'assign', CASE], /包案领导已是 张志强/);
    await refused(['case', 'duty', CASE, '--done', '包稳控管理'], /--done（五包事项）/);
    await refused(['case', 'extend', CASE, '--days', '5', '--reason', 'x'], /尚未受理/);
    await refused(['case', 'handle', CASE, '--disposition', 'promised', '--facts', 'x'], /--promise-by/);
    await refused(['case', 'handle', CASE, '--disposition', '当场解决', '--facts', 'x', '--promise-by', '2026-08-01'], /只用于/);
    await refused(['case', 'handle', CASE, '--disposition', '赔钱', '--facts', 'x'], /--disposition（处理方式）/);
    await refused(['case', 'handle', CASE, '--disposition', '当场解决'], /缺少必填项：--facts/);
    await refused(['case', 'opinion', CASE, '--value', '满意'], /还没有处理结果/);
    await refused(['case', 'approve', CASE, '--text', '同意'], /还没有处理结果/);
    await refused(['case', 'followup', CASE, '--date', '2026-07-10', '--note', 'x'], /回访针对已结案的案件/);
    await refused(['case', 'attach', CASE, join(root, 'nope.pdf'), '--kind', '调查笔录'], /文件不存在/);
    await refused(['case', 'correct', CASE, '--field', 'colour', '--value', 'x', '--reason', 'x'], /--field（更正的登记项）/);
    await refused(['case', 'correct', CASE, '--field', 'people', '--value', '0', '--reason', '笔误'], /--value（人数）/);
    await refused(['case', 'instruct', CASE, '--text', '请民政办核实', '--leader', '无名'], /没有领导/);
    await refused(['case', 'suspend', CASE, '--reason', 'x'], /尚未受理/);
    await refused(['case', 'review', CASE, '--result', 'pass', '--note', 'x'], /还没有处理结果/);
    await refused(['case', 'notice', CASE, '--kind', 'reply'], /还没有处理结果/);
    await refused(['case', 'notice', CASE, '--kind', 'memo'], /--kind（告知书种类）/);
  });

  it('attach copies the file with its checksum; correct keeps old and new; instruct clears the waiting letter', async () => {
    const r = await x(['letter', 'add', '--date', '2026-07-01', '--name', '钱女士', '--purpose', '意见建议', '--category', '城乡建设/其它', '--summary', '建议修缮村道', '--leader', '王建国', '--json']);
    expect(r.code).toBe(0);
    let j = await show();
    expect(j.needs_instruction).toBe(true);
    let due = JSON.parse((await x(['due', '--json'])).stdout);
    expect(due.awaiting_instruction.map((a: { id: string }) => a.id)).toEqual([CASE]);
    await ok(['case', 'instruct', CASE, '--text', '请村镇建设办核实并答复', '--leader', '王建国']);
    j = await show();
    expect(j.needs_instruction).toBe(false);
    due = JSON.parse((await x(['due', '--json'])).stdout);
    expect(due.awaiting_instruction).toEqual([]);

    const dir = tempDir();
    const src = join(dir, '调查笔录.txt');
    writeFileSync(src, '调查笔录：村道破损 200 米');
    await ok(['case', 'attach', CASE, src, '--kind', '调查笔录']);
    j = await show();
    const ev = j.events.at(-1);
    expect(ev).toMatchObject({ type: 'attach', kind: '调查笔录', file: `attachments/${CASE}/调查笔录.txt`, name: '调查笔录.txt' });
    const { createHash } = await import('node:crypto');
    expect(ev.sha256).toBe(createHash('sha256').update('调查笔录：村道破损 200 米').digest('hex'));
    expect(readFileSync(join(root, ev.file), 'utf8')).toBe('调查笔录：村道破损 200 米');
    expect(git(root, ['-c', 'core.quotepath=off', 'show', '--name-only', '--format=', 'HEAD']).split('\n').sort()).toEqual([`attachments/${CASE}/调查笔录.txt`, `cases/2026/${CASE}.yaml`].sort());
    await refused(['case', 'attach', CASE, src, '--kind', '调查笔录'], /已有同一文件的附件/);

    await ok(['case', 'correct', CASE, '--field', 'summary', '--value', '建议修缮石桥村村道', '--reason', '登记时漏写村名']);
    j = await show();
    expect(j.summary).toBe('建议修缮石桥村村道');
    expect(j.events.at(-1)).toMatchObject({ type: 'correct', field: 'summary', old: '建议修缮村道', new: '建议修缮石桥村村道', reason: '登记时漏写村名' });
    await refused(['case', 'correct', CASE, '--field', 'summary', '--value', '建议修缮石桥村村道', '--reason', 'x'], /无需更正/);
    await ok(['case', 'correct', CASE, '--field', '内容分类', '--value', '交通能源环保/交通运输', '--reason', '分类有误']);
    expect((await show()).category).toEqual({ main: '交通能源环保', sub: '交通运输' });
    const h = JSON.parse((await x(['case', 'history', CASE, '--json'])).stdout);
    expect(h.commits.at(-1).fields).toEqual(['category']);
  });
});

describe('deadlines in the CLI', () => {
  it('a case registered in December 2026: handling lands in 2027, given 暂定 (weekends only) until the list is in', async () => {
    const env = { XINFANG_NOW: '2026-12-10T10:00:00+08:00' };
    await register('2026-12-01', [], env);
    let j = await show(CASE, env);
    expect(j.deadlines.accept).toBe('2026-12-16');
    await ok(['case', 'accept', CASE], env);
    j = await show(CASE, env);
    // 12-10 + 60 = Mon 2027-02-08 on weekends only: 暂定 until 2027's list is in.
    expect(j.deadlines.handle).toBe('2027-02-08');
    expect(j.provisional_deadlines).toEqual(['handle']);
    expect(j.calendar_gap).toEqual([expect.objectContaining({ deadline: 'handle', year: 2027, provisional_date: '2027-02-08' })]);
    const text = await x(['case', 'show', CASE], env);
    expect(text.stdout).toMatch(/办理期限\s+【暂定】2027-02-08.*暂定：2027 年节假日安排尚未公布/);
    const due = await x(['due'], env);
    expect(due.stdout).toMatch(/需要尚未公布的节假日安排的期限[\s\S]*QS-2026-A0001.*【暂定】2027-02-08/);
    // With the office's own calendar for 2027 the deadline is known: 12-10 + 60 = Mon 2027-02-08.
    mkdirSync(join(root, 'calendar'), { recursive: true });
    writeFileSync(join(root, 'calendar', '2027.yaml'), 'year: 2027\nsource: 本单位\ndays: []\n');
    j = await show(CASE, env);
    expect(j.deadlines.handle).toBe('2027-02-08');
    expect(j.calendar_gap).toBeUndefined();
    expect(j.provisional_deadlines).toBeUndefined();
  });

  it('day_count modes from xinfang.yaml', async () => {
    const env = { XINFANG_NOW: '2026-09-30T10:00:00+08:00' };
    await register('2026-09-24', [], env); // Thu, before the Mid-Autumn and National Day holidays
    const cfg = join(root, 'xinfang.yaml');
    const base = readFileSync(cfg, 'utf8');
    // calendar-next-workday (default): 09-24 + 15 = Fri 10-09 (a working day).
    expect((await show(CASE, env)).deadlines.accept).toBe('2026-10-09');
    const withMode = (m: string) => (base.includes('day_count:') ? base.replace(/day_count: .*/, `day_count: ${m}`) : base.replace(/deadlines:\n/, `deadlines:\n  day_count: ${m}\n`));
    writeFileSync(cfg, withMode('workdays'));
    // 15 working days after Thu 09-24: 09-25 off (中秋), 9-28..30 (3), 10-08..09 (2), 10-10 调休 Sat (1), 10-12..16 (5), 10-19..22 (4) → Thu 10-22.
    expect((await show(CASE, env)).deadlines.accept).toBe('2026-10-22');
    writeFileSync(cfg, withMode('calendar'));
    expect((await show(CASE, env)).deadlines.accept).toBe('2026-10-09');
  });

  it('due lists overdue and due-soon cases, --fail-on-overdue exits 1, --supervise writes notices once', async () => {
    const A = await register('2026-06-01'); // accepted 06-02: handle due 08-01 (Sat) → Mon 08-03
    const B = await register('2026-07-10'); // acceptance due 07-25 (Sat) → Mon 07-27
    await ok(['case', 'accept', A, '--date', '2026-06-02']);
    await ok(['case', 'transfer', A, '--unit', '民政办', '--due', '2026-07-15', '--date', '2026-06-03']);
    let r = await x(['due', '--json']);
    expect(r.code).toBe(0);
    let due = JSON.parse(r.stdout);
    expect(due.overdue).toEqual([expect.objectContaining({ id: A, deadline: '2026-07-15', days: 5, kind: 'transfer', units: ['U01'] })]);
    expect(due.due_soon).toEqual([expect.objectContaining({ id: B, deadline: '2026-07-27', days: 7 })]);
    r = await x(['due', '--fail-on-overdue']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/超期 1 件[\s\S]*民政办[\s\S]*QS-2026-A0001.*超期 5 天/);
    expect((await x(['due', '--within', '3', '--json'])).stdout).toContain('"due_soon": []');

    const before = commits(root).length;
    r = await x(['due', '--supervise', '--form', 'notice']);
    expect(r.code).toBe(0);
    expect(commits(root).length).toBe(before + 1); // the supervise events and the notices: one change
    expect(commits(root)[0]!.subject).toBe('督办 1 件超期案件（通报督办）');
    expect(git(root, ['-c', 'core.quotepath=off', 'show', '--name-only', '--format=', 'HEAD']).split('\n').sort()).toEqual([`cases/2026/${A}.yaml`, 'notices/2026-07-20/督办通知-民政办.txt']);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    const notice = readFileSync(join(root, 'notices', '2026-07-20', '督办通知-民政办.txt'), 'utf8');
    expect(notice).toMatch(/民政办：[\s\S]*通报督办[\s\S]*QS-2026-A0001[\s\S]*已超期 5 天/);
    const j = await show(A);
    expect(j.events.at(-1)).toMatchObject({ type: 'supervise', form: 'notice', unit: 'U01' });
    // Supervised today: not again within supervise_every_days.
    r = await x(['due', '--supervise', '--json']);
    expect(JSON.parse(r.stdout).supervised).toMatchObject({ supervised: [], skipped: [{ id: A, last: '2026-07-20' }] });
    expect(commits(root).length).toBe(before + 1);
    // An office's own template overrides ours.
    mkdirSync(join(root, 'templates', 'notices'), { recursive: true });
    writeFileSync(join(root, 'templates', 'notices', 'supervise.liquid'), '本乡督办单 {{ to }} {% for i in items %}{{ i.id }}{% endfor %}');
    const own = await x(['case', 'notice', A, '--kind', 'supervise']);
    expect(own.stdout.trim()).toBe(`本乡督办单 民政办 ${A}`);
  });
});

describe('case list and show', () => {
  it('--overdue and --due-within use the computed deadlines; show prints deadlines, 五包 and readiness', async () => {
    const A = await register('2026-06-01'); // acceptance due 06-16: overdue on 07-20
    const B = await register('2026-07-10'); // acceptance due Mon 07-27: 7 days left
    const C = await register('2026-07-19'); // acceptance due Mon 08-03: 14 days left
    const ids = async (args: string[]) => JSON.parse((await x(['case', 'list', ...args, '--json'])).stdout).cases.map((c: { id: string }) => c.id);
    expect(await ids(['--overdue'])).toEqual([A]);
    expect(await ids(['--due-within', '7'])).toEqual([A, B]);
    expect(await ids(['--due-within', '14'])).toEqual([A, B, C]);
    const list = await x(['case', 'list']);
    expect(list.stdout).toMatch(/受理 06-16[\s\S]*超期 34 天/);
    expect(list.stdout).toMatch(/受理 07-27[\s\S]*剩 7 天 临期/);
    const t = (await x(['case', 'show', B])).stdout;
    expect(t).toContain('受理期限  2026-07-27（2026年7月27日，剩 7 天，临期）');
    expect(t).toContain('预警状态  临期');
    expect(t).toContain('五包落实  ☐包掌握情况 ☐包思想教育 ☐包跟踪督办 ☐包解决化解 ☐包息诉息访');
    expect(t).toMatch(/结案条件  未具备\n\s+✗ 事实清楚/);
    expect((await show(C)).warning).toBe('normal');
  });
});

