// Escape sequences, control characters and bidi overrides in ledger data never reach the
// terminal (src/cli/safe.ts through Ctx.out/warn, table cells and main's error messages);
// the text around them is kept. --json keeps the data exactly, with what a terminal would
// act on written as \uXXXX.
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../helpers/index.js';
import { buildOutputFixture, ESC, type OutputFixture } from './output-fixture.js';

let fx: OutputFixture;
beforeAll(async () => {
  fx = await buildOutputFixture();
}, 120_000);

const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

async function clean(args: string[]) {
  const r = await runIn(args, { cwd: fx.root });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout, args.join(' ')).not.toMatch(UNSAFE);
  expect(r.stderr, args.join(' ')).not.toMatch(UNSAFE);
  expect(r.stdout).not.toContain('[2J'); // the sequence is gone, not only its ESC
  expect(r.stdout).not.toContain('窗口标题'); // an OSC's text is part of the sequence
  return r.stdout;
}

describe('terminal output of ledger text', () => {
  it('case list and case show: a petitioner named with escape sequences and bidi overrides', async () => {
    const list = await clean(['case', 'list']);
    expect(list).toContain('张三红反向隔离');
    const show = await clean(['case', 'show', fx.ids.A]);
    expect(show).toContain('张三红反向隔离');
  });

  it('the leader in roster show, leader list, report tables and the text notice', async () => {
    for (const args of [
      ['roster', 'show', '--month', '2026-11'],
      ['leader', 'list'],
      ['report', 'register', '--quarter', '2026Q4'],
      ['report', 'stats', '--quarter', '2026Q4', '--by', 'leader,owner'],
      ['roster', 'publish', '--month', '2026-11'],
      ['roster', 'publish', '--month', '2026-11', '--format', 'md'],
    ])
      await clean(args);
  });

  it('an error message quoting a name from the ledger', async () => {
    const r = await runIn(['leader', 'add', '--name', `张志强${ESC}`, '--title', 'x', '--role', 'member'], { cwd: fx.root });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBe(3);
    expect(r.stderr).not.toMatch(UNSAFE);
  });

  it('--json keeps the exact text, with nothing a terminal acts on', async () => {
    const r = await runIn(['--json', 'case', 'show', fx.ids.A], { cwd: fx.root });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(UNSAFE);
    expect(JSON.parse(r.stdout).petitioners[0].name).toBe(`张三${ESC}`);
    const l = await runIn(['--json', 'case', 'list'], { cwd: fx.root });
    expect(l.stdout).not.toMatch(UNSAFE);
    expect(JSON.parse(l.stdout).cases[0].petitioners[0].name).toBe(`张三${ESC}`);
  });
});
