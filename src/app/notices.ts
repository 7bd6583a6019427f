// 告知书 and 督办通知 (src/render/notice.ts renders the liquid templates).
import { InputError } from '../errors.js';
import { eventDate, liveEvents, type CaseState } from '../domain/case.js';
import { CHANNELS, DECISIONS, DISPOSITIONS, SUPERVISION_FORMS } from '../domain/events.js';
import { DEADLINE_ZH, type DeadlineKind } from '../domain/deadlines.js';
import { dateZh, shanghaiDate } from '../domain/time.js';
import { NOTICE_KINDS, type NoticeKind } from '../domain/notice-kinds.js';
import type { Ledger } from '../ledger/ledger.js';
import { loadCase } from './cases.js';
import { ledgerCalendar, leaderNameOf, shownDeadlinesOf, unitNameOf } from './case-extras.js';
import { deadlineDate } from '../calendar/deadline.js';
import { NotCoveredError } from '../calendar/calendar.js';

/** Where a 督办通知 about an overdue case goes: its units, else its owning leader, else the office itself. */
export type NoticeAddressee = { unit: string } | { leader: string } | { office: true };

export function addresseeName(ledger: Ledger, a: NoticeAddressee): { to: string; file: string } {
  if ('unit' in a) {
    const n = unitNameOf(ledger, a.unit);
    return { to: n, file: n };
  }
  if ('leader' in a) {
    const n = `包案领导${leaderNameOf(ledger, a.leader)}`;
    return { to: n, file: n };
  }
  return { to: `${officeName(ledger)}（未交办、未包案事项）`, file: '信访办' };
}


// ---- 告知书 and 督办通知 (src/render/notice.ts renders the liquid templates) -----------------

/** The office's one name (xinfang.yaml office.issuer; a ledger without one: 单位名称 + 信访工作领导小组办公室). */
export function officeName(ledger: Ledger): string {
  const o = ledger.config.office;
  return o.issuer || `${o.name}信访工作领导小组办公室`;
}

function office(ledger: Ledger) {
  const o = ledger.config.office;
  // One office name for every document (the 公示 signs with it too): office.issuer.
  // coordinator: who coordinates, hands over and receives the results (部门：委纪检监查室), as the office spells it.
  return { name: o.name, code: o.code, issuer: officeName(ledger), phone: o.phone, address: o.address, coordinator: o.coordinator };
}

function caseData(s: CaseState) {
  return {
    id: s.id,
    received: s.received,
    received_zh: dateZh(s.received),
    channel: CHANNELS[s.file.channel],
    summary: s.file.summary,
    petitioners: s.file.petitioners.map((p) => p.name).join('、'),
    people: s.file.people,
  };
}

async function render(ledger: Ledger, kind: NoticeKind, data: Record<string, unknown>): Promise<string> {
  const { renderNotice } = await import('../render/notice.js');
  return renderNotice(ledger.root, kind, data);
}

