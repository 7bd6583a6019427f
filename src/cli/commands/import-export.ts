// `xinfang import FILE` (old registers, .xlsx/.csv) and `xinfang export` (cases as CSV,
// XLSX or JSON Lines). The work is in src/app/import.ts and src/app/export.ts.
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';
import type { ImportResult } from '../../app/import.js';

const FORMATS = { csv: 'CSV（UTF-8，带 BOM）', xlsx: 'Excel（.xlsx）', jsonl: 'JSON Lines（每行一件）' } as const;

export function registerImportExport({ cmd, act }: Program): void {
  cmd
    .command('import <FILE>')
    .description('导入旧登记表（.xlsx 或 .csv）：每行登记为一件案件，保留原编号，识别重复信访；一次提交')
    .option('--map <FILE>', '列对照表 map.yaml（“字段: 列标题”，默认认得 编号、来访日期、姓名、身份证号、联系电话、住址、人数、信访目的、内容分类、诉求摘要、接访领导、处理意见、办理结果）')
    .option('--dry-run', '只检查：逐行报告将登记什么、哪里有问题，不写入')
    .option('--skip-bad', '跳过有问题的行，导入其余的（默认：有任何问题行就什么也不写）')
    .action(
      act(async (ctx, [file], o) => {
        const { resolve } = await import('node:path');
        const path = resolve(ctx.io.cwd, String(file));
        const mapPath = o.map === undefined ? undefined : resolve(ctx.io.cwd, String(o.map));
        const ledger = ctx.ledger();
        const { importRegister } = await import('../../app/import.js');
        const tty = ctx.io.isTTY && !ctx.json && !ctx.quiet;
        let last = 0;
        const progress = tty
          ? (what: string, n: number, total: number) => {
              const t = Date.now();
              if (n !== total && t - last < 100) return;
              last = t;
              ctx.io.stderr(`\r${what} ${n}/${total} 行${n === total ? '\n' : ''}`);
            }
          : undefined;
        const r = await importRegister(ledger, path, { map: mapPath, dryRun: !!o.dryRun, skipBad: !!o.skipBad, progress }, ctx.clerk(ledger.root));
        const refused = r.bad.length > 0 && !o.skipBad;
        if (ctx.json) {
          ctx.printJson(r);
          return refused ? 2 : 0;
        }
        printImport(ctx, r, !!o.skipBad);
        return refused ? 2 : 0;
      }),
    );

  cmd
    .command('export')
    .description('导出案件（全部，或按与 case list 相同的条件筛选）为 CSV、Excel 或 JSON Lines')
    .option('--format <F>', 'csv|xlsx|jsonl', 'csv')
    .option('-o, --output <FILE>', '写入文件（xlsx 必须；默认输出到屏幕）')
    .option('--status <S>', '状态：registered 待受理|accepted 办理中|transferred 已交办|handled 已处理|suspended 中止|declined 不予受理|closed 已结案')
    .option('--leader <L>', '接待或包案领导')
    .option('--unit <U>', '承办单位')
    .option('--channel <C>', '渠道')
    .option('--repeat', '只导出重复信访')
    .option('--overdue', '只导出超期的')
    .option('--due-within <DAYS>', '期限在 N 天内到期的')
    .option('--from <D>', '登记日期起')
    .option('--to <D>', '登记日期止')
    .option('--unmasked', '完整身份证号和电话（默认打码）')
    .action(
      act(async (ctx, _a, o) => {
        const { optEnum, optDate, optInt, optOutputFile } = await import('../opts.js');
        const { InputError } = await import('../../errors.js');
        const format = optEnum(o.format, '--format（格式）', FORMATS);
        if (format === 'xlsx' && o.output === undefined) throw new InputError('--format xlsx 需要 -o FILE（Excel 文件不能输出到屏幕）', 'missing');
        const out = o.output === undefined ? undefined : optOutputFile(o.output, ctx.io.cwd);
        const ledger = ctx.ledger();
        const { STATUS_ZH, isOpen } = await import('../../domain/case.js');
        const { CHANNELS, CHANNEL_ALIASES } = await import('../../domain/events.js');
        const { resolveLeader, resolveUnit } = await import('../../domain/leaders.js');
        const { shanghaiDate, addDays } = await import('../../domain/time.js');
        const { reachDate } = await import('../../app/due.js');
        const { caseExtras } = await import('../../app/case-extras.js');
        const f: import('../../index/store.js').CaseFilter = {};
        if (o.status) f.status = optEnum(o.status, '--status（状态）', STATUS_ZH);
        if (o.leader) f.leader = resolveLeader(ledger.leaders().leaders, String(o.leader)).id;
        if (o.unit) f.unit = resolveUnit(ledger.units().units, String(o.unit)).id;
        if (o.channel) f.channel = optEnum(o.channel, '--channel（渠道）', CHANNELS, CHANNEL_ALIASES);
        if (o.repeat) f.repeat = true;
        if (o.from) f.from = optDate(o.from, '--from（起始日期）');
        if (o.to) f.to = optDate(o.to, '--to（截止日期）');
        const today = shanghaiDate(ctx.now);
        let within: number | undefined;
        if (o.dueWithin !== undefined) {
          within = optInt(o.dueWithin, '--due-within（天数）', 0, 3650);
          f.dueBy = reachDate(ledger, today, within);
        }
        if (o.overdue) f.dueBy = f.dueBy && f.dueBy < addDays(today, -1) ? f.dueBy : addDays(today, -1);
        // The exact deadline rules on the index's candidates, as `case list` does.
        const keep =
          o.overdue || within !== undefined
            ? (s: import('../../domain/case.js').CaseState) => {
                const x = caseExtras(ledger, s, ctx.now);
                if (o.overdue && !x.overdue) return false;
                if (within !== undefined && !(isOpen(s) && x.daysLeft !== null && x.daysLeft <= within)) return false;
                return true;
              }
            : undefined;
        const { exportRows, EXPORT_COLUMNS } = await import('../../app/export.js');
        const keys = Object.keys(EXPORT_COLUMNS) as (keyof typeof EXPORT_COLUMNS)[];
        const headers = keys.map((k) => EXPORT_COLUMNS[k]);
        const rows = exportRows(ledger, f, { unmasked: !!o.unmasked, keep });
        const { TextSink, writeTextFile, writeOutputFile } = await import('../file-out.js');
        // Each row is written as it is read: a county's export never waits in memory whole.
        let count = 0;
        const fill = async (sink: { write(s: string): void }): Promise<void> => {
          if (format === 'jsonl') {
            for (const row of rows) {
              sink.write(`${JSON.stringify(row)}\n`);
              count++;
            }
            return;
          }
          const { BOM, csvCell } = await import('../../render/csv.js');
          sink.write(BOM + headers.map(csvCell).join(',') + '\r\n');
          for (const row of rows) {
            sink.write(keys.map((k) => csvCell(row[k])).join(',') + '\r\n');
            count++;
          }
        };
        if (out === undefined) {
          const sink = new TextSink((s) => ctx.write(s));
          await fill(sink);
          sink.flush();
          return;
        }
        if (format === 'xlsx') {
          const { writeXlsx } = await import('../../render/xlsx.js');
          const cells = function* () {
            for (const row of rows) {
              count++;
              yield keys.map((k) => row[k]);
            }
          };
          await writeOutputFile(out, (tmp) =>
            writeXlsx({ title: `${ledger.config.office.name}信访案件导出（${today}）`, subtitle: [], tables: [{ key: '案件', title: '案件', headers, rows: cells(), textColumns: keys.map((_, i) => i).filter((i) => keys[i] !== 'people') }] }, tmp),
          );
        } else await writeTextFile(out, fill);
        if (ctx.json) return ctx.printJson({ file: out, format, cases: count });
        ctx.info(`已导出 ${count} 件案件到 ${out}（${FORMATS[format]}）`);
      }),
    );
}

