// Reading cases at the terminal: the list (masked personal data), one case with its
// registration and a readable timeline, and the JSON shape of a case.
import type { Ctx } from '../context.js';
import type { Ledger } from '../../ledger/ledger.js';
import { CHANNELS, DECISIONS, DISPOSITIONS, MODES_ZH, OPINIONS, SUPERVISION_FORMS, type Event } from '../../domain/events.js';
import { isGroup, isRepeat, STATUS_ZH, visitCounts, type CaseState } from '../../domain/case.js';
import { maskId, maskPhone, maskPiiDeep, maskPiiText } from '../../domain/identity.js';
import { loadCase } from '../../app/cases.js';
import { loadTaxonomy } from '../../ledger/reference.js';
import { caseExtras, type CaseExtras } from '../../app/case-extras.js';
import { FIELD_ZH, type CorrectableField } from '../../app/correctable.js';
import { escalations, type Escalation } from '../../app/escalations.js';

/**
 * An event's instant as people read it: "YYYY-MM-DD HH:mm", or the date alone when it is
 * exactly 00:00:00+08:00 — what `--date D` records, which carries no real time of day.
 */
export function whenText(iso: string): string {
  const day = iso.slice(0, 10);
  return /T00:00(:00(\.0+)?)?\+08:00$/.test(iso) ? day : iso.replace('T', ' ').slice(0, 16);
}

export function leaderName(ledger: Ledger, id: string | null): string {
  if (!id) return '—';
  return ledger.leaders().leaders.find((l) => l.id === id)?.name ?? id;
}
export function unitName(ledger: Ledger, id: string): string {
  return ledger.units().units.find((u) => u.id === id)?.name ?? id;
}
export function purposeName(key: string): string {
  return loadTaxonomy().purposes.find((p) => p.key === key)?.name ?? key;
}

/** Keys of a case's JSON that hold ids and file names, never masked. */
const KEEP_KEYS = new Set(['id', 'file', 'repeat_of', 'at', 'sha256']);

export function caseJson(ledger: Ledger, s: CaseState, now: Date, unmasked = false, esc: Escalation = escalations(ledger, [s]).get(s.id)!, x: CaseExtras = caseExtras(ledger, s, now)) {
  const doc = caseJsonRaw(ledger, s, now, unmasked, esc, x);
  // ID and phone numbers typed into free text (summary, notes, reasons …) are masked too.
  return unmasked ? doc : maskPiiDeep(doc, KEEP_KEYS);
}

function caseJsonRaw(ledger: Ledger, s: CaseState, now: Date, unmasked: boolean, esc: Escalation, x: CaseExtras) {
  const f = s.file;
  return {
    id: s.id,
    status: s.status,
    received_at: f.received_at,
    channel: f.channel,
    petitioners: f.petitioners.map((p) => ({ ...p, id_number: unmasked ? p.id_number : maskId(p.id_number), phone: unmasked ? p.phone : maskPhone(p.phone) })),
    people: f.people,
    group: isGroup(s, ledger.config.intake.group_threshold),
    respondent: f.respondent,
    locality: f.locality,
    purpose: f.purpose,
    category: f.category,
    summary: f.summary,
    receiver: f.receiver,
    leader: s.owner,
    units: s.units,
    repeat: isRepeat(s),
    repeat_of: f.repeat_of,
    merged_into: s.mergedInto,
    visits: visitCounts(s),
    matter_visits: esc.visits,
    escalate: esc.escalate,
    ...x.json,
    events: f.events,
    voided: s.voided,
    ...(f.original_no ? { original_no: f.original_no } : {}),
  };
}

