// Seed, 第五篇 二：“对发生的进京非正常上访，领导干部要件件接待、包案。……对发生的进京非正常重复上访，主要领导
// 干部要件件接待、包案。……在本累计重复二次以上的进京非正常上访，由区级主要领导接待、包案。” Recorded on the
// case with date and place; a leader must receive and own each; from the count the office's
// rule names (district preset: 2) a principal leader; counted and listed in the reports.
// The generic “3 visits → principal leader” is an office setting, and says so.
import { beforeAll, describe, expect, it } from 'vitest';
import { commits, newLedger, runIn } from '../helpers/index.js';

let root: string;
let id: string;
const x = (args: string[]) => runIn([...args, '--ledger', root]);

beforeAll(async () => {
  root = await newLedger({ preset: 'district', unit: '市中区', code: 'SZ', leaders: [['赵一', '区委书记', 'principal'], ['钱二', '区委副书记、区长', 'principal'], ['孙三', '副区长', 'member']] });
  const r = await x(['visit', 'add', '--date', '2026-11-02', '--name', '周某', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '优抚待遇', '--leader', '孙三', '--no-input', '--json']);
  expect(r.code, r.stderr).toBe(0);
  id = JSON.parse(r.stdout).case.id;
}, 120_000);

describe('进京非正常上访 (第五篇 二 件件接待包案；累计重复二次以上由区级主要领导接待、包案)', () => {
  it('the first is recorded with date and place, owned by the case’s leader', async () => {
    const r = await x(['case', 'beijing', id, '--date', '2026-11-10', '--place', '国家信访局', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id, count: 1, owner: { name: '孙三' }, beijing: [{ date: '2026-11-10', place: '国家信访局' }] });
    const show = await x(['case', 'show', id]);
    expect(show.stdout).toContain('进京非正常上访：2026-11-10 在国家信访局');
  });

  it('the second (the count the district rule names) needs a principal leader: refused with a 副区长 owner, exit 2, nothing written; accepted with the 区长', async () => {
    const before = commits(root).length;
    const no = await x(['case', 'beijing', id, '--date', '2026-11-20', '--place', '天安门地区']);
    expect(no.code).toBe(2);
    expect(no.stderr).toContain('进京非正常上访已累计 2 次');
    expect(no.stderr).toContain('应由主要领导接待、包案');
    expect(commits(root).length).toBe(before);
    const ok = await x(['case', 'beijing', id, '--date', '2026-11-20', '--place', '天安门地区', '--leader', '钱二', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ count: 2, owner: { name: '钱二' } });
    expect(commits(root).length).toBe(before + 1);
  });

  it('a case nobody owns cannot be recorded without naming the leader who receives and owns it', async () => {
    const l = await x(['letter', 'add', '--date', '2026-11-03', '--name', '吴某', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '来信', '--no-input', '--json']);
    expect(l.code, l.stderr).toBe(0);
    const lid = JSON.parse(l.stdout).case.id;
    const r = await x(['case', 'beijing', lid, '--date', '2026-11-12', '--place', '国家信访局']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('件件接待、包案');
    expect((await x(['case', 'beijing', lid, '--date', '2026-11-12', '--place', ''])).code).toBe(2);
  });

  it('the reports count and list them', async () => {
    const j = JSON.parse((await x(['--json', 'report', 'stats', '--quarter', '2026Q4'])).stdout);
    expect(j.beijing).toEqual({ times: 2, cases: 1, list: [{ id, date: '2026-11-10', place: '国家信访局' }, { id, date: '2026-11-20', place: '天安门地区' }] });
    const md = (await x(['report', 'stats', '--quarter', '2026Q4', '--format', 'md'])).stdout;
    expect(md).toContain('## 进京非正常上访');
    expect(md).toContain('| 进京非正常上访（次） | 2 |');
    const s = await x(['report', 'summary', '--quarter', '2026Q4']);
    expect(s.stdout).toContain('发生进京非正常上访 2 次，涉及 1 件');
  });
});

describe('the generic escalation after N visits is an office setting', () => {
  it('the message says it is xinfang.yaml intake.escalate_after_visits, not the document', async () => {
    const t = await newLedger({ leaders: [['王建国', '党委书记', 'principal'], ['张志强', '党委副书记', 'member']] });
    const y = (args: string[]) => runIn([...args, '--ledger', t]);
    const a = await y(['visit', 'add', '--date', '2026-11-02', '--name', '郑某', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '低保', '--leader', '张志强', '--no-input', '--json']);
    const cid = JSON.parse(a.stdout).case.id;
    await y(['visit', 'add', '--date', '2026-11-09', '--case', cid, '--name', '郑某', '--leader', '张志强', '--no-input']);
    const third = await y(['visit', 'add', '--date', '2026-11-16', '--case', cid, '--name', '郑某', '--leader', '张志强', '--no-input']);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain('intake.escalate_after_visits = 3，本单位的设置，不是制度文件的原文');
  });
});
