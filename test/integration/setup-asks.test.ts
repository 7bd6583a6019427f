// Set-up that asks (issue 13, item 6): the clerk's name kept per clone (the author of commits
// and the 登记人 of events), the office's phone and address on the 公示, the township preset
// worded for a 镇, and one office name signing the 公示 and the 督办通知.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commits, git, runIn, tempDir } from '../helpers/index.js';

const config = (root: string) => parse(readFileSync(join(root, 'xinfang.yaml'), 'utf8'));

async function init(args: string[]) {
  const dir = join(tempDir(), 'ledger');
  const r = await runIn(['init', dir, '--code', 'QS', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

describe('the clerk of this clone', () => {
  it('init --clerk: the first commit, later commits and events carry the name; git of the clone knows it', async () => {
    const root = await init(['--unit', '青山乡', '--clerk', '李文']);
    expect(readFileSync(join(root, '.xinfang', 'clerk'), 'utf8').trim()).toBe('李文');
    expect(git(root, ['config', '--local', 'user.name'])).toBe('李文');
    expect(git(root, ['check-ignore', '.xinfang/clerk'])).toBe('.xinfang/clerk');
    expect((await runIn(['leader', 'add', '--name', '王建国', '--title', '党委书记', '--role', 'principal'], { cwd: root })).code).toBe(0);
    expect(
      (await runIn(['visit', 'add', '--name', '张秀英', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '抚恤金未发放', '--leader', '王建国'], { cwd: root })).code,
    ).toBe(0);
    expect(commits(root).map((c) => c.author)).toEqual(['李文', '李文', '李文']);
    const c = parse(readFileSync(join(root, 'cases', '2026', 'QS-2026-A0001.yaml'), 'utf8'));
    expect(c.events[0].by).toBe('李文');
    // --by still wins for one command.
    expect((await runIn(['--by', '王五', 'leader', 'add', '--name', '张志强', '--title', '副书记', '--role', 'member'], { cwd: root })).code).toBe(0);
    expect(commits(root)[0]!.author).toBe('王五');
  });

  it('setup --clerk changes it; a bad name is refused with exit 2 and nothing kept', async () => {
    const root = await init(['--unit', '青山乡', '--clerk', '李文']);
    let r = await runIn(['setup', '--clerk', '赵敏'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('本机登记人：赵敏');
    expect(git(root, ['config', '--local', 'user.name'])).toBe('赵敏');
    r = await runIn(['setup', '--clerk', ' '], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：--clerk/);
    expect(readFileSync(join(root, '.xinfang', 'clerk'), 'utf8').trim()).toBe('赵敏');
  });

  it('setup with nothing to set, not at a terminal: exit 2 naming the options', async () => {
    const root = await init(['--unit', '青山乡']);
    const r = await runIn(['setup'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--station.*--clerk.*--phone.*--address/);
    expect(existsSync(join(root, '.xinfang', 'clerk'))).toBe(false);
  });
});

describe('the office phone and address', () => {
  it('init --phone --address: in xinfang.yaml, in the booking line and on the 公示', async () => {
    const root = await init(['--unit', '青山乡', '--phone', '0830-5551234', '--address', '青山乡人民政府一楼']);
    const o = config(root).office;
    expect(o).toMatchObject({ phone: '0830-5551234', address: '青山乡人民政府一楼' });
    expect(o.booking).toContain('0830-5551234');
    for (const [n, t, role] of [['王建国', '党委书记', 'principal'], ['张志强', '副书记', 'member']]) expect((await runIn(['leader', 'add', '--name', n!, '--title', t!, '--role', role!], { cwd: root })).code).toBe(0);
    expect((await runIn(['roster', 'generate', '--month', '2026-12'], { cwd: root })).code).toBe(0);
    for (const format of ['text', 'md', 'html']) {
      const r = await runIn(['roster', 'publish', '--month', '2026-12', '--format', format], { cwd: root });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, format).toContain('0830-5551234');
      expect(r.stdout, format).toContain('青山乡人民政府一楼');
    }
  });

  it('without a phone the booking line promises none', async () => {
    const root = await init(['--unit', '青山乡']);
    expect(config(root).office.booking).not.toMatch(/拨打.*电话预约/);
  });

  it('setup --phone --address: one commit, the file’s comments kept, the booking line follows', async () => {
    const root = await init(['--unit', '青山乡']);
    const before = commits(root).length;
    const r = await runIn(['setup', '--phone', '0830-5550000', '--address', '青山乡便民服务中心'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(commits(root)).toHaveLength(before + 1);
    expect(commits(root)[0]!.subject).toBe('设置信访办电话、地址');
    const text = readFileSync(join(root, 'xinfang.yaml'), 'utf8');
    expect(text).toMatch(/^# 青山乡 信访接访台账配置/);
    expect(config(root).office).toMatchObject({ phone: '0830-5550000', address: '青山乡便民服务中心', booking: expect.stringContaining('0830-5550000') });
    expect((await runIn(['check', '--strict'], { cwd: root })).code).toBe(0);
  });

  it('a phone that is not one: exit 2, nothing written', async () => {
    const root = await init(['--unit', '青山乡']);
    const before = readFileSync(join(root, 'xinfang.yaml'), 'utf8');
    for (const bad of ['abc', '123']) {
      const r = await runIn(['setup', '--phone', bad], { cwd: root });
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--phone（信访办电话）/);
    }
    expect(readFileSync(join(root, 'xinfang.yaml'), 'utf8')).toBe(before);
    const r = await runIn(['init', join(tempDir(), 'x'), '--unit', '青山乡', '--code', 'QS', '--phone', 'abc']);
    expect(r.code).toBe(2);
  });
});

describe('the township preset worded for the unit', () => {
  it.each([
    ['青山乡', '乡综治信访维稳中心接访室', '乡级领导季度接访'],
    ['青山镇', '镇综治信访维稳中心接访室', '镇级领导季度接访'],
    ['青山街道', '街道综治信访维稳中心接访室', '街道领导季度接访'],
  ])('%s', async (unit, place, rule) => {
    const root = await init(['--unit', unit]);
    const c = config(root);
    expect(c.places[0].name).toBe(place);
    expect(c.schedule.rules.map((r: { name: string }) => r.name)).toContain(rule);
    expect(JSON.stringify(c.places) + JSON.stringify(c.schedule)).not.toMatch(unit.endsWith('乡') ? /镇级|镇综治/ : /乡级|乡综治/);
    expect((await runIn(['check', '--strict'], { cwd: root })).code).toBe(0);
  });
});

describe('one office name', () => {
  it('the 公示 and the 督办通知 sign with the same name', async () => {
    const root = await init(['--unit', '青山镇']);
    for (const [n, t, role] of [['王建国', '党委书记', 'principal'], ['张志强', '副书记', 'member']]) expect((await runIn(['leader', 'add', '--name', n!, '--title', t!, '--role', role!], { cwd: root })).code).toBe(0);
    expect((await runIn(['roster', 'generate', '--month', '2026-12'], { cwd: root })).code).toBe(0);
    const notice = (await runIn(['roster', 'publish', '--month', '2026-12'], { cwd: root })).stdout;
    expect(notice).toContain('青山镇信访工作领导小组办公室');
    const add = await runIn(['visit', 'add', '--date', '2026-06-01', '--name', '张秀英', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '抚恤金未发放', '--leader', '王建国'], { cwd: root });
    expect(add.code, add.stderr).toBe(0);
    const sup = await runIn(['due', '--supervise'], { cwd: root });
    const files = git(root, ['-c', 'core.quotepath=off', 'ls-files', 'notices']).split('\n').filter(Boolean);
    expect(sup.code, sup.stderr).toBe(0);
    expect(files.length).toBeGreaterThan(0);
    const text = readFileSync(join(root, files[0]!), 'utf8');
    expect(text).toContain('青山镇信访工作领导小组办公室');
    expect(text).not.toContain('青山镇信访办公室');
  });
});
