// The input layer, item by item: each finding of the probe ("nothing half-written, nothing
// leaked") reproduced against a real ledger. What used to be an internal error, a silently
// rewritten value or a clean check is now exit 2 naming the option — with the ledger exactly
// as before (files, git HEAD, git status) — or a problem reported by `xinfang check`.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, runIn, tempDir } from '../helpers/index.js';
import { changes, inputLedger, snapshot } from './input-fixture.js';

let root = '';
let pristine = '';
let cwd = '';

beforeAll(async () => {
  pristine = await inputLedger();
  cwd = tempDir();
  writeFileSync(join(cwd, 'a.txt'), '附件\n');
}, 60_000);

/** A fresh copy of the fixture ledger for tests that damage it. */
function fresh(): string {
  const dir = join(tempDir(), 'ledger');
  git(tempDir(), ['clone', '-q', pristine, dir]);
  mkdirSync(join(dir, '.xinfang'), { recursive: true });
  writeFileSync(join(dir, '.xinfang', 'station'), 'A\n');
  return dir;
}

const x = (args: string[], env: Record<string, string> = {}) => runIn(args, { cwd, env: { XINFANG_LEDGER: root, ...env } });

/** Runs a command that must be refused (exit 2, the message naming `names`), and checks that nothing changed. */
async function refused(args: string[], names: (string | RegExp)[], env: Record<string, string> = {}) {
  const before = snapshot(root);
  const r = await x(args, env);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stderr).not.toContain('内部错误');
  for (const n of names) expect(r.stderr).toMatch(n);
  expect(changes(before, snapshot(root))).toEqual([]);
  return r;
}

const VISIT = ['visit', 'add', '--name', '张三', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '测试诉求', '--leader', 'L01'];

async function checkProblems(strict = false): Promise<{ code: string; file: string; line: number; message: string }[]> {
  const r = await x(['check', '--json', ...(strict ? ['--strict'] : [])]);
  expect(r.code, r.stderr).not.toBe(3);
  return (JSON.parse(r.stdout) as { problems: { code: string; file: string; line: number; message: string }[] }).problems;
}

