// Intake on real temp ledgers: registration, every refusal writes nothing, repeats,
// further visits, group visits, escalation, masking in lists.
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { commits, git, newLedger, TEAM, runIn } from '../helpers/index.js';
import { makeId } from '../helpers/ids.js';

const ID1 = makeId('511102', '1958-03-15', '231');
const ID2 = makeId('511102', '1975-07-01', '115');

let L: string;
const x = (args: string[], env: Record<string, string> = {}) => runIn(args, { cwd: L, env });

beforeEach(async () => {
  L = await newLedger({ leaders: TEAM, units: ['民政办'] });
});

const BASE: Record<string, string> = {
  '--name': '张秀英',
  '--id-number': ID1,
  '--phone': '13800138000',
  '--address': '青山乡石桥村3组',
  '--purpose': '求决',
  '--category': '民政/优抚救济',
  '--summary': '丈夫系退伍军人，去世后遗属抚恤金一直未发放，请求核实发放',
  '--leader': '张志强',
};
/** The standard registration; `extra` flags replace the standard ones of the same name. */
const visit = (extra: string[] = []) => {
  const o = { ...BASE };
  const rest: string[] = [];
  for (let i = 0; i < extra.length; i++) {
    const flag = extra[i]!;
    const value = extra[i + 1];
    if (value === undefined || value.startsWith('--')) rest.push(flag); // a switch such as --json
    else if (flag in o) (o[flag] = value), i++;
    else rest.push(flag, value), i++;
  }
  return x(['visit', 'add', ...Object.entries(o).flat(), ...rest]);
};

function caseFile(id: string) {
  return parse(readFileSync(join(L, 'cases', id.split('-')[1]!, `${id}.yaml`), 'utf8'));
}

