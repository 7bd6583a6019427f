// What the case lifecycle adds to a case's view: deadlines, warning level, 五包 checklist,
// closure readiness. Computed, never stored. The calendar is loaded once per ledger.
import { isOpen, needsInstruction, type CaseState, type Status } from '../domain/case.js';
import type { StoredDeadlines } from '../index/stored-deadlines.js';
import { caseDeadlines, deadlineSet, DEADLINE_ZH, WARNING_ZH, type CaseDeadlines, type Deadline } from '../domain/deadlines.js';
import { shownDeadlines } from '../domain/shown-deadlines.js';
import { dutyChecklist, readiness, CONDITION_ZH, type Readiness } from '../domain/readiness.js';
import { dateZh, shanghaiDate } from '../domain/time.js';
import { loadCalendar, type WorkCalendar } from '../calendar/index.js';
import { ProvisionalCalendar } from '../calendar/provisional.js';
import type { Ledger } from '../ledger/ledger.js';

export interface CaseExtras {
  /** Fields merged into the case's JSON (deadlines, warning, readiness …). */
  json: Record<string, unknown>;
  /** Extra lines for `case show`. */
  detailLines: string[];
  /** Short text for the list's 期限 column. */
  dueText: string;
  overdue: boolean;
  /** Days left on the running deadline, null when no deadline is running. */
  daysLeft: number | null;
}

const calendars = new WeakMap<Ledger, WorkCalendar>();

export function ledgerCalendar(ledger: Ledger): WorkCalendar {
  let c = calendars.get(ledger);
  if (!c) {
    c = loadCalendar(ledger.root);
    calendars.set(ledger, c);
  }
  return c;
}

export function deadlinesOf(ledger: Ledger, s: CaseState, today: string): CaseDeadlines {
  return caseDeadlines(s, ledger.config.deadlines, ledger.config.warnings, ledgerCalendar(ledger), today);
}

/** The deadlines as shown to people (src/domain/shown-deadlines.ts): 暂定 dates where the calendar lacks a year. */
export function shownDeadlinesOf(ledger: Ledger, s: CaseState, today: string): CaseDeadlines {
  const { deadlines: rules, warnings } = ledger.config;
  const cal = ledgerCalendar(ledger);
  const pcal = new ProvisionalCalendar(cal);
  return shownDeadlines(deadlineSet(s, rules, cal, today), () => deadlineSet(s, rules, pcal, today), rules, warnings, cal, pcal, today);
}

/** “暂定：2027 年节假日安排尚未公布，按周末计算” */
export function provisionalText(year: number | undefined): string {
  return `暂定：${year ?? ''} 年节假日安排尚未公布，按周末计算，导入后自动重新计算`;
}

export function leaderNameOf(ledger: Ledger, id: string): string {
  return ledger.leaders().leaders.find((l) => l.id === id)?.name ?? id;
}
export function unitNameOf(ledger: Ledger, id: string): string {
  return ledger.units().units.find((u) => u.id === id)?.name ?? id;
}

export function readinessOf(ledger: Ledger, s: CaseState): Readiness {
  return readiness(s, { materials: ledger.config.closure.materials, instruction: ledger.config.closure.instruction }, { leader: (id) => leaderNameOf(ledger, id), unit: (id) => unitNameOf(ledger, id) });
}

/** 第 N 天 / 剩 N 天 / 超期 N 天 */
export function leftText(d: Deadline): string {
  if (d.daysLeft === null) return '';
  if (d.daysLeft < 0) return `超期 ${-d.daysLeft} 天`;
  if (d.daysLeft === 0) return '今天到期';
  return `剩 ${d.daysLeft} 天`;
}

/** The Chinese line saying a year is not covered. */
export function gapText(kind: string, year: number): string {
  return `${kind}：需要 ${year} 年的节假日安排，日历尚无该年数据，无法计算（添加 calendar/${year}.yaml 或 xinfang calendar import）`;
}

function deadlineLine(ledger: Ledger, d: Deadline): string {
  const label = d.kind === 'transfer' ? `${DEADLINE_ZH.transfer}（${unitNameOf(ledger, d.unit ?? '')}）` : DEADLINE_ZH[d.kind];
  if (!d.date) {
    if (d.metOn && d.earliest && d.metOn <= d.earliest) return `${label}  ${d.metOn} ${d.kind === 'accept' ? '已作出受理决定' : '已完成'}（期限不早于 ${d.earliest}，按期；确切日期需要 ${d.gapYear} 年日历）`;
    return gapText(label, d.gapYear ?? 0);
  }
  let state: string;
  if (d.running) state = `${leftText(d)}，${WARNING_ZH[d.level]}`;
  else if (d.metOn) state = d.kind === 'accept' ? `${d.metOn} 已作出受理决定${d.late ? '（逾期）' : ''}` : `${d.metOn} 已完成${d.late ? '（逾期）' : ''}`;
  else state = '未计时';
  if (d.provisional) state += `；${provisionalText(d.gapYear)}`;
  return `${label}  ${d.provisional ? '【暂定】' : ''}${d.date}（${dateZh(d.date)}，${state}）`;
}

