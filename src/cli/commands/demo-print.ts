// What `xinfang demo` shows at the end: what the new ledger holds.
import type { Ctx } from '../context.js';
import type { DemoResult } from '../../app/demo.js';
import { ROLE_ZH } from '../../domain/leaders.js';
import { table } from '../table.js';

export async function printDemo(ctx: Ctx, r: DemoResult): Promise<void> {
  const { config } = r.ledger;
  const leaders = r.ledger.leaders().leaders;
  const units = r.ledger.units().units;
  if (ctx.json) return ctx.printJson({ root: r.root, office: config.office, leaders: leaders.length, units: units.length });
  ctx.out(ctx.c.bold(`示范台账：${config.office.name}（${config.office.code}） ${r.root}`));
  ctx.out('');
  ctx.out('接访制度（xinfang.yaml，可按本单位制度修改）：');
  for (const rule of config.schedule.rules) ctx.out(`  · ${rule.name}：${ruleText(rule)}，${rule.hours ?? config.schedule.working_hours}`);
  ctx.out('');
  ctx.out(`领导（${leaders.length} 位）：`);
  ctx.out(table(['编号', '姓名', '职务', '角色', '分管工作'], leaders.map((l) => [l.id, l.name, l.title, ROLE_ZH[l.role], l.portfolio]), { colour: ctx.io.isTTY, width: ctx.width }));
  ctx.out(`承办单位：${units.map((u) => u.name).join('、')}`);
  // ---- roster: today's duty
  if (r.roster?.months.length) {
    const { dutyOn } = await import('../../app/roster.js');
    const { shanghaiDate } = await import('../../domain/time.js');
    const d = dutyOn(r.ledger, shanghaiDate(ctx.now));
    ctx.out('');
    ctx.out(`今天（${d.date}）接访：${d.slots.length ? d.slots.map((v) => `${v.leader.name}（${v.leader.title}，${v.hours}，${v.mode_zh}）`).join('；') : d.workday === false ? `休息日${d.dayName ? `（${d.dayName}）` : ''}，不安排接访` : '没有安排'}`);
    ctx.out(`已生成排班：${r.roster.months.join('、')}${r.roster.notice ? `；公示：${r.roster.notice}` : ''}`);
  }
  // ---- end roster
  // ---- lifecycle: the due list and the demo cases (src/app/lifecycle.ts)
  if (r.lifecycle) {
    const { dueReport } = await import('../../app/lifecycle.js');
    const { shanghaiDate } = await import('../../domain/time.js');
    const { DEADLINE_ZH } = await import('../../domain/deadlines.js');
    const due = dueReport(r.ledger, shanghaiDate(ctx.now));
    ctx.out('');
    ctx.out(`期限提醒：超期 ${due.overdue.length} 件，${due.within} 天内到期 ${due.due_soon.length} 件，待领导阅批 ${due.awaiting_instruction.length} 件`);
    for (const i of due.overdue) ctx.out(`  超期  ${i.id}  ${DEADLINE_ZH[i.kind]} ${i.deadline}，已超 ${i.days} 天`);
    for (const i of due.due_soon) ctx.out(`  临期  ${i.id}  ${DEADLINE_ZH[i.kind]} ${i.deadline}，剩 ${i.days} 天`);
    if (due.calendar_gaps.length) {
      const years = [...new Set(due.calendar_gaps.map((g) => g.year))].join('、');
      ctx.out(`  ${due.calendar_gaps.length} 个期限要用到 ${years} 年的节假日安排，尚无数据，无法计算：xinfang calendar import 当年安排，或添加 calendar/${due.calendar_gaps[0]!.year}.yaml`);
    }
    ctx.out(`已延期：${r.lifecycle.extended}；已结案并回访：${r.lifecycle.closed}`);
    const [head, ...conds] = r.lifecycle.refused.message.split('\n');
    ctx.out(`结案被拒：${head}${conds.map((l) => l.trim().replace(/^·\s*/, '')).join('；')}`);
    ctx.out(`详情：xinfang due；xinfang case show ${r.lifecycle.closed}；xinfang case history ${r.lifecycle.closed}`);
  }
  // ---- end lifecycle
  // ---- reports: the quarter's statistics (src/app/reports.ts)
  {
    const { quarterPeriod, statsReport, statsDoc } = await import('../../app/reports.js');
    const { quarterOf, shanghaiDate } = await import('../../domain/time.js');
    const { terminal } = await import('./reports.js');
    const q = quarterOf(shanghaiDate(ctx.now));
    const rep = statsReport([r.ledger], quarterPeriod(q), ctx.now);
    const doc = statsDoc(rep, config.office.name, ['category']);
    ctx.out('');
    ctx.out(await terminal({ ...doc, tables: doc.tables.filter((t) => t.key !== '按内容分类大类' || rep.current.total > 0) }, ctx.io.isTTY && ctx.c.level > 0));
    ctx.out(`完整统计表：xinfang report stats --quarter ${q}（--format xlsx|html -o 文件）；登记表：xinfang report register --quarter ${q}`);
    ctx.out(`试试：cd ${r.root} && xinfang roster duty && xinfang case list && xinfang due && xinfang check --strict`);
  }
  // ---- end reports
}

function ruleText(r: DemoResult['ledger']['config']['schedule']['rules'][number]): string {
  const who = [...(r.pool.roles ?? []).map((x) => ROLE_ZH[x]), ...(r.pool.titles ?? []), ...(r.pool.leaders ?? [])].join('、');
  switch (r.kind) {
    case 'daily':
      return `${who}每个工作日一人轮流`;
    case 'weekly':
      return `${who}每周一人轮流${r.days_per_period ? `，接访 ${r.days_per_period} 天` : ''}`;
    case 'monthly':
      return `${who}每人每月 ${r.days_per_period ?? 1} 天`;
    case 'quarterly':
      return `${who}每人每季度 ${r.days_per_period ?? 1} 天${r.floor ? '（未排到的补足）' : ''}`;
  }
}
