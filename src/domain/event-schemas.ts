// The zod schemas of the case file and its events (the names of their values: events.ts).
// Each event type is a small schema; key order here is the key order on disk, so that `git
// diff` of a case reads like its story. Loaded only where a case file is validated — a write,
// an import, `check`, a file read again — through src/ledger/validate-files.ts (on demand) or
// by the modules that only run then.
import './zod.js';
import { z } from 'zod';
import { isValidDate, parseInstant } from './time.js';
import { CHANNELS, DECISIONS, DISPOSITIONS, MODES_ZH, OPINIONS, SUPERVISION_FORMS } from './events.js';

const date = z.string().refine(isValidDate, { message: '应为真实存在的日期 YYYY-MM-DD' });
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const instant = z
  .string()
  .regex(INSTANT_RE, { message: '应为 ISO 时间，如 2026-11-25T09:30:00+08:00' })
  // The form alone would take 2026-02-30T… or 25:00: the time must exist.
  .refine((s) => !INSTANT_RE.test(s) || parseInstant(s) !== null, { message: '应为真实存在的时间（日期存在，时 00–23、分秒 00–59），如 2026-11-25T09:30:00+08:00' });

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const Petitioner = z.strictObject({
  name: z.string().min(1),
  sex: z.enum(['男', '女', '']).default(''),
  id_number: z.string().default(''),
  phone: z.string().default(''),
  address: z.string().default(''),
  representative: z.boolean().default(false),
});
export type Petitioner = z.infer<typeof Petitioner>;

const base = { id: z.string().min(10), at: instant, by: z.string().min(1) };
const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ ...base, type: z.literal(type), ...shape });

export const EVENT_SCHEMAS = [
  /** The first registration of the case (登记). */
  ev('registered', { channel: z.enum(keys(CHANNELS)), receiver: z.string().default(''), people: z.number().int().min(1), place: z.string().default(''), mode: z.enum(keys(MODES_ZH)).default('fixed') }),
  /** A further visit, letter or call on the same matter. */
  ev('visit', { date, channel: z.enum(keys(CHANNELS)), receiver: z.string().default(''), people: z.number().int().min(1), place: z.string().default(''), mode: z.enum(keys(MODES_ZH)).default('fixed'), petitioners: z.array(z.string()).default([]), note: z.string().default('') }),
  ev('assign', { leader: z.string().min(1), note: z.string().default('') }),
  ev('duty', { items: z.array(z.string().min(1)).min(1), note: z.string().default('') }),
  ev('accept', { note: z.string().default('') }),
  ev('decline', { reason: z.string().min(1) }),
  ev('handle', { disposition: z.enum(keys(DISPOSITIONS)), facts: z.string().min(1), decision: z.enum(keys(DECISIONS)).optional(), note: z.string().default(''), promise_by: date.optional() }),
  // handler: the 承办人 (person) at the unit (区：落实承办单位和承办人).
  ev('transfer', { unit: z.string().min(1), due: date.optional(), note: z.string().default(''), handler: z.string().optional() }),
  ev('reply', { unit: z.string().min(1), text: z.string().min(1), to_petitioner: z.boolean().optional() }),
  ev('extend', { days: z.number().int().min(1), reason: z.string().min(1), approved_by: z.string().default('') }),
  ev('suspend', { reason: z.string().min(1) }),
  ev('resume', { note: z.string().default('') }),
  ev('supervise', { form: z.enum(keys(SUPERVISION_FORMS)), note: z.string().default(''), unit: z.string().default('') }),
  ev('review', { result: z.enum(['pass', 'redo']), note: z.string().default('') }),
  ev('collective', { note: z.string().min(1) }),
  ev('attach', { file: z.string().min(1), kind: z.string().min(1), name: z.string().default(''), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ev('instruct', { leader: z.string().min(1), text: z.string().min(1) }),
  ev('correct', { field: z.string().min(1), old: z.unknown(), new: z.unknown(), reason: z.string().default('') }),
  ev('approve', { leader: z.string().min(1), text: z.string().min(1) }),
  ev('opinion', { value: z.enum(keys(OPINIONS)), note: z.string().default('') }),
  ev('close', { note: z.string().default('') }),
  ev('followup', { date, note: z.string().min(1), recurred: z.boolean().default(false), leader: z.string().default('') }),
  ev('reopen', { reason: z.string().min(1) }),
  ev('appointment', { date, leader: z.string().min(1), note: z.string().default('') }),
  // 进京非正常上访 (区：件件接待包案；累计重复二次以上由区级主要领导接待、包案): when and where.
  ev('beijing', { date, place: z.string().min(1), note: z.string().default('') }),
  ev('merge-conflict', { field: z.string(), kept: z.unknown(), other: z.unknown() }),
  /** Registered by mistake as a new case: merged into the earlier one (its registration is a further visit there). */
  ev('merged', { into: z.string().min(1), note: z.string().default('') }),
  /** 撤销: cancels an earlier event (by its id). Both stay in the file; the cancelled one no longer counts. */
  ev('void', { event: z.string().min(1), reason: z.string().min(1) }),
  /** 限期解决 promise kept (承诺兑现、处理到位) on `date`. */
  ev('resolve', { date, note: z.string().default('') }),
] as const;

export const Event = z.discriminatedUnion('type', EVENT_SCHEMAS);
export type Event = z.infer<typeof Event>;
export type EventType = Event['type'];
export type EventOf<T extends EventType> = Extract<Event, { type: T }>;
/** An event before it gets its id, time and clerk. */
export type NewEvent = Event extends infer E ? (E extends Event ? Omit<E, 'id' | 'at' | 'by'> : never) : never;

export const CaseFile = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9]{1,7}-\d{4}-[A-Z]\d{4,}$/, { message: '案件编号应为 代码-年份-工作站字母序号，如 QS-2026-A0001' }),
  received_at: instant,
  channel: z.enum(keys(CHANNELS)),
  petitioners: z.array(Petitioner).min(1),
  people: z.number().int().min(1),
  respondent: z.string().default(''),
  locality: z.string().default(''),
  purpose: z.string().min(1),
  category: z.strictObject({ main: z.string().min(1), sub: z.string().min(1) }),
  summary: z.string().min(1),
  receiver: z.string().default(''),
  place: z.string().default(''),
  mode: z.enum(keys(MODES_ZH)).default('fixed'),
  opinion: z.string().default(''),
  source: z.string().default(''),
  /** The case's number in an old register it was imported from (xinfang import). */
  original_no: z.string().optional(),
  repeat_of: z.array(z.string()).default([]),
  events: z.array(Event).min(1),
});
export type CaseFile = z.infer<typeof CaseFile>;
