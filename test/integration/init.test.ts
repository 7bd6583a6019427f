// `xinfang init` on temp folders: the four presets, git, refusals that write nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Config, LeadersFile, UnitsFile } from '../../src/ledger/schema.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { commits, git, runIn, tempDir } from '../helpers/index.js';

const PRESETS = ['township', 'bureau', 'department', 'district'] as const;

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out[p] = readFileSync(join(root, p), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('init', () => {
  it.each(PRESETS)('preset %s writes valid files, one commit by the clerk, and the merge driver', async (preset) => {
    const dir = join(tempDir(), '台账');
    const r = await runIn(['init', dir, '--unit', '青山乡', '--code', 'qs', '--preset', preset, '--by', '建账员']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已建立台账：${dir}`);

    const config = readYaml(dir, 'xinfang.yaml', Config);
    expect(config.office).toMatchObject({ name: '青山乡', code: 'QS', preset });
    expect(config.schedule.rules.length).toBeGreaterThan(0);
    expect(config.duties).toHaveLength(5);
    expect(readYaml(dir, 'leaders.yaml', LeadersFile)).toEqual({ leaders: [] });
    expect(readYaml(dir, 'units.yaml', UnitsFile)).toEqual({ units: [] });

    expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toMatch(/^cases\/\*\*\/\*\.yaml merge=xinfang$/m);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.xinfang\/$/m);
    expect(readFileSync(join(dir, '.xinfang', 'station'), 'utf8').trim()).toBe('A');
    expect(git(dir, ['config', 'merge.xinfang.driver'])).toMatch(/bin\/xinfang\.js" merge-driver %O %A %B %P$/);

    const log = commits(dir);
    expect(log).toHaveLength(1);
    expect(log[0]!.author).toBe('建账员');
    expect(log[0]!.subject).toMatch(/^建立台账 青山乡/);
    expect(git(dir, ['ls-files']).split('\n').sort()).toEqual(['.gitattributes', '.gitignore', 'leaders.yaml', 'units.yaml', 'xinfang.yaml']);
    expect(git(dir, ['status', '--porcelain'])).toBe('');

    const check = await runIn(['check', '--strict', '--ledger', dir]);
    expect(check.code).toBe(0);
  });

  it('the presets differ as the seed says', async () => {
    const rules: Record<string, string[]> = {};
    for (const p of PRESETS) {
      const dir = join(tempDir(), p);
      expect((await runIn(['init', dir, '--unit', '某单位', '--code', 'AB', '--preset', p, '--no-git'])).code).toBe(0);
      rules[p] = readYaml(dir, 'xinfang.yaml', Config).schedule.rules.map((r) => r.kind);
    }
    expect(rules.bureau).toEqual(['daily']);
    expect(rules.department).toEqual(['weekly']);
    expect(rules.district).toEqual(['monthly', 'monthly', 'quarterly']);
    expect(rules.township).toEqual(expect.arrayContaining(['monthly', 'daily', 'weekly', 'quarterly']));
  });

  it('the clerk defaults to $XINFANG_CLERK; --station sets this clone’s letter', async () => {
    const dir = join(tempDir(), 'l');
    const r = await runIn(['init', dir, '--unit', '某局', '--code', 'MJ', '--preset', 'bureau', '--station', 'c'], { env: { XINFANG_CLERK: '李登记' } });
    expect(r.code).toBe(0);
    expect(commits(dir)[0]!.author).toBe('李登记');
    expect(readFileSync(join(dir, '.xinfang', 'station'), 'utf8').trim()).toBe('C');
  });

  it('init DIR when DIR is already a ledger refuses (exit 2) and changes nothing', async () => {
    const dir = join(tempDir(), 'l');
    expect((await runIn(['init', dir, '--unit', '青山乡', '--code', 'QS'])).code).toBe(0);
    const before = snapshot(dir);
    const r = await runIn(['init', dir, '--unit', '别的乡', '--code', 'BD', '--preset', 'district']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：.*已有台账文件.*不会覆盖/);
    expect(snapshot(dir)).toEqual(before);
    expect(commits(dir)).toHaveLength(1);
  });

  it('init with no DIR uses the working directory', async () => {
    const dir = tempDir();
    const r = await runIn(['init', '--unit', '青山乡', '--code', 'QS', '--no-git'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'xinfang.yaml'))).toBe(true);
  });

  it('--no-git makes no repository and no commit, but a valid ledger', async () => {
    const dir = join(tempDir(), 'l');
    const r = await runIn(['init', dir, '--unit', '青山乡', '--code', 'QS', '--no-git']);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.git'))).toBe(false);
    expect(existsSync(join(dir, 'xinfang.yaml'))).toBe(true);
    expect((await runIn(['check', '--ledger', dir])).code).toBe(0);
  });

  it.each([
    [['--code', 'Q'], '--code'],
    [['--code', '1AB'], '--code'],
    [['--code', 'QS-1'], '--code'],
    [['--code', 'QS', '--preset', 'village'], '--preset'],
    [['--code', 'QS', '--station', '12'], '--station'],
    [['--code', 'QS', '--station', '甲'], '--station'],
    [['--code', 'QS', '--unit', '  '], '--unit'],
  ])('bad input %j → exit 2 naming %s, and the folder is not created', async (args, field) => {
    const dir = join(tempDir(), 'new');
    const r = await runIn(['init', dir, '--unit', '青山乡', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(field);
    expect(r.stderr).toMatch(/^错误：/);
    expect(existsSync(dir)).toBe(false);
  });

  it('missing --unit and --code are both named', async () => {
    const dir = join(tempDir(), 'new');
    const r = await runIn(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('缺少必填项：--unit、--code');
    expect(existsSync(dir)).toBe(false);
  });

  it('an unknown preset lists the four presets', async () => {
    const r = await runIn(['init', join(tempDir(), 'x'), '--unit', '青山乡', '--code', 'QS', '--preset', 'city']);
    for (const p of PRESETS) expect(r.stderr).toContain(p);
  });

  it('refuses a folder that is a git repository with other files', async () => {
    const dir = tempDir();
    git(dir, ['init', '-q']);
    await import('node:fs').then((fs) => fs.writeFileSync(join(dir, 'notes.txt'), 'x'));
    const r = await runIn(['init', dir, '--unit', '青山乡', '--code', 'QS']);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'xinfang.yaml'))).toBe(false);
  });

  it('--json prints the root and files', async () => {
    const dir = join(tempDir(), 'l');
    const r = await runIn(['init', dir, '--unit', '青山乡', '--code', 'QS', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ root: dir, files: ['xinfang.yaml', 'leaders.yaml', 'units.yaml', '.gitignore', '.gitattributes'] });
  });
});
