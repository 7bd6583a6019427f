// Rendering the published roster (公示) from liquid templates: text, Markdown, a printable
// A4 HTML page and iCalendar. The data handed to a template holds only what is posted on
// a notice board — dates, leaders' names, posts, portfolios, places, modes, how to book —
// never a petitioner's data, so no template (ours or an office's) can print any.
// iCalendar output is normalised after rendering: CRLF line ends and lines folded at 75
// octets without splitting a UTF-8 character (RFC 5545 §3.1).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTemplateFile } from './liquid.js';
import { stripControls } from '../domain/controls.js';
import { TEMPLATES_DIR } from '../paths.js';

export const ROSTER_FORMATS = ['text', 'md', 'html', 'ics'] as const;
export type RosterFormat = (typeof ROSTER_FORMATS)[number];

export interface NoticeRow {
  date: string;
  /** 12月1日 */
  date_zh: string;
  weekday: string;
  /** 周二 */
  weekday_short: string;
  hours: string;
  leader: string;
  title: string;
  /** 接待范围: the leader's 分管工作. */
  scope: string;
  place: string;
  address: string;
  mode: string;
  rule: string;
  /** 调休上班 on a working Saturday or Sunday, '' otherwise. */
  day_note: string;
  /** HTML: rows of one date share the date cell; the first row of a date holds the count, the others 0. */
  day_span?: number;
}

export interface NoticeEvent extends NoticeRow {
  uid: string;
  /** Local Shanghai times, 20261201T083000. */
  start: string;
  end: string;
  summary: string;
  location: string;
  description: string;
}

export interface NoticeData {
  /** The place's name when every slot of the month is at one place (the column is then left out). */
  single_place: string;
  title: string;
  month: string;
  month_zh: string;
  office: { name: string; code: string; issuer: string; booking: string; coordinator: string; phone: string; address: string };
  issued: string;
  issued_zh: string;
  rows: NoticeRow[];
  events: NoticeEvent[];
  places: { name: string; address: string }[];
  /** The month's holidays (named rest days), clipped to the month: no reception on them. */
  holidays: { name: string; from: string; to: string; text: string }[];
  /** 10月1日至7日（国庆节）、… ('' when the month has none). */
  holidays_text: string;
  dtstamp: string;
}

/** Where a format's template comes from: --template FILE, the office's own, or ours. */
export function templateSource(format: RosterFormat, ledgerRoot: string, file?: string): { path: string; origin: 'option' | 'office' | 'builtin' } {
  if (file) return { path: file, origin: 'option' };
  const office = join(ledgerRoot, 'templates', `roster.${format}.liquid`);
  if (existsSync(office)) return { path: office, origin: 'office' };
  return { path: join(TEMPLATES_DIR, 'roster', `roster.${format}.liquid`), origin: 'builtin' };
}

function icsText(v: unknown): string {
  // Any line break (a lone CR too) becomes \n and other controls go: a value cannot start a property of its own.
  return stripControls(String(v ?? ''))
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '\\n')
    .replace(/\t/g, ' ');
}

/** Folds one content line into chunks of at most 75 octets (continuations start with a space). */
export function foldLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation line's leading space counts
    if (octets + n > limit) {
      out.push(cur);
      cur = '';
      octets = 0;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.map((s, i) => (i === 0 ? s : ' ' + s));
}

/** Normalises rendered iCalendar text: no blank lines, no indentation, CRLF, folded lines. */
export function normaliseIcs(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.flatMap(foldLine).join('\r\n') + '\r\n';
}

/**
 * Renders a roster template. include/render/layout read only the ledger's templates/ and
 * ours (src/render/liquid.ts); every value output is escaped for the format: HTML as HTML,
 * Markdown by escapeMarkdown, iCalendar text by the ics_text filter the templates use.
 */
export async function renderNotice(format: RosterFormat, template: string, data: NoticeData, ledgerRoot?: string): Promise<string> {
  const { confinedLiquid } = await import('./liquid.js');
  const { escapeMarkdown } = await import('./markdown.js');
  const roots = [...(ledgerRoot ? [join(ledgerRoot, 'templates')] : []), join(TEMPLATES_DIR, 'roster')];
  const engine = confinedLiquid(roots, {
    outputEscape: format === 'html' ? 'escape' : format === 'md' ? (v: unknown) => escapeMarkdown(v) : undefined,
    strictFilters: true,
    ownPropertyOnly: true,
    greedy: false,
  });
  engine.registerFilter('ics_text', icsText);
  const out = await engine.parseAndRender(template, data);
  return format === 'ics' ? normaliseIcs(out) : out;
}

/** A template's text; a ledger's file outside its templates/ folder is refused (src/render/liquid.ts). */
export function readTemplate(path: string): string {
  return readTemplateFile(path);
}
