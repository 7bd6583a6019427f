// `case link`, `case unlink`, `case merge`: repairing the repeat links by hand (src/app/repeat-links.ts).
import type { Command } from 'commander';
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { CaseState } from '../../domain/case.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const A = () => import('../../app/repeat-links.js');

async function shown(ctx: Ctx, ledger: Ledger, cases: CaseState[], message: string): Promise<number> {
  if (ctx.json) {
    const { caseJson } = await import('./case-view.js');
    const out = cases.map((c) => caseJson(ledger, c, ctx.now));
    ctx.printJson(out.length === 1 ? out[0] : { cases: out });
    return 0;
  }
  ctx.out(message);
  return 0;
}

export function registerRepeatLinks(p: Program, kase: Command): void {
  kase
    .command('link <ID>')
    .description('关联为重复信访：本案件与此前的案件是同一信访人的同一事项')
    .option('--repeat-of <EARLIER>', '此前的案件编号（可重复给出）', collect)
    .option('--reason <R>', '理由')
    .action(
      p.act(async (ctx, [id], o) => {
        const ledger = ctx.ledger();
        const s = (await A()).linkRepeat(ledger, String(id), (o.repeatOf as string[] | undefined) ?? [], { reason: o.reason as string | undefined }, ctx.clerk(ledger.root));
        return shown(ctx, ledger, [s], `已关联：${s.id} 为 ${s.file.repeat_of.join('、')} 的重复信访`);
      }),
    );
  kase
    .command('unlink <ID>')
    .description('取消重复信访关联：不是同一事项')
    .option('--from <EARLIER>', '只取消与这一件的关联（默认全部）')
    .option('--reason <R>', '理由')
    .action(
      p.act(async (ctx, [id], o) => {
        const ledger = ctx.ledger();
        const s = (await A()).unlinkRepeat(ledger, String(id), { from: o.from as string | undefined, reason: o.reason as string | undefined }, ctx.clerk(ledger.root));
        return shown(ctx, ledger, [s], s.file.repeat_of.length ? `已取消关联；${s.id} 仍关联 ${s.file.repeat_of.join('、')}` : `已取消 ${s.id} 的重复信访关联`);
      }),
    );
  kase
    .command('merge <DUP>')
    .description('合并误登记的新案件：其登记改为原案的再次来访，本件标记为已并入（事件保留，统计只算一次）')
    .option('--into <ORIG>', '原案编号')
    .option('--note <N>', '说明')
    .action(
      p.act(async (ctx, [dup], o) => {
        const ledger = ctx.ledger();
        if (!o.into) {
          const { missingFields } = await import('../../errors.js');
          throw missingFields(['--into（原案编号）']);
        }
        const r = (await A()).mergeCase(ledger, String(dup), String(o.into), { note: o.note as string | undefined }, ctx.clerk(ledger.root));
        return shown(ctx, ledger, [r.dup, r.orig], `已合并：${r.dup.id} 并入 ${r.orig.id}，作为其第 ${r.orig.visits.length} 次来访；${r.dup.id} 不再单独统计`);
      }),
    );
}