describe('visit add', () => {
  it('registers a case file with the whole form and commits it with a Chinese message', async () => {
    const r = await visit(['--respondent', '石桥村委会', '--locality', '青山乡石桥村', '--opinion', '请民政办三日内核实', '--mode', '定点接访']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('QS-2026-A0001');
    const f = caseFile('QS-2026-A0001');
    expect(f).toMatchObject({
      id: 'QS-2026-A0001',
      received_at: '2026-11-25T09:30:00+08:00',
      channel: 'visit',
      people: 1,
      respondent: '石桥村委会',
      locality: '青山乡石桥村',
      purpose: 'request',
      category: { main: '民政', sub: '优抚救济' },
      receiver: 'L02',
      place: 'center',
      mode: 'fixed',
      opinion: '请民政办三日内核实',
    });
    expect(f.petitioners[0]).toMatchObject({ name: '张秀英', sex: '男', id_number: ID1, phone: '13800138000' });
    expect(f.events).toHaveLength(1);
    expect(f.events[0]).toMatchObject({ type: 'registered', receiver: 'L02', by: expect.any(String) });
    expect(f.events[0].id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(commits(L)[0]!.subject).toBe('登记 QS-2026-A0001 来访（张秀英）');
    expect(git(L, ['status', '--porcelain'])).toBe('');
  });

  it('numbers cases one after another and takes keys or Chinese words for enumerations', async () => {
    expect((await visit()).code).toBe(0);
    const r = await x(['letter', 'add', '--name', '李强', '--purpose', 'suggestion', '--category', 'construction/城镇规划', '--summary', '建议在村口增设路灯', '--leader', 'L03']);
    expect(r.code, r.stderr).toBe(0);
    expect(caseFile('QS-2026-A0002')).toMatchObject({ channel: 'letter', purpose: 'suggestion', category: { main: '城乡建设', sub: '城镇规划' } });
    const h = await x(['visit', 'add', '--channel', '热线', '--name', '赵六', '--purpose', '咨询', '--category', '卫生计生/医患纠纷', '--summary', '咨询医疗纠纷调解途径', '--leader', '刘芳']);
    expect(h.code, h.stderr).toBe(0);
    expect(caseFile('QS-2026-A0003')).toMatchObject({ channel: 'hotline', category: { main: '卫生计划', sub: '医患纠纷' } });
  });

  it.each([
    [['--id-number', '110105194912310021'], '--id-number'],
    [['--phone', '1380013800'], '--phone'],
    [['--date', '2026-02-30'], '--date'],
    [['--date', '2026-11-26'], '--date'],
    [['--people', '0'], '--people'],
    [['--purpose', '吃饭'], '--purpose'],
    [['--category', '民政/不存在'], '--category'],
    [['--leader', '不存在的人'], '--leader'],
    [['--mode', 'walk'], '--mode'],
    [['--sex', '女'], '--sex'],
  ])('refuses %j naming the field, exit 2, nothing written', async (bad, field) => {
    const before = commits(L).length;
    const r = await visit(bad as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(field);
    expect(commits(L)).toHaveLength(before);
    expect(git(L, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });

  it('refuses more --id-number values than petitioners', async () => {
    const r = await x(['visit', 'add', '--name', '张秀英', '--id-number', ID1, '--id-number', ID2, '--purpose', '求决', '--category', '民政', '--summary', '抚恤金', '--leader', '刘芳']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--id-number');
    expect(commits(L)).toHaveLength(5);
  });

  it('names every missing field at once when not interactive', async () => {
    const r = await x(['visit', 'add', '--leader', '张志强']);
    expect(r.code).toBe(2);
    for (const f of ['--name', '--purpose', '--category', '--summary']) expect(r.stderr).toContain(f);
  });

  it('without --leader and without a roster for the day, asks for the leader', async () => {
    const r = await x(['visit', 'add', '--name', '张秀英', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--leader');
  });

  it('flags a group visit of five or more and records representatives', async () => {
    const r = await x(['visit', 'add', '--name', '周大海', '--name', '吴小红', '--representative', '周大海', '--people', '12', '--purpose', '求决', '--category', '国土资源水利林业/土地征用', '--summary', '石桥村征地补偿款未足额发放', '--leader', '王建国', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.case).toMatchObject({ people: 12, group: true });
    const f = caseFile(doc.case.id);
    expect(f.petitioners.map((p: { name: string; representative: boolean }) => [p.name, p.representative])).toEqual([
      ['周大海', true],
      ['吴小红', false],
    ]);
  });
});

describe('repeat petitioners', () => {
  it('recognises the same person (by ID number) on the same matter and links the new case', async () => {
    expect((await visit()).code).toBe(0);
    const r = await x(['visit', 'add', '--name', '张秀英', '--id-number', ID1, '--purpose', '求决', '--category', '民政/其它', '--summary', '遗属抚恤金一直没有发放，请求核实发放', '--leader', '刘芳', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.repeat.cases).toEqual(['QS-2026-A0001']);
    expect(doc.repeat.visits).toBe(2);
    expect(doc.case.repeat).toBe(true);
    expect(caseFile(doc.case.id).repeat_of).toEqual(['QS-2026-A0001']);
  });

  it('recognises the same person by name and phone when no ID number is given', async () => {
    expect((await visit()).code).toBe(0);
    const r = await x(['visit', 'add', '--name', '张秀英', '--phone', '138 0013 8000', '--purpose', '求决', '--category', '民政', '--summary', '退伍军人遗属抚恤金未发放', '--leader', '刘芳', '--json']);
    expect(JSON.parse(r.stdout).repeat.cases).toEqual(['QS-2026-A0001']);
  });

  it('does not link another person, or the same person on another matter', async () => {
    expect((await visit()).code).toBe(0);
    const other = await x(['visit', 'add', '--name', '张秀英', '--id-number', ID2, '--purpose', '求决', '--category', '民政', '--summary', '遗属抚恤金一直未发放，请求核实发放', '--leader', '刘芳', '--json']);
    expect(JSON.parse(other.stdout).repeat.cases).toEqual([]);
    const matter = await x(['visit', 'add', '--name', '张秀英', '--id-number', ID1, '--purpose', '求决', '--category', '城乡建设/城镇拆迁', '--summary', '房屋拆迁补偿标准过低', '--leader', '刘芳', '--json']);
    expect(JSON.parse(matter.stdout).repeat.cases).toEqual([]);
  });

  it('adds a further visit to a known case with --case, counts visits and escalates at the threshold', async () => {
    expect((await visit()).code).toBe(0);
    const second = await x(['visit', 'add', '--case', 'QS-2026-A0001', '--name', '张秀英', '--name', '张建军', '--people', '2', '--leader', '刘芳', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: false, repeat: { visits: 2 }, escalate: false });
    const third = await x(['visit', 'add', '--case', 'qs-2026-a0001', '--name', '张秀英', '--leader', '张志强']);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain('主要领导');
    const f = caseFile('QS-2026-A0001');
    expect(f.events.map((e: { type: string }) => e.type)).toEqual(['registered', 'visit', 'visit']);
    expect(f.petitioners.map((p: { name: string }) => p.name)).toEqual(['张秀英', '张建军']);
    expect(readdirSync(join(L, 'cases', '2026'))).toEqual(['QS-2026-A0001.yaml']);
    const shown = await x(['case', 'show', 'QS-2026-A0001', '--json']);
    expect(JSON.parse(shown.stdout).visits).toEqual({ batches: 3, persons: 4 });
  });

  it('refuses --case for an unknown case, writing nothing', async () => {
    const r = await x(['visit', 'add', '--case', 'QS-2026-A0099', '--name', '张秀英', '--leader', '刘芳']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('QS-2026-A0099');
    expect(git(L, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
});

describe('case list and show', () => {
  it('masks ID numbers and phones in lists unless --unmasked', async () => {
    expect((await visit()).code).toBe(0);
    const list = await x(['case', 'list']);
    expect(list.stdout).toContain('138****8000');
    expect(list.stdout).not.toContain('13800138000');
    const json = JSON.parse((await x(['case', 'list', '--json'])).stdout);
    expect(json.cases[0].petitioners[0].id_number).toBe(`${ID1.slice(0, 6)}********${ID1.slice(14)}`);
    const full = await x(['case', 'show', 'QS-2026-A0001', '--unmasked']);
    expect(full.stdout).toContain(ID1);
    expect(full.stdout).toContain('13800138000');
    const masked = await x(['case', 'show', 'QS-2026-A0001']);
    expect(masked.stdout).not.toContain(ID1);
  });

  it('filters by leader, channel, repeat and date', async () => {
    expect((await visit()).code).toBe(0);
    expect((await x(['letter', 'add', '--name', '李强', '--purpose', '意见建议', '--category', '城乡建设', '--summary', '路灯', '--leader', '刘芳'])).code).toBe(0);
    const ids = async (args: string[]) => JSON.parse((await x(['case', 'list', '--json', ...args])).stdout).cases.map((c: { id: string }) => c.id);
    expect(await ids(['--leader', '刘芳'])).toEqual(['QS-2026-A0002']);
    expect(await ids(['--channel', '来信'])).toEqual(['QS-2026-A0002']);
    expect(await ids(['--from', '2026-11-26'])).toEqual([]);
    expect(await ids(['--repeat'])).toEqual([]);
    expect((await x(['case', 'list', '--status', 'bogus'])).code).toBe(2);
  });
});

describe('the leader on duty', () => {
  it('is the default receiving leader when a roster exists for the day', async () => {
    const g = await x(['roster', 'generate', '--month', '2026-11']);
    expect(g.code, g.stderr).toBe(0);
    const duty = JSON.parse((await x(['roster', 'duty', '--date', '2026-11-25', '--json'])).stdout);
    const first = duty.slots[0].leader.id as string;
    const r = await x(['visit', 'add', '--name', '张秀英', '--purpose', '求决', '--category', '民政', '--summary', '抚恤金未发放', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).case.receiver).toBe(first);
  });
});

describe('承办单位 at registration', () => {
  it('hands the case to a known unit, and refuses an unknown one writing nothing', async () => {
    const r = await visit(['--unit', '民政办', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const f = caseFile('QS-2026-A0001');
    expect(f.events.map((e: { type: string }) => e.type)).toEqual(['registered', 'transfer']);
    expect(f.events[1].unit).toBe('U01');
    expect(JSON.parse(r.stdout).case.units).toEqual(['U01']);
    expect(commits(L)[0]!.subject).toContain('交办 → 民政办');
    const bad = await visit(['--unit', '财政所']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--unit');
    expect(git(L, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
});

describe('an ID number registered before under another name', () => {
  it('is registered, with a warning naming the earlier case (masked), in text and JSON', async () => {
    expect((await visit()).code).toBe(0);
    const r = await x(['letter', 'add', '--name', '何静', '--id-number', ID1, '--purpose', '求决', '--category', '教育/考试招生', '--summary', '子女中考加分未落实', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.warnings).toEqual([{ code: 'id_number_other_name', id_number: `${ID1.slice(0, 6)}********${ID1.slice(14)}`, name: '何静', earlier: { case: 'QS-2026-A0001', name: '张秀英' } }]);
    const t = await x(['letter', 'add', '--name', '何静', '--id-number', ID1, '--purpose', '求决', '--category', '教育/考试招生', '--summary', '子女中考加分未落实，再次来信']);
    expect(t.stderr).toContain('请核对：身份证号');
    expect(t.stderr).toContain('张秀英');
    expect(t.stderr).not.toContain(ID1);
  });
});

describe('short case numbers and late registrations', () => {
  it('accepts A0001 or 2026-A0001 for a unique case, and the full number in what it records', async () => {
    expect((await visit()).code).toBe(0);
    const shown = await x(['case', 'show', 'a0001', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).id).toBe('QS-2026-A0001');
    const again = await x(['visit', 'add', '--case', '2026-A1', '--name', '张秀英', '--leader', '刘芳', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).case.id).toBe('QS-2026-A0001');
    expect((await x(['case', 'show', 'B0001'])).code).toBe(2);
  });

  it('links a visit registered late only to cases received before it', async () => {
    expect((await visit()).code).toBe(0); // received 2026-11-25
    const late = await x(['visit', 'add', '--date', '2026-11-20', ...Object.entries(BASE).flat().slice(2), '--name', '张秀英', '--json']);
    expect(late.code, late.stderr).toBe(0);
    expect(JSON.parse(late.stdout).repeat.cases).toEqual([]);
  });
});
