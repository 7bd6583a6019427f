// Reports: `report register` (登记表), `report stats` (统计表, county roll-up with
// --include) and `report summary` (阶段性工作总结), in the terminal, Markdown, CSV, XLSX
// or HTML. Options are normalised here; the work is in src/app/reports.ts.
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';
import type { ReportDoc } from '../../render/report-doc.js';
import type { ReportPeriod } from '../../app/reports.js';
import type { Dimension } from '../../domain/stats.js';
import type { Ledger } from '../../ledger/ledger.js';

export const REPORT_FORMATS = ['table', 'md', 'csv', 'xlsx', 'html'] as const;
type Format = (typeof REPORT_FORMATS)[number];
const FORMAT_ZH: Record<Format, string> = { table: '终端表格', md: 'Markdown', csv: 'CSV', xlsx: 'Excel', html: '网页（可打印）' };

const DIM_ALIASES: Record<string, Dimension> = {
  渠道: 'channel',
  目的: 'purpose',
  分类: 'category',
  大类: 'category',
  内容分类: 'category',
  小类: 'subcategory',
  领导: 'leader',
  包案: 'owner',
  单位: 'unit',
  属地: 'area',
  月: 'month',
  月份: 'month',
};

async function period(o: Record<string, unknown>): Promise<ReportPeriod> {
  const { optQuarter, optDate } = await import('../opts.js');
  const { InputError } = await import('../../errors.js');
  const { quarterPeriod, rangePeriod } = await import('../../app/reports.js');
  if (o.quarter !== undefined) {
    if (o.from !== undefined || o.to !== undefined) throw new InputError('--quarter 与 --from/--to 只能给一种', 'usage');
    return quarterPeriod(optQuarter(o.quarter, '--quarter（季度）'));
  }
  if (o.from === undefined && o.to === undefined) throw new InputError('缺少统计期间：给出 --quarter YYYYQn（如 2026Q4），或 --from D --to D', 'missing');
  if (o.from === undefined || o.to === undefined) throw new InputError(`缺少 ${o.from === undefined ? '--from（起始日期）' : '--to（截止日期）'}：--from 与 --to 须同时给出`, 'missing');
  return rangePeriod(optDate(o.from, '--from（起始日期）'), optDate(o.to, '--to（截止日期）'));
}

async function format(o: Record<string, unknown>, json = false): Promise<Format> {
  const { optEnum } = await import('../opts.js');
  const { InputError } = await import('../../errors.js');
  const f = optEnum(o.format ?? 'table', '--format（格式）', FORMAT_ZH);
  if (f === 'xlsx' && o.output === undefined && !json) throw new InputError('--format xlsx 需要 -o FILE（Excel 文件不能输出到屏幕）', 'missing');
  return f;
}

/** -o FILE, checked before any work (src/cli/opts.ts). */
async function outputFile(ctx: Ctx, o: Record<string, unknown>): Promise<string | undefined> {
  if (o.output === undefined) return undefined;
  const { optOutputFile } = await import('../opts.js');
  return optOutputFile(o.output, ctx.io.cwd);
}

