// Leaders (领导) and units (承办单位): add, list, show, edit, retire, away.
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';
import type { Leader } from '../../ledger/schema.js';

const ROLE_HELP = 'principal（主要领导）|member（班子成员）|dept-principal（部门主要领导）|dept-member（部门班子成员）';

async function role(v: unknown) {
  const { optEnum } = await import('../opts.js');
  const { ROLE_ZH } = await import('../../domain/leaders.js');
  return optEnum(v, '--role（角色）', ROLE_ZH);
}

async function printLeader(ctx: Ctx, l: Leader) {
  const { ROLE_ZH } = await import('../../domain/leaders.js');
  if (ctx.json) return ctx.printJson(l);
  ctx.out(`${l.name}（${l.id}）${l.active ? '' : ' [已离任]'}`);
  ctx.out(`  职务：${l.title}`);
  ctx.out(`  角色：${ROLE_ZH[l.role]}`);
  ctx.out(`  分管工作：${l.portfolio || '—'}`);
  if (l.absences.length) {
    ctx.out('  外出：');
    for (const a of l.absences) ctx.out(`    ${a.from} 至 ${a.to}  ${a.reason}`);
  }
}

export function registerLeaders({ cmd, act }: Program): void {
  const leader = cmd.command('leader').description('接访领导：添加、列出、查看、修改、离任、外出');

  leader
    .command('add')
    .description('添加一位领导')
    .option('--name <N>', '姓名')
    .option('--title <T>', '职务，如 党委副书记')
    .option('--role <ROLE>', ROLE_HELP)
    .option('--portfolio <P>', '分管工作（公示中作为接访范围）')
    .option('--id <ID>', '编号（默认 L01、L02…）')
    .action(
      act(async (ctx, _a, o) => {
        const { requireOpts } = await import('../opts.js');
        requireOpts(o, [['name', '--name'], ['title', '--title'], ['role', '--role']]);
        const { addLeader } = await import('../../app/leaders.js');
        const l = addLeader(ctx.ledger(), { name: String(o.name), title: String(o.title), role: await role(o.role), portfolio: o.portfolio as string | undefined, id: o.id as string | undefined }, ctx.clerk(ctx.ledgerRoot()));
        if (ctx.json) return ctx.printJson(l);
        ctx.out(`已添加领导 ${l.name}（${l.id}，${l.title}）`);
      }),
    );

  leader
    .command('list')
    .description('列出领导')
    .option('--all', '包括已离任的')
    .action(
      act(async (ctx, _a, o) => {
        const { ROLE_ZH, awayOn } = await import('../../domain/leaders.js');
        const { shanghaiDate } = await import('../../domain/time.js');
        const today = shanghaiDate(ctx.now);
        const list = ctx.ledger().leaders().leaders.filter((l) => o.all || l.active);
        if (ctx.json) return ctx.printJson({ leaders: list });
        if (!list.length) return ctx.out('还没有领导。添加：xinfang leader add --name 姓名 --title 职务 --role member');
        const { table } = await import('../table.js');
        ctx.out(
          table(
            ['编号', '姓名', '职务', '角色', '分管工作', '状态'],
            list.map((l) => {
              const away = awayOn(l, today);
              return [l.id, l.name, l.title, ROLE_ZH[l.role], l.portfolio || '—', !l.active ? '已离任' : away ? `外出至 ${away.to}` : '在岗'];
            }),
            { colour: ctx.io.isTTY, width: ctx.width },
          ),
        );
      }),
    );

  leader
    .command('show <LEADER>')
    .description('查看一位领导（编号或姓名）')
    .action(
      act(async (ctx, [ref]) => {
        const { resolveLeader } = await import('../../domain/leaders.js');
        await printLeader(ctx, resolveLeader(ctx.ledger().leaders().leaders, String(ref), '领导'));
      }),
    );

  leader
    .command('edit <LEADER>')
    .description('修改领导的姓名、职务、角色或分管工作')
    .option('--name <N>', '姓名')
    .option('--title <T>', '职务')
    .option('--role <ROLE>', ROLE_HELP)
    .option('--portfolio <P>', '分管工作')
    .action(
      act(async (ctx, [ref], o) => {
        const { editLeader } = await import('../../app/leaders.js');
        const { InputError } = await import('../../errors.js');
        if (o.name === undefined && o.title === undefined && o.role === undefined && o.portfolio === undefined) {
          throw new InputError('没有要修改的内容：请给出 --name、--title、--role 或 --portfolio', 'missing');
        }
        const l = editLeader(
          ctx.ledger(),
          String(ref),
          { name: o.name as string | undefined, title: o.title as string | undefined, role: o.role === undefined ? undefined : await role(o.role), portfolio: o.portfolio as string | undefined },
          ctx.clerk(ctx.ledgerRoot()),
        );
        if (ctx.json) return ctx.printJson(l);
        ctx.out(`已修改领导 ${l.name}（${l.id}）`);
      }),
    );

  leader
    .command('retire <LEADER>')
    .description('领导离任：不再参加排班，历史记录保留')
    .action(
      act(async (ctx, [ref]) => {
        const { editLeader } = await import('../../app/leaders.js');
        const ledger = ctx.ledger();
        const l = editLeader(ledger, String(ref), { active: false }, ctx.clerk(ctx.ledgerRoot()), '领导离任');
        const { slotsFrom } = await import('../../app/roster.js');
        const left = slotsFrom(ledger, l.retired_on ?? '', l.id);
        if (ctx.json) return ctx.printJson({ ...l, remaining_slots: left });
        ctx.out(`${l.name}（${l.id}）已离任，今后不再排班`);
        if (left.length) {
          ctx.warn(`注意：${l.name} 在已生成的排班中还有 ${left.length} 个班次：${left.map((s) => `${s.date}（${s.rule}）`).join('、')}`);
          ctx.warn(`  请改派（xinfang roster set 日期 --leader 姓名 --rule 规则）或重新生成这些月份（xinfang roster generate --month ${[...new Set(left.map((s) => s.date.slice(0, 7)))].join('/')} --force）`);
        }
      }),
    );

  leader
    .command('away <LEADER>')
    .description('登记领导外出（出差、学习、请假），期间不排班')
    .option('--from <D>', '开始日期 YYYY-MM-DD')
    .option('--to <D>', '结束日期 YYYY-MM-DD')
    .option('--reason <R>', '事由，如 出差、学习、请假', '')
    .option('--cancel', '取消已登记的外出（正在进行或下一次的；更早的用 --from 指明）')
    .option('--until <D>', '已登记的外出改到这一天结束（提前结束或延长）')
    .action(
      act(async (ctx, [ref], o) => {
        if (o.cancel || o.until !== undefined) {
          const { changeAbsence } = await import('../../app/office-edit.js');
          const r = changeAbsence(ctx.ledger(), String(ref), { cancel: !!o.cancel, until: o.until as string | undefined, from: o.from as string | undefined }, ctx.clerk(ctx.ledgerRoot()));
          if (ctx.json) return ctx.printJson({ leader: r.leader, before: r.before, after: r.after, slots: r.slots });
          ctx.out(r.after ? `已将 ${r.leader.name} 的外出改为 ${r.after.from} 至 ${r.after.to}（原到 ${r.before.to}）` : `已取消 ${r.leader.name} ${r.before.from} 至 ${r.before.to} 的外出`);
          if (r.slots.length) ctx.warn(`注意：${r.leader.name} 在延长的外出期间还有接访班次：${r.slots.map((s) => `${s.date}（${s.rule}）`).join('、')}，请用 xinfang roster set 日期 --leader 姓名 改派`);
          return;
        }
        const { requireOpts, optDate } = await import('../opts.js');
        requireOpts(o, [['from', '--from'], ['to', '--to']]);
        const from = optDate(o.from, '--from（开始日期）');
        const to = optDate(o.to, '--to（结束日期）');
        const { addAbsence } = await import('../../app/leaders.js');
        const l = addAbsence(ctx.ledger(), String(ref), { from, to, reason: String(o.reason ?? '') }, ctx.clerk(ctx.ledgerRoot()));
        if (ctx.json) return ctx.printJson(l);
        ctx.out(`已登记 ${l.name} ${from} 至 ${to} 外出${o.reason ? `（${String(o.reason)}）` : ''}`);
      }),
    );

  const unit = cmd.command('unit').description('承办单位：添加、列出、修改、删除');
  unit
    .command('add')
    .description('添加承办单位')
    .option('--name <N>', '单位名称，如 民政办')
    .option('--id <ID>', '编号（默认 U01、U02…）')
    .option('--contact <C>', '联系人及电话')
    .action(
      act(async (ctx, _a, o) => {
        const { requireOpts } = await import('../opts.js');
        requireOpts(o, [['name', '--name']]);
        const { addUnit } = await import('../../app/leaders.js');
        const u = addUnit(ctx.ledger(), { name: String(o.name), id: o.id as string | undefined, contact: o.contact as string | undefined }, ctx.clerk(ctx.ledgerRoot()));
        if (ctx.json) return ctx.printJson(u);
        ctx.out(`已添加承办单位 ${u.name}（${u.id}）`);
      }),
    );
  unit
    .command('list')
    .description('列出承办单位')
    .action(
      act(async (ctx) => {
        const units = ctx.ledger().units().units;
        if (ctx.json) return ctx.printJson({ units });
        if (!units.length) return ctx.out('还没有承办单位。添加：xinfang unit add --name 民政办');
        const { table } = await import('../table.js');
        ctx.out(table(['编号', '名称', '联系人'], units.map((u) => [u.id, u.name, u.contact || '—']), { colour: ctx.io.isTTY, width: ctx.width }));
      }),
    );
}