/** A notice about one case. Refused when the case has nothing to notify of that kind. */
export async function caseNotice(ledger: Ledger, ref: string, kind: NoticeKind, now: Date): Promise<string> {
  const s = loadCase(ledger, ref);
  const today = shanghaiDate(now);
  // A deadline in a year whose list is not out yet is printed 暂定 (weekends only).
  const dl = shownDeadlinesOf(ledger, s, today);
  const tentative = '（暂定，以国务院办公厅公布的节假日安排为准）';
  const petitioner = s.file.petitioners.map((p) => p.name).join('、') + (s.file.people > s.file.petitioners.length ? ` 等 ${s.file.people} 人` : '');
  const base = {
    office: office(ledger),
    year: s.id.split('-')[1],
    today_zh: dateZh(today),
    petitioner,
    case: caseData(s),
    rules: ledger.config.deadlines,
    accepted_zh: s.accepted ? dateZh(s.accepted) : '',
    handle_deadline_zh: dl.handle?.date ? dateZh(dl.handle.date) + (dl.handle.provisional ? tentative : '') : '',
  };
  const need = (ok: unknown, msg: string) => {
    if (!ok) throw new InputError(`${s.id} ${msg}，不能出具${NOTICE_KINDS[kind]}`, 'bad_state');
  };
  switch (kind) {
    case 'accept': {
      need(s.accepted && s.status !== 'declined', '尚未受理');
      // The notice promises handle_days from the acceptance: later extensions,
      // suspensions or a reopen do not change what was promised then.
      let promised = '';
      try {
        promised = dateZh(deadlineDate(ledgerCalendar(ledger), s.accepted!, ledger.config.deadlines.handle_days, ledger.config.deadlines.day_count));
      } catch (e) {
        if (!(e instanceof NotCoveredError)) throw e;
        const { ProvisionalCalendar } = await import('../calendar/provisional.js');
        promised = dateZh(deadlineDate(new ProvisionalCalendar(ledgerCalendar(ledger)), s.accepted!, ledger.config.deadlines.handle_days, ledger.config.deadlines.day_count)) + tentative;
      }
      return render(ledger, kind, { ...base, handle_deadline_zh: promised });
    }
    case 'decline': {
      const d = [...liveEvents(s.file.events)].reverse().find((e) => e.type === 'decline');
      need(s.status === 'declined' && d, '没有不予受理的决定');
      return render(ledger, kind, { ...base, decline: { reason: d && d.type === 'decline' ? d.reason : '' } });
    }
    case 'extend': {
      // Only an extension of the current handling period (a reopen starts a new one).
      const evs = liveEvents(s.file.events);
      const since = evs.map((e) => e.type).lastIndexOf('reopen');
      const x = [...evs.slice(since + 1)].reverse().find((e) => e.type === 'extend');
      need(x, '本轮办理没有延期记录');
      const e = x as Extract<typeof x, { type: 'extend' }>;
      return render(ledger, kind, { ...base, extend: { days: e.days, reason: e.reason, total: s.extensionDays, approved_by: e.approved_by ? leaderNameOf(ledger, e.approved_by) : '包案领导' } });
    }
    case 'reply': {
      const h = s.handled;
      need(h, '还没有处理结果');
      const replies = liveEvents(s.file.events).filter((e) => e.type === 'reply').map((e) => (e.type === 'reply' ? { unit: unitNameOf(ledger, e.unit), text: e.text, date: eventDate(e.at) } : null));
      return render(ledger, kind, {
        ...base,
        reply: {
          facts: h!.facts,
          disposition: DISPOSITIONS[h!.disposition],
          decision: h!.decision ? DECISIONS[h!.decision] : '',
          note: h!.note,
          promise_by_zh: h!.promise_by ? dateZh(h!.promise_by) : '',
          // A kept promise (case resolve): the letter says so rather than only promising.
          resolved_zh: h!.disposition === 'promised' && s.resolved ? dateZh(s.resolved.date) : '',
          units: replies,
        },
      });
    }
    case 'supervise': {
      need(dl.overdue || s.awaitingReply.length, '既未超期也没有待答复的交办单位');
      const to = s.awaitingReply.length ? s.awaitingReply.map((u) => unitNameOf(ledger, u)).join('、') : addresseeName(ledger, s.owner ? { leader: s.owner } : { office: true }).to;
      const running = [dl.accept, ...(dl.handle ? [dl.handle] : []), ...dl.transfers, ...(dl.promise ? [dl.promise] : [])].filter((d) => d.running && d.date);
      const worst = running.sort((a, b) => a.date!.localeCompare(b.date!))[0];
      const items = worst ? [{ id: s.id, kind: worst.kind, deadline: worst.date!, days: Math.max(0, -(worst.daysLeft ?? 0)), leader: s.owner, case: s }] : [];
      return renderSupervisionNotice(ledger, { to, form: 'letter', today, items });
    }
  }
}

export interface SupervisionItem {
  id: string;
  kind: DeadlineKind;
  deadline: string;
  days: number;
  leader: string | null;
  case: CaseState;
}

/** One 督办通知 to a unit (or an owning leader) listing its overdue cases. */
export async function renderSupervisionNotice(ledger: Ledger, g: { to: string; form: keyof typeof SUPERVISION_FORMS; today: string; items: SupervisionItem[] }): Promise<string> {
  return render(ledger, 'supervise', {
    office: office(ledger),
    to: g.to,
    form: SUPERVISION_FORMS[g.form],
    today_zh: dateZh(g.today),
    items: g.items.map((i) => ({
      id: i.id,
      kind: DEADLINE_ZH[i.kind],
      deadline: i.deadline,
      deadline_zh: dateZh(i.deadline),
      days: i.days,
      leader: i.leader ? leaderNameOf(ledger, i.leader) : '未确定（请由信访办指定包案领导）',
      petitioner: i.case.file.petitioners.map((p) => p.name).join('、'),
      summary: i.case.file.summary,
    })),
  });
}
