// The validated cache of the office's files (src/ledger/readcache.ts), through the built CLI:
// a command keeps xinfang.yaml & co. validated in .xinfang/cache/ and uses an entry only for
// the very same text written by the very same build, with a value that matches its checksum.
// A hand edit, a git checkout, a damaged or altered entry or one from another build are seen
// by the next command, which prints exactly what the CLI without the cache prints
// (XINFANG_NO_BUNDLE=1 runs tsc's dist/, which has no build id and never caches). Writes use
// an intact entry too, never an altered one; check reads the files themselves.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, git, newLedger, run, TEAM } from '../helpers/index.js';
import { checksum } from '../../src/ledger/readcache.js';

let root = '';
const CACHE = () => join(root, '.xinfang', 'cache');
const CONFIG_ENTRY = () => join(CACHE(), 'config~xinfang.yaml.json');
const LEADERS_ENTRY = () => join(CACHE(), 'leaders~leaders.yaml.json');
const DUTY = ['roster', 'duty', '--date', '2026-11-25'];

const cli = (args: string[]) => run(args, { cwd: root });
/** The same command line without the cache (tsc's dist/, no bundle, no build id). */
const plain = (args: string[]) => run(args, { cwd: root, env: { XINFANG_NO_BUNDLE: '1' } });

