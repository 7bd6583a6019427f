// `xinfang due`: overdue and due-soon cases grouped by unit and leader, items waiting for an
// instruction, `--followup` (回访, 评查, 集体研究, 五包) and `--supervise` (督办 events and 督办通知).
// Registered with the lifecycle commands (lifecycle.ts); lazy-imports src/app/lifecycle.ts.
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';

/** 督办方式 as people say them (电话, 发函 …), for `case supervise` and `due --supervise`. */
export const FORM_ALIASES = { 电话: 'phone', 发函: 'letter', 约谈: 'interview', 会议: 'meeting', 挂牌: 'listed', 通报: 'notice', 实地: 'onsite' } as const;

const L = () => import('../../app/lifecycle.js');
const O = () => import('../opts.js');
const E = () => import('../../domain/events.js');

export function registerDue(p: Program): void {
  p.cmd
    .command('due')
    .description('超期和临期的案件（按承办单位和包案领导分组），待批示的来信来电')
    .option('--within <DAYS>', '临期天数（默认 warnings.due_soon_days）')
    .option('--fail-on-overdue', '有超期案件时退出码为 1（供脚本使用）')
    .option('--supervise', '对超期且近期未督办的案件记录督办，并按单位生成督办通知')
    .option('--form <F>', '与 --supervise 一起：督办方式（默认 notice 通报督办）')
    .option('--followup', '另列结案后应回访、应评查的案件（重信重访、信访人不满意的）、未集体研究的集体访、五包未全部落实的案件')
    .action(p.act(dueAction));
}

/** The action of `due` (also run by fast.ts without commander). */
export function dueAction(ctx: Ctx, _a: unknown[], o: Record<string, unknown>): Promise<number> {
  return printDue(ctx, o);
}

