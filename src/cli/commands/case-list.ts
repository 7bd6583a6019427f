// `case list` and `case find`: the table (masked personal data) from the index's list rows
// (src/app/case-list.ts), and --json with every case whole.
import type { Ctx } from '../context.js';
import type { Ledger } from '../../ledger/ledger.js';
import { CHANNELS, type Channel } from '../../domain/events.js';
import { isOpen, STATUS_ZH, type CaseState } from '../../domain/case.js';
import { maskPhone, maskPiiText } from '../../domain/identity.js';
import type { ListFacts } from '../../domain/list-facts.js';
import { caseStore } from '../../app/cases.js';
import type { CaseFilter } from '../../index/store.js';
import { reachDate } from '../../app/due.js';
import { addDays, shanghaiDate } from '../../domain/time.js';
import { resolveLeader, resolveUnit } from '../../domain/leaders.js';
import { optDate, optEnum } from '../opts.js';
import { tableLines } from '../table.js';
import { caseExtras } from '../../app/case-extras.js';
import { escalations } from '../../app/escalations.js';
import { listEntries, type ListEntry } from '../../app/case-list.js';
import { InputError } from '../../errors.js';
import { caseJson, leaderName } from './case-view.js';

export async function listCases(ctx: Ctx, o: Record<string, unknown>): Promise<number> {
  const ledger = ctx.ledger();
  // Every option becomes a question to the index; the exact rules (deadlines, escalation)
  // then run on the cases it returns, a batch at a time, and the output is written as it goes.
  const f: CaseFilter = {};
  if (o.status) f.status = optEnum(o.status, '--status（状态）', STATUS_ZH);
  if (o.leader) f.leader = resolveLeader(ledger.leaders().leaders, String(o.leader)).id;
  if (o.unit) f.unit = resolveUnit(ledger.units().units, String(o.unit)).id;
  if (o.channel) {
    const { CHANNEL_ALIASES } = await import('../../domain/events.js');
    f.channel = optEnum(o.channel, '--channel（渠道）', CHANNELS, CHANNEL_ALIASES);
  }
  if (o.repeat) f.repeat = true;
  if (o.person !== undefined) {
    f.person = String(o.person).trim();
    if (!f.person) throw new InputError('--person（信访人）不能为空：请写姓名或其中几个字、身份证号或电话', 'bad_value');
  }
  if (o.find !== undefined) {
    f.text = String(o.find).trim();
    if (!f.text) throw new InputError('case find 的查找内容不能为空：请写信访人姓名、身份证号、电话，或诉求中的字词', 'bad_value');
  }
  if (o.from) f.from = optDate(o.from, '--from（起始日期）');
  if (o.to) f.to = optDate(o.to, '--to（截止日期）');
  const today = shanghaiDate(ctx.now);
  let within: number | undefined;
  if (o.dueWithin !== undefined) {
    const { optInt } = await import('../opts.js');
    within = optInt(o.dueWithin, '--due-within（天数）', 0, 3650);
    f.dueBy = reachDate(ledger, today, within);
  }
  if (o.overdue) f.dueBy = f.dueBy && f.dueBy < addDays(today, -1) ? f.dueBy : addDays(today, -1);
  if (o.escalate) f.open = true;
  const unmasked = !!o.unmasked;
  // The rules every row must pass, whichever way it came (stored or folded).
  const keep = (e: { escalate: boolean; overdue: boolean; daysLeft: number | null; open: boolean }) =>
    !(o.escalate && !e.escalate) && !(o.overdue && !e.overdue) && !(within !== undefined && !(e.open && e.daysLeft !== null && e.daysLeft <= within));

  if (ctx.json) return listJson(ctx, ledger, f, keep, unmasked);

  const rows: string[][] = [];
  for (const e of listEntries(ledger, f, ctx.now)) {
    if (!keep({ ...e, open: e.facts.open })) continue;
    rows.push(listRow(ctx, ledger, e, unmasked));
  }
  if (!rows.length) {
    ctx.out('没有符合条件的案件');
    return 0;
  }
  // Narrow terminals: the summary and category wrap; 渠道 may be left out, then (below ~90
  // columns) 包案领导 and 登记日期.
  // Written a few hundred lines at a time (thousands of rows are megabytes of text).
  let piece: string[] = [];
  for (const l of tableLines(['编号', '登记日期', '渠道', '信访人', '内容分类', '诉求', '包案领导', '状态', '期限'], rows, { colour: ctx.io.isTTY, width: ctx.width, keep: [0, 1], drop: [2], lastResort: [6, 1] })) {
    piece.push(l);
    if (piece.length >= 500) {
      ctx.out(piece.join('\n'));
      piece = [];
    }
  }
  if (piece.length) ctx.out(piece.join('\n'));
  ctx.out(`共 ${rows.length} 件`);
  return 0;
}

/** --json: every case whole (its file folded), written as it goes. */
function listJson(ctx: Ctx, ledger: Ledger, f: CaseFilter, keep: (e: { escalate: boolean; overdue: boolean; daysLeft: number | null; open: boolean }) => boolean, unmasked: boolean): number {
  const cases = function* () {
    let batch: CaseState[] = [];
    const flush = function* () {
      const esc = escalations(ledger, batch);
      for (const c of batch) {
        const e = esc.get(c.id)!;
        const x = caseExtras(ledger, c, ctx.now);
        if (keep({ escalate: e.escalate, overdue: x.overdue, daysLeft: x.daysLeft, open: isOpen(c) })) yield caseJson(ledger, c, ctx.now, unmasked, e, x);
      }
      batch = [];
    };
    for (const c of caseStore(ledger, { today: shanghaiDate(ctx.now) }).iterate(f)) {
      batch.push(c);
      if (batch.length >= 500) yield* flush();
    }
    yield* flush();
  };
  ctx.printJsonList({}, 'cases', cases());
  return 0;
}

/** One row of the table, from the case's list facts (stored or of the folded case). */
function listRow(ctx: Ctx, ledger: Ledger, e: ListEntry, unmasked: boolean): string[] {
  const c: ListFacts = e.facts;
  const more = c.people > 1 ? ` 等${c.people}人` : '';
  const m = (t: string) => (unmasked ? t : maskPiiText(t));
  const flags = [c.repeat ? '重复' : '', c.maxPeople >= ledger.config.intake.group_threshold ? '集体' : '', e.escalate ? ctx.c.red('交主要领导') : ''].filter(Boolean).join(' ');
  return [
    c.id,
    c.received,
    CHANNELS[c.channel as Channel],
    `${m(c.name)}${more}\n${unmasked ? c.phone : maskPhone(c.phone)}`,
    `${c.main}/${c.sub}`,
    unmasked ? c.summaryUnmasked : c.summary,
    leaderName(ledger, c.owner),
    (c.mergedInto ? `已并入 ${c.mergedInto}` : STATUS_ZH[c.status]) + (flags ? `\n${flags}` : ''),
    e.dueText,
  ];
}
