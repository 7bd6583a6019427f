// Roster commands (接访排班与公示): generate, show, duty, set, swap, balance, publish,
// remind, held, compliance, brief. Each action normalises its options and lazy-imports
// the use cases in src/app/roster*.ts.
import type { Program } from '../main.js';
import { slotJson, today } from './roster-view.js';

/** --month or --quarter (exactly one) → the months to work on and a label. */
async function period(o: Record<string, unknown>): Promise<{ months: string[]; label: string }> {
  const { optMonth, optQuarter } = await import('../opts.js');
  const { InputError } = await import('../../errors.js');
  const { quarterRange } = await import('../../domain/time.js');
  if (o.month !== undefined && o.quarter !== undefined) throw new InputError('--month 与 --quarter 只能给一个', 'usage');
  if (o.month !== undefined) {
    const m = optMonth(o.month);
    return { months: [m], label: m };
  }
  if (o.quarter !== undefined) {
    const q = optQuarter(o.quarter);
    return { months: quarterRange(q).months, label: q };
  }
  throw new InputError('缺少必填项：--month YYYY-MM 或 --quarter YYYYQn', 'missing');
}

export function registerRoster({ cmd, act }: Program): void {
  const roster = cmd.command('roster').description('接访排班与公示：生成、查看、值班、调整、均衡、公示、提醒、履职');

  roster
    .command('generate')
    .description('按 xinfang.yaml 的排班规则在工作日上生成排班（节假日不排、调休上班日照排）')
    .option('--month <YYYY-MM>', '月份')
    .option('--quarter <YYYYQn>', '季度（依次生成三个月）')
    .option('--force', '已有排班时重新生成（手工调整的班次和接访登记保留）')
    .option('--provisional', '当年节假日安排尚未公布时，按周末暂排（标“暂定”）')
    .action(
      act(async (ctx, _a, o) => {
        const p = await period(o);
        const { generateRoster, readRoster } = await import('../../app/roster.js');
        const res = generateRoster(ctx.ledger(), p.months, !!o.force, ctx.clerk(ctx.ledgerRoot()), p.label, { provisional: !!o.provisional });
        const provisional = res.filter((m) => readRoster(ctx.ledger(), m.month)?.provisional).map((m) => m.month);
        if (provisional.length && !ctx.json) ctx.out(`暂定：${provisional.join('、')} 所在年份的节假日安排尚未公布，按周末排班；公布后导入（xinfang calendar import FILE），再 xinfang roster generate --month ${provisional[0]} --force 重新生成`);
        if (ctx.json) {
          return ctx.printJson({
            provisional_months: provisional,
            months: res.map((m) => ({ month: m.month, slots: m.slots.length, kept: m.kept, past: m.past, gaps: m.gaps, away_overrides: m.awayOverrides })),
            later_months: res.at(-1)?.later ?? [],
            missing_months: res[0]?.missing ?? [],
          });
        }
        const leaders = ctx.ledger().leaders().leaders;
        const name = (id: string) => leaders.find((l) => l.id === id)?.name ?? id;
        for (const m of res) {
          const keep = [m.past ? `已过去的 ${m.past} 个班次不变` : '', m.kept ? `保留手工调整 ${m.kept} 个` : ''].filter(Boolean).join('，');
          ctx.out(`已生成 ${m.month} 接访排班：${m.slots.length} 个班次${keep ? `（${keep}）` : ''}`);
          for (const g of m.gaps) ctx.out(`  注意：${g.reason}`);
          for (const s of m.awayOverrides) ctx.out(`  注意：手工调整的 ${s.date} ${s.rule} 由 ${name(s.leader)} 接访，但该领导当天外出；请用 xinfang roster set 改派`);
        }
        const missing = res[0]?.missing ?? [];
        if (missing.length) {
          ctx.warn(`  注意：${missing.join('、')} 还没有排班，轮流次序从更早的月份接续，跨季度的均衡可能差一天以上；建议按月依次生成：xinfang roster generate --month ${missing[0]}，再 --force 重新生成本月`);
        }
        const later = res.at(-1)?.later ?? [];
        if (later.length) {
          ctx.out(`  注意：之后的 ${later.join('、')} 已有排班，未随之调整（轮流次序不会接着本次结果）；需要时依次重新生成：xinfang roster generate --month ${later[0]} --force`);
        }
        ctx.info(`查看：xinfang roster show --month ${res[0]!.month}；公示：xinfang roster publish --month ${res[0]!.month} --format html -o 公示.html`);
      }),
    );

  roster
    .command('show')
    .description('查看一个月的排班')
    .option('--month <YYYY-MM>', '月份（默认本月）')
    .action(
      act(async (ctx, _a, o) => {
        const { optMonth } = await import('../opts.js');
        const month = o.month === undefined ? (await today(ctx)).slice(0, 7) : optMonth(o.month);
        const { showRoster } = await import('../../app/roster.js');
        const r = showRoster(ctx.ledger(), month);
        if (ctx.json) return ctx.printJson({ month: r.month, ...(r.provisional && { provisional: true }), days: r.days.map((d) => ({ date: d.date, slots: d.slots.map(slotJson) })) });
        const { table } = await import('../table.js');
        ctx.out(`${month} 接访排班（共 ${r.days.reduce((n, d) => n + d.slots.length, 0)} 个班次，${r.days.length} 天）${r.provisional ? '【暂定：当年节假日安排尚未公布，按周末排班】' : ''}`);
        ctx.out(
          table(
            ['日期', '星期', '接访领导', '职务', '时间', '地点', '方式', '排班规则', '调整'],
            r.days.flatMap((d) => d.slots.map((v) => [v.date, v.weekday, v.leader.name, v.leader.title, v.hours, v.place.name, v.mode_zh, v.rule, v.override ? v.override.reason || '是' : ''])),
            { colour: ctx.io.isTTY, width: ctx.width },
          ),
        );
      }),
    );

  roster
    .command('duty')
    .description('某天由谁接访（默认今天）')
    .option('--date <D>', '日期 YYYY-MM-DD')
    .action(act(async (ctx, a, o) => (await import('./roster-duty.js')).dutyAction(ctx, a, o)));

  roster
    .command('set <DATE>')
    .description('手工指定某天的接访领导（标记为调整，重新生成时保留）')
    .option('--leader <L>', '接访领导（编号或姓名）')
    .option('--rule <NAME>', '排班规则名称（当天有多个班次，或新增班次时）')
    .option('--replace <L>', '被替换的领导（同一规则当天有多个班次时）')
    .option('--reason <R>', '调整原因')
    .action(
      act(async (ctx, [date], o) => {
        const { requireOpts } = await import('../opts.js');
        requireOpts(o, [['leader', '--leader']]);
        // A rule whose period already has its days: that day moves (src/app/roster-edit.ts).
        const { moveRuleDay } = await import('../../app/roster-edit.js');
        const moved = moveRuleDay(ctx.ledger(), { date: String(date), leader: String(o.leader), rule: o.rule as string | undefined, reason: o.reason as string | undefined }, ctx.clerk(ctx.ledgerRoot()));
        if (moved) {
          if (ctx.json) return ctx.printJson({ date: moved.slot.date, moved_from: moved.from, previous: null, slot: slotJson(moved.slot) });
          return ctx.out(`已将${moved.slot.rule}由 ${moved.from} 改到 ${moved.slot.date}（${moved.slot.weekday}）：${moved.slot.leader.name}（${moved.slot.leader.title}）`);
        }
        const { setSlot } = await import('../../app/roster.js');
        const r = setSlot(
          ctx.ledger(),
          { date: String(date), leader: String(o.leader), rule: o.rule as string | undefined, reason: o.reason as string | undefined, replace: o.replace as string | undefined },
          ctx.clerk(ctx.ledgerRoot()),
        );
        if (ctx.json) return ctx.printJson({ date: r.slot.date, previous: r.previous, slot: slotJson(r.slot) });
        ctx.out(`已调整 ${r.slot.date}（${r.slot.weekday}）${r.slot.rule}：${r.slot.leader.name}（${r.slot.leader.title}）`);
      }),
    );

  roster
    .command('swap <DATE1> <DATE2>')
    .description('对调两天的接访领导（标记为调整，重新生成时保留）')
    .option('--rule <NAME>', '排班规则名称（当天有多个班次时）')
    .option('--reason <R>', '对调原因')
    .action(
      act(async (ctx, [d1, d2], o) => {
        const { swapSlots } = await import('../../app/roster.js');
        const [a, b] = swapSlots(ctx.ledger(), { date1: String(d1), date2: String(d2), rule: o.rule as string | undefined, reason: o.reason as string | undefined }, ctx.clerk(ctx.ledgerRoot()));
        if (ctx.json) return ctx.printJson({ slots: [{ date: a.date, ...slotJson(a) }, { date: b.date, ...slotJson(b) }] });
        ctx.out(`已对调（${a.rule}）：${a.date} ${a.leader.name}，${b.date} ${b.leader.name}`);
      }),
    );

  roster
    .command('balance')
    .description('一个季度每位领导各规则的接访天数和差额')
    .option('--quarter <YYYYQn>', '季度（默认本季度）')
    .action(
      act(async (ctx, _a, o) => {
        const { optQuarter } = await import('../opts.js');
        const { quarterOf } = await import('../../domain/time.js');
        const q = o.quarter === undefined ? quarterOf(await today(ctx)) : optQuarter(o.quarter);
        const { rosterBalance } = await import('../../app/roster.js');
        const r = rosterBalance(ctx.ledger(), q);
        if (ctx.json) return ctx.printJson(r);
        const { table } = await import('../table.js');
        ctx.out(`${q} 接访均衡${r.missing.length ? `（${r.missing.join('、')} 尚未排班）` : ''}`);
        for (const rule of r.rules) {
          ctx.out('');
          if (rule.floor) {
            ctx.out(`${rule.rule}：补足规则，每人每季度至少 ${rule.floor_days} 天（各规则合计；已有其他班次的不另排）${rule.short.length ? `；不足：${rule.short.join('、')}${r.missing.length ? '（尚有月份未排班）' : ''}` : '；均已达到'}`);
            ctx.out(table(['领导', '本规则天数', '各规则合计', '外出工作日'], rule.leaders.map((l) => [l.name, l.days, l.all_days, l.away_days]), { colour: ctx.io.isTTY, width: ctx.width }));
            continue;
          }
          ctx.out(`${rule.rule}：差额 ${rule.spread} ${rule.unit === 'week' ? '周' : '天'}（不计有外出的领导）`);
          ctx.out(
            table(
              rule.unit === 'week' ? ['领导', '周数', '天数', '外出工作日'] : ['领导', '天数', '外出工作日'],
              rule.leaders.map((l) => (rule.unit === 'week' ? [l.name, l.turns, l.days, l.away_days] : [l.name, l.days, l.away_days])),
              { colour: ctx.io.isTTY, width: ctx.width },
            ),
          );
        }
      }),
    );

  roster
    .command('publish')
    .description('输出公示：文本、Markdown、可打印的 A4 HTML 或 iCalendar（不含任何信访人信息）')
    .option('--month <YYYY-MM>', '月份')
    .option('--format <F>', 'text|md|html|ics', 'text')
    .option('--template <FILE>', '自定义 liquid 模板（默认用台账 templates/roster.<格式>.liquid，再用内置模板）')
    .option('-o, --output <FILE>', '写入文件（默认输出到屏幕）')
    .action(
      act(async (ctx, _a, o) => {
        const { optMonth, optOutputFile, requireOpts } = await import('../opts.js');
        const { badField } = await import('../../errors.js');
        requireOpts(o, [['month', '--month']]);
        const month = optMonth(o.month);
        const out = o.output === undefined ? undefined : optOutputFile(o.output, ctx.io.cwd);
        const format = String(o.format);
        const formats = ['text', 'md', 'html', 'ics'] as const;
        if (!(formats as readonly string[]).includes(format)) throw badField('--format（格式）', format, '允许：text、md、html、ics');
        const { resolve } = await import('node:path');
        const template = o.template === undefined ? undefined : resolve(ctx.io.cwd, String(o.template));
        const { publishRoster } = await import('../../app/roster.js');
        const r = await publishRoster(ctx.ledger(), { month, format: format as (typeof formats)[number], template, now: ctx.now });
        if (out !== undefined) {
          const { writeFileAtomic } = await import('../../ledger/yamlfile.js');
          writeFileAtomic(out, r.text);
          if (ctx.json) return ctx.printJson({ month, format, file: out, template: r.template });
          ctx.out(`已输出 ${month} 公示（${format}）：${out}`);
          return;
        }
        ctx.write(r.text); // no control characters from the ledger reach the terminal
      }),
    );

  roster
    .command('remind')
    .description('今后几天的接访班次，及发给每位领导的提醒文字')
    .option('--days <N>', '天数', '5')
    .action(
      act(async (ctx, _a, o) => {
        const { optInt } = await import('../opts.js');
        const days = optInt(o.days, '--days（天数）', 0, 366);
        const { reminders } = await import('../../app/roster.js');
        const r = reminders(ctx.ledger(), await today(ctx), days);
        if (ctx.json) return ctx.printJson({ from: r.from, to: r.to, missing: r.missing, reminders: r.reminders.map((x) => ({ leader: x.leader, slots: x.slots.map((v) => ({ date: v.date, ...slotJson(v) })), text: x.text })) });
        if (r.missing.length) ctx.warn(`注意：${r.missing.join('、')} 还没有排班（xinfang roster generate --month ${r.missing[0]}）`);
        if (!r.reminders.length) return ctx.out(`${r.from} 至 ${r.to} 没有接访班次`);
        ctx.out(`${r.from} 至 ${r.to} 的接访班次（${r.reminders.length} 位领导）`);
        for (const x of r.reminders) {
          ctx.out('');
          ctx.out(ctx.c.bold(`—— ${x.leader.name}（${x.leader.title}）`));
          ctx.out(x.text);
        }
      }),
    );

  roster
    .command('held [DATE]')
    .description('登记接访日已落实：不给 --leader 时当天排班的每位领导一起登记（无人来访）；--absent 登记缺岗')
    .option('--date <D>', '日期 YYYY-MM-DD（也可直接写在 held 后面）')
    .option('--leader <L>', '只登记这位领导')
    .option('--visitors <N>', '来访人数', '0')
    .option('--absent', '这位领导当天没有按排班接访（缺岗）')
    .option('--reason <TEXT>', '缺岗原因（与 --absent 一起）')
    .action(
      act(async (ctx, [date], o) => {
        const { optPeople } = await import('../opts.js');
        const { badField } = await import('../../errors.js');
        if (date !== undefined && o.date !== undefined && String(date) !== String(o.date)) throw badField('--date（日期）', String(o.date), `与前面写的日期 ${String(date)} 不同，只给一个`);
        const day = date ?? o.date;
        if (day === undefined) throw badField('--date（日期）', '', '必须给出：xinfang roster held --date YYYY-MM-DD');
        const visitors = optPeople(o.visitors, '--visitors（来访人数）', 0);
        const { markDay } = await import('../../app/roster-attendance.js');
        const r = markDay(
          ctx.ledger(),
          { date: String(day), leader: o.leader === undefined ? undefined : String(o.leader), visitors, absent: !!o.absent, reason: o.reason === undefined ? undefined : String(o.reason), today: await today(ctx) },
          ctx.clerk(ctx.ledgerRoot()),
        );
        if (ctx.json) return ctx.printJson(r.marked.length === 1 && o.leader !== undefined ? { date: r.date, leader: r.marked[0]!.leader, visitors: r.marked[0]!.visitors, absent: r.marked[0]!.absent } : r);
        for (const m of r.marked) ctx.out(m.absent ? `已登记：${r.date} ${m.leader.name} 缺岗` : `已登记：${r.date} ${m.leader.name} 按时接访，来访 ${m.visitors} 人`);
        if (r.already.length) ctx.out(`${r.date} 已登记过、未改动：${r.already.map((a) => a.name).join('、')}（要改请加 --leader）`);
      }),
    );

  roster
    .command('compliance')
    .description('履职情况：每位领导本季度排班天数、已接访（有无来访）、缺岗、未记录、待接访')
    .option('--quarter <YYYYQn>', '季度（默认本季度）')
    .option('--notice', '出具通报（对已登记缺岗的领导通报批评；模板 templates/compliance-notice.liquid）')
    .option('--template <FILE>', '与 --notice 一起：通报模板')
    .action(
      act(async (ctx, _a, o) => {
        const { optQuarter } = await import('../opts.js');
        const { quarterOf } = await import('../../domain/time.js');
        const t = await today(ctx);
        const q = o.quarter === undefined ? quarterOf(t) : optQuarter(o.quarter);
        if (o.template !== undefined && !o.notice) throw (await import('../../errors.js')).badField('--template', o.template, '只与 --notice 一起使用');
        if (o.notice) {
          const { complianceNotice } = await import('../../app/roster-attendance.js');
          const text = await complianceNotice(ctx.ledger(), q, t, o.template as string | undefined);
          return ctx.json ? ctx.printJson({ quarter: q, text }) : ctx.out(text);
        }
        const { compliance } = await import('../../app/roster-attendance.js');
        const r = await compliance(ctx.ledger(), q, t);
        if (ctx.json) return ctx.printJson(r);
        const { table } = await import('../table.js');
        const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
        ctx.out(`${q} 领导接访履职情况（截至 ${t}${r.missing.length ? `；${r.missing.join('、')} 尚未排班` : ''}）`);
        ctx.out(
          table(
            ['领导', '职务', '排班', '已接访', '其中有来访', '无人来访', '缺岗', '未记录', '待接访', '履职率', '缺岗日期', '未记录日期'],
            [
              ...r.leaders.map((l) => [l.name, l.title, l.scheduled, l.held, l.held_with_visitors, l.held_without_visitors, l.missed, l.unrecorded, l.upcoming, pct(l.rate), l.missed_dates.join('、') || '—', l.unrecorded_dates.join('、') || '—']),
              ['合计', '', r.totals.scheduled, r.totals.held, r.totals.held_with_visitors, r.totals.held_without_visitors, r.totals.missed, r.totals.unrecorded, r.totals.upcoming, pct(r.totals.rate), '', ''],
            ],
            { colour: ctx.io.isTTY, width: ctx.width },
          ),
        );
        ctx.out('履职率＝已接访 ÷（已接访＋缺岗），只算已登记的日子；未记录的日子不算缺岗。');
        const missed = r.leaders.filter((l) => l.missed > 0);
        if (missed.length) ctx.out(`缺岗（已登记）：${missed.map((l) => `${l.name} ${l.missed} 天`).join('、')}`);
        const days = [...new Set(r.leaders.flatMap((l) => l.unrecorded_dates))].sort();
        if (days.length) ctx.out(`未记录 ${days.length} 天：${days.slice(0, 8).join('、')}${days.length > 8 ? ' 等' : ''}。按时到岗的，登记：xinfang roster held --date ${days[0]}（当天排班的领导一起登记）；没有到岗的：xinfang roster held --date ${days[0]} --leader 领导 --absent --reason 原因`);
      }),
    );

  roster
    .command('brief')
    .description('领导接访日晨报：当天约访、包案未结案件、可能再来的信访人')
    .option('--date <D>', '日期（默认今天）')
    .option('--leader <L>', '领导（默认当天所有接访领导）')
    .action(
      act(async (ctx, _a, o) => {
        const { optDate } = await import('../opts.js');
        const date = o.date === undefined ? await today(ctx) : optDate(o.date, '--date（日期）');
        const { briefFor } = await import('../../app/roster.js');
        const briefs = await briefFor(ctx.ledger(), { date, leader: o.leader as string | undefined, now: ctx.now });
        if (ctx.json) return ctx.printJson({ date, briefs: briefs.map((b) => ({ ...b, slots: b.slots.map(slotJson) })) });
        for (const b of briefs) {
          ctx.out(ctx.c.bold(`${date} ${b.leader.name}（${b.leader.title}）接访晨报`));
          for (const v of b.slots) ctx.out(`  ${v.hours}  ${v.place.name}  ${v.mode_zh}  [${v.rule}]`);
          if (!b.slots.length) ctx.out('  当天没有排班');
          const list = (head: string, cs: import('../../app/roster.js').BriefCase[], empty: string) => {
            ctx.out(`${head}（${cs.length}）`);
            if (!cs.length) ctx.out(`  ${empty}`);
            for (const c of cs) {
              ctx.out(`  ${c.id}  ${c.status}${c.due ? `  ${c.due}` : ''}${c.overdue ? '  ⚠超期' : ''}  ${c.petitioners}${c.people > 1 ? `（${c.people} 人）` : ''}`);
              ctx.out(`    ${c.summary}`);
              if (c.note) ctx.out(`    约访说明：${c.note}`);
              if (c.history.length) ctx.out(`    来访：${c.history.join('；')}`);
            }
          };
          list('约访', b.appointments, '无');
          list('包案未结', b.owned, '无');
          list('可能再来的信访人', b.returning, '无');
          ctx.out('');
        }
      }),
    );

  // `case appoint` (重点约访) belongs to the roster: it books a petitioner into a leader's reception day.
  const kase = cmd.commands.find((c) => c.name() === 'case');
  if (kase) {
    kase
      .command('appoint <ID>')
      .description('约访：约信访人在某位领导的接访日来访（默认当天接访的领导）')
      .option('--date <D>', '约访日期 YYYY-MM-DD')
      .option('--leader <L>', '接访领导（当天有多位领导接访时必填）')
      .option('--note <N>', '说明，如 约请代表三人')
      .action(
        act(async (ctx, [id], o) => {
          const { requireOpts } = await import('../opts.js');
          requireOpts(o, [['date', '--date']]);
          const { appointCase } = await import('../../app/roster.js');
          const r = await appointCase(ctx.ledger(), { id: String(id), date: String(o.date), leader: o.leader as string | undefined, note: o.note as string | undefined, today: await today(ctx) }, ctx.clerk(ctx.ledgerRoot()));
          if (ctx.json) return ctx.printJson(r);
          ctx.out(`已约访 ${r.id}：${r.date} 由 ${r.leader.name}（${r.leader.title}）接待`);
        }),
      );
  }
}
