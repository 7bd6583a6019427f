// `case beijing ID --date D --place P [--leader L]`: records a 进京非正常上访 on a case (区：
// 件件接待包案；累计重复二次以上由区级主要领导接待、包案). The work is in src/app/beijing.ts.
import type { Program } from '../main.js';

export function registerBeijing({ cmd, act }: Program): void {
  const kase = cmd.commands.find((c) => c.name() === 'case');
  if (!kase) return;
  kase
    .command('beijing <ID>')
    .description('进京非正常上访：记录日期和地点，并由领导接待、包案（累计达到本单位规定次数的须主要领导）')
    .option('--date <D>', '进京上访日期 YYYY-MM-DD（默认今天）')
    .option('--place <P>', '地点，如 国家信访局、天安门地区')
    .option('--leader <L>', '接待、包案的领导（案件尚无包案领导，或累计次数要求主要领导时必填）')
    .option('--note <N>', '说明')
    .action(
      act(async (ctx, [id], o) => {
        const { shanghaiDate } = await import('../../domain/time.js');
        const today = shanghaiDate(ctx.now);
        const { recordBeijing } = await import('../../app/beijing.js');
        const r = recordBeijing(
          ctx.ledger(),
          String(id),
          { date: o.date === undefined ? today : String(o.date), place: o.place as string | undefined, leader: o.leader as string | undefined, note: o.note as string | undefined, today },
          ctx.clerk(ctx.ledgerRoot()),
        );
        if (ctx.json) return ctx.printJson({ id: r.case.id, count: r.count, owner: r.owner, beijing: r.case.beijing });
        ctx.out(`已记录 ${r.case.id} 进京非正常上访（该事项累计 ${r.count} 次）${r.owner ? `，接待、包案领导：${r.owner.name}（${r.owner.title}）` : ''}`);
      }),
    );
}
