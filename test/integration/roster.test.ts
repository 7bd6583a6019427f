// Roster commands on temp ledgers, through the CLI in-process: generate (calendar
// coverage, refusals that write nothing), show --json, duty, set/swap surviving
// --force, check on an override that puts a leader on an away day, balance, publish
// (templates, office overrides, iCalendar validity), remind, held.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commits, newLedger, runIn, tempDir } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';
import { loadCalendar } from '../../src/calendar/index.js';

const cal = loadCalendar();

const BUREAU = [
  ['局长甲', '局长', 'principal', '全面工作'],
  ['副局长乙', '副局长', 'member', '社会救助、养老服务'],
  ['副局长丙', '副局长', 'member', '婚姻登记、殡葬管理'],
  ['纪检组长丁', '纪检组长', 'member', '纪检监察'],
  ['副局长戊', '副局长', 'member', '基层政权、社区治理'],
] as const;

async function bureau(): Promise<string> {
  const root = await newLedger({ preset: 'bureau', unit: '民政局', code: 'MZ' });
  for (const [name, title, role, portfolio] of BUREAU) {
    const r = await runIn(['leader', 'add', '--name', name, '--title', title, '--role', role, '--portfolio', portfolio], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
  }
  return root;
}

const x = (root: string, args: string[], env?: Record<string, string>) => runIn(args, { cwd: root, env });
const roster = (root: string, month: string) => readYaml(root, `rosters/${month}.yaml`, RosterFile);

describe('roster generate / show / duty', () => {
  let root: string;
  beforeAll(async () => {
    root = await bureau();
  });

  it('generates a quarter on the working days, one commit, show --json has the documented shape', async () => {
    const g = await x(root, ['roster', 'generate', '--quarter', '2026Q4', '--by', '排班员']);
    expect(g.stderr).toBe('');
    expect(g.code).toBe(0);
    expect(g.stdout).toContain('已生成 2026-10 接访排班');
    expect(commits(root)[0]).toEqual({ author: '排班员', subject: '生成 2026Q4 接访排班' });
    for (const m of ['2026-10', '2026-11', '2026-12']) expect(existsSync(join(root, 'rosters', `${m}.yaml`))).toBe(true);

    const s = await x(root, ['roster', 'show', '--month', '2026-10', '--json']);
    expect(s.code).toBe(0);
    const doc = JSON.parse(s.stdout);
    expect(doc.month).toBe('2026-10');
    expect(doc.days.map((d: { date: string }) => d.date)).toEqual(cal.workdaysIn('2026-10-01', '2026-10-31'));
    expect(doc.days[0].slots[0]).toMatchObject({ leader: { id: expect.any(String), name: expect.any(String), title: expect.any(String) }, rule: '局领导轮流接待', place: '局信访接待室', mode: 'fixed', override: null });
    expect(doc.days.find((d: { date: string }) => d.date === '2026-10-10')).toBeTruthy();
  });

  it('duty: the leader of the day; a rest day says so', async () => {
    const d = await x(root, ['roster', 'duty', '--date', '2026-10-10', '--json']);
    const doc = JSON.parse(d.stdout);
    expect(doc).toMatchObject({ date: '2026-10-10', workday: true, generated: true });
    expect(doc.slots).toHaveLength(1);
    const rest = await x(root, ['roster', 'duty', '--date', '2026-10-03']);
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain('休息日');
    // default date = ctx.now's Shanghai date (NOW = 2026-11-25)
    const today = await x(root, ['roster', 'duty', '--json']);
    expect(JSON.parse(today.stdout).date).toBe('2026-11-25');
    expect(JSON.parse(today.stdout).slots).toHaveLength(1);
  });

  it('refuses to overwrite without --force, and a year the calendar does not cover; nothing written', async () => {
    const before = commits(root).length;
    const again = await x(root, ['roster', 'generate', '--month', '2026-10']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    const far = await x(root, ['roster', 'generate', '--month', '2031-01']);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('2031 年');
    expect(far.stderr).toContain('calendar/2031.yaml');
    expect(existsSync(join(root, 'rosters', '2031-01.yaml'))).toBe(false);
    const bad = await x(root, ['roster', 'generate', '--month', '2026-13']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month');
    expect(commits(root).length).toBe(before);
  });

  it('an office calendar file makes an uncovered year schedulable', async () => {
    mkdirSync(join(root, 'calendar'), { recursive: true });
    writeFileSync(join(root, 'calendar', '2031.yaml'), 'year: 2031\nsource: 本单位\ndays:\n  - date: 2031-01-01\n    off: true\n    name: 元旦\n');
    const g = await x(root, ['roster', 'generate', '--month', '2031-01']);
    expect(g.code, g.stderr).toBe(0);
    const f = roster(root, '2031-01');
    expect(f.slots.some((s) => s.date === '2031-01-01')).toBe(false);
    expect(f.slots[0]!.date).toBe('2031-01-02');
  });

  it('continuity: November generated alone from October equals the quarter generated at once', async () => {
    const other = await bureau();
    await x(other, ['roster', 'generate', '--month', '2026-10']);
    await x(other, ['roster', 'generate', '--month', '2026-11']);
    expect(roster(other, '2026-11').slots).toEqual(roster(root, '2026-11').slots);
  });

  it('balance: spread ≤ 1 over the quarter', async () => {
    const b = await x(root, ['roster', 'balance', '--quarter', '2026Q4', '--json']);
    expect(b.code).toBe(0);
    const doc = JSON.parse(b.stdout);
    expect(doc.rules[0].spread).toBeLessThanOrEqual(1);
    const total = doc.rules[0].leaders.reduce((n: number, l: { days: number }) => n + l.days, 0);
    expect(total).toBe(cal.workdaysIn('2026-10-01', '2026-12-31').length);
  });
});

describe('roster set / swap / check', () => {
  it('overrides are marked, refused when the leader is away or busy, survive --force; check flags an override on an away day', async () => {
    const root = await bureau();
    await x(root, ['roster', 'generate', '--month', '2026-12']);
    const f0 = roster(root, '2026-12');
    const d1 = '2026-12-08';
    const d2 = '2026-12-10';
    const l1 = f0.slots.find((s) => s.date === d1)!.leader;
    const l2 = f0.slots.find((s) => s.date === d2)!.leader;
    const other = ['L01', 'L02', 'L03', 'L04', 'L05'].find((l) => l !== l1 && l !== l2)!;

    const set = await x(root, ['roster', 'set', d1, '--leader', other, '--reason', '原定领导开会', '--by', '排班员']);
    expect(set.code, set.stderr).toBe(0);
    expect(commits(root)[0]!.subject).toContain(`调整接访排班 ${d1}`);
    const sw = await x(root, ['roster', 'swap', d2, '2026-12-14']);
    expect(sw.code, sw.stderr).toBe(0);
    const l3 = f0.slots.find((s) => s.date === '2026-12-14')!.leader;

    const f1 = roster(root, '2026-12');
    expect(f1.slots.find((s) => s.date === d1)).toMatchObject({ leader: other, override: { reason: '原定领导开会', by: '排班员' } });
    expect(f1.slots.find((s) => s.date === d2)).toMatchObject({ leader: l3, override: { reason: '与 2026-12-14 对调' } });
    expect(f1.slots.find((s) => s.date === '2026-12-14')).toMatchObject({ leader: l2 });

    // refusals write nothing
    const n = commits(root).length;
    await x(root, ['leader', 'away', 'L05', '--from', '2026-12-21', '--to', '2026-12-23', '--reason', '学习']);
    const away = await x(root, ['roster', 'set', '2026-12-22', '--leader', 'L05']);
    expect(away.code).toBe(2);
    expect(away.stderr).toContain('外出');
    const rest = await x(root, ['roster', 'set', '2026-12-26', '--leader', 'L01', '--rule', '局领导轮流接待']);
    expect(rest.code).toBe(2);
    expect(rest.stderr).toContain('休息日');
    const unknownRule = await x(root, ['roster', 'set', d1, '--leader', 'L01', '--rule', '不存在']);
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stderr).toContain('--rule');
    expect(commits(root).length).toBe(n + 1); // only the `leader away`

    // --force keeps the hand-set slots; L05's generated days while away are moved
    const g = await x(root, ['roster', 'generate', '--month', '2026-12', '--force']);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toContain('保留手工调整 3 个'); // one set, two swapped
    const f2 = roster(root, '2026-12');
    expect(f2.slots.find((s) => s.date === d1)).toMatchObject({ leader: other, override: { reason: '原定领导开会' } });
    expect(f2.slots.find((s) => s.date === d2)).toMatchObject({ leader: l3 });
    expect(f2.slots.filter((s) => s.leader === 'L05' && s.date >= '2026-12-21' && s.date <= '2026-12-23')).toEqual([]);
    expect(f2.slots.map((s) => s.date)).toEqual(cal.workdaysIn('2026-12-01', '2026-12-31'));

    const ok = await x(root, ['check']);
    expect(ok.code, ok.stdout).toBe(0);
    // An absence registered after the override: check flags it (exit 1).
    await x(root, ['leader', 'away', other, '--from', d1, '--to', d1, '--reason', '出差']);
    const bad = await x(root, ['check', '--json']);
    expect(bad.code).toBe(1);
    const probs = JSON.parse(bad.stdout).problems;
    expect(probs).toEqual([expect.objectContaining({ code: 'roster-override-away', file: 'rosters/2026-12.yaml' })]);
    expect(probs[0].line).toBeGreaterThan(1);
  });
});

describe('roster publish', () => {
  let root: string;
  beforeAll(async () => {
    root = await bureau();
    await x(root, ['roster', 'generate', '--month', '2026-12']);
  });

  it('html: the 公示 page with title, issuer, date, leaders, 职务, 接待范围, place, mode, booking', async () => {
    const out = join(tempDir(), 'notice.html');
    const r = await x(root, ['roster', 'publish', '--month', '2026-12', '--format', 'html', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('民政局领导干部接待群众来访安排表');
    expect(html).toContain('民政局信访工作领导小组办公室');
    expect(html).toContain('2026年11月25日');
    expect(html).toContain('@page');
    for (const [name, title, , portfolio] of BUREAU) {
      expect(html).toContain(name);
      expect(html).toContain(title);
      expect(html).toContain(portfolio);
    }
    expect(html).toContain('局信访接待室');
    expect(html).toContain('定点接访');
    expect(html).toContain('预约');
    expect((html.match(/<tr/g) ?? []).length - 1).toBe(cal.workdaysIn('2026-12-01', '2026-12-31').length);
  });

  it('ics: CRLF, lines ≤ 75 octets, one VEVENT per slot with a stable unique UID', async () => {
    const r = await x(root, ['roster', 'publish', '--month', '2026-12', '--format', 'ics']);
    expect(r.code).toBe(0);
    const ics = r.stdout;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // long Chinese lines were folded
    // unfolding restores the text without broken characters
    const unfolded = ics.replace(/\r\n /g, '').split('\r\n');
    expect(unfolded.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(cal.workdaysIn('2026-12-01', '2026-12-31').length);
    expect(unfolded).toContain('DTSTART;TZID=Asia/Shanghai:20261201T083000');
    expect(unfolded).toContain('DTEND;TZID=Asia/Shanghai:20261201T173000');
    expect(unfolded.some((l) => l.startsWith('SUMMARY:定点接访：'))).toBe(true);
    expect(unfolded).toContain('TZID:Asia/Shanghai');
    const uids = unfolded.filter((l) => l.startsWith('UID:'));
    expect(new Set(uids).size).toBe(uids.length);
    // a swap changes the leaders, not the UIDs
    await x(root, ['roster', 'swap', '2026-12-01', '2026-12-02']);
    const again = (await x(root, ['roster', 'publish', '--month', '2026-12', '--format', 'ics'])).stdout.replace(/\r\n /g, '').split('\r\n');
    expect(again.filter((l) => l.startsWith('UID:'))).toEqual(uids);
  });

  it('text and md; an office template overrides ours; --template FILE overrides both', async () => {
    const t = await x(root, ['roster', 'publish', '--month', '2026-12']);
    expect(t.stdout).toContain('12月1日（星期二）08:30-17:30');
    const md = await x(root, ['roster', 'publish', '--month', '2026-12', '--format', 'md']);
    expect(md.stdout).toContain('| 日期 | 星期 | 时间 | 接访领导 | 职务 | 接待范围 | 地点 | 方式 |');
    mkdirSync(join(root, 'templates'), { recursive: true });
    writeFileSync(join(root, 'templates', 'roster.text.liquid'), '本单位模板 {{ month_zh }}{% for r in rows %}|{{ r.leader }}{% endfor %}\n');
    const own = await x(root, ['roster', 'publish', '--month', '2026-12']);
    expect(own.stdout.startsWith('本单位模板 2026年12月|')).toBe(true);
    const file = join(tempDir(), 'mine.liquid');
    writeFileSync(file, '指定模板 {{ rows.size }}\n');
    const opt = await x(root, ['roster', 'publish', '--month', '2026-12', '--template', file]);
    expect(opt.stdout).toBe(`指定模板 ${cal.workdaysIn('2026-12-01', '2026-12-31').length}\n`);
    const bad = await x(root, ['roster', 'publish', '--month', '2026-12', '--format', 'pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format');
  });
});

describe('roster remind / held', () => {
  it('remind lists the next days with a notice per leader; held records a kept day', async () => {
    const root = await bureau();
    await x(root, ['roster', 'generate', '--month', '2026-11']);
    await x(root, ['roster', 'generate', '--month', '2026-12']);
    const r = await x(root, ['roster', 'remind', '--days', '5', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.from).toBe('2026-11-25');
    expect(doc.to).toBe('2026-11-30');
    const dates = doc.reminders.flatMap((x: { slots: { date: string }[] }) => x.slots.map((s) => s.date)).sort();
    expect(dates).toEqual(cal.workdaysIn('2026-11-25', '2026-11-30'));
    for (const rem of doc.reminders) {
      expect(rem.text).toContain(`${rem.leader.name}同志`);
      expect(rem.text).toContain('局信访接待室');
    }

    const nov = roster(root, '2026-11');
    const s = nov.slots.find((x) => x.date === '2026-11-24')!;
    const future = await x(root, ['roster', 'held', '2026-11-26', '--leader', s.leader]);
    expect(future.code).toBe(2);
    const wrong = ['L01', 'L02', 'L03', 'L04', 'L05'].find((l) => l !== s.leader)!;
    const notScheduled = await x(root, ['roster', 'held', '2026-11-24', '--leader', wrong]);
    expect(notScheduled.code).toBe(2);
    expect(notScheduled.stderr).toContain('排班中没有');
    const ok = await x(root, ['roster', 'held', '2026-11-24', '--leader', s.leader, '--visitors', '0']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(roster(root, '2026-11').held).toEqual([expect.objectContaining({ date: '2026-11-24', leader: s.leader, visitors: 0 })]);
    // --force keeps the held days
    await x(root, ['roster', 'generate', '--month', '2026-11', '--force']);
    expect(roster(root, '2026-11').held).toHaveLength(1);
  });
});

describe('check: schedule rules', () => {
  it('flags `on` where it has no meaning, naming the line', async () => {
    const root = await bureau();
    const f = join(root, 'xinfang.yaml');
    const text = readFileSync(f, 'utf8').replace("      kind: daily\n", "      kind: daily\n      on:\n        day: 5\n");
    expect(text).toContain('day: 5');
    writeFileSync(f, text);
    const r = await x(root, ['check', '--json']);
    expect(r.code).toBe(1);
    const p = JSON.parse(r.stdout).problems;
    expect(p).toEqual([expect.objectContaining({ code: 'rule-on', file: 'xinfang.yaml' })]);
    expect(text.split('\n')[p[0].line - 1]).toContain('on:');
  });
});
