// Parts of the roster that read the cases: `roster appoint` (约访, an event on the case) and
// the leader's morning brief for a reception day. The case modules are loaded only on these
// paths (dynamic import), so the other roster commands never load them.
import type { CaseState } from '../domain/case.js';
import { badField, InputError } from '../errors.js';
import { checkDate, checkText } from '../domain/input.js';
import { awayOn, resolveLeader } from '../domain/leaders.js';
import { monthOf } from '../domain/time.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import type { Leader } from '../ledger/schema.js';
import { activeLeader } from './roster-changes.js';
import { dutyOn, readRoster, rosterMonths, type SlotView } from './roster.js';

/** 约访: invites a case's petitioner to a leader's reception day (the leader on duty by default). */
export async function appointCase(ledger: Ledger, input: { id: string; date: string; leader?: string; note?: string; today: string }, clerk: Clerk): Promise<{ id: string; date: string; leader: { id: string; name: string; title: string } }> {
  const date = checkDate(input.date, '--date（约访日期）');
  if (date < input.today) throw badField('--date（约访日期）', date, `不能早于今天 ${input.today}`);
  const { loadCase, appendEvent } = await import('./cases.js');
  const { isOpen } = await import('../domain/case.js');
  const c = loadCase(ledger, input.id);
  if (!isOpen(c)) throw new InputError(`${c.id} 已${c.status === 'closed' ? '结案' : '不予受理'}，不能约访`, 'closed');
  const duty = dutyOn(ledger, date);
  if (!duty.generated) throw new InputError(`${date.slice(0, 7)} 还没有排班，无法确定接访领导。先生成：xinfang roster generate --month ${date.slice(0, 7)}`, 'no_roster');
  let leader: Leader;
  if (input.leader) {
    leader = activeLeader(ledger, input.leader);
    if (!duty.slots.some((s) => s.leader.id === leader.id)) {
      const next = ledger.config.schedule.rules.length ? nextDayOf(ledger, leader.id, date) : undefined;
      throw new InputError(
        `${leader.name} ${date} 没有接访安排${duty.slots.length ? `（当天接访：${duty.slots.map((s) => s.leader.name).join('、')}）` : ''}。${next ? `其下一个接访日：${next}` : '可先用 xinfang roster set 安排'}`,
        'not_scheduled',
      );
    }
  } else {
    const ids = [...new Set(duty.slots.map((s) => s.leader.id))];
    if (ids.length === 0) {
      if (duty.workday === false) throw new InputError(`${date} 是休息日${duty.dayName && duty.dayName !== '调休' ? `（${duty.dayName}）` : ''}，不安排接访；请约在工作日`, 'rest_day');
      throw new InputError(`${date} 没有领导接访；请换一天，或先用 xinfang roster set ${date} --leader 姓名 --rule 规则 安排后再用 --leader 指定`, 'no_slot');
    }
    if (ids.length > 1) throw new InputError(`${date} 有 ${ids.length} 位领导接访（${duty.slots.map((s) => `${s.leader.name}：${s.rule}`).join('；')}），请用 --leader 指定`, 'ambiguous');
    leader = activeLeader(ledger, ids[0]!);
  }
  const away = awayOn(leader, date);
  if (away) throw new InputError(`${leader.name} ${away.from} 至 ${away.to} 外出，${date} 不能约访`, 'away');
  if (c.appointments.some((a) => a.date === date && a.leader === leader.id)) throw new InputError(`${c.id} 已约 ${date} 由 ${leader.name} 接访`, 'exists');
  appendEvent(ledger, c.id, { type: 'appointment', date, leader: leader.id, note: checkText(input.note, '--note（约访说明）', 'text') }, `约访 ${c.id}：${date} ${leader.name}`, clerk);
  return { id: c.id, date, leader: { id: leader.id, name: leader.name, title: leader.title } };
}

function nextDayOf(ledger: Ledger, leader: string, after: string): string | undefined {
  for (const m of rosterMonths(ledger).filter((x) => x >= monthOf(after))) {
    const s = readRoster(ledger, m)!.slots.find((x) => x.leader === leader && x.date > after);
    if (s) return s.date;
  }
  return undefined;
}

export interface BriefCase {
  id: string;
  status: string;
  summary: string;
  petitioners: string;
  people: number;
  due: string;
  overdue: boolean;
  /** Visits in short: 2026-09-10 来访 12 人（王建国）… */
  history: string[];
  note?: string;
}