/** The 期限 column of a list row: the running deadline with the fewest days left, or why there is none. */
export function dueTextOf(status: Status, closed: string | null, dl: CaseDeadlines | null): string {
  if (status === 'closed') return `已结案 ${closed}`;
  if (status === 'declined') return '不予受理';
  if (!dl) return '—';
  if (dl.next?.date) return `${DEADLINE_ZH[dl.next.kind].slice(0, 2)} ${dl.next.date.slice(5)}${dl.next.provisional ? '（暂定）' : ''}\n${leftText(dl.next)}${dl.level !== 'normal' && dl.level !== 'overdue' ? ` ${WARNING_ZH[dl.level]}` : ''}`;
  if (dl.gaps.length) return `${dl.gaps[0]!.year} 年日历缺失`;
  if (dl.suspended) return '中止';
  return '—';
}

/**
 * An open case's deadlines as shown, from the dates the index stored (StoredDeadlines): the
 * same as shownDeadlinesOf on the folded case. `pcal`: one provisional calendar per command.
 */
export function storedShownDeadlines(ledger: Ledger, stored: StoredDeadlines, today: string, pcal: ProvisionalCalendar): CaseDeadlines {
  const { deadlines: rules, warnings } = ledger.config;
  return shownDeadlines(stored.set, () => stored.pset ?? stored.set, rules, warnings, ledgerCalendar(ledger), pcal, today);
}

export function caseExtras(ledger: Ledger, s: CaseState, now: Date): CaseExtras {
  const today = shanghaiDate(now);
  // Deadlines in a year whose list is not out yet are shown 暂定 (weekends only).
  const dl = shownDeadlinesOf(ledger, s, today);
  const dueText = dueTextOf(s.status, s.closed, dl);
  // The lines of `case show` and the JSON fields are made when asked for (a list of thousands needs neither).
  let json: Record<string, unknown> | undefined;
  let lines: string[] | undefined;
  return {
    get json() {
      return (json ??= extrasJson(ledger, s, dl));
    },
    get detailLines() {
      return (lines ??= detailLinesOf(ledger, s, dl));
    },
    dueText,
    overdue: dl.overdue,
    daysLeft: dl.daysLeft,
  };
}

function detailLinesOf(ledger: Ledger, s: CaseState, dl: CaseDeadlines): string[] {
  const r = readinessOf(ledger, s);
  const duties = dutyChecklist(s, ledger.config.duties);
  const cfg = ledger.config.deadlines;
  const lines: string[] = [];
  lines.push(deadlineLine(ledger, dl.accept));
  if (dl.handle) {
    const from = s.reopened > 0 && s.handleStart ? `自 ${s.handleStart} 重新办理起 ` : '';
    const parts = [`${from}${cfg.handle_days} 天`];
    if (s.extensionDays) parts.push(`延期 ${s.extensionDays} 天`);
    if (dl.suspendedDays) parts.push(`中止 ${dl.suspendedDays} 天${dl.suspended ? '（仍在中止，期限顺延中）' : ''}`);
    lines.push(`${deadlineLine(ledger, dl.handle)}  [${parts.join(' + ')}]`);
  }
  for (const t of dl.transfers) lines.push(deadlineLine(ledger, t));
  if (dl.promise) lines.push(deadlineLine(ledger, dl.promise));
  if (isOpen(s)) lines.push(`预警状态  ${WARNING_ZH[dl.level]}`);
  if (needsInstruction(s)) lines.push('领导阅批  待值班领导批示（xinfang case instruct ID --text …）');
  lines.push(`五包落实  ${duties.map((d) => `${d.done ? '☑' : '☐'}${d.item}`).join(' ')}`);
  lines.push(`结案条件  ${r.ready ? '已具备' : '未具备'}`);
  for (const c of r.conditions) lines.push(`  ${c.ok ? '✓' : '✗'} ${CONDITION_ZH[c.key]}：${c.detail}`);
  return lines;
}

function extrasJson(ledger: Ledger, s: CaseState, dl: CaseDeadlines): Record<string, unknown> {
  const r = readinessOf(ledger, s);
  const duties = dutyChecklist(s, ledger.config.duties);
  const shownOf = (g: (typeof dl.gaps)[number]) => [dl.accept, ...(dl.handle ? [dl.handle] : []), ...dl.transfers, ...(dl.promise ? [dl.promise] : [])].find((d) => d.kind === g.kind && d.unit === g.unit && d.provisional);
  const gapNotes = dl.gaps.map((g) => {
    const p = shownOf(g);
    return { deadline: g.kind, year: g.year, ...(g.unit && { unit: g.unit }), ...(p?.date && { provisional_date: p.date }), note: p?.date ? `${DEADLINE_ZH[g.kind]} ${p.date}（${provisionalText(g.year)}）` : gapText(DEADLINE_ZH[g.kind], g.year) };
  });
  const provisional = [dl.accept, ...(dl.handle ? [dl.handle] : []), ...dl.transfers, ...(dl.promise ? [dl.promise] : [])].filter((d) => d.provisional).map((d) => d.kind);
  const json: Record<string, unknown> = {
    deadlines: {
      accept: dl.accept.date,
      handle: dl.handle?.date ?? null,
      transfers: dl.transfers.map((t) => ({ unit: t.unit, due: t.date, replied: t.metOn, ...(t.provisional && { provisional: true }) })),
      promise: dl.promise?.date ?? null,
    },
    warning: isOpen(s) ? dl.level : 'normal',
    overdue: dl.overdue,
    days_left: dl.daysLeft,
    extension_days: s.extensionDays,
    suspended_days: dl.suspendedDays,
    ...(gapNotes.length && { calendar_gap: gapNotes }),
    ...(provisional.length && { provisional_deadlines: provisional }),
    needs_instruction: needsInstruction(s),
    duties: duties.map((d) => ({ item: d.item, done: d.done })),
    readiness: r,
  };
  return json;
}
