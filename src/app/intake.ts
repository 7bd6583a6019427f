// Registering a visit, letter or call (登记): validate the whole form, find the leader on
// duty when none is named, recognise repeat petitioners on the same matter, then create
// the case file under a fresh number (or add the visit to a known case) and commit.
import { InputError, shownValue } from '../errors.js';
import { foldCase, isOpen, type CaseState } from '../domain/case.js';
import { CHANNELS, MODES_ZH, type CaseFile, type Channel, type Petitioner, type ReceptionMode } from '../domain/events.js';
import { idNumberProblem, ID_PROBLEM_ZH, normalizeId, normalizePhone, petitionerPhoneProblem, sexFromId } from '../domain/identity.js';
import { checkPeople, checkText, recordDateProblem, resolvePlace, type TextKind } from '../domain/input.js';
import { resolveLeader, resolveUnit } from '../domain/leaders.js';
import { findRepeats, identityConflicts, personInCommon, type IdentityConflict, type RepeatMatch } from '../domain/repeat.js';
import { summaryTerms } from '../domain/similarity.js';
import { resolveCategory, resolvePurpose } from '../domain/taxonomy.js';
import { shanghaiDate, shanghaiISO } from '../domain/time.js';
import { caseRel, createCase } from '../ledger/cases.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import { loadTaxonomy } from '../ledger/reference.js';
import { appendEvents, caseStore, indexWritten, loadCase, stamp } from './cases.js';
import type { Matter } from '../index/store.js';
import { dutyAt } from './duty.js';

export interface PetitionerInput {
  name?: string;
  sex?: string;
  id_number?: string;
  phone?: string;
  address?: string;
  representative?: boolean;
}

export interface IntakeInput {
  at: Date;
  channel: Channel;
  petitioners: PetitionerInput[];
  people?: number;
  respondent?: string;
  locality?: string;
  purpose?: string;
  category?: string;
  summary?: string;
  leader?: string;
  place?: string;
  mode?: ReceptionMode;
  opinion?: string;
  source?: string;
  /** 承办单位: the unit the case is handed to at registration (交办). */
  unit?: string;
  /** A further visit on this known case. */
  caseId?: string;
}

export interface Draft {
  at: Date;
  date: string;
  channel: Channel;
  petitioners: Petitioner[];
  people: number;
  respondent: string;
  locality: string;
  purpose: { key: string; name: string };
  category: { main: string; sub: string };
  summary: string;
  receiver: string;
  receiverName: string;
  place: string;
  mode: ReceptionMode;
  opinion: string;
  source: string;
  unit: string;
  unitName: string;
  group: boolean;
}

/** Which required fields are missing (flag names), for the prompt or the error. */
export function missingIntake(i: IntakeInput): string[] {
  const m: string[] = [];
  if (!i.petitioners.length || i.petitioners.some((p) => !p.name?.trim())) m.push('--name（信访人姓名）');
  if (!i.caseId) {
    if (!i.purpose) m.push('--purpose（信访目的）');
    if (!i.category) m.push('--category（内容分类）');
    if (!i.summary?.trim()) m.push('--summary（诉求摘要）');
  }
  return m;
}

