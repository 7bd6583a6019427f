// `xinfang roster duty [--date D]`: who receives on a day. Registered in roster.ts and run
// without commander by fast.ts (a command clerks run many times a day).
// Its modules are imported statically: fast.ts is bundled on its own, and each import() would
// be one more file to load (scripts/bundle.mjs).
import type { Ctx } from '../context.js';
import { optDate } from '../opts.js';
import { dutyOn } from '../../app/roster-read.js';
import { WEEKDAY_ZH, weekday } from '../../domain/time.js';
import { slotJson, slotLine, today } from './roster-view.js';

export async function dutyAction(ctx: Ctx, _a: unknown[], o: Record<string, unknown>): Promise<number | void> {
  const date = o.date === undefined ? await today(ctx) : optDate(o.date, '--date（日期）');
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
