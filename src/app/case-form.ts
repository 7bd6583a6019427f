// The 来访登记表 of one case (大业乡《领导干部定期接待群众来访情况登记表》): every column of
// the office's paper form — 来访时间、姓名、性别、身份证号、住址、联系电话、人数、信访目的（the
// five purposes, the one chosen ticked）、内容分类、诉求摘要、接待领导、处理意见 — the record of
// each reception (the registration and every further visit, letter or call), the handling so
// far and the signature lines (信访人签字、接待领导签字). Rendered from templates/forms/ (HTML
// for print and PDF in the browser, or text); a ledger's templates/forms/ may replace ours.
// ID and phone numbers are masked, in the fields and in free text, unless asked for.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { liveEvents, STATUS_ZH, type CaseState } from '../domain/case.js';
import { CHANNELS, DECISIONS, DISPOSITIONS, MODES_ZH, OPINIONS } from '../domain/events.js';
import { maskId, maskPhone, maskPiiDeep } from '../domain/identity.js';
import { dateZh } from '../domain/time.js';
import type { Ledger } from '../ledger/ledger.js';
import { loadTaxonomy } from '../ledger/reference.js';
import { TEMPLATES_DIR } from '../paths.js';
import { leaderNameOf, unitNameOf } from './case-extras.js';

export const FORM_FORMATS = ['html', 'text'] as const;
export type FormFormat = (typeof FORM_FORMATS)[number];

export interface FormVisit {
  /** 1 = the registration. */
  n: number;
  /** YYYY-MM-DD HH:mm, or the date alone when no time was recorded. */
  time: string;
  channel: string;
  mode: string;
  leader: string;
  place: string;
  people: number;
  note: string;
}

export interface FormData {
  title: string;
  office: string;
  id: string;
  masked: boolean;
  printed: string;
  time: string;
  channel: string;
  petitioners: { name: string; sex: string; id_number: string; phone: string; address: string; representative: boolean }[];
  people: number;
  respondent: string;
  locality: string;
  /** The catalogue's purposes, the case's one ticked (the paper form lists all five). */
  purposes: { name: string; checked: boolean }[];
  purpose: string;
  category: string;
  category_main: string;
  category_sub: string;
  summary: string;
  receiver: string;
  place: string;
  mode: string;
  opinion: string;
  owner: string;
  units: string;
  status: string;
  result: string;
  visits: FormVisit[];
}

/** "YYYY-MM-DD HH:mm", or the date alone for an instant exactly at 00:00 (`--date D`). */
function when(iso: string): string {
  const day = iso.slice(0, 10);
  return /T00:00(:00(\.0+)?)?\+08:00$/.test(iso) ? day : iso.replace('T', ' ').slice(0, 16);
}

function resultText(s: CaseState): string {
  const ev = liveEvents(s.file.events);
  const parts: string[] = [];
  if (s.status === 'declined') {
    const e = [...ev].reverse().find((x) => x.type === 'decline');
    return `不予受理${e && e.type === 'decline' ? `：${e.reason}` : ''}`;
  }
  if (s.handled) parts.push(`${DISPOSITIONS[s.handled.disposition]}${s.handled.decision ? `（${DECISIONS[s.handled.decision]}）` : ''}：${s.handled.facts}`);
  if (s.closed) parts.push(`${s.closed} 结案`);
  if (s.opinion) parts.push(`信访人${OPINIONS[s.opinion]}`);
  return parts.join('；');
}

/** The form's data for one case; `printed` is the date printed on the form. */
export function caseFormData(ledger: Ledger, s: CaseState, opts: { unmasked: boolean; printed: string }): FormData {
  const f = s.file;
  const tax = loadTaxonomy();
  const name = (id: string | null) => (id ? leaderNameOf(ledger, id) : '');
  const placeName = (id: string) => ledger.config.places.find((p) => p.id === id)?.name ?? id;
  const visits: FormVisit[] = [];
  for (const e of liveEvents(f.events)) {
    if (e.type === 'registered') {
      visits.push({ n: visits.length + 1, time: when(f.received_at), channel: CHANNELS[e.channel], mode: e.channel === 'visit' ? MODES_ZH[e.mode] : '', leader: name(e.receiver), place: placeName(e.place || f.place), people: e.people, note: f.opinion });
    } else if (e.type === 'visit') {
      visits.push({ n: visits.length + 1, time: e.date, channel: CHANNELS[e.channel], mode: e.channel === 'visit' ? MODES_ZH[e.mode] : '', leader: name(e.receiver), place: placeName(e.place), people: e.people, note: e.note });
    }
  }
  const purpose = tax.purposes.find((p) => p.key === f.purpose)?.name ?? f.purpose;
  const data: FormData = {
    title: `${ledger.config.office.name}领导干部接待群众来访情况登记表`,
    office: ledger.config.office.name,
    id: s.id,
    masked: !opts.unmasked,
    printed: dateZh(opts.printed),
    time: when(f.received_at),
    channel: CHANNELS[f.channel],
    petitioners: f.petitioners.map((p) => ({
      name: p.name,
      sex: p.sex,
      id_number: opts.unmasked ? p.id_number : maskId(p.id_number),
      phone: opts.unmasked ? p.phone : maskPhone(p.phone),
      address: p.address,
      representative: p.representative,
    })),
    people: f.people,
    respondent: f.respondent,
    locality: f.locality,
    // The paper form's five purposes (咨询, which the catalogue adds, only when it is the case's).
    purposes: tax.purposes.filter((p) => p.key !== 'inquiry' || p.key === f.purpose).map((p) => ({ name: p.name, checked: p.key === f.purpose })),
    purpose,
    category: `${f.category.main}/${f.category.sub}`,
    category_main: f.category.main,
    category_sub: f.category.sub,
    summary: f.summary,
    receiver: name(f.receiver),
    place: placeName(f.place),
    mode: f.channel === 'visit' ? MODES_ZH[f.mode] : '',
    opinion: f.opinion,
    owner: name(s.owner),
    units: s.units.map((u) => unitNameOf(ledger, u)).join('、'),
    status: STATUS_ZH[s.status],
    result: resultText(s),
    visits,
  };
  // ID and phone numbers typed into free text (summary, notes …) are masked too.
  return opts.unmasked ? data : maskPiiDeep(data, new Set(['id', 'time', 'printed']));
}

/** Our template for a format, or the office's own (templates/forms/case-form.FORMAT.liquid in the ledger). */
export function formTemplatePath(ledger: Ledger, format: FormFormat): string {
  const office = join(ledger.root, 'templates', 'forms', `case-form.${format}.liquid`);
  return existsSync(office) ? office : join(TEMPLATES_DIR, 'forms', `case-form.${format}.liquid`);
}

/** The form as text or HTML; in HTML every value is escaped (outputEscape). */
export async function renderCaseForm(ledger: Ledger, data: FormData, format: FormFormat): Promise<string> {
  const { confinedLiquid, readTemplateFile, templateError } = await import('../render/liquid.js');
  const path = formTemplatePath(ledger, format);
  const engine = confinedLiquid([join(ledger.root, 'templates', 'forms'), join(TEMPLATES_DIR, 'forms')], {
    outputEscape: format === 'html' ? 'escape' : undefined,
    strictFilters: true,
    ownPropertyOnly: true,
    greedy: false,
  });
  try {
    return await engine.parseAndRender(readTemplateFile(path), data);
  } catch (e) {
    throw templateError(path, e, '登记表模板');
  }
}