function printImport(ctx: Ctx, r: ImportResult, skipBad: boolean): void {
  const c = ctx.c;
  for (const p of r.ok) ctx.out(`第 ${p.row} 行  ${r.written ? '已登记' : '将登记'} ${p.id}  ${p.date}  ${p.name}${p.original_no ? `  原编号 ${p.original_no}` : ''}${p.repeat_of.length ? `  重复信访 ← ${p.repeat_of.join('、')}` : ''}`);
  for (const b of r.bad) for (const p of b.problems) ctx.out(c.red(`第 ${p.row} 行  列“${p.column}”  值“${p.value}”：${p.why}`));
  ctx.out('');
  const badRows = r.bad.length;
  if (r.written) ctx.out(`已导入 ${r.ok.length} 件（共 ${r.rows} 行${badRows ? `，跳过有问题的 ${badRows} 行` : ''}），一次提交`);
  else if (r.dry_run) ctx.out(`检查完毕：共 ${r.rows} 行，可登记 ${r.ok.length} 件，有问题 ${badRows} 行${badRows ? '。改正后重新导入，或加 --skip-bad 只导入没有问题的行' : ''}；没有写入任何内容`);
  else if (badRows && !skipBad) ctx.warn(`有 ${badRows} 行有问题，没有写入任何内容。改正后重新导入，或加 --skip-bad 只导入没有问题的 ${r.ok.length} 行`);
  else if (!r.ok.length) ctx.out('没有可导入的行');
}
