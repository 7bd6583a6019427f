// Corrections that keep history, on temp ledgers through the CLI in-process: each writes
// one commit, each refusal writes nothing (exit 2), and `check --strict` stays clean.
//   case void · case resolve · unit edit|remove · leader away --cancel|--until ·
//   roster unset · roster set --rule moving a rule's day
import { beforeEach, describe, expect, it } from 'vitest';
import { commits, git, newLedger, runIn, TEAM, type RunResult } from '../helpers/index.js';

let root = '';
const SUMMER = '2026-07-20T10:00:00+08:00';
const x = (args: string[], now = SUMMER) => runIn([...args, '--ledger', root], { env: { XINFANG_NOW: now } });

async function ok(args: string[], now = SUMMER): Promise<RunResult> {
  const before = commits(root).length;
  const r = await x(args, now);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(commits(root).length).toBe(before + 1);
  expect(git(root, ['status', '--porcelain'])).toBe('');
  return r;
}

async function refused(args: string[], pattern: RegExp, now = SUMMER): Promise<RunResult> {
  const before = commits(root).length;
  const head = git(root, ['rev-parse', 'HEAD']);
  const r = await x(args, now);
  expect(r.stderr).toMatch(pattern);
  expect(r.code).toBe(2);
  expect(commits(root).length).toBe(before);
  expect(git(root, ['rev-parse', 'HEAD'])).toBe(head);
  expect(git(root, ['status', '--porcelain'])).toBe('');
  return r;
}

async function strictClean(now = SUMMER): Promise<void> {
  const r = await x(['check', '--strict'], now);
  expect(r.stdout + r.stderr).not.toMatch(/错误|error/i);
  expect(r.code).toBe(0);
}

async function register(date: string, now = `${date}T10:00:00+08:00`): Promise<string> {
  const r = await x(['visit', 'add', '--date', date, '--name', '赵大爷', '--phone', '13800138000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', `优抚金未按时发放 ${date}`, '--leader', '张志强', '--new', '--json'], now);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).case.id;
}

const show = async (id: string, now = SUMMER) => JSON.parse((await x(['case', 'show', id, '--json'], now)).stdout);

beforeEach(async () => {
  root = await newLedger({ leaders: TEAM, units: ['民政办', '司法所', '农业站'] });
});

