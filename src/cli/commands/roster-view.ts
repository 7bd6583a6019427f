// How the roster's commands print a slot, and today's date for them.
import type { Ctx } from '../context.js';
import type { SlotView } from '../../app/roster-read.js';
import { shanghaiDate } from '../../domain/time.js';

export function slotJson(v: SlotView) {
  return { leader: { id: v.leader.id, name: v.leader.name, title: v.leader.title }, rule: v.rule, place: v.place.name, place_id: v.place.id, hours: v.hours, mode: v.mode, override: v.override };
}

export function slotLine(v: SlotView): string {
  return `${v.leader.name}（${v.leader.title || '—'}）${v.hours}  ${v.place.name}  ${v.mode_zh}  [${v.rule}]${v.override ? `  *调整：${v.override.reason}` : ''}`;
}

export async function today(ctx: Ctx): Promise<string> {
  return shanghaiDate(ctx.now);
}
