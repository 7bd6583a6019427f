// `xinfang completion bash|zsh`: the shell's completion script (src/cli/complete.ts).
import type { Program } from '../main.js';

export function registerCompletion({ cmd, act }: Program): void {
  cmd
    .command('completion <SHELL>')
    .description('输出 shell 补全脚本（bash 或 zsh）：按 Tab 补全命令、选项、领导、单位和案件编号')
    .action(
      act(async (ctx, [shell]) => {
        const { completionScript, SHELLS } = await import('../complete.js');
        const s = SHELLS.find((x) => x === String(shell).trim().toLowerCase());
        if (!s) {
          const { badField } = await import('../../errors.js');
          throw badField('SHELL（shell 名称）', shell, `应为 ${SHELLS.join(' 或 ')}，如 xinfang completion bash`);
        }
        ctx.write(completionScript(s));
      }),
    );
}