async function dims(ctx: Ctx, o: Record<string, unknown>): Promise<Dimension[] | undefined> {
  // The global --by (the clerk) takes the value when commander sees it first; a report
  // records nothing, so here --by always means the grouping.
  const given = (o.by as string[] | undefined) ?? (ctx.opts.by ? [ctx.opts.by] : undefined);
  if (given === undefined) return undefined;
  const { optEnum } = await import('../opts.js');
  const { DIMENSION_ZH } = await import('../../domain/stats.js');
  const list = given.flatMap((s) => String(s).split(/[,，、]/)).map((s) => s.trim()).filter(Boolean);
  const out: Dimension[] = [];
  for (const s of list) {
    const d = optEnum(s, '--by（分组）', DIMENSION_ZH, DIM_ALIASES);
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

/** Terminal tables, with a small bar next to each count of a chart table. */
export async function terminal(doc: ReportDoc, colour: boolean, width?: number): Promise<string> {
  return [...(await terminalLines(doc, colour, width))].join('\n');
}

/** The same, line by line: a year's register (tens of thousands of rows) is written in pieces. */
async function terminalLines(doc: ReportDoc, colour: boolean, width?: number): Promise<Iterable<string>> {
  const { tableLines } = await import('../table.js');
  const { textBar } = await import('../../render/chart.js');
  return (function* () {
    yield* [doc.title, ...doc.subtitle];
    for (const t0 of doc.tables) {
      // The definitions column is too wide for a terminal: it goes under the table.
      const defCol = t0.headers.indexOf('口径');
      const t =
        defCol < 0
          ? t0
          : { ...t0, headers: t0.headers.filter((_, i) => i !== defCol), rows: t0.rows.map((r) => r.filter((_, i) => i !== defCol)), notes: [...(t0.notes ?? []), ...t0.rows.map((r) => `${r[0]}＝${r[defCol]}`)] };
      yield* ['', `【${t.title}】`];
      if (t.chart) {
        const ch = t.chart;
        const body = ch.skipLast ? t.rows.slice(0, -1) : t.rows;
        let max = 0;
        for (const r of body) max = Math.max(max, Number(r[ch.value]) || 0);
        const rows = t.rows.map((r, i) => [...r, ch.skipLast && i === t.rows.length - 1 ? '' : textBar(Number(r[ch.value]) || 0, max, 16)]);
        yield* tableLines([...t.headers, ''], rows, { colour, width, ...fitByHeader(t.headers) });
      } else yield* tableLines(t.headers, t.rows, { colour, width, ...fitByHeader(t.headers) });
      for (const n of t.notes ?? []) yield `注：${n}`;
    }
  })();
}

// A narrow terminal: these columns are left out first, in this order (the register's
// columns do not fit 100 columns even wrapped); ids and dates never wrap.
const DROP_FIRST = ['渠道', '人数', '信访目的', '接待领导', '问题属地', '登记日期', '次数', '承办单位', '办理结果', '上期', '上期合计', '增减幅度'];
const NO_WRAP = ['编号', '登记日期', '接待日期', '件数', '占比', '本期', '上期', '增减'];

function fitByHeader(headers: string[]): { drop: number[]; keep: number[] } {
  return {
    drop: DROP_FIRST.map((h) => headers.indexOf(h)).filter((i) => i >= 0),
    keep: NO_WRAP.map((h) => headers.indexOf(h)).filter((i) => i >= 0),
  };
}

/** Renders a document in the format and prints it or writes -o FILE. */
async function emit(ctx: Ctx, doc: ReportDoc, f: Format, file: string | undefined): Promise<void> {
  const { writeOutputFile } = await import('../file-out.js');
  if (f === 'xlsx') {
    // Always to a file (checked with the options), row by row.
    const { writeXlsx } = await import('../../render/xlsx.js');
    await writeOutputFile(file!, (tmp) => writeXlsx(doc, tmp));
    ctx.info(`已写入 ${file}（${FORMAT_ZH[f]}）`);
    return;
  }
  if (f === 'table') {
    const lines = await terminalLines(doc, ctx.io.isTTY && file === undefined && ctx.c.level > 0, file === undefined ? ctx.width : undefined);
    const { TextSink, writeTextFile } = await import('../file-out.js');
    // As one string joined by newlines was: on the terminal with a newline at the end, in a file without.
    const fill = (sink: InstanceType<typeof TextSink>, end: boolean) => {
      let last: string | undefined;
      for (const l of lines) {
        sink.write(last === undefined ? l : `\n${l}`);
        last = l;
      }
      if (end && !(last ?? '').endsWith('\n')) sink.write('\n');
    };
    if (file === undefined) {
      const sink = new TextSink((s) => ctx.write(s));
      fill(sink, true);
      sink.flush();
      return;
    }
    await writeTextFile(file, (sink) => fill(sink, false));
    ctx.info(`已写入 ${file}（${FORMAT_ZH[f]}）`);
    return;
  }
  let data: string;
  switch (f) {
    case 'md':
      data = (await import('../../render/markdown.js')).renderMarkdown(doc);
      break;
    case 'csv':
      data = (await import('../../render/csv.js')).renderCsv(doc);
      break;
    case 'html':
      data = (await import('../../render/html.js')).renderHtml(doc);
      break;
  }
  if (file === undefined) return ctx.out(data);
  const { writeFileSync } = await import('node:fs');
  await writeOutputFile(file, (tmp) => writeFileSync(tmp, data));
  ctx.info(`已写入 ${file}（${FORMAT_ZH[f]}）`);
}

export function registerReports({ cmd, act }: Program): void {
  const report = cmd.command('report').description('季度报表：登记表、统计表、阶段性工作总结');

  report
    .command('register')
    .description('登记表：本期接待的每一件次（本期登记的，和以前登记、本期再次来访来信的）')
    .option('--quarter <YYYYQn>', '季度，如 2026Q4')
    .option('--from <D>', '起始日期 YYYY-MM-DD（与 --to 一起代替 --quarter）')
    .option('--to <D>', '截止日期 YYYY-MM-DD')
    .option('--format <F>', 'table|md|csv|xlsx|html（默认 table）')
    .option('-o, --output <FILE>', '写入文件（xlsx 必须）')
    .option('--unmasked', '显示完整身份证号和电话（仅供内部存档）')
    .action(
      act(async (ctx, _a, o) => {
        const p = await period(o);
        const f0 = await format(o, ctx.json);
        const f = ctx.json ? 'table' : f0;
        const out = await outputFile(ctx, o);
        const { registerRows, registerDoc } = await import('../../app/reports.js');
        const { statusDate } = await import('../../domain/stats.js');
        const { shanghaiDate } = await import('../../domain/time.js');
        const asOf = shanghaiDate(ctx.now);
        const ledger = ctx.ledger();
        const rows = registerRows(ledger, p, { unmasked: !!o.unmasked, asOf });
        if (ctx.json) return void ctx.printJsonList({ period: { from: p.from, to: p.to }, status_as_of: statusDate(p, asOf), total: rows.length }, 'cases', rows);
        await emit(ctx, registerDoc(ledger, p, rows, asOf, !!o.unmasked), f, out);
      }),
    );

  report
    .command('stats')
    .description('统计表：按渠道、目的、分类、领导、单位、属地、月份统计，各项比率及与上期比较')
    .option('--quarter <YYYYQn>', '季度，如 2026Q4')
    .option('--from <D>', '起始日期 YYYY-MM-DD（与 --to 一起代替 --quarter）')
    .option('--to <D>', '截止日期 YYYY-MM-DD')
    .option('--by <DIM>', '只列这些分组：channel|purpose|category|subcategory|leader|owner|unit|area|month（可重复或用逗号分隔）', (v: string, prev: string[] = []) => [...prev, v])
    .option('--format <F>', 'table|md|csv|xlsx|html（默认 table）')
    .option('-o, --output <FILE>', '写入文件（xlsx 必须）')
    .option('--include <DIR...>', '汇总其他单位的台账（各乡镇的台账副本），每个单位一列')
    .action(act(statsAction));

  report
    .command('summary')
    .description('阶段性工作总结：按模板填入本期数字')
    .option('--quarter <YYYYQn>', '季度，如 2026Q4')
    .option('--from <D>', '起始日期 YYYY-MM-DD（与 --to 一起代替 --quarter）')
    .option('--to <D>', '截止日期 YYYY-MM-DD')
    .option('--template <FILE>', 'liquid 模板（默认：台账 templates/summary.liquid，或内置模板）')
    .option('-o, --output <FILE>', '写入文件')
    .action(
      act(async (ctx, _a, o) => {
        const p = await period(o);
        const { resolve } = await import('node:path');
        const tpl = o.template === undefined ? undefined : resolve(ctx.io.cwd, String(o.template));
        const { statsReport, renderSummary, summaryTemplate } = await import('../../app/reports.js');
        const out = await outputFile(ctx, o);
        const ledger = ctx.ledger();
        summaryTemplate(ledger.root, tpl); // a missing --template is refused before any work
        const { addReception } = await import('../../app/reports.js');
        const r = await addReception(statsReport([ledger], p, ctx.now), [ledger]);
        const text = await renderSummary(ledger, r, tpl);
        if (ctx.json) return ctx.printJson({ period: { from: p.from, to: p.to }, text });
        if (out === undefined) return ctx.out(text);
        const { writeFileAtomic } = await import('../../ledger/yamlfile.js');
        writeFileAtomic(out, text);
        ctx.info(`已写入 ${out}`);
      }),
    );
}

/** The action of `report stats` (also run by fast.ts without commander). */
export async function statsAction(ctx: Ctx, _a: unknown[], o: Record<string, unknown>): Promise<number | void> {
  const p = await period(o);
  const f0 = await format(o, ctx.json);
  const f = ctx.json ? 'table' : f0;
  const d = await dims(ctx, o);
  const out = await outputFile(ctx, o);
  const { statsReport, statsDoc, rollupDoc, statsJson, openIncluded } = await import('../../app/reports.js');
  const include = (o.include as string[] | undefined) ?? [];
  let own: Ledger | null = null;
  if (include.length) {
    try {
      own = ctx.ledger();
    } catch (e) {
      if ((e as { code?: string }).code !== 'no_ledger' || ctx.opts.ledger) throw e;
    }
  } else own = ctx.ledger();
  const ledgers = [...(own ? [own] : []), ...openIncluded(ctx.io.cwd, include)];
  const { addReception } = await import('../../app/reports.js');
  const r = await addReception(statsReport(ledgers, p, ctx.now), ledgers);
  if (ctx.json) return ctx.printJson(statsJson(r, d));
  const doc = r.offices.length > 1 ? rollupDoc(r, `${own ? own.config.office.name : ''}领导干部接待群众来访情况汇总表`, d) : statsDoc(r, r.offices[0]!.office.name, d);
  await emit(ctx, doc, f, out);
}
