// src/cli/areas.ts: a command line naming a top-level command builds only that command's
// area; the table of names must agree with what the areas declare.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { commandWord, NARROW_PATHS, subcommandWord } from '../../src/cli/areas.js';
import type { Command } from 'commander';

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

  it('a command built on its own (due, case list …) has the same options, arguments and help as in the full tree', async () => {
    let out = '';
    const cio = { ...io, stdout: (s: string) => void (out += s) };
    const help = (c: Command) => {
      out = '';
      c.outputHelp();
      return out;
    };
    const full = await buildProgram(cio, { code: 0 });
    const at = (cmd: Command, path: string[]) => path.reduce<Command | undefined>((c, w) => c?.commands.find((x) => x.name() === w), cmd);
    expect(NARROW_PATHS.length).toBeGreaterThan(0);
    for (const path of NARROW_PATHS) {
      const part = await buildProgram(cio, { code: 0 }, path[0], { sub: path[1] });
      expect(part.path, path.join(' ')).toEqual(path);
      const a = at(part.cmd, path);
      const b = at(full.cmd, path);
      expect(a, path.join(' ')).toBeDefined();
      // The whole help as printed, examples included.
      expect(help(a!)).toBe(help(b!));
      expect(help(a!)).toContain('示例');
      expect(a!.options.map((o) => o.flags)).toEqual(b!.options.map((o) => o.flags));
      // Only what declares the command: `case list` without lifecycle's subcommands.
      if (path.length > 1) expect(part.cmd.commands.find((c) => c.name() === path[0])!.commands.length).toBeLessThan(at(full.cmd, [path[0]!])!.commands.length);
    }
  });

  it('the word after the command word, when it follows directly', () => {
    expect(subcommandWord(['--ledger', 'L', 'case', 'list', '--overdue'])).toBe('list');
    expect(subcommandWord(['case', '--json', 'list'])).toBeUndefined();
    expect(subcommandWord(['due'])).toBeUndefined();
    expect(subcommandWord(['--bogus', 'case', 'list'])).toBeUndefined();
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