describe('case void', () => {
  it('cancels the last step: status, units and deadlines forget it; history and the file keep both', async () => {
    const id = await register('2026-07-01');
    await ok(['case', 'accept', id], '2026-07-02T10:00:00+08:00');
    await ok(['case', 'transfer', id, '--unit', '司法所'], '2026-07-03T10:00:00+08:00');
    let j = await show(id);
    expect(j.status).toBe('transferred');
    const transferId = j.events[j.events.length - 1].id;
    const r = await ok(['case', 'void', id, 'last', '--reason', '交错了单位，应交民政办']);
    expect(r.stdout).toMatch(/已撤销 .* 的交办记录/);
    j = await show(id);
    expect(j.status).toBe('accepted');
    expect(j.units).toEqual([]);
    expect(j.voided).toEqual([transferId]);
    // Both stay in the file, in order.
    expect(j.events.map((e: { type: string }) => e.type)).toEqual(['registered', 'accept', 'transfer', 'void']);
    const text = (await x(['case', 'show', id])).stdout;
    expect(text).toMatch(/交办 → 司法所.*已撤销/);
    expect(text).toMatch(/撤销记录 .*交错了单位/);
    // The index forgets the unit too.
    expect(JSON.parse((await x(['case', 'list', '--unit', '司法所', '--json'])).stdout).cases ?? []).toHaveLength(0);
    // Now the right unit.
    await ok(['case', 'transfer', id, '--unit', '民政办']);
    expect((await show(id)).units).toEqual(['U01']);
    const hist = (await x(['case', 'history', id])).stdout;
    expect(hist).toMatch(/撤销/);
    await strictClean();
  });

  it('names an event by the end of its id; refuses the registration, a void, a repeat and a step later ones rest on', async () => {
    const id = await register('2026-07-01');
    await ok(['case', 'accept', id], '2026-07-02T10:00:00+08:00');
    await ok(['case', 'transfer', id, '--unit', '司法所'], '2026-07-03T10:00:00+08:00');
    await ok(['case', 'reply', id, '--unit', '司法所', '--text', '已调解'], '2026-07-10T10:00:00+08:00');
    const j = await show(id);
    const [reg, , transfer] = j.events;
    await refused(['case', 'void', id, reg.id, '--reason', '登错了'], /登记是案件本身，不能撤销/);
    await refused(['case', 'void', id, transfer.id.slice(-6), '--reason', '交错了'], /不能撤销 交办.*之后已有该单位的书面答复/);
    await refused(['case', 'void', id, 'last'], /--reason/);
    expect((await x(['case', 'correct', id, '--field', 'summary', '--value', '优抚金漏发', '--reason', '摘要不准'])).code).toBe(0);
    await refused(['case', 'void', id, 'last', '--reason', '改错了'], /已改写登记内容，撤销它不会改回/);
    const listed = await refused(['case', 'void', id, 'ZZZZZZ', '--reason', '不存在'], /没有这条记录/);
    // The refusal lists the case's records by the end of their ids, to name one.
    expect(listed.stderr).toContain(`${transfer.id.slice(-6)} 交办（2026-07-03）`);
    const reply = (await show(id)).events.find((e: { type: string }) => e.type === 'reply');
    await ok(['case', 'void', id, reply.id.slice(-5), '--reason', '答复记错了案件']);
    const voidId = (await show(id)).events.at(-1).id;
    await refused(['case', 'void', id, voidId, '--reason', '再撤'], /撤销记录，不能再撤销/);
    const replyId = (await show(id)).voided[0];
    await refused(['case', 'void', id, replyId, '--reason', '重复'], /不能重复撤销/);
    // With the reply cancelled, the transfer may go too.
    await ok(['case', 'void', id, transfer.id.slice(-8), '--reason', '交错了单位']);
    expect((await show(id)).status).toBe('accepted');
    await strictClean();
  });

  it('a cancelled closure reopens nothing in the story but the case counts as open again', async () => {
    const id = await register('2026-07-01');
    await ok(['case', 'decline', id, '--reason', '不属于本机关受理范围'], '2026-07-02T10:00:00+08:00');
    expect((await show(id)).status).toBe('declined');
    await ok(['case', 'void', id, 'last', '--reason', '误操作']);
    expect((await show(id)).status).toBe('registered');
    const due = JSON.parse((await x(['case', 'list', '--status', 'registered', '--json'])).stdout);
    expect(JSON.stringify(due)).toContain(id);
  });
});