export interface Brief {
  date: string;
  leader: { id: string; name: string; title: string; portfolio: string };
  slots: SlotView[];
  appointments: BriefCase[];
  owned: BriefCase[];
  returning: BriefCase[];
}

/**
 * The leader's morning brief for a reception day: the petitioners invited that day, the
 * open cases the leader owns (overdue first), and petitioners who came before and may come
 * again (open cases visited more than once, or closed with the petitioner dissatisfied or a
 * recurrence), each with its visits in short. Internal: names are shown, phones masked.
 */
export async function briefFor(ledger: Ledger, input: { date: string; leader?: string; now: Date }): Promise<Brief[]> {
  const date = checkDate(input.date, '--date（日期）');
  const duty = dutyOn(ledger, date);
  let ids: string[];
  if (input.leader) ids = [resolveLeader(ledger.leaders().leaders, input.leader, '--leader').id];
  else {
    ids = [...new Set(duty.slots.map((s) => s.leader.id))];
    if (ids.length === 0) throw new InputError(`${date} 没有领导接访${duty.generated ? '' : `（${date.slice(0, 7)} 还没有排班）`}；可用 --leader 指定领导`, 'no_slot');
  }
  const { queryCases } = await import('./cases.js');
  const { isOpen, STATUS_ZH } = await import('../domain/case.js');
  const { caseExtras } = await import('./case-extras.js');
  const { maskPhone } = await import('../domain/identity.js');
  const { MODES_ZH, CHANNELS } = await import('../domain/events.js');
  const leaders = ledger.leaders().leaders;
  const nameOf = (id: string) => leaders.find((l) => l.id === id)?.name ?? id;
  const view = (c: CaseState, note?: string): BriefCase => {
    const ex = caseExtras(ledger, c, input.now);
    return {
      id: c.id,
      status: STATUS_ZH[c.status],
      summary: c.file.summary,
      petitioners: c.file.petitioners.map((p) => `${p.name}${p.phone ? ` ${maskPhone(p.phone)}` : ''}`).join('、'),
      people: c.file.people,
      due: ex.dueText.replace(/\s*\n\s*/g, ' '),
      overdue: ex.overdue,
      history: c.visits.map((v) => `${v.date} ${(CHANNELS as Record<string, string>)[v.channel] ?? v.channel} ${v.people} 人${v.leader ? `（${nameOf(v.leader)}${v.channel === 'visit' ? `，${MODES_ZH[v.mode]}` : ''}）` : ''}`),
      ...(note !== undefined && { note }),
    };
  };
  return ids.map((id) => {
    // A slot may name a leader leaders.yaml no longer has (a hand edit; check reports it).
    const l = leaders.find((x) => x.id === id) ?? { name: id, title: '', portfolio: '' };
    // The index gives this leader's candidates (appointments that day, open cases owned,
    // cases that keep coming back); the rules below choose among them.
    const cases = queryCases(ledger, { brief: { date, leader: id } });
    const appointments = cases.flatMap((c) => c.appointments.filter((a) => a.date === date && a.leader === id).map((a) => view(c, a.note)));
    const owned = cases.filter((c) => c.owner === id && isOpen(c)).map((c) => view(c));
    owned.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.id.localeCompare(b.id));
    const seen = new Set([...appointments.map((c) => c.id), ...owned.map((c) => c.id)]);
    const returning = cases
      .filter((c) => !seen.has(c.id) && c.visits.some((v) => v.date < date))
      .filter((c) => (isOpen(c) && c.visits.filter((v) => v.channel === 'visit').length > 1) || (!isOpen(c) && (c.opinion === 'dissatisfied' || c.followups.some((f) => f.recurred))))
      .filter((c) => c.visits.some((v) => v.leader === id) || c.owner === id || c.visits.filter((v) => v.channel === 'visit').length > 2)
      .sort((a, b) => (b.visits.at(-1)?.date ?? '').localeCompare(a.visits.at(-1)?.date ?? ''))
      .slice(0, 10)
      .map((c) => view(c));
    return {
      date,
      leader: { id, name: l.name, title: l.title, portfolio: l.portfolio },
      slots: duty.slots.filter((s) => s.leader.id === id),
      appointments,
      owned,
      returning,
    };
  });
}
