// Reports as Markdown: a heading, the subtitle lines, one pipe table per table.
import type { ReportDoc } from './report-doc.js';

function cell(v: unknown): string {
  return String(v ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function renderMarkdown(doc: ReportDoc): string {
  const out: string[] = [`# ${doc.title}`, ''];
  for (const s of doc.subtitle) out.push(`${s}  `);
  for (const t of doc.tables) {
    out.push('', `## ${t.title}`, '');
    out.push(`| ${t.headers.map(cell).join(' | ')} |`);
    out.push(`| ${t.headers.map((_, i) => (i === 0 ? '---' : typeof t.rows[0]?.[i] === 'number' ? '---:' : '---')).join(' | ')} |`);
    for (const r of t.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
    for (const n of t.notes ?? []) out.push('', `> ${n}`);
  }
  return out.join('\n') + '\n';
}
