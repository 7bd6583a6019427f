// Registering a visit, letter or call (登记): validate the whole form (intake-form.ts,
// re-exported here), find the leader on duty when none is named, recognise repeat
// petitioners on the same matter, then create the case file under a fresh number (or add
// the visit to a known case) and commit.
import { InputError } from '../errors.js';
import { foldCase, isOpen, type CaseState } from '../domain/case.js';
import { CHANNELS, MODES_ZH, type CaseFile } from '../domain/events.js';
import { findRepeats, identityConflicts, personInCommon, type IdentityConflict, type RepeatMatch } from '../domain/repeat.js';
import { summaryTerms } from '../domain/similarity.js';
import { shanghaiISO } from '../domain/time.js';
import { caseRel, createCase } from '../ledger/cases.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { appendEvents, caseStore, indexWritten, loadCase, stamp } from './cases.js';
import type { Matter } from '../index/store.js';
import type { Draft } from './intake-form.js';

// The form: its input, the missing fields and validation (validateIntake → Draft): intake-form.ts.
export { missingIntake, validateIntake, type Draft, type IntakeInput, type PetitionerInput } from './intake-form.js';

/**
 * Earlier cases of the same person about the same matter, best first (the index finds the
 * person's cases by key and gives the ledger's term counts): `sure` ones are linked without
 * asking, the others are possible repeats for the clerk to decide.
 */
export function repeatsFor(ledger: Ledger, d: Draft, cases?: CaseState[]): RepeatMatch[] {
  const store = caseStore(ledger);
  const { similarity, possible } = ledger.config.intake;
  return findRepeats(cases ?? store.byPerson(d.petitioners), d, { sure: similarity, possible: Math.min(possible, similarity) }, store.termStats(summaryTerms(d.summary)));
}

/** Cases named by --repeat-of: they must exist and share a petitioner with the registration. */
export function checkRepeatOf(ledger: Ledger, d: Draft, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of ids) {
    const c = loadCase(ledger, raw);
    if (!personInCommon(d.petitioners, c.file.petitioners)) {
      throw new InputError(`--repeat-of（此前的案件）${c.id}：信访人 ${c.file.petitioners.map((p) => p.name).join('、')} 与本次登记的信访人不是同一人（身份证号不同，或姓名与电话都不相同），不能关联为重复信访`, 'bad_value');
    }
    if (c.received > d.date) throw new InputError(`--repeat-of（此前的案件）${c.id} 收到于 ${c.received}，晚于本次登记的日期 ${d.date}：只能关联此前的案件`, 'bad_value');
    if (!out.includes(c.id)) out.push(c.id);
  }
  return out;
}

export interface IntakeResult {
  case: CaseState;
  created: boolean;
  /** The earlier cases the new case was linked to as a repeat. */
  repeats: RepeatMatch[];
  /** Likely the same matter but not sure: listed, not linked. */
  possible: RepeatMatch[];
  /** Visits of this matter, over the case and the earlier cases it repeats. */
  matterVisits: number;
  /** The matter keeps coming back: the principal leaders should receive and own it. */
  escalate: boolean;
  /** ID numbers registered before under another name (registered anyway; the clerk checks). */
  conflicts: IdentityConflict[];
}

export function conflictsFor(ledger: Ledger, d: Draft, cases?: CaseState[]): IdentityConflict[] {
  return identityConflicts(cases ?? caseStore(ledger).byPerson(d.petitioners), d.petitioners);
}

/** The seed's rule: a matter that keeps coming back goes to a principal leader to receive and own. */
export { escalations, type Escalation } from './escalations.js';
import { escalations, type Escalation } from './escalations.js';

/**
 * What registering `d` would do to its matter, computed without writing anything: the
 * matter's visits counting this one, its cases so far, and whether it would then call for a
 * principal leader — the same rule as registerIntake's result. `caseId`: a further visit on
 * that case; otherwise a new case linked to `linkTo` (default: the repeats found).
 */
export function previewEscalation(ledger: Ledger, d: Draft, opts: { caseId?: string; linkTo?: string[] } = {}): Escalation {
  const principal = new Set(ledger.leaders().leaders.filter((l) => l.role === 'principal').map((l) => l.id));
  const store = caseStore(ledger);
  let open = true;
  let owner: string | null = d.receiver || null; // a new case is owned by its receiver (foldCase)
  const target = opts.caseId ? loadCase(ledger, opts.caseId) : null;
  const linkedIds = target ? [target.id] : (opts.linkTo ?? repeatsFor(ledger, d).filter((r) => r.sure).map((r) => r.id));
  // Only cases that exist count; each matter once however many of its cases are linked.
  const known = new Set(store.cases({ ids: linkedIds }).map((c) => c.id));
  const ms = store.matters(linkedIds.filter((id) => known.has(id)));
  const cases = new Set<string>();
  let visits = 1;
  const counted = new Set<Matter>();
  for (const m of ms.values()) {
    for (const id of m.cases) cases.add(id);
    if (!counted.has(m)) {
      counted.add(m);
      visits += m.visits;
    }
  }
  if (target) {
    open = isOpen(target);
    owner = target.owner;
  }
  return { visits, cases: [...cases].sort(), escalate: open && visits >= ledger.config.intake.escalate_after_visits && !(owner && principal.has(owner)) };
}

