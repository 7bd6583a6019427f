// The working-day calendar: show a year or month, check a year, import a year's list.
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';
import type { MonthView, YearSummary, DayView, HolidayPeriod } from '../../app/calendar.js';
import type { YearInfo } from '../../calendar/index.js';

/** The ledger when there is one; show and check also work on the official data alone. */
async function optionalLedgerRoot(ctx: Ctx): Promise<string | undefined> {
  if (ctx.opts.ledger || ctx.io.env.XINFANG_LEDGER) return ctx.ledgerRoot();
  const { InputError } = await import('../../errors.js');
  try {
    return ctx.ledgerRoot();
  } catch (e) {
    if (e instanceof InputError && e.code === 'no_ledger') return undefined;
    throw e;
  }
}

async function optYear(v: unknown, field = '--year（年份）'): Promise<number> {
  const { optYear: year } = await import('../opts.js');
  return year(v, field);
}

function sourceText(s: YearInfo): string {
  const parts: string[] = [];
  if (s.official) parts.push(`官方数据 ${s.official}`);
  if (s.ledger) parts.push(`台账 ${s.ledger}${s.ledgerSource ? `（${s.ledgerSource}）` : ''}${s.official ? `覆盖 ${s.ledgerDays} 个日期` : ''}`);
  return parts.join('；');
}

const WD = ['', '一', '二', '三', '四', '五', '六', '日'];

