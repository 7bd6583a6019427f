// Start-up (docs/dev/cli.md): src/cli/main.ts — the help texts (examples, topics) are loaded only when a command line may
// print a help; a command line that plainly names a leaf command and asks for no help does
// without them — and every help that is printed has them (help-clerk.test.ts checks their
// content through buildProgram; here through main(), as a clerk runs it).
import { describe, expect, it } from 'vitest';
import { buildProgram, main, mayShowHelp } from '../../src/cli/main.js';

const io = { cwd: '/', env: {}, stdout: () => {}, stderr: () => {}, isTTY: false };

async function printed(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, { ...io, stdout: (s) => void (out += s), stderr: (s) => void (out += s) });
  return { code, out };
}

describe('help texts loaded only when a help may be printed', () => {
  it('a leaf command without -h/--help needs none; groups, help, -h, unknown words do', async () => {
    const { cmd } = await buildProgram(io, { code: 0 }, undefined, { helpText: false });
    const no = [['roster', 'duty'], ['--ledger', 'L', 'roster', 'duty', '--date', '2026-11-25'], ['case', 'show', 'QS-2026-A0001', '--json'], ['--json', 'today'], ['due', '--within', '3']];
    for (const argv of no) expect(mayShowHelp(cmd, argv), argv.join(' ')).toBe(false);
    const yes = [[], ['roster'], ['--json', 'case'], ['help'], ['help', 'roster'], ['roster', 'duty', '--help'], ['roster', 'duty', '-h'], ['-h'], ['rostr', 'duty'], ['roster', 'dutty'], ['--weird', 'roster', 'duty'], ['--ledger']];
    for (const argv of yes) expect(mayShowHelp(cmd, argv), argv.join(' ')).toBe(true);
  });

  it('every way of asking for help still shows the examples, and the topics under the whole tool', async () => {
    for (const argv of [['roster', '--help'], ['roster'], ['help', 'roster'], ['roster', 'duty', '-h'], ['--ledger', '/x', 'case', 'show', '--help']]) {
      const r = await printed(argv);
      expect(r.out, argv.join(' ')).toContain('示例：');
    }
    for (const argv of [[], ['--help'], ['help']]) expect((await printed(argv)).out, argv.join(' ')).toContain('帮助专题：');
  });
});
