// Reception attendance, on the seed's rules:
//  - 第一篇 二：“乡党政主要领导每月分别安排一天时间接待群众来访，班子成员采取轮流方式每天值班接待群众来访”
//    — a day kept is held, with or without petitioners;
//  - 第一篇 四(二)：“对不能坚持定期接待群众来访的，要通报批评” — only a day recorded as not kept is
//    缺岗; a day nobody recorded is 未记录, never 未接访, and is not in the rate;
//  - 第二篇 三：“当值领导必须按时到达接待地点接待群众来访” — the default receiving leader of a visit
//    is the one whose slot covers the time of the visit.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commits, git, newLedger, runIn } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';

const x = (root: string, args: string[]) => runIn(args, { cwd: root });
const LEADERS: [string, string, string][] = [
  ['王建国', '党委书记', 'principal'],
  ['李明华', '乡长', 'principal'],
  ['张志强', '党委副书记', 'member'],
  ['刘芳', '副乡长', 'member'],
];

let root: string;
let roster: RosterFile;
/** Past days (before 2026-11-25) with the principal's morning slot and a member's all-day slot. */
let twoLeaderDays: string[];
const ids = (s: { leader: string }[]) => s.map((v) => v.leader);
const on = (d: string) => roster.slots.filter((s) => s.date === d);

beforeAll(async () => {
  root = await newLedger({ preset: 'township', leaders: LEADERS });
  // The principals' day in the morning only (a half-day slot, as an office whose rule says
  // 一次 may have), the members' rota all day: the test does not depend on the preset's hours.
  const cfg = join(root, 'xinfang.yaml');
  const text = readFileSync(cfg, 'utf8')
    .replace(/(- name: 主要领导接访日[\s\S]*?)per: day[^\n]*/, "$1per: once\n      hours: '08:30-11:30'")
    .replace(/working_hours: .*/, 'working_hours: 08:30-17:00');
  expect(text).toContain("per: once\n      hours: '08:30-11:30'");
  writeFileSync(cfg, text);
  git(root, ['-c', 'user.name=测试', '-c', 'user.email=t@example.com', 'commit', '-qam', '接访时间', '--allow-empty']);
  const g = await x(root, ['roster', 'generate', '--month', '2026-11']);
  expect(g.code, g.stderr).toBe(0);
  roster = readYaml(root, 'rosters/2026-11.yaml', RosterFile);
  twoLeaderDays = [...new Set(roster.slots.filter((s) => s.rule === '主要领导接访日' && s.date < '2026-11-25').map((s) => s.date))].filter((dd) => on(dd).length === 2);
  expect(twoLeaderDays.length).toBeGreaterThanOrEqual(2);
}, 120_000);

const visit = (extra: string[]) => x(root, ['visit', 'add', '--name', '赵大年', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '遗属抚恤金未发放', '--no-input', '--json', ...extra]);