function escalation(ledger: Ledger, c: CaseState): Escalation {
  return escalations(ledger, [c]).get(c.id)!;
}

/** Writes the registration: a new case (linked to `linkTo` when a repeat), or a visit on a known case. */
export function registerIntake(ledger: Ledger, d: Draft, clerk: Clerk, opts: { caseId?: string; linkTo?: string[] } = {}): IntakeResult {
  const mine = caseStore(ledger).byPerson(d.petitioners);
  const found = opts.caseId ? [] : repeatsFor(ledger, d, mine);
  const conflicts = identityConflicts(mine, d.petitioners);
  if (opts.caseId) {
    const cur = loadCase(ledger, opts.caseId);
    if (cur.mergedInto) throw new InputError(`--case（再次来访的案件）${cur.id} 已并入 ${cur.mergedInto}：请登记为 ${cur.mergedInto} 的再次来访（--case ${cur.mergedInto}）`, 'bad_value');
    const names = d.petitioners.map((p) => p.name);
    const s = appendEvents(
      ledger,
      cur.id,
      [
        { type: 'visit', date: d.date, channel: d.channel, receiver: d.receiver, people: d.people, place: d.place, mode: d.mode, petitioners: names, note: d.opinion },
        ...(d.unit && !cur.units.includes(d.unit) ? [{ type: 'transfer' as const, unit: d.unit, note: '再次来访时交办' }] : []),
      ],
      `登记 ${cur.id} 再次${CHANNELS[d.channel]}（${names.join('、')}）`,
      { ...clerk, now: clerk.now },
      {
        mutate: (f) => {
          // New members of a group join the registration; nobody is dropped.
          const add = d.petitioners.filter((p) => !f.petitioners.some((q) => q.name === p.name && (!p.id_number || !q.id_number || p.id_number === q.id_number)));
          return add.length ? { ...f, petitioners: [...f.petitioners, ...add] } : f;
        },
      },
    );
    const e = escalation(ledger, s);
    return { case: s, created: false, repeats: [], possible: [], matterVisits: e.visits, escalate: e.escalate, conflicts };
  }
  // Without a decision: link the sure ones only.
  const linkTo = opts.linkTo ?? found.filter((r) => r.sure).map((r) => r.id);
  const repeats = linkTo.map((id) => found.find((r) => r.id === id) ?? linkedMatch(ledger, d, id));
  const possible = found.filter((r) => !linkTo.includes(r.id));
  const year = Number(d.date.slice(0, 4));
  const station = ledger.station();
  const after = caseStore(ledger).highestNumber(ledger.config.office.code, year, station);
  const names = d.petitioners.map((p) => p.name).join('、');
  const message = (id: string) => `登记 ${id} ${CHANNELS[d.channel]}（${names}${d.people > d.petitioners.length ? ` 等 ${d.people} 人` : ''}）${d.unit ? `，交办 → ${d.unitName}` : ''}${linkTo.length ? `，重复信访 ← ${linkTo.join('、')}` : ''}`;
  const { id } = createCase(
    ledger.root,
    ledger.config.office.code,
    year,
    station,
    (id): CaseFile => {
      const f = registrationFields(d, id, shanghaiISO(d.at), linkTo, clerk);
      return d.unit ? { ...f, events: [...f.events, stamp({ type: 'transfer', unit: d.unit, note: '登记时交办' }, clerk)] } : f;
    },
    after,
    (id) => ledger.commitSpec(message(id), clerk),
  );
  indexWritten(ledger, [caseRel(id)]);
  const s = loadCase(ledger, id);
  const e = escalation(ledger, s);
  return { case: s, created: true, repeats, possible, matterVisits: e.visits, escalate: e.escalate, conflicts };
}

/** The case file of a registration (the form's fields and the `registered` event): visit add and import. */
export function registrationFields(d: Draft, id: string, receivedAt: string, repeatOf: string[], clerk: Clerk): CaseFile {
  return {
    id,
    received_at: receivedAt,
    channel: d.channel,
    petitioners: d.petitioners,
    people: d.people,
    respondent: d.respondent,
    locality: d.locality,
    purpose: d.purpose.key,
    category: d.category,
    summary: d.summary,
    receiver: d.receiver,
    place: d.place,
    mode: d.mode,
    opinion: d.opinion,
    source: d.source,
    repeat_of: repeatOf,
    events: [stamp({ type: 'registered', channel: d.channel, receiver: d.receiver, people: d.people, place: d.place, mode: d.mode }, clerk)],
  };
}

/** A case linked by the clerk that recognition did not offer. */
function linkedMatch(ledger: Ledger, d: Draft, id: string): RepeatMatch {
  const c = loadCase(ledger, id);
  return { id: c.id, person: personInCommon(d.petitioners, c.file.petitioners)?.name ?? '', score: 0, sure: false, visits: c.visits.length, status: c.status, received: c.received, summary: c.file.summary };
}

export { MODES_ZH, foldCase };
