// Help for clerks (issue 13, item 7): every command's --help shows real examples whose
// options exist; `xinfang help 排班|期限|结案|模板|同步` pages; an unknown topic exits 2.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { runIn } from '../helpers/index.js';
import { HELP_EXAMPLES } from '../../src/cli/help-examples.js';
import { HELP_TOPICS } from '../../src/cli/help-topics.js';

async function tree(): Promise<Command> {
  const { buildProgram } = await import('../../src/cli/main.js');
  const io = { cwd: '/', env: {}, stdout: () => {}, stderr: () => {}, isTTY: false };
  return (await buildProgram(io, { code: 0 })).cmd;
}

function paths(c: Command, p: string[] = []): [string, Command][] {
  return c.commands.filter((s) => s.name() !== 'help').flatMap((s) => [[[...p, s.name()].join(' '), s] as [string, Command], ...paths(s, [...p, s.name()])]);
}

/** Splits an example line like a shell would (double quotes only). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe('examples under every command’s help', () => {
  it('every command has one or two, shown under 示例', async () => {
    const root = await tree();
    for (const [path] of paths(root)) {
      const ex = HELP_EXAMPLES[path];
      expect(ex?.length, path).toBeGreaterThanOrEqual(1);
      expect(ex!.length, path).toBeLessThanOrEqual(2);
      const r = await runIn([...path.split(' '), '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout, path).toContain('示例：');
      expect(r.stdout).toContain(ex![0]![0]);
    }
    expect(Object.keys(HELP_EXAMPLES).filter((k) => !paths(root).some(([p]) => p === k))).toEqual([]);
  });

  it('every example names its own command and only options that command has', async () => {
    const root = await tree();
    const global = root.options.flatMap((o) => [o.long, o.short]);
    for (const [path, cmd] of paths(root)) {
      const own = cmd.options.flatMap((o) => [o.long, o.short]);
      for (const [line] of HELP_EXAMPLES[path]!) {
        if (path === 'merge-driver') continue; // git calls it with its own placeholders
        const w = words(line);
        expect(w[0], line).toBe('xinfang');
        const sub = path.split(' ');
        // The example is of this command, or (for a group) of one of its subcommands.
        expect(w.slice(1, 1 + sub.length), line).toEqual(sub);
        const target = cmd.commands.find((c) => c.name() === w[1 + sub.length]) ?? cmd;
        const allowed = [...global, ...own, ...target.options.flatMap((o) => [o.long, o.short]), '-h', '--help'];
        for (const f of w.filter((x) => x.startsWith('-') && !/^-\d/.test(x))) expect(allowed, `${line}: ${f}`).toContain(f.split('=')[0]);
      }
    }
  });
});

describe('help topics', () => {
  it.each(Object.keys(HELP_TOPICS))('xinfang help %s', async (topic) => {
    const r = await runIn(['help', topic]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(HELP_TOPICS[topic]!.title);
    expect(r.stdout).toMatch(/xinfang [a-z]+/);
  });

  it('English names work too, the main help lists the topics, an unknown one exits 2', async () => {
    expect((await runIn(['help', 'sync'])).stdout).toContain('两台电脑');
    expect((await runIn(['--help'])).stdout).toContain('帮助专题：xinfang help 排班');
    const r = await runIn(['help', '天气']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/没有命令或帮助专题“天气”/);
    // A command's help still works through help: no topic shadows a command.
    const root = await tree();
    for (const [k, t] of Object.entries(HELP_TOPICS)) for (const w of [k, ...t.aliases]) expect(root.commands.map((c) => c.name())).not.toContain(w);
    expect((await runIn(['help', 'due'])).stdout).toContain('用法： xinfang due');
  });
});
