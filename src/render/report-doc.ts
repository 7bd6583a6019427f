// The shape every report is rendered from: a title, a few lines under it, and tables.
// Renderers (terminal, Markdown, CSV, XLSX, HTML) know nothing of cases or statistics.
export type Cell = string | number;

export interface ReportTable {
  /** Short name: the XLSX sheet name and the CSV section. */
  key: string;
  title: string;
  headers: string[];
  rows: Cell[][];
  /** Draw a bar chart of column `value` labelled by column `label` (row indexes not included: all rows). */
  chart?: { label: number; value: number; skipLast?: boolean };
  notes?: string[];
  /**
   * Columns of text as written (names, summaries, places): never read as figures, so a
   * summary "+5" or "50%" stays text in a spreadsheet. Column 0, the row's label, always is.
   */
  textColumns?: number[];
}

export interface ReportDoc {
  title: string;
  /** Lines under the title: office, period, date made. */
  subtitle: string[];
  tables: ReportTable[];
}

/** Display width: CJK and full-width characters count two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/.test(ch) ? 2 : 1;
  return w;
}

export function chartData(t: ReportTable): { label: string; value: number }[] {
  if (!t.chart) return [];
  const rows = t.chart.skipLast ? t.rows.slice(0, -1) : t.rows;
  return rows.map((r) => ({ label: String(r[t.chart!.label] ?? ''), value: Number(r[t.chart!.value] ?? 0) || 0 }));
}
