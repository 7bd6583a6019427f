// `xinfang today` on a temp ledger: duty leaders today and the next working days, today's
// visits, the due list, 待阅批, what waits for the clerk, reception days not marked held
// (today's only once its hours are over); the text fits 100 columns; the index and a full
// re-read (XINFANG_INDEX=off) answer the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, runIn, TEAM } from '../helpers/index.js';
import { textWidth } from '../../src/cli/table.js';

let root = '';
const MORNING = '2026-11-25T09:30:00+08:00';
const EVENING = '2026-11-25T18:30:00+08:00';
const x = (args: string[], now = MORNING, env: Record<string, string> = {}) => runIn([...args, '--ledger', root], { env: { XINFANG_NOW: now, ...env } });

async function ok(args: string[], now = MORNING): Promise<string> {
  const r = await x(args, now);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  root = await newLedger({ leaders: TEAM, units: ['民政办', '司法所'] });
  await ok(['roster', 'generate', '--month', '2026-11'], '2026-11-01T09:00:00+08:00');
  const add = async (key: string, args: string[], now: string) => {
    const r = JSON.parse(await ok([...args, '--new', '--json'], now));
    ids[key] = r.case.id;
  };
  // A visit last week, transferred and replied: waits for the clerk to close it.
  await add('replied', ['visit', 'add', '--date', '2026-11-16', '--name', '赵大爷', '--phone', '13800138000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '优抚金未按时发放', '--leader', '张志强'], '2026-11-16T10:00:00+08:00');
  await ok(['case', 'transfer', ids.replied!, '--unit', '民政办'], '2026-11-17T10:00:00+08:00');
  await ok(['case', 'reply', ids.replied!, '--unit', '民政办', '--text', '已核实补发'], '2026-11-20T10:00:00+08:00');
  // A visit transferred on 2026-10-20 and never answered: overdue.
  await add('overdue', ['visit', 'add', '--date', '2026-10-20', '--name', '钱大姐', '--phone', '13900139000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '低保停发', '--leader', '刘芳'], '2026-10-20T10:00:00+08:00');
  await ok(['case', 'transfer', ids.overdue!, '--unit', '司法所'], '2026-10-21T10:00:00+08:00');
  // A letter received on a Sunday (nobody on duty): no owner, no decision, waits for 阅批.
  await add('letter', ['letter', 'add', '--date', '2026-11-22', '--name', '孙先生', '--purpose', '咨询', '--category', '民政/优抚救济', '--summary', '咨询低保政策'], '2026-11-23T10:00:00+08:00');
  // Today's visit.
  await add('today', ['visit', 'add', '--name', '李四', '--phone', '13700137000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '今天来访：房屋漏雨，危房改造补助未到位，请求尽快解决这个拖了很久很久的问题', '--leader', '王建国'], MORNING);
});

describe('xinfang today', () => {
  it('answers the morning questions', async () => {
    const r = JSON.parse(await ok(['today', '--json']));
    expect(r.today).toBe('2026-11-25');
    // Today and the next three working days, each with the roster's leaders.
    expect(r.duty.map((d: { date: string }) => d.date)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30']);
    for (const d of r.duty) expect(d.generated).toBe(true);
    expect(r.duty[0].slots.length).toBeGreaterThan(0);
    // Today's visit, and no other.
    expect(r.visits.map((v: { id: string }) => v.id)).toEqual([ids.today]);
    expect(r.visits[0].leader).toBe('王建国');
    expect(r.overdue.map((i: { id: string }) => i.id)).toContain(ids.overdue);
    expect(r.awaiting_instruction.map((i: { id: string }) => i.id)).toEqual([ids.letter]);
    const tasks = Object.fromEntries(r.clerk.map((c: { id: string; tasks: string[] }) => [c.id, c.tasks]));
    expect(tasks[ids.letter!]).toEqual(['unowned', 'undecided']);
    expect(tasks[ids.replied!]).toEqual(['replied']);
    expect(tasks[ids.today!]).toEqual(['undecided']);
    expect(tasks[ids.overdue!]).toBeUndefined();
  });

  it('lists reception days not marked held: past days, and today only after its hours', async () => {
    const morning = JSON.parse(await ok(['today', '--json']));
    const evening = JSON.parse(await ok(['today', '--json'], EVENING));
    const key = (h: { date: string; leader: { name: string } }) => `${h.date} ${h.leader.name}`;
    expect(morning.not_held.every((h: { date: string }) => h.date < '2026-11-25')).toBe(true);
    const todays = evening.duty[0].slots.map((s: { leader: { name: string } }) => s.leader.name);
    // 王建国 received today's visit in person: his day counts as held if he was on duty.
    const expected = todays.filter((n: string) => n !== '王建国').map((n: string) => `2026-11-25 ${n}`);
    expect(evening.not_held.map(key).filter((k: string) => k.startsWith('2026-11-25'))).toEqual(expected);
    // A day marked held disappears from the list.
    expect(morning.not_held.length).toBeGreaterThan(0);
    const first = morning.not_held[0];
    await ok(['roster', 'held', first.date, '--leader', first.leader.name]);
    const after = JSON.parse(await ok(['today', '--json']));
    expect(after.not_held.map(key)).not.toContain(key(first));
    expect(after.not_held.length).toBe(morning.not_held.length - 1);
  });

  it('fits 100 columns and says the same through the index and a full re-read', async () => {
    const text = await ok(['today'], EVENING);
    expect(text).toContain('值班领导');
    expect(text).toContain(ids.today);
    for (const line of text.split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(100);
    const a = await x(['today', '--json'], EVENING);
    const b = await x(['today', '--json'], EVENING, { XINFANG_INDEX: 'off' });
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('refuses a bad --within with exit 2', async () => {
    const r = await x(['today', '--within', '-3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--within/);
  });
});