export function describeEvent(ledger: Ledger, e: Event): string {
  const L = (id: string) => leaderName(ledger, id);
  switch (e.type) {
    case 'registered':
      return `${CHANNELS[e.channel]}登记，${e.people} 人，接待领导 ${L(e.receiver)}${e.place ? `，${placeName(ledger, e.place)}` : ''}（${MODES_ZH[e.mode]}）`;
    case 'visit':
      return `再次${CHANNELS[e.channel]}（${e.date}），${e.people} 人${e.petitioners.length ? `：${e.petitioners.join('、')}` : ''}，接待领导 ${L(e.receiver)}${e.note ? `；${e.note}` : ''}`;
    case 'assign':
      return `包案领导：${L(e.leader)}${e.note ? `（${e.note}）` : ''}`;
    case 'duty':
      return `五包落实：${e.items.join('、')}${e.note ? `（${e.note}）` : ''}`;
    case 'accept':
      return `受理${e.note ? `：${e.note}` : ''}`;
    case 'decline':
      return `不予受理：${e.reason}`;
    case 'handle':
      return `处理：${DISPOSITIONS[e.disposition]}${e.decision ? `，${DECISIONS[e.decision]}` : ''}${e.promise_by ? `，承诺 ${e.promise_by} 前解决` : ''}；查明事实：${e.facts}${e.note ? `；${e.note}` : ''}`;
    case 'transfer':
      return `交办 → ${unitName(ledger, e.unit)}${e.handler ? `（承办人 ${e.handler}）` : ''}${e.due ? `，限 ${e.due} 前办结` : ''}${e.note ? `（${e.note}）` : ''}`;
    case 'reply':
      return `${unitName(ledger, e.unit)} ${e.to_petitioner ? '书面回复信访人' : '书面答复'}：${e.text}`;
    case 'extend':
      return `延期 ${e.days} 天：${e.reason}${e.approved_by ? `（${L(e.approved_by)} 批准）` : ''}`;
    case 'suspend':
      return `中止（停止计时）：${e.reason}`;
    case 'resume':
      return `恢复办理${e.note ? `：${e.note}` : ''}`;
    case 'supervise':
      return `${SUPERVISION_FORMS[e.form]}${e.unit ? ` ${unitName(ledger, e.unit)}` : ''}${e.note ? `：${e.note}` : ''}`;
    case 'review':
      return `评查${e.result === 'pass' ? '通过' : '不合格，发回重新办理'}${e.note ? `：${e.note}` : ''}`;
    case 'collective':
      return `提交领导班子集体研究：${e.note}`;
    case 'attach':
      return `附件（${e.kind}）：${e.name || e.file}`;
    case 'instruct':
      return `${L(e.leader)} 批示：${e.text}`;
    case 'correct': {
      const label = FIELD_ZH[e.field as CorrectableField] ?? (e.field === 'repeat_of' ? '重复信访关联' : e.field);
      return `更正 ${label}：${fieldText(ledger, e.field, e.old)} → ${fieldText(ledger, e.field, e.new)}${e.reason ? `（${e.reason}）` : ''}`;
    }
    case 'approve':
      return `${L(e.leader)} 审批意见：${e.text}`;
    case 'opinion':
      return `信访人意见：${OPINIONS[e.value]}${e.note ? `（${e.note}）` : ''}`;
    case 'close':
      return `结案（销号存档）${e.note ? `：${e.note}` : ''}`;
    case 'followup':
      return `回访（${e.date}）${e.recurred ? '，问题复发' : ''}：${e.note}`;
    case 'reopen':
      return `重新办理：${e.reason}`;
    case 'appointment':
      return `约访：${e.date} 由 ${L(e.leader)} 接待${e.note ? `（${e.note}）` : ''}`;
    case 'void':
      return `撤销记录 ${e.event.slice(-6)}：${e.reason}`;
    case 'resolve':
      return `限期解决承诺已兑现（${e.date}）${e.note ? `：${e.note}` : ''}`;
    case 'beijing':
      return `进京非正常上访：${e.date} 在${e.place}${e.note ? `（${e.note}）` : ''}`;
    case 'merge-conflict':
      return `合并冲突：${e.field} 保留 ${JSON.stringify(e.kept)}，另一方为 ${JSON.stringify(e.other)}，请核对`;
    case 'merged':
      return `并入 ${e.into}：本件的登记改为该案件的再次来访，不再单独统计${e.note ? `（${e.note}）` : ''}`;
  }
}

/** A registration field's value as people read it (names, not ids or keys). */
function fieldText(ledger: Ledger, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v)) return v.length ? v.join('、') : '（无）';
  if (field === 'category' && typeof v === 'object') {
    const c = v as { main?: string; sub?: string };
    return `${c.main ?? ''}/${c.sub ?? ''}`;
  }
  if (typeof v !== 'string') return typeof v === 'number' ? String(v) : JSON.stringify(v);
  switch (field) {
    case 'receiver':
      return leaderName(ledger, v);
    case 'channel':
      return CHANNELS[v as keyof typeof CHANNELS] ?? v;
    case 'mode':
      return MODES_ZH[v as keyof typeof MODES_ZH] ?? v;
    case 'purpose':
      return purposeName(v);
    case 'place':
      return placeName(ledger, v);
    default:
      return v;
  }
}