describe('case resolve', () => {
  it('records a kept promise truthfully: readiness, the register and the answer letter say so', async () => {
    const id = await register('2026-07-01');
    await ok(['case', 'handle', id, '--disposition', '限期解决', '--facts', '优抚金因系统迁移漏发三个月', '--decision', 'support', '--promise-by', '2026-07-31'], '2026-07-02T10:00:00+08:00');
    let rd = JSON.parse((await x(['case', 'readiness', id, '--json'])).stdout);
    const handled = (r: { conditions: { key: string; ok: boolean; detail: string }[] }) => r.conditions.find((c) => c.key === 'handled')!;
    expect(handled(rd).ok).toBe(false);
    expect(handled(rd).detail).toMatch(/case resolve/);
    await refused(['case', 'resolve', id, '--date', '2026-07-01'], /不能早于作出承诺的日期 2026-07-02/);
    await refused(['case', 'resolve', id, '--date', '2026-07-25'], /不能晚于今天/);
    const r = await ok(['case', 'resolve', id, '--date', '2026-07-18', '--note', '已补发三个月优抚金']);
    expect(r.stdout).toMatch(/2026-07-18 兑现/);
    rd = JSON.parse((await x(['case', 'readiness', id, '--json'])).stdout);
    expect(handled(rd).ok).toBe(true);
    expect(handled(rd).detail).toMatch(/限期解决.*已于 2026-07-18 兑现/);
    // The disposition stays 限期解决 (no false 当场解决), the promise deadline stops.
    const j = await show(id);
    expect(j.events.filter((e: { type: string }) => e.type === 'handle')).toHaveLength(1);
    expect(JSON.parse((await x(['due', '--json'])).stdout).overdue).toEqual([]);
    const reg = (await x(['report', 'register', '--from', '2026-07-01', '--to', '2026-07-31', '--format', 'csv'])).stdout;
    expect(reg).toMatch(/限期解决（予以支持），2026-07-18 兑现/);
    const letter = (await x(['case', 'notice', id, '--kind', 'reply'])).stdout;
    expect(letter).toMatch(/承诺于 2026年7月31日 前解决，已于 2026年7月18日 解决到位/);
    await refused(['case', 'resolve', id], /已于 2026-07-18 记录兑现/);
    await strictClean();
  });

  it('refuses a case with no promise', async () => {
    const id = await register('2026-07-01');
    await refused(['case', 'resolve', id], /还没有处理结果/);
    await ok(['case', 'handle', id, '--disposition', '当场解决', '--facts', '当场补发'], '2026-07-02T10:00:00+08:00');
    await refused(['case', 'resolve', id], /不是限期解决/);
  });
});

describe('unit edit and remove', () => {
  it('renames a unit; refuses to remove one a case names, even through a cancelled transfer', async () => {
    const id = await register('2026-07-01');
    await ok(['case', 'transfer', id, '--unit', '司法所'], '2026-07-03T10:00:00+08:00');
    await ok(['unit', 'edit', '司法所', '--name', '司法所（综治办）', '--contact', '王所长 13800000000']);
    expect((await show(id)).units).toEqual(['U02']);
    const units = JSON.parse((await x(['unit', 'list', '--json'])).stdout).units;
    expect(units.find((u: { id: string }) => u.id === 'U02').name).toBe('司法所（综治办）');
    await refused(['unit', 'edit', 'U02', '--name', '民政办'], /已有承办单位“民政办”/);
    await refused(['unit', 'edit', 'U02'], /没有要修改的内容/);
    await refused(['unit', 'remove', 'U02'], new RegExp(`还有案件引用（${id}）`));
    await ok(['case', 'void', id, 'last', '--reason', '交错了']);
    await refused(['unit', 'remove', 'U02'], new RegExp(`还有案件引用（${id}）`));
    await ok(['unit', 'remove', '农业站']);
    expect(JSON.parse((await x(['unit', 'list', '--json'])).stdout).units.map((u: { name: string }) => u.name)).toEqual(['民政办', '司法所（综治办）']);
    await refused(['unit', 'remove', '农业站'], /农业站/);
    await strictClean();
  });
});

describe('leader away --cancel / --until', () => {
  it('cuts short, prolongs and calls off an absence', async () => {
    await ok(['leader', 'away', '刘芳', '--from', '2026-07-20', '--to', '2026-07-31', '--reason', '学习']);
    await ok(['leader', 'away', '刘芳', '--from', '2026-08-10', '--to', '2026-08-12', '--reason', '出差']);
    const abs = async () => JSON.parse((await x(['leader', 'show', '刘芳', '--json'])).stdout).absences.map((a: { from: string; to: string }) => `${a.from}~${a.to}`);
    await ok(['leader', 'away', '刘芳', '--until', '2026-07-24']);
    expect(await abs()).toEqual(['2026-07-20~2026-07-24', '2026-08-10~2026-08-12']);
    await refused(['leader', 'away', '刘芳', '--until', '2026-08-11'], /重叠/);
    await refused(['leader', 'away', '刘芳', '--until', '2026-07-19'], /不能早于这次外出的开始日期/);
    await refused(['leader', 'away', '刘芳', '--cancel', '--until', '2026-07-22'], /--cancel.*--until/);
    await ok(['leader', 'away', '刘芳', '--cancel', '--from', '2026-08-11']);
    expect(await abs()).toEqual(['2026-07-20~2026-07-24']);
    await ok(['leader', 'away', '刘芳', '--cancel']);
    expect(await abs()).toEqual([]);
    await refused(['leader', 'away', '刘芳', '--cancel'], /没有登记外出|没有登记任何外出/);
    await strictClean();
  });
});

