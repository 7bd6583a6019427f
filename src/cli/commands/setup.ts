// Set-up commands: init, setup, check, demo.
import type { Program } from '../main.js';
import { resolve } from 'node:path';
import { ProblemError } from '../../errors.js';

/** The answers init/setup may ask for, as the options gave them. */
function pick(o: Record<string, unknown>) {
  const v = (k: string) => (o[k] === undefined ? undefined : String(o[k]));
  return { unit: v('unit'), code: v('code'), station: v('station'), clerk: v('clerk'), phone: v('phone'), address: v('address') };
}

export function registerSetup({ cmd, act }: Program): void {
  cmd
    .command('init [DIR]')
    .description('新建台账：写出 xinfang.yaml、leaders.yaml、units.yaml，并建立 git 仓库（在终端中询问缺少的各项）')
    .option('--unit <NAME>', '单位名称，如 青山乡')
    .option('--code <CODE>', '单位代码（案件编号前缀），如 QS')
    .option('--preset <PRESET>', '接访制度预设：township|bureau|department|district', 'township')
    .option('--station <LETTER>', '本机工作站字母（案件编号中的字母）', 'A')
    .option('--issuer <TEXT>', '信访办名称，公示、告知书、督办通知、报表都用它落款（默认：单位名称 + 信访工作领导小组办公室）')
    .option('--clerk <NAME>', '本机登记人姓名（记在事件和提交上；只存于本机）')
    .option('--phone <TEL>', '信访办电话（写在公示上供群众预约）')
    .option('--address <ADDR>', '信访办地址（写在公示上）')
    .option('--no-git', '不建立 git 仓库（也就没有提交记录）')
    .action(
      act(async (ctx, [dir], o0) => {
        let o = o0;
        if (ctx.interactive) {
          const { askSetup } = await import('./setup-prompts.js');
          const { gitConfig } = await import('../../ledger/git.js');
          const a = await askSetup(['unit', 'code', 'clerk', 'phone', 'address'], pick(o), { clerk: ctx.opts.by || ctx.io.env.XINFANG_CLERK || gitConfig(ctx.io.cwd, 'user.name') });
          o = { ...o, ...a };
        }
        const { requireOpts } = await import('../opts.js');
        requireOpts(o, [['unit', '--unit'], ['code', '--code']]);
        const { initLedger } = await import('../../app/init.js');
        const { setLocalClerk } = await import('../../app/office.js');
        const { checkText } = await import('../../domain/input.js');
        const clerkName = o.clerk === undefined || o.clerk === '' ? undefined : checkText(o.clerk, '--clerk（登记人姓名）', 'name', { required: true });
        const clerk = clerkName ? { name: clerkName, now: ctx.now } : ctx.clerk();
        const r = initLedger(
          {
            dir: resolve(ctx.io.cwd, String(dir ?? '.')),
            unit: String(o.unit),
            code: String(o.code),
            preset: String(o.preset),
            station: String(o.station),
            git: o.git !== false,
            issuer: o.issuer as string | undefined,
            phone: o.phone as string | undefined,
            address: o.address as string | undefined,
          },
          clerk,
        );
        if (clerkName) setLocalClerk(r.root, clerkName);
        if (ctx.json) return ctx.printJson({ root: r.root, files: r.files, ...(clerkName && { clerk: clerkName }) });
        ctx.out(`已建立台账：${r.root}`);
        if (clerkName) ctx.info(`本机登记人：${clerkName}（改用 xinfang setup --clerk 姓名）`);
        ctx.info(`下一步：xinfang leader add --name 姓名 --title 职务 --role member（在台账目录中运行，或加 --ledger ${r.root}）`);
      }),
    );

  cmd
    .command('setup')
    .description('本机设置：工作站字母（新克隆必须）、登记人姓名，以及信访办电话、地址（在终端中逐项询问）')
    .option('--station <LETTER>', '本机工作站字母，每台电脑不同')
    .option('--clerk <NAME>', '本机登记人姓名（记在事件和提交上；只存于本机）')
    .option('--phone <TEL>', '信访办电话（写入 xinfang.yaml，公示上显示）')
    .option('--address <ADDR>', '信访办地址（写入 xinfang.yaml，公示上显示）')
    .action(
      act(async (ctx, _a, o0) => {
        let o = o0;
        const root = ctx.ledgerRoot();
        if (ctx.interactive) {
          const { askSetup } = await import('./setup-prompts.js');
          const { localClerk } = await import('../../app/office.js');
          const { gitConfig } = await import('../../ledger/git.js');
          const { existsSync, readFileSync } = await import('node:fs');
          const { join } = await import('node:path');
          const sf = join(root, '.xinfang', 'station');
          const office = ctx.ledger().config.office;
          const a = await askSetup(['station', 'clerk', 'phone', 'address'], pick(o), {
            station: existsSync(sf) ? readFileSync(sf, 'utf8').trim() : '',
            clerk: localClerk(root) || gitConfig(root, 'user.name'),
            phone: office.phone,
            address: office.address,
          });
          o = { ...o, ...a };
        } else if ([o.station, o.clerk, o.phone, o.address].every((v) => v === undefined)) {
          const { InputError } = await import('../../errors.js');
          throw new InputError('没有给出要设置的项：--station（工作站字母）、--clerk（登记人姓名）、--phone（信访办电话）、--address（信访办地址）至少给一项；在终端中运行 xinfang setup 则逐项询问', 'missing');
        }
        const done: Record<string, unknown> = {};
        if (o.station !== undefined && o.station !== '') {
          const { setupClone } = await import('../../app/init.js');
          const s = setupClone(root, String(o.station));
          done.station = s.station;
          done.used_by = s.usedBy;
          if (!ctx.json) {
            ctx.out(`本机工作站字母：${s.station}；已登记合并驱动`);
            if (s.usedBy.length) ctx.warn(`注意：台账中已有用字母 ${s.station} 编号的案件（${s.usedBy.join('、')}…）。如果那是另一台电脑，请换一个字母，否则两台电脑会编出相同的号`);
          }
        }
        const office = await import('../../app/office.js');
        if (o.clerk !== undefined && o.clerk !== '') {
          done.clerk = office.setLocalClerk(root, String(o.clerk));
          if (!ctx.json) ctx.out(`本机登记人：${done.clerk}`);
        }
        if (o.phone !== undefined || o.address !== undefined) {
          const ledger = ctx.ledger();
          const changed = office.setOffice(ledger, { phone: o.phone as string | undefined, address: o.address as string | undefined }, ctx.clerk(root));
          done.office = changed;
          if (!ctx.json) ctx.out(changed.length ? `已设置信访办${changed.join('、')}（公示上显示；已提交）` : '信访办电话、地址没有变化');
        }
        if (ctx.json) return ctx.printJson(done);
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
        // A county's ledger takes a while: a terminal sees how far it is (stderr, one line rewritten).
        const tty = ctx.io.isTTY && !ctx.json && !ctx.quiet;
        const progress = tty ? (what: string, done: number, total: number) => ctx.io.stderr(`\r${what} ${done}/${total}${done === total ? '\n' : ''}`) : undefined;
        const problems = runCheck(root, !!o.strict, progress);
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
