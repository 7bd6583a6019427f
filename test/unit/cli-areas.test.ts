// src/cli/areas.ts: a command line naming a top-level command builds only that command's
// area; the table of names must agree with what the areas declare.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { commandWord } from '../../src/cli/areas.js';

const io = { cwd: '/', env: {}, stdout: () => {}, stderr: () => {}, isTTY: false };

function tree(only?: string) {
  return buildProgram(io, { code: 0 }, only);
}

describe('command areas', () => {
  it('every top-level command builds alone, with the same subcommands as in the full tree', async () => {
    const full = await tree();
    expect(full.partial).toBe(false);
    for (const c of full.cmd.commands) {
      const part = await tree(c.name());
      expect(part.partial, c.name()).toBe(true);
      const same = part.cmd.commands.find((x) => x.name() === c.name());
      expect(same, c.name()).toBeDefined();
      expect(same!.commands.map((x) => x.name())).toEqual(c.commands.map((x) => x.name()));
    }
  });

  it('the command word skips global options and their values', () => {
    expect(commandWord(['roster', 'duty'])).toBe('roster');
    expect(commandWord(['--ledger', 'L', '--json', 'roster', 'duty'])).toBe('roster');
    expect(commandWord(['--by=李文', '--no-color', 'case', 'list'])).toBe('case');
    expect(commandWord(['--help'])).toBeUndefined();
    expect(commandWord(['--bogus', 'roster'])).toBeUndefined();
    expect(commandWord([])).toBeUndefined();
  });

  it('an unknown word builds every command', async () => {
    expect((await tree('rostr')).partial).toBe(false);
    expect((await tree('help')).partial).toBe(false);
  });
});