function entry(path: string): { build: string; kind: string; rel: string; text: string; value: Record<string, unknown>; sum: string } {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function editConfig(from: string, to: string): void {
  const f = join(root, 'xinfang.yaml');
  const text = readFileSync(f, 'utf8');
  expect(text).toContain(from);
  writeFileSync(f, text.replace(from, to));
}

/** The first place's name as xinfang.yaml has it. */
function placeName(): string {
  return /places:\n\s+- id: \S+\n\s+name: (.+)\n/.exec(readFileSync(join(root, 'xinfang.yaml'), 'utf8'))![1]!;
}

beforeAll(async () => {
  ensureBuilt();
  root = await newLedger({ leaders: TEAM });
  const g = cli(['roster', 'generate', '--month', '2026-11']);
  expect(g.stderr).toBe('');
  expect(g.code).toBe(0);
}, 120_000);

describe('the validated cache of xinfang.yaml and the other office files', () => {
  it('a read-only command writes it; the next one uses it, only for the same text and build', () => {
    const first = cli(DUTY);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(plain(DUTY).stdout);
    expect(first.stdout).toContain(placeName());
    const e = entry(CONFIG_ENTRY());
    expect(e.text).toBe(readFileSync(join(root, 'xinfang.yaml'), 'utf8'));
    expect(e.kind).toBe('config');
    expect(existsSync(LEADERS_ENTRY())).toBe(true);
    expect(existsSync(join(CACHE(), 'roster~rosters~2026-11.yaml.json'))).toBe(true);

    // Proof that the entry is what the command reads: a value changed in it (with its
    // checksum) shows; changed without it (damage), it is not used.
    const places = e.value.places as { name: string }[];
    places[0]!.name = '只在缓存中的地点';
    writeFileSync(CONFIG_ENTRY(), JSON.stringify(e));
    expect(cli(DUTY).stdout).toBe(first.stdout);
    writeFileSync(CONFIG_ENTRY(), JSON.stringify({ ...e, sum: checksum(JSON.stringify(e.value)) }));
    expect(cli(DUTY).stdout).toContain('只在缓存中的地点');

    // Written by another build: not used, validated again and written anew.
    writeFileSync(CONFIG_ENTRY(), JSON.stringify({ ...e, build: 'another-build' }));
    const other = cli(DUTY);
    expect(other.stdout).toBe(first.stdout);
    expect(entry(CONFIG_ENTRY()).build).not.toBe('another-build');
    expect((entry(CONFIG_ENTRY()).value.places as { name: string }[])[0]!.name).toBe(placeName());
  });

  it('a hand edit of xinfang.yaml is seen by the next command', () => {
    cli(DUTY);
    const old = placeName();
    editConfig(`name: ${old}`, 'name: 镇信访接待大厅');
    const r = cli(DUTY);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('镇信访接待大厅');
    expect(r.stdout).not.toContain(old);
    expect(r.stdout).toBe(plain(DUTY).stdout);
    editConfig('name: 镇信访接待大厅', `name: ${old}`);
    expect(cli(DUTY).stdout).toContain(old);
  });

  it('a bad hand edit gives the same Chinese message and exit code as without the cache', () => {
    cli(DUTY); // a good entry for the good text
    for (const [from, to] of [
      ['code: QS', 'code: qs'], // not allowed by the schema
      ['version: 1', 'version: 1\nversion: 1'], // a YAML error (a key twice)
    ] as const) {
      editConfig(from, to);
      const bad = cli(DUTY);
      const ref = plain(DUTY);
      expect(bad.code).toBe(2);
      expect(ref.code).toBe(2);
      expect(bad.stderr).toBe(ref.stderr);
      expect(bad.stderr).toContain('xinfang.yaml');
      expect(bad.stdout).toBe('');
      // Also as JSON, and for another read-only command.
      expect(cli([...DUTY, '--json']).stderr).toBe(plain([...DUTY, '--json']).stderr);
      expect(cli(['leader', 'list']).stderr).toBe(plain(['leader', 'list']).stderr);
      editConfig(to, from);
      expect(cli(DUTY).code).toBe(0);
    }
  });

  it('a git checkout that changes xinfang.yaml is seen by the next command', () => {
    const old = placeName();
    editConfig(`name: ${old}`, 'name: 县信访局二楼接访室');
    git(root, ['commit', '-qam', '改接访地点']);
    expect(cli(DUTY).stdout).toContain('县信访局二楼接访室');
    git(root, ['checkout', '-q', 'HEAD~1', '--', 'xinfang.yaml']);
    const r = cli(DUTY);
    expect(r.stdout).toContain(old);
    expect(r.stdout).not.toContain('县信访局二楼接访室');
    git(root, ['checkout', '-q', 'HEAD', '--', 'xinfang.yaml']);
    expect(cli(DUTY).stdout).toContain('县信访局二楼接访室');
  });

  it('a damaged or emptied entry is validated again and written anew', () => {
    const good = cli(DUTY).stdout;
    for (const junk of ['{"build":', '', 'null', '[]', '{"build":1,"text":2}']) {
      writeFileSync(CONFIG_ENTRY(), junk);
      writeFileSync(LEADERS_ENTRY(), junk);
      const r = cli(DUTY);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(good);
      expect(entry(CONFIG_ENTRY()).text).toBe(readFileSync(join(root, 'xinfang.yaml'), 'utf8'));
      expect(entry(LEADERS_ENTRY()).kind).toBe('leaders');
    }
  });

  it('a write never takes an altered entry: leader add keeps the names of leaders.yaml', () => {
    cli(DUTY);
    const e = entry(LEADERS_ENTRY());
    (e.value.leaders as { name: string }[])[0]!.name = '缓存里的名字';
    writeFileSync(LEADERS_ENTRY(), JSON.stringify(e));
    const r = cli(['leader', 'add', '--name', '李明', '--title', '副乡长', '--role', 'member']);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(root, 'leaders.yaml'), 'utf8');
    expect(text).toContain('王建国');
    expect(text).toContain('李明');
    expect(text).not.toContain('缓存里的名字');
    // and check reads the files themselves
    expect(cli(['check']).stdout).not.toContain('缓存里的名字');
  });

  it('only .xinfang/cache/ is written, and the case show of a read-only command matches the uncached CLI', () => {
    const v = cli(['visit', 'add', '--no-input', '--name', '赵六', '--phone', '13900001111', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '申请临时救助']);
    expect(v.code, v.stderr).toBe(0);
    const id = /QS-2026-A\d{4}/.exec(v.stdout)![0];
    for (const args of [['case', 'show', id], ['case', 'show', id, '--json'], ['leader', 'list'], ['roster', 'show', '--month', '2026-11'], [...DUTY, '--json']]) {
      const a = cli(args);
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toBe(plain(args).stdout);
    }
    expect(readdirSync(CACHE()).some((f) => f.startsWith('taxonomy~'))).toBe(true);
    expect(git(root, ['status', '--porcelain'])).toBe('');
  });
});
