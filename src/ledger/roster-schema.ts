// The zod schema of a month's roster file (the names and paths: roster-file.ts). Loaded only
// where a roster file is validated or written (src/ledger/validate-files.ts, on demand).
import '../domain/zod.js';
import { z } from 'zod';
import { isValidMonth } from '../domain/time.js';
import { isoDate, Mode } from './schema.js';

export const Override = z.strictObject({
  reason: z.string().default(''),
  by: z.string().default(''),
  at: z.string().default(''),
});
export type Override = z.infer<typeof Override>;

export const RosterSlot = z.strictObject({
  date: isoDate,
  rule: z.string().min(1),
  leader: z.string().min(1),
  /** Place id from xinfang.yaml places. */
  place: z.string().min(1),
  hours: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { message: '应为 HH:mm-HH:mm，如 08:30-11:30' }),
  mode: Mode,
  /** Set by hand (roster set / swap): kept as it is by `generate --force`. */
  override: Override.optional(),
});
export type RosterSlot = z.infer<typeof RosterSlot>;

export const HeldDay = z.strictObject({
  date: isoDate,
  leader: z.string().min(1),
  /** Visitors received that day, as the clerk reported it (0: held, nobody came). */
  visitors: z.number().int().min(0).default(0),
  /** Recorded as not kept (缺岗, `roster held --absent`), with the reason. */
  absent: z.boolean().optional(),
  reason: z.string().optional(),
  by: z.string().default(''),
  at: z.string().default(''),
});
export type HeldDay = z.infer<typeof HeldDay>;

/** A slot removed by hand (`roster unset`): a regeneration does not put it back. */
export const RemovedSlot = z.strictObject({
  date: isoDate,
  rule: z.string().min(1),
  leader: z.string().min(1),
  reason: z.string().default(''),
  by: z.string().default(''),
  at: z.string().default(''),
});
export type RemovedSlot = z.infer<typeof RemovedSlot>;

export const RosterFile = z.strictObject({
  month: z.string().refine(isValidMonth, { message: '应为月份 YYYY-MM' }),
  generated_at: z.string().default(''),
  /** Generated on weekends only (`roster generate --provisional`): the year's holiday list was not out yet (暂定). */
  provisional: z.boolean().optional(),
  slots: z.array(RosterSlot).default([]),
  held: z.array(HeldDay).default([]),
  removed: z.array(RemovedSlot).optional(),
});
export type RosterFile = z.infer<typeof RosterFile>;
