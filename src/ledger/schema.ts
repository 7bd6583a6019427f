// Schemas of the ledger's own files: xinfang.yaml, leaders.yaml, units.yaml. Key order in
// the schema is the key order on disk. Objects are strict so that a misspelt key in a
// hand-edited file is reported instead of silently ignored.
import '../domain/zod.js';
import { z } from 'zod';
import { isValidDate } from '../domain/time.js';


export const isoDate = z.string().refine(isValidDate, { message: '应为真实存在的日期 YYYY-MM-DD' });

export const ROLES = ['principal', 'member', 'dept-principal', 'dept-member'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const MODES = ['fixed', 'appointment', 'onsite'] as const;
export const Mode = z.enum(MODES);

export const Absence = z.strictObject({
  from: isoDate,
  to: isoDate,
  reason: z.string().default(''),
});

export const Leader = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  title: z.string().min(1),
  role: Role,
  portfolio: z.string().default(''),
  active: z.boolean().default(true),
  /** The day the leader left (set by `leader retire`); slots from that day on are errors. */
  retired_on: isoDate.optional(),
  absences: z.array(Absence).default([]),
});
export type Leader = z.infer<typeof Leader>;

export const LeadersFile = z.strictObject({ leaders: z.array(Leader).default([]) });
export type LeadersFile = z.infer<typeof LeadersFile>;

export const Unit = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  contact: z.string().default(''),
  active: z.boolean().default(true),
});
export type Unit = z.infer<typeof Unit>;
export const UnitsFile = z.strictObject({ units: z.array(Unit).default([]) });
export type UnitsFile = z.infer<typeof UnitsFile>;

const hours = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { message: '应为 HH:mm-HH:mm，如 08:30-11:30' });

export const Place = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  address: z.string().default(''),
});

export const Pool = z.strictObject({
  roles: z.array(Role).optional(),
  titles: z.array(z.string()).optional(),
  leaders: z.array(z.string()).optional(),
});

/**
 * A reception rule. daily: one leader of the pool each working day, in rotation;
 * weekly: one leader of the pool for each ISO week — every working day of it when
 * `days_per_period` is absent, else only that many days (on `on.weekday` when given);
 * monthly / quarterly: each leader of the pool gets `days_per_period` days (default 1)
 * in each month / quarter, on a fixed day (`on.day`, or `on.weekday` + `on.nth`; a rest
 * day moves to the next working day) or spread evenly. See docs/roster.md.
 */
export const RuleKind = z.enum(['daily', 'weekly', 'monthly', 'quarterly']);
export const Rule = z.strictObject({
  name: z.string().min(1),
  kind: RuleKind,
  pool: Pool,
  /** Absent: weekly = every working day of the week; monthly / quarterly = 1. */
  days_per_period: z.number().int().min(1).max(31).optional(),
  on: z
    .strictObject({
      day: z.number().int().min(1).max(31).optional(),
      weekday: z.number().int().min(1).max(7).optional(),
      nth: z.number().int().min(1).max(5).optional(),
    })
    .optional(),
  /** Only to top up: leaders who got no slot from any other rule in the period. */
  floor: z.boolean().default(false),
  place: z.string().min(1),
  /** Absent: the office's working day (schedule.working_hours). */
  hours: hours.optional(),
  /**
   * What the office's document gives: a day (一天, the default: the whole working day) or a
   * time (一次: may be a half day). Only `once` may have hours shorter than the working day.
   */
  per: z.enum(['day', 'once']).optional(),
  /** Must have somebody (check and generate fail otherwise). Default: when the pool names titles or leaders. */
  required: z.boolean().optional(),
  mode: Mode.default('fixed'),
});
export type Rule = z.infer<typeof Rule>;

import { DEFAULT_WORKING_HOURS } from './rule-hours.js';
export { DEFAULT_WORKING_HOURS, ruleHours } from './rule-hours.js';

export const DAY_COUNTS = ['calendar', 'calendar-next-workday', 'workdays'] as const;

export const Config = z.strictObject({
  version: z.literal(1).default(1),
  office: z.strictObject({
    name: z.string().min(1),
    code: z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/, { message: '单位代码应为 2–8 位大写字母或数字，字母开头，如 QS' }),
    preset: z.enum(['township', 'bureau', 'department', 'district']),
    issuer: z.string().default(''),
    booking: z.string().default(''),
    coordinator: z.string().default(''),
    /** 信访办 telephone and address, printed on the 公示 (xinfang init / setup ask for them). */
    phone: z.string().default(''),
    address: z.string().default(''),
  }),
  places: z.array(Place).min(1),
  schedule: z.strictObject({
    /** The office's working day (morning and afternoon): the hours of a rule that gives a day. */
    working_hours: hours.default(DEFAULT_WORKING_HOURS),
    rules: z.array(Rule).default([]),
  }),
  deadlines: z
    .strictObject({
      accept_days: z.number().int().min(1).default(15),
      misdirect_workdays: z.number().int().min(1).default(5),
      handle_days: z.number().int().min(1).default(60),
      max_extension_days: z.number().int().min(0).default(30),
      transfer_days: z.number().int().min(1).default(15),
      review_request_days: z.number().int().min(1).default(30),
      review_decide_days: z.number().int().min(1).default(30),
      day_count: z.enum(DAY_COUNTS).default('calendar-next-workday'),
      /** 中止 stops every running clock (all) or only the handling deadline (handling). */
      suspension_stops: z.enum(['all', 'handling']).default('all'),
    })
    .prefault({}),
  warnings: z
    .strictObject({
      warning: z.number().min(0).max(1).default(0.75),
      alert: z.number().min(0).max(1).default(0.85),
      severe: z.number().min(0).max(1).default(0.99),
      due_soon_days: z.number().int().min(0).default(7),
    })
    .prefault({}),
  // A ledger made before repeats were scored by weighted words has `similarity: 0.5` (a
  // character-pair threshold) and no `possible`: that number means nothing to the new score,
  // so such a ledger gets the new defaults; `check` says so (intake-similarity-legacy).
  intake: z
    .preprocess((v) => {
      if (v && typeof v === 'object' && !Array.isArray(v) && (v as Record<string, unknown>).similarity === 0.5 && !('possible' in v)) {
        const { similarity, ...rest } = v as Record<string, unknown>;
        return { ...rest, legacy_similarity: similarity };
      }
      return v;
    }, z.strictObject({
      group_threshold: z.number().int().min(2).default(5),
      escalate_after_visits: z.number().int().min(2).default(3),
      /** A repeat linked without asking: the matter score at or above this (src/domain/repeat.ts). */
      similarity: z.number().min(0).max(2).default(0.28),
      /** A possible repeat, offered to the clerk or listed (possible_repeats), not linked. */
      possible: z.number().min(0).max(2).default(0.24),
      /** 进京非正常上访 of a matter from which a principal leader must receive and own it (区：累计重复二次以上). */
      beijing_escalate_after: z.number().int().min(1).optional(),
      /** Set when the file still holds the old threshold (see above); not written by xinfang. */
      legacy_similarity: z.number().optional(),
    }))
    .prefault({}),
  duties: z.array(z.string().min(1)).min(1),
  closure: z
    .strictObject({
      materials: z.array(z.string().min(1)).default([]),
      /** 亲自阅批群众来信: a letter, call or mailbox item is not ready to close before the leader's instruction. */
      instruction: z.boolean().optional(),
    })
    .prefault({}),
  supervise_every_days: z.number().int().min(1).default(7),
  autocommit: z.boolean().default(true),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
