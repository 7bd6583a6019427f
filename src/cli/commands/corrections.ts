// Corrections that keep history, added to the existing commands: `case void`, `case
// resolve`, `unit edit`, `unit remove`, `roster unset`. (`leader away --cancel|--until` and
// `roster set --rule` moving a rule's day are options of those commands.) Each parent is
// extended only where its area was built.
import type { Command } from 'commander';
import type { Program } from '../main.js';

const find = (p: Program, name: string): Command | undefined => p.cmd.commands.find((c) => c.name() === name);

export function registerCorrections(p: Program): void {
  const { act } = p;
  const kase = find(p, 'case');
  if (kase && !kase.commands.some((c) => c.name() === 'void')) {
    kase
      .command('void <ID> <EVENT>')
      .description('撤销一条记录（EVENT：last 为最近一条，或记录编号）；两条都留在案卷中，被撤销的不再计入')
      .option('--reason <R>', '撤销原因（必填）')
      .action(
        act(async (ctx, [id, ev], o) => {
          const { requireOpts } = await import('../opts.js');
          requireOpts(o, [['reason', '--reason（撤销原因）']]);
          const ledger = ctx.ledger();
          const { voidEvent, EVENT_ZH } = await import('../../app/corrections.js');
          const r = voidEvent(ledger, String(id), { event: String(ev), reason: o.reason as string }, ctx.clerk(ledger.root));
          if (ctx.json) {
            const { caseJson } = await import('./case-view.js');
            return ctx.printJson({ voided: r.voided, case: caseJson(ledger, r.case, ctx.now) });
          }
          const { eventDate, STATUS_ZH } = await import('../../domain/case.js');
          ctx.out(`已撤销 ${r.case.id} 的${EVENT_ZH[r.voided.type]}记录（${eventDate(r.voided.at)}，编号 ${r.voided.id}）；案件现为“${STATUS_ZH[r.case.status]}”`);
        }),
      );

    kase
      .command('resolve <ID>')
      .description('限期解决的承诺已兑现（处理到位）')
      .option('--date <D>', '兑现日期 YYYY-MM-DD（默认今天）')
      .option('--note <N>', '兑现情况，如 已补发青苗补偿 1.86 万元')
      .action(
        act(async (ctx, [id], o) => {
          const ledger = ctx.ledger();
          const { optDate } = await import('../opts.js');
          const date = o.date === undefined ? undefined : optDate(o.date, '--date（兑现日期）');
          const { resolveCase } = await import('../../app/corrections.js');
          const s = resolveCase(ledger, String(id), { date, note: o.note as string | undefined }, ctx.clerk(ledger.root));
          if (ctx.json) {
            const { caseJson } = await import('./case-view.js');
            return ctx.printJson(caseJson(ledger, s, ctx.now));
          }
          ctx.out(`已记录 ${s.id} 的限期解决承诺于 ${s.resolved!.date} 兑现`);
        }),
      );
  }

  const unit = find(p, 'unit');
  if (unit && !unit.commands.some((c) => c.name() === 'edit')) {
    unit
      .command('edit <UNIT>')
      .description('修改承办单位的名称或联系人（案件中记的是编号，改名后一并显示新名称）')
      .option('--name <N>', '单位名称')
      .option('--contact <C>', '联系人及电话')
      .action(
        act(async (ctx, [ref], o) => {
          const { editUnit } = await import('../../app/office-edit.js');
          const u = editUnit(ctx.ledger(), String(ref), { name: o.name as string | undefined, contact: o.contact as string | undefined }, ctx.clerk(ctx.ledgerRoot()));
          if (ctx.json) return ctx.printJson(u);
          ctx.out(`已修改承办单位 ${u.name}（${u.id}）`);
        }),
      );
    unit
      .command('remove <UNIT>')
      .description('删除承办单位（还有案件引用时拒绝）')
      .action(
        act(async (ctx, [ref]) => {
          const { removeUnit } = await import('../../app/office-edit.js');
          const u = removeUnit(ctx.ledger(), String(ref), ctx.clerk(ctx.ledgerRoot()));
          if (ctx.json) return ctx.printJson({ removed: u });
          ctx.out(`已删除承办单位 ${u.name}（${u.id}）`);
        }),
      );
  }

  const roster = find(p, 'roster');
  if (roster && !roster.commands.some((c) => c.name() === 'unset')) {
    roster
      .command('unset <DATE>')
      .description('撤销某天的一个班次（当天有多个班次时用 --leader 或 --rule 指明）')
      .option('--leader <L>', '该班次的领导')
      .option('--rule <NAME>', '排班规则名称')
      .option('--reason <R>', '原因')
      .action(
        act(async (ctx, [date], o) => {
          const { unsetSlot } = await import('../../app/roster-edit.js');
          const s = unsetSlot(ctx.ledger(), { date: String(date), leader: o.leader as string | undefined, rule: o.rule as string | undefined, reason: o.reason as string | undefined }, ctx.clerk(ctx.ledgerRoot()));
          if (ctx.json) return ctx.printJson({ removed: { date: s.date, rule: s.rule, leader: s.leader } });
          ctx.out(`已撤销 ${s.date}（${s.weekday}）${s.rule}：${s.leader.name}`);
        }),
      );
  }
}
