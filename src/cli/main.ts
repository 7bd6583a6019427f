// The entry point: builds the command tree, runs one command, turns errors into messages
// and exit codes (0 done, 1 a problem found, 2 bad input — nothing written, 3 internal
// error). The only place that decides an exit code; bin/xinfang.js sets it.
import { Command, CommanderError, Help, type Argument, type Option } from 'commander';
// The context (run.ts) reads no file when loaded: the ledger's files, zod and yaml are
// loaded by the action when it runs (src/ledger/readcache.ts, on-demand.ts).
import type { Ctx, GlobalOptions, IO } from './context.js';
import { commandWord, registerAreas, subcommandWord, wordAt } from './areas.js';
import { safe } from './safe.js';
import { Failure, flushOutput, processIO, runAction, type Action } from './run.js';

export type { Action } from './run.js';

export interface Program {
  cmd: Command;
  /** Wraps an action: builds the context from the global options. */
  act: (fn: Action) => (...args: unknown[]) => Promise<void>;
}

/**
 * The command tree. With `only` (a command word), just the area declaring that command when
 * there is one (`partial`), which is quicker to build — with `sub` (the next word) only what
 * declares that subcommand, for some (areas.ts NARROW); `path` is what it was built for.
 * Otherwise every command.
 */
export async function buildProgram(
  io: IO,
  result: { code: number; ctx?: Ctx },
  only?: string,
  opts: { helpText?: boolean; sub?: string } = {},
): Promise<Program & { partial: boolean; path?: string[] }> {
  const cmd = new Command('xinfang')
    .description('领导干部定期接待群众来访：排班公示、来访登记、包案办理、季度统计')
    .version(VERSION, '-V, --version', '显示版本')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .option('--ledger <DIR>', '台账目录（默认：$XINFANG_LEDGER，或向上查找 xinfang.yaml）')
    .option('--json', '输出一个 JSON 文档（英文键）')
    .option('--no-color', '不用颜色（也可设 NO_COLOR）')
    .option('--quiet', '只输出结果')
    .option('--no-input', '从不提问；缺项直接报错')
    .option('--by <NAME>', '记录为经办人（默认：$XINFANG_CLERK，或本机登记人 xinfang setup --clerk，或 git 的 user.name）')
    .option('--wide', '表格显示全部列，不按终端宽度折行')
    .exitOverride()
    .configureHelp(HELP)
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      // The help of a command group run without a subcommand (`xinfang case`).
      writeErr: (s) => io.stderr(s),
      outputError: () => {
        /* commander's own English errors are replaced by ours in main() */
      },
    })
    .showSuggestionAfterError(true);

  const act =
    (fn: Action) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const opts = command.opts();
      const globals = command.optsWithGlobals() as GlobalOptions;
      // The input layer's net: no empty, control-character or absurdly long value reaches an action.
      (await import('./opts.js')).checkCommandLine(command, args.slice(0, -2));
      result.code = await runAction(io, fn, globals, args.slice(0, -2), opts, result);
    };

  const program = { cmd, act };
  const path = await registerAreas(program, only, opts.sub);
  // Every command inherits the same Chinese help text and error handling.
  for (const sub of allCommands(cmd)) {
    sub.helpOption('-h, --help', '显示帮助').exitOverride().configureHelp(HELP).configureOutput(cmd.configureOutput());
  }
  if (opts.helpText !== false) await addHelpTexts(cmd);
  return { ...program, partial: !!path, path };
}

/** Does the tree have the command at `path` (words below `xinfang`)? */
function declares(cmd: Command, path: readonly string[]): boolean {
  let c: Command | undefined = cmd;
  for (const w of path) c = c?.commands.find((s) => s.name() === w);
  return !!c;
}

/** The texts under the help of the commands: examples, and the topics under the whole tool's. */
async function addHelpTexts(cmd: Command): Promise<void> {
  // One or two real examples under every command's help (src/cli/help-examples.ts).
  (await import('./help-examples.js')).addHelpExamples(cmd);
  cmd.addHelpText('after', (await import('./help-topics.js')).TOPICS_LINE);
}

/**
 * May this command line print a help text? Not when it plainly names a command that does
 * the work (no subcommands of its own) and asks for no help (-h, --help): then the help
 * texts are not loaded at all. Anything else — a group alone (`xinfang roster`), `help`, an
 * option not known here — may, and gets them.
 */
export function mayShowHelp(cmd: Command, argv: readonly string[]): boolean {
  if (argv.some((a) => a === '-h' || a === '--help')) return true;
  let c = cmd;
  let rest = argv;
  while (c.commands.length > 0) {
    const i = wordAt(rest);
    if (i < 0) return true;
    const sub = c.commands.find((s) => s.name() === rest[i] || s.aliases().includes(rest[i]!));
    if (!sub) return true;
    c = sub;
    rest = rest.slice(i + 1);
  }
  return false;
}

function allCommands(c: Command): Command[] {
  return c.commands.flatMap((s) => [s, ...allCommands(s)]);
}

export const VERSION = '0.1.0';

