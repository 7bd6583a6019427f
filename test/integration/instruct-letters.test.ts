// Seed, 第二篇 三：“每天由一名领导接待，局领导轮流参加。若有来信来访，当值领导……必须亲自阅批群众来信”
// (and 第四篇 三 2：值班领导“批办群众来信、市长热线、省长信箱案件和人民建议”). Where the office's rule asks
// for it (closure.instruction: on in the bureau and department presets), a written item waiting
// for 阅批 is not ready to close — a sixth condition; `case instruct` defaults to the leader on
// duty the day the letter arrived; `due` lists it until instructed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, runIn } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';

let root: string;
const x = (args: string[], env: Record<string, string> = {}) => runIn(args, { cwd: root, env });
const ok = async (args: string[], env: Record<string, string> = {}) => {
  const r = await x(args, env);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};
let ARRIVED = '';
let dutyThen = '';
let dutyToday = '';
let id = '';

beforeAll(async () => {
  root = await newLedger({ preset: 'bureau', unit: '民政局', code: 'MZ', leaders: [['局长甲', '局长', 'principal'], ['副局长乙', '副局长', 'member'], ['副局长丙', '副局长', 'member']] });
  await ok(['roster', 'generate', '--month', '2026-11']);
  const slots = readYaml(root, 'rosters/2026-11.yaml', RosterFile).slots;
  dutyToday = slots.find((s) => s.date === '2026-11-25')!.leader;
  // A day last week with another leader on duty; the letter is registered to the third one, so
  // that neither today's duty leader nor the receiving leader is the expected default.
  const then = slots.filter((s) => s.date < '2026-11-25' && s.date >= '2026-11-16' && s.leader !== dutyToday)[0]!;
  ARRIVED = then.date;
  dutyThen = then.leader;
  const third = ['L01', 'L02', 'L03'].find((l) => l !== dutyThen && l !== dutyToday)!;
  const r = await ok(['letter', 'add', '--date', ARRIVED, '--name', '钱女士', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '来信反映优抚金未发放', '--leader', third, '--no-input', '--json']);
  id = JSON.parse(r.stdout).case.id;
}, 120_000);

describe('领导阅批 of letters (第二篇 三 必须亲自阅批群众来信)', () => {
  it('the bureau and department presets ask for it; the township one does not', () => {
    expect(readFileSync(join(root, 'xinfang.yaml'), 'utf8')).toMatch(/instruction: true/);
  });

  it('a letter handled, approved, agreed and with every material is still not ready: 领导阅批 is missing', async () => {
    expect(dutyThen).not.toBe(dutyToday); // the daily rota: another leader today
    await ok(['case', 'handle', id, '--disposition', '当场解决', '--facts', '已补发优抚金', '--decision', 'support']);
    await ok(['case', 'approve', id, '--text', '同意结案']);
    await ok(['case', 'opinion', id, '--value', '满意']);
    await ok(['case', 'notice', id, '--kind', 'reply', '--attach']);
    const rd = JSON.parse((await x(['case', 'readiness', id, '--json'])).stdout);
    expect(rd.ready).toBe(false);
    expect(rd.conditions.filter((c: { ok: boolean }) => !c.ok).map((c: { key: string }) => c.key)).toEqual(['instruction']);
    const close = await x(['case', 'close', id]);
    expect(close.code).toBe(1);
    expect(close.stderr).toContain('1 项结案条件未满足');
    expect(close.stderr).toContain('领导阅批');
    const due = JSON.parse((await x(['due', '--json'])).stdout);
    expect(due.awaiting_instruction.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('case instruct defaults to the leader on duty the day the letter arrived, not today’s; then due stops listing it and it closes', async () => {
    const r = await ok(['case', 'instruct', id, '--text', '请社会救助科核实后答复']);
    expect(r.code).toBe(0);
    const show = JSON.parse((await x(['case', 'show', id, '--json'])).stdout);
    const ins = JSON.stringify(show);
    expect(ins).toContain(dutyThen);
    const instruct = (show.events ?? show.case?.events ?? []).filter((e: { type: string }) => e.type === 'instruct');
    expect(instruct.map((e: { leader: string }) => e.leader)).toEqual([dutyThen]);
    const due = JSON.parse((await x(['due', '--json'])).stdout);
    expect(due.awaiting_instruction.map((a: { id: string }) => a.id)).not.toContain(id);
    const rd = JSON.parse((await x(['case', 'readiness', id, '--json'])).stdout);
    expect(rd.ready).toBe(true);
    await ok(['case', 'close', id]);
  });

  it('an office whose rule does not ask (township preset): five conditions, a letter closes without 阅批', async () => {
    const t = await newLedger({ preset: 'township', leaders: [['王建国', '党委书记', 'principal'], ['张志强', '党委副书记', 'member']] });
    const y = (args: string[]) => runIn(args, { cwd: t });
    const r = await y(['letter', 'add', '--date', '2026-11-20', '--name', '钱女士', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '来信', '--leader', '王建国', '--no-input', '--json']);
    const lid = JSON.parse(r.stdout).case.id;
    const rd = JSON.parse((await y(['case', 'readiness', lid, '--json'])).stdout);
    expect(rd.conditions.map((c: { key: string }) => c.key)).not.toContain('instruction');
  });
});
