// The registration form (登记) of a visit, letter or call: what the clerk gives (IntakeInput),
// the required fields still missing, and validateIntake, which checks every field (the rules
// of src/domain/input.ts), collects all problems into one message and returns the Draft that
// intake.ts registers. The leader on duty is found here when none is named.
import { InputError, shownValue } from '../errors.js';
import type { Channel, Petitioner, ReceptionMode } from '../domain/events.js';
import { idNumberProblem, ID_PROBLEM_ZH, normalizeId, normalizePhone, petitionerPhoneProblem, sexFromId } from '../domain/identity.js';
import { checkPeople, checkText, recordDateProblem, resolvePlace, type TextKind } from '../domain/input.js';
import { resolveLeader, resolveUnit } from '../domain/leaders.js';
import { resolveCategory, resolvePurpose } from '../domain/taxonomy.js';
import { shanghaiDate, shanghaiISO } from '../domain/time.js';
import type { Ledger } from '../ledger/ledger.js';
import { loadTaxonomy } from '../ledger/reference.js';
import { loadCase } from './cases.js';
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
