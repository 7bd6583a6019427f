// The roster's public notice (公示) of a month: the data the templates render (no
// petitioner data, by construction), the month's holidays and 调休 days, stable iCalendar
// UIDs, and `roster publish` rendering it with the office's or the built-in template.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { badField } from '../errors.js';
import { maskPiiText } from '../domain/identity.js';
import { addDays, dateRange, dateZh, monthRange, shanghaiISO, weekday } from '../domain/time.js';
import type { Ledger } from '../ledger/ledger.js';
import type { NoticeData, RosterFormat } from '../render/roster.js';
import { needRoster, rosterCalendar, viewSlot } from './roster.js';

/** A stable iCalendar UID for a slot: its date, its rule and its place among that rule's slots of the day. */
export function slotUid(code: string, date: string, rule: string, n: number): string {
  const h = createHash('sha1').update(rule).digest('hex').slice(0, 10);
  return `${date.replace(/-/g, '')}-${h}-${n}@${code.toLowerCase()}.xinfang`;
}

/**
 * What the notice says about the month's calendar: the holidays (rest days with a name,
 * clipped to the month: 10月1日至7日 国庆节) when nobody receives, and a note for a
 * working weekend day (调休上班) so that petitioners do not take a Saturday for a mistake.
 * A month whose year the calendar does not cover has neither.
 */
function monthDays(ledger: Ledger, month: string): { holidays: NoticeData['holidays']; dayNote: (date: string) => string } {
  const cal = rosterCalendar(ledger);
  // A provisional month (the list not out yet) has no holidays to print: its title says 暂定.
  if (!cal.covers(Number(month.slice(0, 4)))) return { holidays: [], dayNote: () => '' };
  const { from, to } = monthRange(month);
  const holidays: NoticeData['holidays'] = [];
  for (const d of dateRange(from, to)) {
    const info = cal.day(d);
    if (info.work || !info.name) continue;
    const last = holidays[holidays.length - 1];
    if (last && last.name === info.name && addDays(last.to, 1) === d) last.to = d;
    else holidays.push({ name: info.name, from: d, to: d, text: '' });
  }
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
  for (const h of holidays) {
    const span = h.from === h.to ? md(h.from) : h.from.slice(5, 7) === h.to.slice(5, 7) ? `${md(h.from)}至${Number(h.to.slice(8))}日` : `${md(h.from)}至${md(h.to)}`;
    h.text = `${span}（${h.name}）`;
  }
  const dayNote = (date: string) => (weekday(date) >= 6 && cal.isWorkday(date) ? '调休上班' : '');
  return { holidays, dayNote };
}

/** Builds the public notice data of a month: no petitioner data, by construction. */
export function noticeData(ledger: Ledger, month: string, now: Date): NoticeData {
  const r = needRoster(ledger, month);
  const office = ledger.config.office;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const monthZh = `${y}年${m}月`;
  const today = shanghaiISO(now).slice(0, 10);
  const views = r.slots.map((s) => viewSlot(ledger, s));
  const { holidays, dayNote } = monthDays(ledger, month);
  const rows = views.map((v) => ({
    date: v.date,
    date_zh: `${Number(v.date.slice(5, 7))}月${Number(v.date.slice(8))}日`,
    weekday: v.weekday,
    weekday_short: v.weekday.replace('星期', '周'),
    hours: v.hours,
    // A number typed into a leader's record or a rule name is not for the notice board
    // (the office's own booking line and places are: they are printed as written).
    leader: maskPiiText(v.leader.name),
    title: maskPiiText(v.leader.title),
    scope: maskPiiText(v.leader.portfolio),
    place: v.place.name,
    address: v.place.address,
    mode: v.mode_zh,
    rule: maskPiiText(v.rule),
    day_note: dayNote(v.date),
  }));
  // Rows of one date are merged in the HTML notice (rowspan): the first carries the count.
  const spans = rows.map((row, i) => (i > 0 && rows[i - 1]!.date === row.date ? 0 : rows.slice(i).findIndex((x) => x.date !== row.date) === -1 ? rows.length - i : rows.slice(i).findIndex((x) => x.date !== row.date)));
  const seen = new Map<string, number>();
  const events = rows.map((row, i) => {
    const k = `${row.date}|${row.rule}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    const [h1, h2] = row.hours.split('-') as [string, string];
    const t = (d: string, hm: string) => `${d.replace(/-/g, '')}T${hm.replace(':', '')}00`;
    return {
      ...row,
      uid: slotUid(office.code, row.date, row.rule, n),
      start: t(row.date, h1),
      end: t(row.date, h2),
      summary: `${row.mode}：${row.leader}（${row.title}）`,
      location: row.address ? `${row.place}（${row.address}）` : row.place,
      description: `${row.rule}。接待范围：${row.scope || '综合'}。${office.booking ? `预约方式：${office.booking}` : ''}`,
      _i: i,
    };
  });
  const usedPlaces = [...new Set(r.slots.map((s) => s.place))];
  const places = ledger.config.places.filter((p) => usedPlaces.includes(p.id)).map((p) => ({ name: p.name, address: p.address }));
  return {
    single_place: places.length === 1 ? places[0]!.name : '',
    title: `${office.name}领导干部接待群众来访安排表（${monthZh}${r.provisional ? '，暂定：当年节假日安排公布后可能调整' : ''}）`,
    month,
    month_zh: monthZh,
    office: { name: office.name, code: office.code, issuer: office.issuer || `${office.name}信访工作领导小组办公室`, booking: office.booking, coordinator: office.coordinator, phone: office.phone, address: office.address },
    issued: today,
    issued_zh: dateZh(today),
    rows: rows.map((r, i) => ({ ...r, day_span: spans[i]! })),
    events: events.map(({ _i, ...e }) => e),
    places,
    holidays,
    holidays_text: holidays.map((h) => h.text).join('、'),
    dtstamp: now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
  };
}

export async function publishRoster(ledger: Ledger, input: { month: string; format: RosterFormat; template?: string; now: Date }): Promise<{ text: string; template: { path: string; origin: string } }> {
  const { readTemplate, renderNotice, templateSource } = await import('../render/roster.js');
  const data = noticeData(ledger, input.month, input.now);
  const src = templateSource(input.format, ledger.root, input.template);
  if (!existsSync(src.path)) throw badField('--template（模板文件）', input.template, '文件不存在');
  const source = readTemplate(src.path); // a ledger's file outside templates/ is refused
  let text: string;
  try {
    text = await renderNotice(input.format, source, data, ledger.root);
  } catch (e) {
    const { templateError } = await import('../render/liquid.js');
    throw templateError(src.path, e);
  }
  return { text, template: src };
}