// Help in Chinese: commander's own headings translated, and columns measured with CJK
// characters counted as two columns so that descriptions line up in a terminal.
const TITLES_ZH: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '通用选项：',
};
const HELP = {
  styleTitle: (t: string) => TITLES_ZH[t] ?? t,
  styleUsage: (u: string) => u.replace('[options]', '[选项]').replace('[command]', '[命令]'),
  // The list of subcommands ("add [options] <ID>") and the notes after an option's description.
  subcommandTerm(this: Help, c: Command) {
    return Help.prototype.subcommandTerm.call(this, c).replace(' [options]', ' [选项]');
  },
  optionDescription: (o: Option) => {
    const extra: string[] = [];
    if (o.argChoices) extra.push(`可选：${o.argChoices.join('、')}`);
    // An empty default ('') says nothing: left out.
    if (o.defaultValue !== undefined && o.defaultValue !== '' && (o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean')))
      extra.push(`默认：${o.defaultValueDescription ?? (typeof o.defaultValue === 'boolean' ? (o.defaultValue ? '是' : '否') : String(o.defaultValue))}`);
    if (o.envVar !== undefined) extra.push(`环境变量：${o.envVar}`);
    return extra.length ? `${o.description}（${extra.join('；')}）` : o.description;
  },
  argumentDescription: (a: Argument) => {
    const extra: string[] = [];
    if (a.argChoices) extra.push(`可选：${a.argChoices.join('、')}`);
    if (a.defaultValue !== undefined) extra.push(`默认：${a.defaultValueDescription ?? String(a.defaultValue)}`);
    return extra.length ? `${a.description}（${extra.join('；')}）` : a.description;
  },
  styleCommandText: (t: string) => t.replace('[options]', '[选项]'),
  styleSubcommandText: (t: string) => t.replace('[options]', '[选项]'),
  displayWidth: (t: string) => {
    let w = 0;
    // eslint-disable-next-line no-control-regex
    for (const ch of t.replace(/\x1b\[[0-9;]*m/g, '')) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
    return w;
  },
};

const COMMANDER_ZH: Record<string, (m: string) => string> = {
  'commander.unknownOption': (m) => `不认识的选项 ${quoted(m)}。用 --help 查看可用选项`,
  'commander.unknownCommand': (m) => `不认识的命令 ${quoted(m)}。用 xinfang --help 查看所有命令`,
  'commander.missingArgument': (m) => `缺少参数 ${quoted(m)}`,
  'commander.optionMissingArgument': (m) => `选项 ${quoted(m)} 需要一个值`,
  'commander.missingMandatoryOptionValue': (m) => `缺少必填选项 ${quoted(m)}`,
  'commander.excessArguments': () => `参数过多。用 --help 查看用法`,
  'commander.invalidArgument': (m) => m.replace(/^error: /, ''),
  'commander.conflictingOption': (m) => {
    const q = [...m.matchAll(/'([^']+)'/g)].map((x) => `“${x[1]}”`);
    return q.length >= 2 ? `选项 ${q[0]} 与 ${q[1]} 不能同时使用` : '有两个选项不能同时使用';
  },
};

/** Commander's "(Did you mean x?)" after an unknown command or option, in Chinese. */
function suggestion(m: string): string {
  const d = /Did you mean (?:one of )?([^?]+)\?/.exec(m);
  return d ? `（是否想输入 ${d[1]!.trim()}？）` : '';
}

function quoted(m: string): string {
  const q = /'([^']+)'/.exec(m);
  return q ? `“${q[1]}”` : m.replace(/^error: /, '');
}

/** Runs one command line; returns the exit code. Never calls process.exit. */
export async function main(argv: string[], ioIn?: Partial<IO>): Promise<number> {
  const io: IO = processIO(ioIn);
  const result: { code: number; ctx?: Ctx } = { code: 0 };
  const failure = new Failure(io, argv.includes('--json'));
  const fail = (code: number, key: string, message: string) => failure.fail(code, key, message);
  try {
    // The shell's completion function asking for candidates (src/cli/complete.ts): never an error.
    if (argv[0] === '__complete') {
      // Only the area of the command already typed (the whole tree for the first word).
      const typed = commandWord(argv.slice(1, -1));
      const built = await buildProgram(io, result, typed);
      const cmd = built.partial && !built.cmd.commands.some((c) => c.name() === typed) ? (await buildProgram(io, result)).cmd : built.cmd;
      const { completeWords } = await import('./complete.js');
      const out = await completeWords(cmd, argv.slice(1), io);
      if (out.length) io.stdout(out.map((s) => safe(s).replace(/\n/g, ' ')).join('\n') + '\n');
      return 0;
    }
    // `xinfang help 排班` and the other topic pages (src/cli/help-topics.ts).
    if (argv[0] === 'help' && argv.length === 2) {
      const page = (await import('./help-topics.js')).helpTopic(argv[1]!);
      if (page) {
        io.stdout(page);
        return 0;
      }
    }
    const word = commandWord(argv);
    let built = await buildProgram(io, result, word, { helpText: false, sub: subcommandWord(argv) });
    // Not a command of the area (or of the narrower part) built, or the tables in areas.ts out
    // of step with the commands: build them all.
    if (built.path && !declares(built.cmd, built.path)) built = await buildProgram(io, result, undefined, { helpText: false });
    const { cmd } = built;
    if (mayShowHelp(cmd, argv)) await addHelpTexts(cmd);
    if (argv[0] === 'help' && argv.length === 2 && !cmd.commands.some((c) => c.name() === argv[1])) {
      const { HELP_TOPICS } = await import('./help-topics.js');
      return fail(2, 'usage', `没有命令或帮助专题“${argv[1]}”。帮助专题：${Object.keys(HELP_TOPICS).join('、')}；命令用 xinfang --help 查看`);
    }
    if (argv.length === 0) {
      cmd.outputHelp();
      return 0;
    }
    await cmd.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      const zh = COMMANDER_ZH[e.code];
      return fail(2, 'usage', (zh ? zh(e.message) : e.message.replace(/^error: /, '')) + suggestion(e.message));
    }
    return failure.report(e);
  } finally {
    flushOutput();
  }
}