function md(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`;
}

function printYear(ctx: Ctx, s: YearSummary): void {
  ctx.out(`${s.year} 年节假日与调休安排`);
  ctx.out(`数据来源：${sourceText(s.source)}`);
  ctx.out('');
  ctx.out('放假：');
  for (const p of s.periods) ctx.out(`  ${p.name.padEnd(6, '\u3000')}${md(p.from)}${p.days > 1 ? ` 至 ${md(p.to)}` : ''}，共 ${p.days} 天`);
  if (!s.periods.length) ctx.out('  （无）');
  ctx.out('调休上班：');
  for (const d of s.adjustedDays) ctx.out(`  ${md(d.date)}（星期${WD[d.weekday]}）${d.holiday ? `  ${d.holiday}` : ''}`);
  if (!s.adjustedDays.length) ctx.out('  （无）');
  ctx.out('');
  ctx.out(`全年工作日 ${s.workdays} 天，休息日 ${s.restDays} 天（节假日 ${s.holidays} 天，其中工作日放假 ${s.holidayWeekdays} 天），调休上班 ${s.adjusted} 天`);
}

function weekdayOf(m: MonthView, date: string): number {
  return m.days.find((d) => d.date === date)!.weekday;
}

function printMonth(ctx: Ctx, m: MonthView, periods: HolidayPeriod[]): void {
  const c = ctx.c;
  ctx.out(`${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5))}月`.padStart(17));
  ctx.out(WD.slice(1).map((w) => ` ${w} `).join(' ').trimEnd());
  const cells: string[] = Array.from({ length: m.days[0]!.weekday - 1 }, () => '    ');
  for (const d of m.days) {
    const num = String(Number(d.date.slice(8))).padStart(2);
    const cell =
      d.kind === 'holiday' ? c.red(`${num}休`) : d.kind === 'adjusted' ? c.yellow(`${num}班`) : d.kind === 'weekend' ? c.dim(`${num}  `) : `${num}  `;
    cells.push(cell);
  }
  for (let i = 0; i < cells.length; i += 7) ctx.out(cells.slice(i, i + 7).join(' ').trimEnd());
  const notes: [string, string][] = [
    ...periods.map((p): [string, string] => [p.from, `${md(p.from)}${p.days > 1 ? ` 至 ${md(p.to)}` : `（星期${WD[weekdayOf(m, p.from)]}）`} ${p.name} 放假${p.days > 1 ? `，${p.days} 天` : ''}`]),
    ...m.days
      .filter((d) => d.kind === 'adjusted' || (d.source === 'ledger' && d.listed && d.kind === 'workday'))
      .map((d): [string, string] => [d.date, `${md(d.date)}（星期${WD[d.weekday]}）${d.kind === 'adjusted' ? '调休上班' : '照常上班'}${d.holiday ? `（${d.holiday}）` : ''}${d.source === 'ledger' ? '  [台账]' : ''}`]),
  ].sort((a, b) => a[0].localeCompare(b[0]));
  if (notes.length) ctx.out('');
  for (const [, line] of notes) ctx.out(line);
  ctx.out('');
  ctx.out(`本月工作日 ${m.days.filter((d) => d.work).length} 天。休 = 节假日，班 = 调休上班。数据来源：${sourceText(m.source)}`);
}

function sourceJson(s: YearInfo) {
  return { official: s.official, ledger: s.ledger, ledger_source: s.ledgerSource, ledger_days: s.ledgerDays };
}

function dayJson(d: DayView) {
  return { date: d.date, weekday: d.weekday, work: d.work, kind: d.kind, name: d.name, holiday: d.holiday, source: d.source };
}

export function registerCalendar({ cmd, act }: Program): void {
  const cal = cmd.command('calendar').description('工作日历：法定节假日与调休安排（查看、检查、导入）');

  cal
    .command('show')
    .description('查看一年的放假与调休安排，或一个月的日历')
    .option('--year <Y>', '年份，如 2026')
    .option('--month <YYYY-MM>', '只看一个月，如 2026-10')
    .action(
      act(async (ctx, _a, o) => {
        const { optMonth, requireOpts } = await import('../opts.js');
        const { badField } = await import('../../errors.js');
        if (o.month === undefined) requireOpts(o, [['year', '--year']]);
        const month = o.month === undefined ? undefined : optMonth(o.month);
        const year = o.year === undefined ? Number(month!.slice(0, 4)) : await optYear(o.year);
        if (month && Number(month.slice(0, 4)) !== year) throw badField('--month（月份）', month, `应在 --year ${year} 年内`);
        const root = await optionalLedgerRoot(ctx);
        const { loadCalendar } = await import('../../calendar/index.js');
        const { monthView, yearSummary, dayView, holidayPeriods } = await import('../../app/calendar.js');
        const calendar = loadCalendar(root);
        if (month) {
          const m = monthView(calendar, month);
          if (ctx.json) return ctx.printJson({ year, month, source: sourceJson(m.source), days: m.days.map(dayJson) });
          return printMonth(ctx, m, holidayPeriods(m.days));
        }
        const s = yearSummary(calendar, year);
        if (ctx.json) {
          return ctx.printJson({
            year,
            month: null,
            source: sourceJson(s.source),
            summary: { workdays: s.workdays, rest_days: s.restDays, holidays: s.holidays, holiday_weekdays: s.holidayWeekdays, adjusted: s.adjusted },
            periods: s.periods,
            days: calendar.specialDays(year).map((d) => dayJson(dayView(d))),
          });
        }
        printYear(ctx, s);
      }),
    );

  cal
    .command('check')
    .description('检查某年是否有节假日数据、台账的日历文件是否一致；有问题时退出码 1')
    .option('--year <Y>', '年份，如 2027')
    .action(
      act(async (ctx, _a, o) => {
        const { requireOpts } = await import('../opts.js');
        requireOpts(o, [['year', '--year']]);
        const year = await optYear(o.year);
        const root = await optionalLedgerRoot(ctx);
        const { checkCalendarYear } = await import('../../app/calendar.js');
        const s = checkCalendarYear(root, year);
        if (ctx.json) {
          return ctx.printJson({ ok: true, year, source: sourceJson(s.source), summary: { workdays: s.workdays, rest_days: s.restDays, holidays: s.holidays, holiday_weekdays: s.holidayWeekdays, adjusted: s.adjusted } });
        }
        ctx.out(`${year} 年已覆盖：工作日 ${s.workdays} 天，休息日 ${s.restDays} 天，节假日 ${s.holidays} 天（${s.periods.length} 段），调休上班 ${s.adjusted} 天`);
        ctx.info(`数据来源：${sourceText(s.source)}`);
      }),
    );

  cal
    .command('import <FILE>')
    .description('导入一年的官方放假安排到台账 calendar/YYYY.yaml（节假日数据集的年度 JSON 或 iCalendar .ics）')
    .option('--year <Y>', '年份（文件含多个年份时必填）')
    .action(
      act(async (ctx, [file], o) => {
        const year = o.year === undefined ? undefined : await optYear(o.year);
        const { importCalendar } = await import('../../app/calendar.js');
        const ledger = ctx.ledger();
        const r = importCalendar(ledger, String(file), year, ctx.clerk(ledger.root), ctx.io.cwd);
        if (ctx.json) return ctx.printJson({ year: r.year, file: r.file, format: r.format, days: r.days, rest_days: r.restDays, work_days: r.workDays, skipped: r.skipped, replaced: r.replaced });
        ctx.out(`已${r.replaced ? '更新' : '导入'} ${r.year} 年节假日安排：${r.file}，放假 ${r.restDays} 天，调休上班 ${r.workDays} 天`);
        if (r.skipped.length) ctx.info(`不在 ${r.year} 年的日期未导入：${r.skipped.join('、')}`);
        ctx.info(`核对：xinfang calendar show --year ${r.year}`);
      }),
    );
}
