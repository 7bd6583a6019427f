// `xinfang today`: the morning screen on at most 100 columns — duty leaders, today's visits,
// overdue and due soon, 待阅批, what waits for the clerk, reception days not marked held.
// Long lists are cut to a few lines each, with the command that lists them all.
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';
import type { TodayReport } from '../../app/today.js';

/** The screen's width: the terminal's when narrower, never more than 100 columns. */
const MAX_WIDTH = 100;
/** Lines per section before "…另有 N 件" (the whole screen stays within about 40 lines). */
const PER_SECTION = 4;

export function registerToday({ cmd, act }: Program): void {
  cmd
    .command('today')
    .description('今日工作：值班领导、今日来访、超期与临期、待阅批、待办事项、未登记的接访日')
    .option('--within <DAYS>', '临期天数（默认 xinfang.yaml 的 warnings.due_soon_days，一般为 7）')
    .action(act(todayAction));
}

/** The action of `today` (also run by fast.ts without commander). */
export async function todayAction(ctx: Ctx, _a: unknown[], o: Record<string, unknown>): Promise<number | void> {
  const { optInt } = await import('../opts.js');
  const within = o.within === undefined ? undefined : optInt(o.within, '--within（临期天数）', 0, 365);
  const { todayReport } = await import('../../app/today.js');
  const r = todayReport(ctx.ledger(), ctx.now, { within });
  if (ctx.json) return ctx.printJson(r);
  const cols = Number(ctx.io.env.COLUMNS) > 0 ? Math.min(MAX_WIDTH, Number(ctx.io.env.COLUMNS)) : MAX_WIDTH;
  for (const line of await todayLines(ctx, r, cols)) ctx.out(line);
}

async function todayLines(ctx: Ctx, r: TodayReport, width: number): Promise<string[]> {
  const { textWidth } = await import('../table.js');
  const { dateZh, WEEKDAY_ZH, weekday } = await import('../../domain/time.js');
  const { DEADLINE_ZH } = await import('../../domain/deadlines.js');
  const { CHANNELS } = await import('../../domain/events.js');
  const { maskPiiText } = await import('../../domain/identity.js');
  const c = ctx.c;
  /** Cuts a line to the width (CJK characters count two columns). */
  const fit = (s: string): string => {
    if (textWidth(s) <= width) return s;
    let out = '';
    for (const ch of s) {
      if (textWidth(out + ch) > width - 1) break;
      out += ch;
    }
    return out + '…';
  };
  const out: string[] = [];
  const head = (t: string) => out.push(c.bold(t));
  const list = <T>(items: T[], line: (x: T) => string, more: string) => {
    for (const x of items.slice(0, PER_SECTION)) out.push(fit(`  ${line(x)}`));
    if (items.length > PER_SECTION) out.push(c.dim(`  …另有 ${items.length - PER_SECTION} 件（${more}）`));
  };
  const m = (t: string) => maskPiiText(t);

  out.push(c.bold(`${dateZh(r.today)} ${WEEKDAY_ZH[weekday(r.today)]}  ${r.now.slice(11, 16)}`));

  head('值班领导');
  for (const d of r.duty) {
    const when = `${d.date === r.today ? '今天' : d.date.slice(5)} ${d.weekday.replace('星期', '周')}`;
    let what: string;
    if (!d.generated) what = c.yellow(`尚未排班（xinfang roster generate --month ${d.date.slice(0, 7)}）`);
    else if (!d.slots.length) what = d.workday === false ? `休息日${d.day_name ? `（${d.day_name}）` : ''}` : '无接访安排';
    else {
      // With the place when it fits, else without (the roster shows it).
      const slots = (place: boolean) => d.slots.map((s) => `${s.leader.name}（${s.rule}${place ? `，${s.place}` : ''} ${s.hours}）${s.away ? c.red(` ${s.away}`) : ''}`).join('；');
      what = textWidth(`  ${when}  ${slots(true)}`) <= width ? slots(true) : slots(false);
    }
    out.push(fit(`  ${when}  ${what}`));
  }

  head(`今日来访 ${r.visits.length} 件`);
  if (!r.visits.length) out.push('  （无）');
  list(r.visits, (v) => `${v.id}  ${v.again ? '再次' : ''}${v.channel_zh}  ${m(v.name)}${v.people > 1 ? ` 等 ${v.people} 人` : ''}  ${v.leader ?? '—'}  ${v.status_zh}  ${m(v.summary)}`, `xinfang case list --from ${r.today} --to ${r.today}`);

  head(`超期 ${r.overdue.length} 件，${r.within} 天内到期 ${r.due_soon.length} 件`);
  list(r.overdue, (i) => c.red(`${i.id}  ${DEADLINE_ZH[i.kind]} ${i.provisional ? '【暂定】' : ''}${i.deadline} 已超期 ${i.days} 天`), 'xinfang due');
  list(r.due_soon, (i) => `${i.id}  ${DEADLINE_ZH[i.kind]} ${i.provisional ? '【暂定】' : ''}${i.deadline}，还剩 ${i.days} 天`, 'xinfang due');

  head(`待领导阅批 ${r.awaiting_instruction.length} 件`);
  list(r.awaiting_instruction, (a) => `${a.id}  ${CHANNELS[a.channel]}  ${a.received} 收到`, 'xinfang due');

  head(`待办 ${r.clerk.length} 件`);
  list(r.clerk, (x) => `${x.id}  ${x.tasks_zh.join('、')}  ${x.leader ?? '—'}  ${m(x.summary)}`, 'xinfang today --json');

  if (r.not_held.length) {
    head(`未登记的接访日 ${r.not_held.length} 个`);
    list(r.not_held, (h) => `${h.date} ${h.leader.name}（${h.rule} ${h.hours}）：xinfang roster held ${h.date} --leader ${h.leader.name}`, 'xinfang roster compliance');
  }
  if (r.calendar_gaps.length) out.push(c.yellow(fit(`注意：工作日历缺少 ${[...new Set(r.calendar_gaps.map((g) => g.year))].join('、')} 年，部分期限无法计算（xinfang calendar import）`)));
  return out;
}