describe('the default receiving leader is the one whose slot covers the time (第二篇 三 当值领导按时到达接待地点)', () => {
  it('15:30 on the principal’s morning day goes to the member on duty all day, 09:30 to a leader whose slot covers it', async () => {
    const day = twoLeaderDays[0]!;
    const principal = on(day).find((s) => s.rule === '主要领导接访日')!.leader;
    const member = on(day).find((s) => s.rule === '班子成员轮流值班')!.leader;
    const late = await visit(['--at', `${day} 15:30`]);
    expect(late.code, late.stderr).toBe(0);
    expect(JSON.parse(late.stdout).case.receiver).toBe(member);
    const early = await visit(['--at', `${day} 09:30`]);
    expect(early.code, early.stderr).toBe(0);
    expect([principal, member]).toContain(JSON.parse(early.stdout).case.receiver);
  });

  it('a visit outside every slot of the day is refused (exit 2, nothing written) and names the day’s hours', async () => {
    const day = twoLeaderDays[0]!;
    const before = commits(root).length;
    const r = await visit(['--at', `${day} 18:30`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--leader（接待领导）');
    expect(r.stderr).toContain('18:30 不在当天任何班次的接访时间内');
    expect(r.stderr).toContain('08:30-11:30');
    expect(commits(root).length).toBe(before);
  });
});

describe('held, missed, not recorded (第一篇 二 每天值班接待；四(二) 不能坚持的通报批评)', () => {
  it('`roster held --date D` marks everyone on duty that day at once, in one commit; a second run changes nothing', async () => {
    const day = twoLeaderDays[1]!;
    const before = commits(root).length;
    const r = await x(root, ['roster', 'held', '--date', day, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.marked.map((m: { leader: { id: string } }) => m.leader.id).sort()).toEqual(ids(on(day)).sort());
    expect(commits(root).length).toBe(before + 1);
    expect(commits(root)[0]!.subject).toContain(`登记接访 ${day}`);
    const file = readYaml(root, 'rosters/2026-11.yaml', RosterFile);
    expect(file.held.filter((h) => h.date === day).map((h) => [h.leader, h.visitors]).sort()).toEqual(ids(on(day)).sort().map((l) => [l, 0]));
    const again = await x(root, ['roster', 'held', '--date', day]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('已登记过、未改动');
    expect(commits(root).length).toBe(before + 1);
  });

  it('refuses a future day, a day without slots and --absent without a leader (exit 2)', async () => {
    expect((await x(root, ['roster', 'held', '--date', '2026-11-30'])).code).toBe(2);
    expect((await x(root, ['roster', 'held', '--date', '2026-11-01'])).code).toBe(2); // Sunday
    const noLeader = await x(root, ['roster', 'held', '--date', twoLeaderDays[0]!, '--absent']);
    expect(noLeader.code).toBe(2);
    expect(noLeader.stderr).toContain('--leader');
    expect((await x(root, ['roster', 'held'])).code).toBe(2);
  });

  it('compliance: held with/without petitioners, 缺岗 only when recorded, 未记录 for the rest of the past', async () => {
    const visited = twoLeaderDays[0]!; // the 15:30 and 09:30 visits above
    const marked = twoLeaderDays[1]!;
    const absentDay = roster.slots.find((s) => s.date < '2026-11-25' && !twoLeaderDays.slice(0, 2).includes(s.date))!;
    const a = await x(root, ['roster', 'held', absentDay.date, '--leader', absentDay.leader, '--absent', '--reason', '临时外出开会']);
    expect(a.code, a.stderr).toBe(0);
    const r = await x(root, ['roster', 'compliance', '--quarter', '2026Q4', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const pastDays = new Set(roster.slots.filter((s) => s.date < '2026-11-25').map((s) => `${s.date}|${s.leader}`)).size;
    const member = on(visited).find((s) => s.rule === '班子成员轮流值班')!.leader;
    const early = on(visited).find((s) => s.rule === '主要领导接访日')!.leader;
    // visited: the member (15:30) — and the 09:30 visit's leader, who is one of the two.
    const withVisitors = new Set([`${visited}|${member}`]);
    const dayCases = JSON.parse((await x(root, ['case', 'list', '--json'])).stdout);
    for (const c of dayCases.cases ?? dayCases) withVisitors.add(`${visited}|${c.receiver?.id ?? c.receiver}`);
    expect(withVisitors.size).toBeGreaterThanOrEqual(1);
    expect(doc.totals.held_with_visitors).toBe(withVisitors.size);
    expect(doc.totals.held_without_visitors).toBe(on(marked).length);
    expect(doc.totals.missed).toBe(1);
    expect(doc.totals.unrecorded).toBe(pastDays - withVisitors.size - on(marked).length - 1);
    expect(doc.totals.held).toBe(withVisitors.size + on(marked).length);
    expect(doc.totals.rate).toBeCloseTo(doc.totals.held / (doc.totals.held + 1));
    const who = doc.leaders.find((l: { id: string }) => l.id === absentDay.leader);
    expect(who.missed_dates).toEqual([absentDay.date]);
    expect(who.unrecorded_dates).not.toContain(absentDay.date);
    for (const l of doc.leaders) expect(l.held + l.missed + l.unrecorded + l.upcoming).toBe(l.scheduled);
    void early;
    const text = await x(root, ['roster', 'compliance', '--quarter', '2026Q4']);
    expect(text.stdout).toContain('未记录');
    expect(text.stdout).toContain('xinfang roster held --date');
    expect(text.stdout).not.toContain('未接访');
  });

  it('the report says 未记录 where nothing was recorded, never 未接访', async () => {
    const s = await x(root, ['report', 'summary', '--quarter', '2026Q4']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/未记录 \d+ 天（接访情况没有登记，不计入接访率，请补登）/);
    expect(s.stdout).toContain('缺岗 1 天');
    expect(s.stdout).not.toContain('未接访');
    const t = await x(root, ['report', 'stats', '--quarter', '2026Q4', '--format', 'md']);
    expect(t.stdout).toContain('未记录日期');
    expect(t.stdout).not.toContain('未接访');
  });
});

describe('roster compliance --notice: the 通报 (第一篇 四(二) 对不能坚持定期接待群众来访的，要通报批评)', () => {
  it('names only the leaders recorded as 缺岗, with dates and reasons; 未记录 days are a reminder, not a criticism', async () => {
    const doc = JSON.parse((await x(root, ['roster', 'compliance', '--quarter', '2026Q4', '--json'])).stdout);
    const absent = doc.leaders.find((l: { missed: number }) => l.missed > 0);
    const r = await x(root, ['roster', 'compliance', '--quarter', '2026Q4', '--notice']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('关于2026年第四季度领导干部定期接待群众来访情况的通报');
    expect(r.stdout).toContain(`${absent.title}${absent.name}：缺岗 1 天（${absent.missed_dates[0]}），原因：临时外出开会`);
    expect(r.stdout).toContain('予以通报批评');
    expect(r.stdout).toContain(`另有 ${doc.totals.unrecorded} 天的接访情况尚未登记（未记录），不作为缺岗通报`);
    for (const l of doc.leaders.filter((y: { missed: number }) => y.missed === 0)) expect(r.stdout).not.toContain(`${l.title}${l.name}：缺岗`);
    expect(r.stdout).not.toContain('未接访');
    // An office's own template is used when present.
    const own = join(root, 'templates');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'compliance-notice.liquid'), '本单位通报：缺岗 {{ totals.missed }} 天');
    expect((await x(root, ['roster', 'compliance', '--quarter', '2026Q4', '--notice'])).stdout.trim()).toBe('本单位通报：缺岗 1 天');
  });
});