/** `xinfang due`: overdue and due-soon cases by unit and leader; --supervise records and writes 督办通知. */
async function printDue(ctx: Ctx, o: Record<string, unknown>): Promise<number> {
  const { optInt, optEnum } = await O();
  const { shanghaiDate } = await import('../../domain/time.js');
  const { SUPERVISION_FORMS } = await E();
  const lc = await L();
  // Read while the report is made (the names in the text; --json needs none).
  const viewP = ctx.json ? null : import('./case-view.js');
  const ledger = ctx.ledger();
  const within = o.within === undefined ? undefined : optInt(o.within, '--within（临期天数）', 0, 3650);
  if (o.form !== undefined && !o.supervise) throw (await import('../../errors.js')).badField('--form', o.form, '只与 --supervise 一起使用');
  const form = o.supervise ? optEnum(o.form ?? 'notice', '--form（督办方式）', SUPERVISION_FORMS, FORM_ALIASES) : undefined;
  const today = shanghaiDate(ctx.now);
  let sup: Awaited<ReturnType<typeof lc.superviseOverdue>> | null = null;
  if (form) sup = await lc.superviseOverdue(ledger, form, ctx.clerk(ledger.root));
  const rep = lc.dueReport(ledger, today, within);
  const code = o.failOnOverdue && rep.overdue.length ? 1 : 0;
  const track = o.followup ? (await import('../../app/tracking.js')).trackingReport(ledger) : null;
  if (ctx.json) {
    ctx.printJson({ ...rep, ...(track ?? {}), ...(sup && { supervised: sup }) });
    return code;
  }
  const { leaderName, unitName } = await (viewP ?? import('./case-view.js'));
  const { DEADLINE_ZH, WARNING_ZH } = await import('../../domain/deadlines.js');
  const { CHANNELS } = await E();
  // Groups in the office's own order — its units as units.yaml lists them, then cases owned
  // but not transferred by leader as leaders.yaml lists them, then those with neither — the
  // same on every machine (no locale's collation; and none to load).
  const unitPos = new Map(ledger.units().units.map((u, i) => [u.id, i]));
  const leaderPos = new Map(ledger.leaders().leaders.map((l, i) => [l.id, i]));
  const rank = (i: (typeof rep.overdue)[number]): number[] =>
    i.units.length ? [0, ...i.units.map((u) => unitPos.get(u) ?? unitPos.size)] : i.leader ? [1, leaderPos.get(i.leader) ?? leaderPos.size] : [2];
  const before = (a: number[], b: number[]): number => {
    for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return a.length - b.length;
  };
  const group = (items: typeof rep.overdue, what: (i: (typeof rep.overdue)[number]) => string) => {
    const m = new Map<string, { rank: number[]; lines: string[] }>();
    for (const i of items) {
      const key = i.units.length ? i.units.map((u) => unitName(ledger, u)).join('、') : i.leader ? `（未交办）包案领导 ${leaderName(ledger, i.leader)}` : '（未交办、未包案）信访办';
      let g = m.get(key);
      if (!g) m.set(key, (g = { rank: rank(i), lines: [] }));
      g.lines.push(`    ${i.id}  ${DEADLINE_ZH[i.kind]} ${i.provisional ? '【暂定】' : ''}${i.deadline}  ${what(i)}  包案领导 ${leaderName(ledger, i.leader)}`);
    }
    for (const [k, g] of [...m].sort((a, b) => before(a[1].rank, b[1].rank) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      ctx.out(`  ${k}`);
      for (const l of g.lines) ctx.out(l);
    }
  };
  ctx.out(ctx.c.bold(`期限提醒（${today}）`));
  if (rep.overdue.length) {
    ctx.out(ctx.c.red(`超期 ${rep.overdue.length} 件：`));
    group(rep.overdue, (i) => `超期 ${i.days} 天`);
  } else ctx.out('没有超期的案件');
  if (rep.due_soon.length) {
    ctx.out(ctx.c.yellow(`${rep.within} 天内到期 ${rep.due_soon.length} 件：`));
    group(rep.due_soon, (i) => `${i.days === 0 ? '今天到期' : `剩 ${i.days} 天`}（${WARNING_ZH[i.warning as keyof typeof WARNING_ZH] ?? i.warning}）`);
  } else ctx.out(`${rep.within} 天内没有到期的案件`);
  if (rep.awaiting_instruction.length) {
    ctx.out(`待领导阅批 ${rep.awaiting_instruction.length} 件：`);
    for (const a of rep.awaiting_instruction) ctx.out(`    ${a.id}  ${CHANNELS[a.channel]}  ${a.received}`);
  }
  if (rep.calendar_gaps.length) {
    const { gapText, provisionalText } = await import('../../app/case-extras.js');
    ctx.out(ctx.c.yellow('需要尚未公布的节假日安排的期限：'));
    for (const g of rep.calendar_gaps) {
      const label = DEADLINE_ZH[g.deadline as keyof typeof DEADLINE_ZH] ?? g.deadline;
      ctx.out(`    ${g.id}  ${g.provisional_deadline ? `${label} 【暂定】${g.provisional_deadline}（${provisionalText(g.year)}）` : gapText(label, g.year)}`);
    }
  }
  if (track) {
    const { leaderName: ln } = await import('./case-view.js');
    const show = (title: string, items: typeof track.followup_due, how: string) => {
      if (!items.length) return ctx.out(`没有${title}的案件`);
      ctx.out(`${title} ${items.length} 件（${how}）：`);
      for (const i of items) ctx.out(`    ${i.id}  ${i.closed} 结案  ${i.reason}  包案领导 ${ln(ledger, i.leader)}`);
    };
    show('应回访', track.followup_due, '包案领导回访责任制：xinfang case followup ID');
    show('应评查', track.review_due, '逐案评查：xinfang case review ID');
    if (track.collective_due.length) {
      ctx.out(`集体访未提交集体研究 ${track.collective_due.length} 件（xinfang case collective ID --note 研究决定）：`);
      for (const i of track.collective_due) ctx.out(`    ${i.id}  ${i.received} 登记  ${i.people} 人  包案领导 ${ln(ledger, i.leader)}`);
    } else ctx.out('没有未提交集体研究的集体访');
    if (track.duties_due.length) {
      ctx.out(`五包未全部落实 ${track.duties_due.length} 件（xinfang case duty ID --done 事项）：`);
      for (const i of track.duties_due) ctx.out(`    ${i.id}  包案领导 ${ln(ledger, i.leader)}  未落实：${i.pending.join('、')}`);
    } else ctx.out('包案的案件五包都已落实');
  }
  if (sup) {
    ctx.out(`已督办 ${sup.supervised.length} 件${sup.skipped.length ? `；${sup.skipped.length} 件近 ${ledger.config.supervise_every_days} 天内已督办，跳过` : ''}`);
    for (const n of sup.notices) ctx.out(`    督办通知：${n}`);
  }
  return code;
}
