// `xinfang roster duty [--date D]`: who receives on a day. Registered in roster.ts and run
// without commander by fast.ts (a command clerks run many times a day).
import type { Ctx } from '../context.js';
import type { SlotView } from '../../app/roster-read.js';

export function slotJson(v: SlotView) {
  return { leader: { id: v.leader.id, name: v.leader.name, title: v.leader.title }, rule: v.rule, place: v.place.name, place_id: v.place.id, hours: v.hours, mode: v.mode, override: v.override };
}

export function slotLine(v: SlotView): string {
  return `${v.leader.name}（${v.leader.title || '—'}）${v.hours}  ${v.place.name}  ${v.mode_zh}  [${v.rule}]${v.override ? `  *调整：${v.override.reason}` : ''}`;
}

export async function today(ctx: Ctx): Promise<string> {
  const { shanghaiDate } = await import('../../domain/time.js');
  return shanghaiDate(ctx.now);
}


export async function dutyAction(ctx: Ctx, _a: unknown[], o: Record<string, unknown>): Promise<number | void> {
  const { optDate } = await import('../opts.js');
  const date = o.date === undefined ? await today(ctx) : optDate(o.date, '--date（日期）');
  const { dutyOn } = await import('../../app/roster-read.js');
  const { WEEKDAY_ZH, weekday } = await import('../../domain/time.js');
  const d = dutyOn(ctx.ledger(), date);
  if (ctx.json) return ctx.printJson({ date, workday: d.workday, day_name: d.dayName, generated: d.generated, slots: d.slots.map(slotJson) });
  const head = `${date}（${WEEKDAY_ZH[weekday(date)]}${d.dayName ? `，${d.dayName}` : ''}）`;
  if (d.slots.length) {
    ctx.out(`${head}接访：`);
    for (const v of d.slots) ctx.out(`  ${slotLine(v)}`);
    return;
  }
  if (d.workday === false) return ctx.out(`${head}休息日，不安排接访`);
  if (!d.generated) {
    ctx.warn(`${head}：${date.slice(0, 7)} 还没有排班。先生成：xinfang roster generate --month ${date.slice(0, 7)}`);
    return 1;
  }
  ctx.out(`${head}没有安排接访`);
}