function placeName(ledger: Ledger, id: string): string {
  return ledger.config.places.find((p) => p.id === id)?.name ?? id;
}

export async function showCase(ctx: Ctx, ref: string, unmasked: boolean): Promise<number> {
  const ledger = ctx.ledger();
  const s = loadCase(ledger, ref);
  if (ctx.json) {
    ctx.printJson(caseJson(ledger, s, ctx.now, unmasked));
    return 0;
  }
  const f = s.file;
  const x = caseExtras(ledger, s, ctx.now);
  const c = ctx.c;
  const esc = escalations(ledger, [s]).get(s.id)!;
  if (s.mergedInto) ctx.out(c.yellow(`${s.id} 已并入 ${s.mergedInto}：其登记是该案件的一次再次来访，不再单独统计（xinfang case show ${s.mergedInto}）`));
  ctx.out(c.bold(`${s.id}  ${STATUS_ZH[s.status]}${isRepeat(s) ? '  重复信访' : ''}${isGroup(s, ledger.config.intake.group_threshold) ? '  集体访' : ''}`));
  const lines: [string, string][] = [
    ['登记时间', whenText(f.received_at)],
    ['渠道', CHANNELS[f.channel] + (f.source ? `（${f.source}）` : '')],
    ...f.petitioners.map((p, i): [string, string] => [
      i === 0 ? '信访人' : '',
      [p.name + (p.representative ? '（代表）' : ''), p.sex, unmasked ? p.id_number : maskId(p.id_number), unmasked ? p.phone : maskPhone(p.phone), p.address].filter(Boolean).join('  '),
    ]),
    ['人数', `${f.people}（来访 ${visitCounts(s).batches} 批次、${visitCounts(s).persons} 人次）`],
    ['被反映人', f.respondent || '—'],
    ['问题属地', f.locality || '—'],
    ['信访目的', purposeName(f.purpose)],
    ['内容分类', `${f.category.main}/${f.category.sub}`],
    ['诉求', f.summary],
    ['接待领导', `${leaderName(ledger, f.receiver)}${f.place ? `，${placeName(ledger, f.place)}` : ''}，${MODES_ZH[f.mode]}`],
    ['包案领导', leaderName(ledger, s.owner)],
    ['处理意见', f.opinion || '—'],
    ['承办单位', s.units.length ? s.units.map((u) => unitName(ledger, u)).join('、') : '—'],
  ];
  if (f.original_no) lines.push(['原编号', `${f.original_no}（导入的旧登记表）`]);
  if (f.repeat_of.length) lines.push(['重复信访', `此前 ${f.repeat_of.join('、')}`]);
  if (esc.cases.length > 1) lines.push(['同一事项', `${esc.cases.join('、')}，累计来访 ${esc.visits} 次`]);
  const m = (t: string) => (unmasked ? t : maskPiiText(t));
  for (const [k, v] of lines) ctx.out(`  ${k ? k.padEnd(4, '　') : '　　　　'}  ${m(v)}`);
  if (esc.escalate) ctx.out(c.red(`  该事项已累计来访 ${esc.visits} 次，达到本单位设定的次数（intake.escalate_after_visits，本单位的设置，不是制度文件的原文），应由主要领导接待、包案：xinfang case assign ${s.id} --leader 主要领导`));
  for (const line of x.detailLines) ctx.out(`  ${m(line)}`);
  ctx.out('');
  ctx.out(c.bold('经过'));
  // The registration is told at the visit's time (received_at); its `at` is when it was typed in.
  const when = (e: Event) => whenText(e.type === 'registered' ? f.received_at : e.at);
  // A cancelled event (case void) stays in the story, marked; the void names it by its id's end.
  const voided = new Set(s.voided);
  for (const e of f.events) ctx.out(`  ${when(e)}  ${m(describeEvent(ledger, e))}${voided.has(e.id) ? c.dim(`〔已撤销 ${e.id.slice(-6)}〕`) : ''}  ${c.dim(`— ${e.by}`)}`);
  return 0;
}
