// Set-up commands: init, setup, check, demo.
import type { Program } from '../main.js';
import { resolve } from 'node:path';
import { ProblemError } from '../../errors.js';

export function registerSetup({ cmd, act }: Program): void {
  cmd
    .command('init [DIR]')
    .description('新建台账：写出 xinfang.yaml、leaders.yaml、units.yaml，并建立 git 仓库')
    .option('--unit <NAME>', '单位名称，如 青山乡')
    .option('--code <CODE>', '单位代码（案件编号前缀），如 QS')
    .option('--preset <PRESET>', '接访制度预设：township|bureau|department|district', 'township')
    .option('--station <LETTER>', '本机工作站字母（案件编号中的字母）', 'A')
    .option('--issuer <TEXT>', '公示落款单位（默认：单位名称 + 信访工作领导小组办公室）')
    .option('--no-git', '不建立 git 仓库（也就没有提交记录）')
    .action(
      act(async (ctx, [dir], o) => {
        const { requireOpts } = await import('../opts.js');
        requireOpts(o, [['unit', '--unit'], ['code', '--code']]);
        const { initLedger } = await import('../../app/init.js');
        const r = initLedger(
          { dir: resolve(ctx.io.cwd, String(dir ?? '.')), unit: String(o.unit), code: String(o.code), preset: String(o.preset), station: String(o.station), git: o.git !== false, issuer: o.issuer as string | undefined },
          ctx.clerk(),
        );
        if (ctx.json) return ctx.printJson({ root: r.root, files: r.files });
        ctx.out(`已建立台账：${r.root}`);
        ctx.info(`下一步：xinfang leader add --name 姓名 --title 职务 --role member（在台账目录中运行，或加 --ledger ${r.root}）`);
      }),
    );

  cmd
    .command('setup')
    .description('在台账的新克隆中设置本机工作站字母并登记合并驱动')
    .option('--station <LETTER>', '本机工作站字母，每台电脑不同')
    .action(
      act(async (ctx, _a, o) => {
        const { requireOpts } = await import('../opts.js');
        requireOpts(o, [['station', '--station']]);
        const { setupClone } = await import('../../app/init.js');
        const s = setupClone(ctx.ledgerRoot(), String(o.station));
        if (ctx.json) return ctx.printJson({ station: s.station, used_by: s.usedBy });
        ctx.out(`本机工作站字母：${s.station}；已登记合并驱动`);
        if (s.usedBy.length) ctx.warn(`注意：台账中已有用字母 ${s.station} 编号的案件（${s.usedBy.join('、')}…）。如果那是另一台电脑，请换一个字母，否则两台电脑会编出相同的号`);
      }),
    );

  cmd
    .command('check')
    .description('校验整个台账：每个问题一行 “文件:行: 问题”；有问题时退出码 1')
    .option('--strict', '同时检查引用：每个被引用的领导、单位、分类都存在')
    .action(
      act(async (ctx, _a, o) => {
        const { runCheck, formatProblem } = await import('../../app/check.js');
        await import('../../app/check-rules.js');
        const root = ctx.ledgerRoot();
        const problems = runCheck(root, !!o.strict);
        if (ctx.json) ctx.printJson({ ok: problems.length === 0, problems });
        else if (problems.length === 0) ctx.out(`台账无误${o.strict ? '（含引用检查）' : ''}`);
        else {
          for (const p of problems) ctx.out(formatProblem(p));
          ctx.out(`共 ${problems.length} 个问题`);
        }
        return problems.length ? 1 : 0;
      }),
    );

  cmd
    .command('demo [DIR]')
    .description('建立一本示范台账（乡镇预设、领导、单位…），并展示其中内容')
    .option('--force', '目录已有示范台账时先删除')
    .action(
      act(async (ctx, [dir], o) => {
        const { runDemo } = await import('../../app/demo.js');
        const { printDemo } = await import('./demo-print.js');
        // The demo office's clerk, unless one is named: the sample history reads like an office's.
        const clerk = ctx.opts.by || ctx.io.env.XINFANG_CLERK ? ctx.clerk() : { name: '李文', now: ctx.now };
        const r = await runDemo(resolve(ctx.io.cwd, String(dir ?? 'xinfang-demo')), !!o.force, clerk, (s) => ctx.info(s));
        await printDemo(ctx, r);
      }),
    );

  cmd
    .command('merge-driver <BASE> <OURS> <THEIRS> [PATH]')
    .description('git 合并驱动（由 init 登记，不需手动运行）')
    .action(
      act(async (ctx, [base, ours, theirs, path]) => {
        const { runMergeDriver } = await import('../../app/merge.js');
        const r = runMergeDriver(String(base), String(ours), String(theirs), path ? String(path) : undefined, ctx.now);
        if (r.conflicts) throw new ProblemError(`合并 ${path ?? ours}：${r.conflicts}`, 'merge_conflict');
      }),
    );
}
