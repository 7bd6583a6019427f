// What the seed asks to keep track of after closure:
//  - 第一篇 二(五)：“对解决难度大、结案后可能反复的信访案件，要实行包案领导回访责任制” — `due --followup`
//    lists closed cases that may come back (repeats, 不满意) until a 回访 is recorded;
//  - 第一篇 三(六)：“对重点疑难案件、重信重访案件和信访人对处理结果不满意的案件，组织相关部门逐案评查” — and
//    until a 评查 is recorded.
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, runIn, TEAM } from '../helpers/index.js';

let root: string;
const x = (args: string[]) => runIn([...args, '--ledger', root]);
const ok = async (args: string[]) => {
  const r = await x(args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};

async function closedCase(name: string, opinion: string): Promise<string> {
  const r = await ok(['visit', 'add', '--date', '2026-11-02', '--name', name, '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '优抚金', '--leader', '张志强', '--no-input', '--json']);
  const id = JSON.parse(r.stdout).case.id as string;
  await ok(['case', 'accept', id, '--date', '2026-11-03']);
  await ok(['case', 'handle', id, '--disposition', '当场解决', '--facts', '已补发', '--decision', 'support']);
  await ok(['case', 'approve', id, '--text', '同意结案']);
  await ok(['case', 'opinion', id, '--value', opinion]);
  await ok(['case', 'notice', id, '--kind', 'reply', '--attach']);
  await ok(['case', 'close', id]);
  return id;
}

let unhappy = '';
let happy = '';
beforeAll(async () => {
  root = await newLedger({ leaders: TEAM });
  unhappy = await closedCase('钱某', '不满意');
  happy = await closedCase('孙某', '满意');
}, 120_000);

describe('due --followup (第一篇 二(五) 回访责任制；三(六) 不满意的逐案评查)', () => {
  it('lists the closed 不满意 case as due a 回访 and a 评查, not the satisfied one', async () => {
    const j = JSON.parse((await ok(['due', '--followup', '--json'])).stdout);
    expect(j.followup_due).toEqual([expect.objectContaining({ id: unhappy, reason: '信访人不满意', leader: 'L02' })]);
    expect(j.review_due.map((i: { id: string }) => i.id)).toEqual([unhappy]);
    expect(JSON.stringify(j)).not.toContain(happy);
    const t = await ok(['due', '--followup']);
    expect(t.stdout).toContain('应回访 1 件');
    expect(t.stdout).toContain('应评查 1 件');
    // The index answers as a full re-read does (XINFANG_INDEX=off).
    const scan = await runIn(['due', '--followup', '--json', '--ledger', root], { env: { XINFANG_INDEX: 'off' } });
    expect(JSON.parse(scan.stdout)).toEqual(j);
    // without --followup the JSON keeps its shape
    expect(JSON.parse((await ok(['due', '--json'])).stdout).followup_due).toBeUndefined();
  });

  it('report summary counts them (as of the report date)', async () => {
    const s = await ok(['report', 'summary', '--quarter', '2026Q4']);
    expect(s.stdout).toContain('截至制表日，结案后应回访的案件 1 件、应评查的案件 1 件');
  });

  it('a recorded 回访 and 评查 after closure take it off the lists', async () => {
    await ok(['case', 'followup', unhappy, '--date', '2026-11-25', '--note', '包案领导上门回访，情绪稳定']);
    let j = JSON.parse((await ok(['due', '--followup', '--json'])).stdout);
    expect(j.followup_due).toEqual([]);
    expect(j.review_due.map((i: { id: string }) => i.id)).toEqual([unhappy]);
    await ok(['case', 'review', unhappy, '--result', 'pass', '--note', '评查：处理到位']);
    j = JSON.parse((await ok(['due', '--followup', '--json'])).stdout);
    expect(j.review_due).toEqual([]);
    expect((await ok(['report', 'summary', '--quarter', '2026Q4'])).stdout).not.toContain('结案后应回访');
  });
});

describe('承办人 beside the 承办单位 (第五篇 五(二)：“落实承办单位和承办人”)', () => {
  it('case transfer --handler records the person; case show and the register print it', async () => {
    const t = await newLedger({ leaders: TEAM, units: ['民政办'] });
    const y = (args: string[]) => runIn([...args, '--ledger', t]);
    const r = await y(['visit', 'add', '--date', '2026-11-02', '--name', '冯某', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '低保', '--leader', '张志强', '--no-input', '--json']);
    const cid = JSON.parse(r.stdout).case.id;
    expect((await y(['case', 'accept', cid, '--date', '2026-11-03'])).code).toBe(0);
    const tr = await y(['case', 'transfer', cid, '--unit', '民政办', '--handler', '李干事']);
    expect(tr.code, tr.stderr).toBe(0);
    expect(tr.stdout).toContain('承办人 李干事');
    expect((await y(['case', 'show', cid])).stdout).toContain('交办 → 民政办（承办人 李干事）');
    const reg = JSON.parse((await y(['--json', 'report', 'register', '--quarter', '2026Q4'])).stdout);
    expect(reg.cases[0].units).toBe('民政办（承办人 李干事）');
  });
});

describe('集体访 without a 集体研究 decision (第一篇 二(三)：群体性问题……提交领导班子集体研究)', () => {
  it('due --followup lists an open group case until case collective is recorded; a small case never', async () => {
    const t = await newLedger({ leaders: TEAM });
    const y = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', t], { env });
    const g = await y(['visit', 'add', '--date', '2026-11-02', '--name', '甲', '--people', '8', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '集体反映', '--leader', '张志强', '--no-input', '--json']);
    expect(g.code, g.stderr).toBe(0);
    const gid = JSON.parse(g.stdout).case.id;
    const small = await y(['visit', 'add', '--date', '2026-11-02', '--name', '乙', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '个人', '--leader', '张志强', '--no-input', '--json']);
    const sid = JSON.parse(small.stdout).case.id;
    // the small case comes back with six people: now a group case too
    expect((await y(['visit', 'add', '--date', '2026-11-09', '--case', sid, '--name', '乙', '--people', '6', '--leader', '张志强', '--no-input'])).code).toBe(0);
    let j = JSON.parse((await y(['due', '--followup', '--json'])).stdout);
    expect(j.collective_due.map((i: { id: string; people: number }) => [i.id, i.people])).toEqual([[gid, 8], [sid, 6]]);
    const scan = await y(['due', '--followup', '--json'], { XINFANG_INDEX: 'off' });
    expect(JSON.parse(scan.stdout)).toEqual(j);
    expect((await y(['case', 'collective', gid, '--note', '党委会研究：限期解决'])).code).toBe(0);
    j = JSON.parse((await y(['due', '--followup', '--json'])).stdout);
    expect(j.collective_due.map((i: { id: string }) => i.id)).toEqual([sid]);
    expect((await y(['due', '--followup'])).stdout).toContain('集体访未提交集体研究 1 件');
  });
});

describe('五包 (第一篇 二(三)：包案领导“包掌握情况、包思想教育、包跟踪督办、包解决化解、包息诉息访”)', () => {
  it('due --followup lists an open owned case with the items not recorded, until all are; report summary counts them', async () => {
    const t = await newLedger({ leaders: TEAM });
    const y = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', t], { env });
    const r = await y(['visit', 'add', '--date', '2026-11-02', '--name', '周某', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '低保', '--leader', '张志强', '--no-input', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const id = JSON.parse(r.stdout).case.id as string;
    expect((await y(['case', 'assign', id, '--leader', '王建国'])).code).toBe(0);
    expect((await y(['case', 'duty', id, '--done', '包掌握情况', '包思想教育'])).code).toBe(0);
    let j = JSON.parse((await y(['due', '--followup', '--json'])).stdout);
    expect(j.duties_due).toEqual([{ id, received: '2026-11-02', leader: expect.any(String), pending: ['包跟踪督办', '包解决化解', '包息诉息访'] }]);
    expect(JSON.parse((await y(['due', '--followup', '--json'], { XINFANG_INDEX: 'off' })).stdout)).toEqual(j);
    const text = (await y(['due', '--followup'])).stdout;
    expect(text).toContain('五包未全部落实 1 件');
    expect(text).toContain('未落实：包跟踪督办、包解决化解、包息诉息访');
    const summary = (await y(['report', 'summary', '--quarter', '2026Q4'])).stdout;
    expect(summary).toContain('包案领导五包尚未全部落实的案件 1 件');
    expect((await y(['case', 'duty', id, '--done', '包跟踪督办', '包解决化解', '包息诉息访'])).code).toBe(0);
    j = JSON.parse((await y(['due', '--followup', '--json'])).stdout);
    expect(j.duties_due).toEqual([]);
    expect((await y(['due', '--followup'])).stdout).toContain('包案的案件五包都已落实');
    expect((await y(['report', 'summary', '--quarter', '2026Q4'])).stdout).not.toContain('五包尚未全部落实');
  });
});