describe('roster unset and set --rule', () => {
  const NOV = '2026-11-02T09:00:00+08:00';
  const slots = async (month: string) => JSON.parse((await x(['roster', 'show', '--month', month, '--json'], NOV)).stdout);
  const principalDays = async () => (await slots('2026-12')).days.flatMap((d: { date: string; slots: { rule: string }[] }) => d.slots.filter((s) => s.rule === '主要领导接访日').map(() => d.date));

  it('moves the principal leader\'s day instead of adding a second one; swap works after', async () => {
    await ok(['roster', 'generate', '--month', '2026-12'], NOV);
    const before = await principalDays();
    expect(before).toHaveLength(1);
    const target = before[0] === '2026-12-16' ? '2026-12-17' : '2026-12-16';
    const r = await ok(['roster', 'set', target, '--leader', '王建国', '--rule', '主要领导接访日', '--reason', '改期'], NOV);
    expect(r.stdout).toMatch(new RegExp(`由 ${before[0]} 改到 ${target}`));
    expect(await principalDays()).toEqual([target]);
    // Kept by a regeneration (an override).
    expect((await x(['roster', 'generate', '--month', '2026-12', '--force'], NOV)).code).toBe(0);
    expect(await principalDays()).toEqual([target]);
    // Swapping the daily duty of that day with another day works.
    await ok(['roster', 'swap', target, '2026-12-22', '--rule', '班子成员轮流值班'], NOV);
    const balance = JSON.parse((await x(['roster', 'balance', '--quarter', '2026Q4', '--json'], NOV)).stdout);
    expect(JSON.stringify(balance)).toContain('主要领导接访日');
    await strictClean(NOV);
  });

  it('unsets one slot of a day, refusing an ambiguous day and a day already held', async () => {
    await ok(['roster', 'generate', '--month', '2026-11'], '2026-11-01T09:00:00+08:00');
    const days = (await slots('2026-11')).days as { date: string; slots: { rule: string; leader: { name: string } }[] }[];
    const two = days.find((d) => d.date >= '2026-11-03' && d.slots.length >= 2)!;
    await refused(['roster', 'unset', two.date], /请用 --leader 或 --rule 指明/, NOV);
    await ok(['roster', 'unset', two.date, '--rule', '班子成员轮流值班', '--reason', '当天全体开会'], NOV);
    const after = ((await slots('2026-11')).days as typeof days).find((d) => d.date === two.date)!;
    expect(after.slots.map((s) => s.rule)).toEqual(two.slots.map((s) => s.rule).filter((r) => r !== '班子成员轮流值班'));
    // A regeneration does not bring it back.
    expect((await x(['roster', 'generate', '--month', '2026-11', '--force'], NOV)).code).toBe(0);
    const regen = ((await slots('2026-11')).days as typeof days).find((d) => d.date === two.date)!;
    expect(regen.slots.map((s) => s.rule)).toEqual(after.slots.map((s) => s.rule));
    const past = days.find((d) => d.date < '2026-11-02' && d.slots.length === 1) ?? days[0]!;
    await ok(['roster', 'held', past.date, '--leader', past.slots[0]!.leader.name], NOV);
    await refused(['roster', 'unset', past.date, '--leader', past.slots[0]!.leader.name], /已登记接访/, NOV);
    await refused(['roster', 'unset', '2026-11-29'], /没有.*班次/, NOV);
    await strictClean(NOV);
  });
});