/** Validates every field; collects all problems into one message. */
export function validateIntake(ledger: Ledger, i: IntakeInput, now: Date): Draft {
  const problems: string[] = [];
  /** A field's check (src/domain/input.ts): its refusal joins the list instead of stopping it. */
  const ok = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e.message);
      return fallback;
    }
  };
  const text = (v: string | undefined, field: string, kind: TextKind) => ok(() => checkText(v, field, kind), '');
  const missing = missingIntake(i);
  if (missing.length) throw new InputError(`缺少必填项：${missing.join('、')}`, 'missing');
  const today = shanghaiDate(now);
  const date = shanghaiDate(i.at);
  const dateBad = recordDateProblem(date);
  if (dateBad) problems.push(`--date（来访日期）：${date}：${dateBad}`);
  else if (i.at.getTime() > now.getTime() + 60_000) {
    if (date > today) problems.push(`--date（来访日期）：${date} 在今天（${today}）之后，不能登记未来的来访`);
    else problems.push(`--at（登记时间）：${date} ${shanghaiISO(i.at).slice(11, 16)} 晚于现在（${shanghaiISO(now).slice(11, 16)}），不能登记未来的来访`);
  }
  const petitioners: Petitioner[] = [];
  i.petitioners.forEach((p, n) => {
    const name = text(p.name, i.petitioners.length > 1 ? `--name（第 ${n + 1} 位信访人姓名）` : '--name（信访人姓名）', 'name');
    const who = i.petitioners.length > 1 ? `第 ${n + 1} 位信访人（${name}）` : `信访人 ${name}`;
    const id = p.id_number ? normalizeId(p.id_number) : '';
    if (id) {
      const bad = idNumberProblem(id, today);
      if (bad) problems.push(`--id-number（${who}的身份证号）“${shownValue(id)}”：${ID_PROBLEM_ZH[bad]}`);
    }
    const phone = p.phone ? normalizePhone(text(p.phone, `--phone（${who}的电话）`, 'ref')) : '';
    const phoneBad = phone ? petitionerPhoneProblem(phone) : undefined;
    if (phoneBad) problems.push(`--phone（${who}的电话）“${phone}”：${phoneBad}`);
    let sex = (p.sex ?? '').trim();
    if (sex === 'male' || sex === 'm') sex = '男';
    if (sex === 'female' || sex === 'f') sex = '女';
    if (sex && sex !== '男' && sex !== '女') problems.push(`--sex（${who}的性别）“${shownValue(String(p.sex))}”：允许：男（male）、女（female）`);
    const fromId = id && !idNumberProblem(id, today) ? sexFromId(id) : '';
    if (sex && fromId && sex !== fromId) problems.push(`--sex（${who}的性别）“${sex}”与身份证号不符（身份证号为${fromId}性）`);
    petitioners.push({
      name,
      sex: (sex || fromId) as Petitioner['sex'],
      id_number: id,
      phone,
      address: text(p.address, `--address（${who}的住址）`, 'line'),
      representative: !!p.representative,
    });
  });
  const names = petitioners.map((p) => p.name);
  const people = i.people === undefined ? Math.max(1, petitioners.length) : ok(() => checkPeople(i.people), 0);
  if (!people) {
    /* reported by checkPeople */
  } else if (people < petitioners.length) problems.push(`--people（人数）${people} 少于登记的信访人数 ${petitioners.length}（${names.join('、')}）`);
  const tax = loadTaxonomy();
  let purpose = { key: '', name: '' };
  let category = { main: '', sub: '' };
  const existing = i.caseId ? loadCase(ledger, i.caseId) : null;
  try {
    purpose = i.purpose ? resolvePurpose(tax, i.purpose) : { key: existing!.file.purpose, name: '' };
  } catch (e) {
    problems.push((e as Error).message);
  }
  try {
    category = i.category ? resolveCategory(tax, i.category) : existing!.file.category;
  } catch (e) {
    problems.push((e as Error).message);
  }
  // The receiving leader: named, else the leader on duty that day.
  let receiver = '';
  let receiverName = '';
  const respondent = text(i.respondent, '--respondent（被反映人）', 'line');
  const locality = text(i.locality, '--locality（问题属地）', 'line');
  const summary = text(i.summary, '--summary（诉求摘要）', 'text');
  const opinion = text(i.opinion, '--opinion（领导处理意见）', 'text');
  const source = text(i.source, '--source（来源）', 'line');
  let place = i.place === undefined ? '' : ok(() => resolvePlace(ledger.config.places, i.place!).id, '');
  let mode = i.mode;
  const leaders = ledger.leaders().leaders;
  if (i.leader) {
    try {
      const l = resolveLeader(leaders, i.leader, '--leader（接待领导）');
      // A visit from before the leader left (an old register, a late entry) keeps its leader.
      if (!l.active && !(l.retired_on && date < l.retired_on)) problems.push(`--leader（接待领导）：${l.name} 已离任${l.retired_on ? `（${l.retired_on} 起）` : ''}`);
      receiver = l.id;
      receiverName = l.name;
    } catch (e) {
      problems.push((e as Error).message);
    }
  } else {
    // The leader whose slot covers the time of the visit (a 15:30 visit is not the morning slot's).
    const hhmm = shanghaiISO(i.at).slice(11, 16);
    const { slot, day: duty } = dutyAt(ledger, date, hhmm, i.channel === 'visit');
    if (slot) {
      receiver = slot.leader;
      receiverName = leaders.find((l) => l.id === slot.leader)?.name ?? slot.leader;
      place ||= slot.place;
      mode ??= slot.mode;
    } else if (i.channel === 'visit' && duty.length) {
      const hours = duty.map((x) => `${leaders.find((l) => l.id === x.leader)?.name ?? x.leader} ${x.hours}`).join('、');
      problems.push(`--leader（接待领导）：${date} ${hhmm} 不在当天任何班次的接访时间内（当天：${hours}），请用 --leader 指定接待领导`);
    } else if (i.channel === 'visit') {
      problems.push(`--leader（接待领导）：${date} 没有排班的接访领导，请用 --leader 指定接待领导`);
    }
  }
  let unit = '';
  let unitName = '';
  if (i.unit) {
    try {
      const u = resolveUnit(ledger.units().units, i.unit, '--unit（承办单位）');
      unit = u.id;
      unitName = u.name;
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (!place && i.channel === 'visit') place = ledger.config.places[0]!.id;
  if (problems.length) throw new InputError(problems.length === 1 ? problems[0]! : `登记内容有 ${problems.length} 处问题：\n  · ${problems.join('\n  · ')}`, 'bad_value');
  return {
    at: i.at,
    date,
    channel: i.channel,
    petitioners,
    people,
    respondent,
    locality,
    purpose,
    category,
    summary: summary || existing?.file.summary || '',
    receiver,
    receiverName,
    place,
    mode: mode ?? 'fixed',
    opinion,
    source,
    unit,
    unitName,
    group: people >= ledger.config.intake.group_threshold,
  };
}

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
