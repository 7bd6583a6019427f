// Reports as Markdown: a heading, the subtitle lines, one pipe table per table. Every value
// placed into Markdown goes through escapeMarkdown (here and in the roster's md templates),
// so a name or summary cannot bring in HTML, links or emphasis, start a heading, quote or
// list, or add a column to a table.
import type { ReportDoc } from './report-doc.js';
import { stripControls } from '../domain/controls.js';

/**
 * One value as Markdown text that reads as itself: control characters and escape
 * sequences removed (stripControls), < and > as entities (no HTML, no
 * autolinks; & too where it would start an entity), inline syntax backslash-escaped
 * (\ ` * _ [ ] | ~), line breaks as <br> (one line: safe inside a table cell), and — unless
 * it is a table cell — syntax that would start a block at the beginning of a line
 * (# > - + = and "1." / "1)") escaped and leading spaces (a code block) dropped.
 */
export function escapeMarkdown(v: unknown, opts: { cell?: boolean } = {}): string {
  let s = stripControls(String(v ?? ''))
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
  if (!opts.cell) s = s.replace(/^[ \t]+/, '').replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return s.replace(/\r\n|\r|\n|\u2028|\u2029/g, '<br>');
}

export function renderMarkdown(doc: ReportDoc): string {
  const cell = (v: unknown) => escapeMarkdown(v, { cell: true });
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const s of doc.subtitle) out.push(`${escapeMarkdown(s)}  `);
  for (const t of doc.tables) {
    out.push('', `## ${escapeMarkdown(t.title)}`, '');
    out.push(`| ${t.headers.map(cell).join(' | ')} |`);
    out.push(`| ${t.headers.map((_, i) => (i === 0 ? '---' : typeof t.rows[0]?.[i] === 'number' ? '---:' : '---')).join(' | ')} |`);
    for (const r of t.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
    for (const n of t.notes ?? []) out.push('', `> ${escapeMarkdown(n)}`);
  }
  return out.join('\n') + '\n';
}