describe('years outside 1900–2100 are refused everywhere', () => {
  beforeAll(() => {
    root = fresh();
  });
  it('visit add --date 0026-11-20 / 0099-12-31 no longer registers a 1926 or 1999 case', async () => {
    for (const d of ['0026-11-20', '0099-12-31', '1899-12-31', '2101-01-01']) await refused([...VISIT.slice(0, 2), '--date', d, ...VISIT.slice(2)], ['--date', '1900 到 2100']);
    await refused([...VISIT, '--at', '0026-11-20 10:00'], ['--at', '1900 到 2100']);
    expect(readdirSync(join(root, 'cases'))).toEqual(['2026']);
    expect((await checkProblems(true)).length).toBe(0);
  });
  it('dates, months, quarters and years of every kind of command', async () => {
    await refused(['roster', 'show', '--month', '0026-11'], ['--month', '1900 到 2100']);
    await refused(['roster', 'generate', '--quarter', '9999Q4'], ['--quarter']);
    await refused(['report', 'stats', '--from', '0000-01-01', '--to', '2026-12-31'], ['--from']);
    await refused(['leader', 'away', 'L01', '--from', '0026-01-01', '--to', '2026-01-02'], ['--from']);
    await refused(['case', 'handle', 'A0001', '--disposition', 'promised', '--facts', '属实', '--promise-by', '9999-01-01'], ['--promise-by']);
    await refused(['case', 'transfer', 'A0002', '--unit', '司法所', '--due', '0026-12-01'], ['--due']);
    await refused(['roster', 'set', '0026-11-25', '--leader', 'L01'], ['DATE']);
    await refused(['calendar', 'show', '--year', '1899'], ['--year']);
    await refused(['case', 'appoint', 'A0001', '--date', '2101-01-05'], ['--date']);
  });
  it('XINFANG_NOW: outside the years, or outside 1970–2099 (git dates no commit outside them)', async () => {
    for (const now of ['0026-11-25', '9999-12-31', '1969-12-31', '1950-06-01T10:00:00+08:00', '2100-01-01', 'garbage']) await refused(VISIT, ['XINFANG_NOW'], { XINFANG_NOW: now });
    await refused([...VISIT, '--date', '1950-06-01'], ['--date', '1970']);
  });
  it('XINFANG_NOW=1970-01-01 registers (it was an internal error in ulid)', async () => {
    const r = await x(VISIT, { XINFANG_NOW: '1970-01-01' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('QS-1970-A0001');
  });
});

describe('folders for a new ledger', () => {
  it('init and demo refuse a file, /proc and /sys (Node would spin for ever making /proc/x)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f.txt'), 'x');
    for (const d of [join(dir, 'f.txt'), join(dir, 'f.txt', 'x'), '/proc/xinfang-test', '/sys/kernel/xinfang-test']) {
      const r = await runIn(['init', d, '--unit', '青山乡', '--code', 'QS'], { cwd: dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('DIR');
      const demo = await runIn(['demo', d], { cwd: dir });
      expect(demo.code, demo.stderr).toBe(2);
    }
    expect(readdirSync(dir)).toEqual(['f.txt']);
  });
  it('demo refuses a day its sample cannot be dated around', async () => {
    const dir = tempDir();
    for (const now of ['1975-06-01', '2099-12-01']) {
      const r = await runIn(['demo', join(dir, 'demo')], { cwd: dir, env: { XINFANG_NOW: now } });
      expect(r.code, r.stderr).toBe(2);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('attachment names are checked before anything is written', () => {
  beforeAll(() => {
    root = fresh();
  });
  it('.git in every spelling, . and .., a path, a control character, 300 characters: exit 2, nothing attached', async () => {
    for (const name of ['.git', '.GIT', '.git.', '.Git ', 'GIT~1', '.gitignore', '.gitattributes', '..', '.', 'a/b', 'a\\b', 'x\x1by', 'NUL', 'a'.repeat(300), '张'.repeat(100)]) {
      await refused(['case', 'attach', 'A0001', join(cwd, 'a.txt'), '--kind', '材料', '--name', name], ['--name']);
    }
    expect(existsSync(join(root, 'attachments'))).toBe(false);
    expect(readFileSync(join(root, 'cases/2026/QS-2026-A0001.yaml'), 'utf8')).not.toContain('type: attach');
  });
  it('a file whose own name is reserved is refused too, and --name gives it another', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.gitignore'), '*\n');
    await refused(['case', 'attach', 'A0001', join(dir, '.gitignore'), '--kind', '材料'], ['FILE', '--name']);
    const r = await x(['case', 'attach', 'A0001', join(dir, '.gitignore'), '--kind', '材料', '--name', '忽略规则.txt']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(root, 'attachments/QS-2026-A0001/忽略规则.txt'))).toBe(true);
  });
});

describe('long-running or crashing periods and unwritable -o', () => {
  beforeAll(() => {
    root = fresh();
  });
  it('report stats --quarter 0000Q1 / 9999Q4 are refused at once', async () => {
    const t = Date.now();
    await refused(['report', 'stats', '--quarter', '0000Q1'], ['--quarter', '1900 到 2100']);
    await refused(['report', 'stats', '--quarter', '9999Q4'], ['--quarter']);
    expect(Date.now() - t).toBeLessThan(5000);
  });
  it('the widest allowed period still answers', async () => {
    const r = await x(['report', 'stats', '--from', '1900-01-01', '--to', '2100-12-31', '--json']);
    expect(r.code, r.stderr).toBe(0);
  });
  it('-o that cannot be written: exit 2 naming -o (missing folder, a folder, /proc, a device)', async () => {
    for (const o of ['/proc/version', join(cwd, 'nope', 'x.md'), cwd, '/dev/null', '/proc/self/x.md']) {
      await refused(['report', 'stats', '--quarter', '2026Q4', '--format', 'md', '-o', o], ['-o']);
      await refused(['roster', 'publish', '--month', '2026-11', '-o', o], ['-o']);
    }
    await refused(['case', 'notice', 'A0001', '--kind', 'accept', '-o', '/proc/version'], ['-o']);
  });
  it.skipIf(process.getuid?.() === 0)('-o in a folder without write permission', async () => {
    const ro = join(tempDir(), 'ro');
    mkdirSync(ro, { mode: 0o555 });
    await refused(['report', 'stats', '--quarter', '2026Q4', '--format', 'md', '-o', join(ro, 'x.md')], ['-o', '写入权限']);
  });
});

describe('a folder named like a case file', () => {
  beforeAll(() => {
    root = fresh();
    mkdirSync(join(root, 'cases/2026/QS-2026-A0009.yaml'));
  });
  const COMMANDS = [
    ['case', 'list'],
    ['case', 'show', 'QS-2026-A0009'],
    ['case', 'show', 'A0001'],
    ['case', 'accept', 'QS-2026-A0009'],
    ['due'],
    ['report', 'stats', '--quarter', '2026Q4'],
    ['report', 'register', '--quarter', '2026Q4'],
    ['roster', 'brief', '--date', '2026-11-25', '--leader', 'L01'],
    ['reindex'],
    ['visit', 'add', '--case', 'QS-2026-A0009', '--name', '张三'],
  ];
  it('is a file problem (exit 2, file:line) for every command, with and without the index', async () => {
    for (const index of ['on', 'off']) {
      const saved = process.env.XINFANG_INDEX;
      if (index === 'off') process.env.XINFANG_INDEX = 'off';
      try {
        for (const c of COMMANDS) await refused(c, ['cases/2026/QS-2026-A0009.yaml:1']);
      } finally {
        if (saved === undefined) delete process.env.XINFANG_INDEX;
        else process.env.XINFANG_INDEX = saved;
      }
    }
  });
  it('and a problem of check', async () => {
    const p = await checkProblems();
    expect(p).toContainEqual(expect.objectContaining({ file: 'cases/2026/QS-2026-A0009.yaml', line: 1, message: expect.stringContaining('文件夹') }));
  });
});

describe('case list with long names', () => {
  beforeAll(() => {
    root = fresh();
  });
  it('stays fast with a 16,000-character name written by hand, and check reports the name', async () => {
    const f = join(root, 'cases/2026/QS-2026-A0002.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/(petitioners:\n {2}- name: )\S+/, `$1${'张'.repeat(16_000)}`));
    const t = Date.now();
    const r = await x(['case', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t).toBeLessThan(3000);
    expect(await checkProblems()).toContainEqual(expect.objectContaining({ code: 'case-field-limit', file: 'cases/2026/QS-2026-A0002.yaml', message: expect.stringContaining('不能超过 50 个字') }));
  });
  it('a name over 50 characters is refused at registration', async () => {
    await refused(['visit', 'add', '--name', '张'.repeat(51), ...VISIT.slice(4)], ['--name', '50']);
  });
});

describe('check catches damage it used to pass', () => {
  it('an impossible date inside an instant (received_at: 2026-02-30T…)', async () => {
    root = fresh();
    const f = join(root, 'cases/2026/QS-2026-A0001.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^received_at: 2026-11-20/m, 'received_at: 2026-02-30'));
    const p = await checkProblems();
    expect(p).toContainEqual(expect.objectContaining({ file: 'cases/2026/QS-2026-A0001.yaml', line: 2, message: expect.stringContaining('received_at') }));
    await refused(['case', 'show', 'A0001'], ['QS-2026-A0001.yaml:2']);
  });
  it('bytes that are not UTF-8 (no longer read as U+FFFD and written back)', async () => {
    root = fresh();
    const f = join(root, 'cases/2026/QS-2026-A0001.yaml');
    const b = readFileSync(f);
    const at = b.indexOf('summary:');
    writeFileSync(f, Buffer.concat([b.subarray(0, at + 10), Buffer.from([0xd5, 0xc5, 0xff]), b.subarray(at + 10)]));
    const line = b.subarray(0, at).toString('utf8').split('\n').length;
    const p = await checkProblems();
    expect(p).toContainEqual(expect.objectContaining({ file: 'cases/2026/QS-2026-A0001.yaml', line, message: expect.stringContaining('UTF-8') }));
    await refused(['case', 'show', 'A0001'], ['UTF-8']);
    await refused(['case', 'accept', 'A0001'], ['UTF-8']);
    for (const office of ['leaders.yaml', 'xinfang.yaml']) {
      const g = join(root, office);
      const text = readFileSync(g);
      writeFileSync(g, Buffer.concat([text, Buffer.from('# \xff\n', 'latin1')]));
      expect(await checkProblems()).toContainEqual(expect.objectContaining({ file: office, message: expect.stringContaining('UTF-8') }));
      writeFileSync(g, text);
    }
  });
  it('leaders.yaml deleted while rosters and cases name L01–L04', async () => {
    root = fresh();
    rmSync(join(root, 'leaders.yaml'));
    const p = await checkProblems(true);
    expect(p).toContainEqual(expect.objectContaining({ code: 'office-file-missing', file: 'leaders.yaml', message: expect.stringMatching(/L01.*L02/) }));
    // Read commands do not crash on the dangling ids either.
    for (const c of [['roster', 'brief', '--date', '2026-11-25'], ['roster', 'show', '--month', '2026-11'], ['case', 'list'], ['due'], ['report', 'stats', '--quarter', '2026Q4']]) {
      const r = await x(c);
      expect(r.code, `${c.join(' ')}\n${r.stderr}`).not.toBe(3);
    }
    rmSync(join(root, 'units.yaml'));
    expect(await checkProblems()).toContainEqual(expect.objectContaining({ code: 'office-file-missing', file: 'units.yaml', message: expect.stringContaining('U01') }));
  });
  it('a case whose id differs from its file name: check reports it, commands name the file', async () => {
    root = fresh();
    const f = join(root, 'cases/2026/QS-2026-A0003.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^id: QS-2026-A0003$/m, 'id: QS-2026-A0030'));
    expect(await checkProblems()).toContainEqual(expect.objectContaining({ code: 'case-id-mismatch', file: 'cases/2026/QS-2026-A0003.yaml', line: 1 }));
    const r = await refused(['case', 'supervise', 'QS-2026-A0030', '--form', 'phone', '--note', '催办'], ['cases/2026/QS-2026-A0003.yaml']);
    expect(r.stderr).not.toContain('没有案件 QS');
    await refused(['case', 'supervise', 'QS-2026-A0003', '--form', 'phone', '--note', '催办'], ['QS-2026-A0003.yaml:1']);
    // Renamed into place, it is a case again.
    renameSync(f, join(root, 'cases/2026/QS-2026-A0030.yaml'));
    expect(await checkProblems()).toEqual([]);
  });
});

describe('one set of limits for every field, in every command', () => {
  beforeAll(() => {
    root = fresh();
  });
  it('people: 1–10,000 in visit add and in case correct alike', async () => {
    await refused([...VISIT, '--people', '10001'], ['--people', '10000']);
    await refused(['case', 'correct', 'A0001', '--field', 'people', '--value', '1000000000', '--reason', '核对'], ['--value', '10000']);
    await refused(['case', 'correct', 'A0001', '--field', 'people', '--value', '-3', '--reason', '核对'], ['--value']);
    await refused(['roster', 'held', '2026-11-24', '--leader', 'L01', '--visitors', '10001'], ['--visitors']);
    const r = await x(['case', 'correct', 'A0001', '--field', 'people', '--value', '10000', '--reason', '核对']);
    expect(r.code, r.stderr).toBe(0);
  });
  it('texts: the same limit whichever command (summary 2,000, names 50 …), 128 KB refused', async () => {
    await refused([...VISIT.slice(0, -4), '--summary', '诉'.repeat(2001), '--leader', 'L01'], ['--summary', '2000']);
    await refused([...VISIT.slice(0, -4), '--summary', 'x'.repeat(128 * 1024), '--leader', 'L01'], ['--summary']);
    await refused(['case', 'correct', 'A0001', '--field', 'summary', '--value', '诉'.repeat(2001), '--reason', '核对'], ['--value', '2000']);
    await refused(['case', 'accept', 'A0002', '--note', '说'.repeat(2001)], ['--note', '2000']);
    await refused(['case', 'supervise', 'A0001', '--form', 'phone', '--note', '说'.repeat(2001)], ['--note', '2000']);
    await refused(['leader', 'add', '--name', '王'.repeat(51), '--title', '副乡长', '--role', 'member'], ['--name', '50']);
    await refused(['unit', 'add', '--name', '单'.repeat(51)], ['--name', '50']);
    // 2,000 is allowed where the summary is
    const ok = await x(['case', 'accept', 'A0002', '--note', '说'.repeat(2000)]);
    expect(ok.code, ok.stderr).toBe(0);
  });
  it('names: no newlines or control characters', async () => {
    await refused(['visit', 'add', '--name', '张\n三', ...VISIT.slice(4)], ['--name']);
    await refused(['visit', 'add', '--name', '张\x1b[31m三', ...VISIT.slice(4)], ['--name']);
    await refused(['leader', 'add', '--name', '王\n五', '--title', '副乡长', '--role', 'member'], ['--name']);
    await refused(['leader', 'edit', 'L01', '--title', '书\r记'], ['--title']);
  });
  it('an empty value given explicitly is refused, never taken as the default', async () => {
    await refused([...VISIT.slice(0, -2), '--leader', ''], ['--leader', '不能为空']);
    await refused([...VISIT, '--date', ''], ['--date', '不能为空']);
    await refused(['case', 'list', '--status', ''], ['--status']);
    await refused(['roster', 'duty', '--date', ' '], ['--date']);
    await refused(['--by', '', ...VISIT], ['--by']);
  });
  it('places are those of xinfang.yaml', async () => {
    await refused([...VISIT, '--place', '../../etc'], ['--place', 'center']);
    await refused(['case', 'correct', 'A0001', '--field', 'place', '--value', '../../etc', '--reason', '核对'], ['--value']);
    const r = await x([...VISIT, '--place', '乡综治信访维稳中心接访室']);
    expect(r.code, r.stderr).toBe(0);
  });
  it("a petitioner's phone is not a service number", async () => {
    for (const phone of ['12345', '12345678', '95588', '110', '400-800-1234', '1234567']) await refused([...VISIT, '--phone', phone], ['--phone']);
    const r = await refused([...VISIT, '--phone', '12345'], ['服务热线']);
    expect(r.stderr).toContain('12345');
  });
});
