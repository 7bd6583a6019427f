// -o FILE and --format are checked before any work, with --json too (exit 2, nothing written).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIn, tempDir } from '../helpers/index.js';
import { buildFixture, type Fixture } from './reports-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 180_000);

const cli = (args: string[], root = fx.root) => runIn(['--ledger', root, ...args]);

describe('-o FILE', () => {
  it('into a folder that does not exist: exit 2 naming -o, nothing written, no folder made', async () => {
    const dir = tempDir();
    for (const args of [
      ['report', 'stats', '--quarter', '2026Q3', '--format', 'csv', '-o', join(dir, 'nope', 'x.csv')],
      ['report', 'register', '--quarter', '2026Q3', '--format', 'html', '-o', join(dir, 'nope', 'x.html')],
      ['report', 'summary', '--quarter', '2026Q3', '-o', join(dir, 'nope', 'x.txt')],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('-o');
      expect(r.stderr).toContain('不存在');
      expect(r.stdout).toBe('');
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('naming a folder: exit 2', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out'));
    const r = await cli(['report', 'stats', '--quarter', '2026Q3', '--format', 'csv', '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o');
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('an existing file in an existing folder is replaced', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.csv'), 'old');
    const r = await cli(['report', 'stats', '--quarter', '2026Q3', '--format', 'csv', '-o', join(dir, 'x.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'x.csv'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['x.csv']);
  });
});

describe('--json does not hide a bad option', () => {
  it('a bad --format is refused with --json too', async () => {
    const r = await cli(['--json', 'report', 'stats', '--quarter', '2026Q3', '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error.message).toContain('--format');
    const g = await cli(['--json', 'report', 'register', '--quarter', '2026Q3', '--format', 'pdf']);
    expect(g.code).toBe(2);
  });
});

