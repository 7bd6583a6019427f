// Next year's calendar before the official list is out (today: mid-December 2026; the holiday
// data has no 2027). The seed's deadlines (第二篇 四：“在规定期限内解决或答复”) and the 公示 of next
// month's reception days (第五篇 四(一)：“对接访领导干部的姓名……以及接访的时间、地点……进行公示”) cannot
// wait for it: deadlines are computed provisionally on weekends only and marked 暂定 wherever
// they show, and recomputed when the list arrives; `roster generate` for such a month refuses
// with the import command, or works with --provisional and the same mark.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, runIn, TEAM, tempDir } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';

const NOW = { XINFANG_NOW: '2026-12-20T10:00:00+08:00' };
let root: string;
let id: string;
const x = (args: string[], cwd?: string) => runIn([...args, '--ledger', root], { env: NOW, cwd });

/** Made-up 2027 list (not the official one): 元旦 1–3 January and the other six on Saturdays. */
const TEST_2027 = {
  year: 2027,
  papers: ['测试数据（虚构，非官方安排）'],
  days: [
    ...['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ name: '元旦', date, isOffDay: true })),
    ...[
      ['春节', '2027-02-13'],
      ['清明节', '2027-04-03'],
      ['劳动节', '2027-05-01'],
      ['端午节', '2027-06-12'],
      ['中秋节', '2027-09-18'],
      ['国庆节', '2027-10-02'],
    ].map(([name, date]) => ({ name: name!, date: date!, isOffDay: true })),
  ],
};

beforeAll(async () => {
  root = await newLedger({ leaders: TEAM });
  // Received Thursday 17 December: 15 days → Friday 1 January 2027, a day the 2027 list decides.
  const r = await x(['letter', 'add', '--date', '2026-12-17', '--name', '钱女士', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '来信反映优抚金', '--leader', '王建国', '--no-input', '--json']);
  expect(r.code, r.stderr).toBe(0);
  id = JSON.parse(r.stdout).case.id;
}, 120_000);

describe('deadlines in a year without the official list: 暂定, on weekends only', () => {
  it('case show gives the provisional date, marked 暂定, in text and JSON', async () => {
    const j = JSON.parse((await x(['case', 'show', id, '--json'])).stdout);
    const c = j.case ?? j;
    expect(c.deadlines.accept).toBe('2027-01-01');
    expect(c.provisional_deadlines).toEqual(['accept']);
    expect(c.calendar_gap).toEqual([expect.objectContaining({ deadline: 'accept', year: 2027, provisional_date: '2027-01-01' })]);
    const t = await x(['case', 'show', id]);
    expect(t.stdout).toContain('【暂定】2027-01-01');
    expect(t.stdout).toContain('暂定：2027 年节假日安排尚未公布，按周末计算');
    const list = await x(['case', 'list']);
    expect(list.stdout).toContain('01-01（暂定）');
  });

  it('due lists it as due soon with the mark, and never supervises on a provisional date', async () => {
    const j = JSON.parse((await x(['due', '--within', '30', '--json'])).stdout);
    expect(j.due_soon).toEqual([expect.objectContaining({ id, kind: 'accept', deadline: '2027-01-01', provisional: true })]);
    expect(j.calendar_gaps).toEqual([{ id, deadline: 'accept', year: 2027, provisional_deadline: '2027-01-01' }]);
    const t = await x(['due', '--within', '30']);
    expect(t.stdout).toContain('【暂定】2027-01-01');
    // today's list marks it too (overdue on 5 January, due soon before).
    const today = await runIn(['today', '--within', '30', '--ledger', root], { env: { ...NOW, COLUMNS: '100' } });
    expect(today.stdout).toMatch(new RegExp(`${id}\\s+受理期限 【暂定】2027-01-01，还剩`));
    const todayLate = await runIn(['today', '--ledger', root], { env: { XINFANG_NOW: '2027-01-05T10:00:00+08:00', COLUMNS: '100' } });
    expect(todayLate.stdout).toMatch(new RegExp(`${id}\\s+受理期限 【暂定】2027-01-01 已超期`));
    const late = await runIn(['due', '--supervise', '--json', '--ledger', root], { env: { XINFANG_NOW: '2027-01-05T10:00:00+08:00' } });
    expect(late.code, late.stderr).toBe(0);
    const lj = JSON.parse(late.stdout);
    expect(lj.overdue).toEqual([expect.objectContaining({ id, provisional: true })]);
    expect(lj.supervised.supervised).toEqual([]);
  });
});

describe('roster generate for January 2027', () => {
  it('refuses without the list, naming the import command and --provisional (exit 2, nothing written)', async () => {
    const r = await x(['roster', 'generate', '--month', '2027-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('xinfang calendar import');
    expect(r.stderr).toContain('--provisional');
  });

  it('--provisional schedules on weekends only and marks the roster, show and the 公示 暂定', async () => {
    const r = await x(['roster', 'generate', '--month', '2027-01', '--provisional']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('暂定');
    const f = readYaml(root, 'rosters/2027-01.yaml', RosterFile);
    expect(f.provisional).toBe(true);
    expect(f.slots.some((s) => s.date === '2027-01-01')).toBe(true); // a Friday, on weekends-only
    expect((await x(['roster', 'show', '--month', '2027-01'])).stdout).toContain('暂定');
    expect(JSON.parse((await x(['roster', 'show', '--month', '2027-01', '--json'])).stdout).provisional).toBe(true);
    const md = await x(['roster', 'publish', '--month', '2027-01', '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('暂定');
  });

  it('once the list is imported, the deadline is recomputed (no mark) and the roster regenerated without 1 January', async () => {
    const files = tempDir();
    writeFileSync(join(files, '2027.json'), JSON.stringify(TEST_2027));
    expect((await x(['calendar', 'import', '2027.json'], files)).code).toBe(0);
    const j = JSON.parse((await x(['case', 'show', id, '--json'])).stdout);
    const c = j.case ?? j;
    expect(c.deadlines.accept).toBe('2027-01-04');
    expect(c.provisional_deadlines).toBeUndefined();
    expect((await x(['case', 'show', id])).stdout).not.toContain('暂定');
    // Until regenerated, check says the 暂定 roster must be regenerated now that the list is in.
    const chk = await x(['check', '--json']);
    expect(chk.code).toBe(1);
    expect(JSON.parse(chk.stdout).problems).toEqual([expect.objectContaining({ code: 'roster-provisional', file: 'rosters/2027-01.yaml' })]);
    const g = await x(['roster', 'generate', '--month', '2027-01', '--force']);
    expect(g.code, g.stderr).toBe(0);
    const f = readYaml(root, 'rosters/2027-01.yaml', RosterFile);
    expect(f.provisional).toBeUndefined();
    expect(f.slots.some((s) => s.date === '2027-01-01')).toBe(false);
    expect((await x(['roster', 'publish', '--month', '2027-01', '--format', 'md'])).stdout).not.toContain('暂定');
    expect((await x(['check'])).code).toBe(0);
  });
});

describe('the 受理告知书 of a case whose handling deadline lies in 2027', () => {
  it('prints the 暂定 date with the mark, not an empty date', async () => {
    root = await newLedger({ leaders: TEAM });
    const r = await x(['visit', 'add', '--date', '2026-12-10', '--name', '赵大', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '优抚金', '--leader', '王建国', '--no-input', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const cid = JSON.parse(r.stdout).case.id;
    expect((await x(['case', 'accept', cid, '--date', '2026-12-11'])).code).toBe(0);
    const n = await x(['case', 'notice', cid, '--kind', 'accept']);
    expect(n.code, n.stderr).toBe(0);
    // 12-11 + 60 days = 2027-02-09, a Tuesday: on weekends only it stands, marked 暂定.
    expect(n.stdout).toContain('2027年2月9日（暂定，以国务院办公厅公布的节假日安排为准）');
  });
});
