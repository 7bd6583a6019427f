// The case lifecycle commands, added to the existing `case` command (assign, duty, accept,
// decline, handle, transfer, reply, extend, suspend, resume, supervise, review, collective,
// attach, instruct, correct, approve, opinion, readiness, close, followup, reopen, history,
// notice) plus the top-level `due` (due.ts). Each action normalises its options and lazy-imports
// src/app/lifecycle.ts.
import type { Command } from 'commander';
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';
import type { Clerk, Ledger } from '../../ledger/ledger.js';
import type { CaseState } from '../../domain/case.js';
import { FORM_ALIASES, registerDue } from './due.js';

/** --date / --at: when it happened (default now); never in the future. */
async function clerkAt(ctx: Ctx, ledger: Ledger, o: Record<string, unknown>): Promise<Clerk> {
  const { optDate, optInstant } = await import('../opts.js');
  const { parseInstant, shanghaiDate } = await import('../../domain/time.js');
  const { badField } = await import('../../errors.js');
  let at = ctx.now;
  if (o.at) at = optInstant(o.at, '--at（时间）');
  else if (o.date) {
    const d = optDate(o.date, '--date（日期）');
    at = d === shanghaiDate(ctx.now) ? ctx.now : parseInstant(d)!;
  }
  if (at.getTime() > ctx.now.getTime() + 60_000) throw badField(o.at ? '--at（时间）' : '--date（日期）', o.at ?? o.date, `不能晚于现在（${shanghaiDate(ctx.now)}）`);
  return { ...ctx.clerk(ledger.root), now: at };
}

async function done(ctx: Ctx, ledger: Ledger, s: CaseState, message: string): Promise<number> {
  if (ctx.json) {
    const { caseJson } = await import('./case-view.js');
    ctx.printJson(caseJson(ledger, s, ctx.now));
    return 0;
  }
  ctx.out(message);
  return 0;
}

type Run = (ctx: Ctx, ledger: Ledger, id: string, o: Record<string, unknown>, clerk: Clerk) => Promise<number>;

function sub(p: Program, kase: Command, spec: string, description: string, run: Run, dated = true): Command {
  const c = kase.command(spec).description(description);
  if (dated) c.option('--date <D>', '发生日期 YYYY-MM-DD（默认今天）').option('--at <T>', '发生时间 "YYYY-MM-DD HH:mm"');
  c.action(
    p.act(async (ctx, args, o) => {
      const ledger = ctx.ledger();
      const clerk = dated ? await clerkAt(ctx, ledger, o) : ctx.clerk(ledger.root);
      return run(ctx, ledger, String(args[0]), o, clerk);
    }),
  );
  return c;
}

const L = () => import('../../app/lifecycle.js');
const E = () => import('../../domain/events.js');
const O = () => import('../opts.js');

export function registerLifecycle(p: Program): void {
  const kase = p.cmd.commands.find((c) => c.name() === 'case');
  if (!kase) throw new Error('registerLifecycle: the case command must be registered first (registerIntake)');

  sub(p, kase, 'assign <ID>', '包案：指定包案领导（默认接待领导）', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).assignCase(ledger, id, { leader: o.leader as string | undefined, note: o.note as string | undefined }, clerk);
    const { leaderName } = await import('./case-view.js');
    return done(ctx, ledger, s, `${s.id} 包案领导：${leaderName(ledger, s.owner)}`);
  })
    .option('--leader <L>', '包案领导（编号或姓名）')
    .option('--note <N>', '说明');

  sub(p, kase, 'duty <ID>', '记录“五包”落实情况', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).recordDuty(ledger, id, { done: (o.done as string[] | undefined) ?? [], note: o.note as string | undefined }, clerk);
    const { dutyChecklist } = await import('../../domain/readiness.js');
    return done(ctx, ledger, s, `${s.id} 五包：${dutyChecklist(s, ledger.config.duties).map((d) => `${d.done ? '☑' : '☐'}${d.item}`).join(' ')}`);
  })
    .option('--done <ITEM...>', '已落实的事项（本单位五包的名称或序号 1–5）')
    .option('--note <N>', '说明');

  sub(p, kase, 'accept <ID>', '受理', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).acceptCase(ledger, id, { note: o.note as string | undefined }, clerk);
    return done(ctx, ledger, s, `已受理 ${s.id}（受理告知书：xinfang case notice ${s.id} --kind accept）`);
  }).option('--note <N>', '说明');

  sub(p, kase, 'decline <ID>', '不予受理', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).declineCase(ledger, id, { reason: o.reason as string | undefined }, clerk);
    return done(ctx, ledger, s, `${s.id} 不予受理（告知书：xinfang case notice ${s.id} --kind decline）`);
  }).option('--reason <R>', '不予受理的理由');

  sub(p, kase, 'handle <ID>', '记录处理：处理方式、查明事实、处理决定', async (ctx, ledger, id, o, clerk) => {
    const { optEnum, requireOpts } = await O();
    const { DISPOSITIONS, DECISIONS } = await E();
    requireOpts(o, [
      ['disposition', '--disposition（处理方式）'],
      ['facts', '--facts（查明的事实）'],
    ]);
    const s = (await L()).handleCase(
      ledger,
      id,
      {
        disposition: optEnum(o.disposition, '--disposition（处理方式）', DISPOSITIONS),
        facts: o.facts as string,
        decision: o.decision === undefined ? undefined : optEnum(o.decision, '--decision（处理决定）', DECISIONS),
        note: o.note as string | undefined,
        promiseBy: o.promiseBy === undefined ? undefined : String(o.promiseBy),
      },
      clerk,
    );
    return done(ctx, ledger, s, `已记录 ${s.id} 的处理：${DISPOSITIONS[s.handled!.disposition]}`);
  })
    .option('--disposition <D>', '当场解决(on-the-spot)|限期解决(promised)|解释说明(explained)|指明渠道(channel)|法律途径(legal)|个案帮扶(assistance)')
    .option('--facts <TEXT>', '查明的事实')
    .option('--decision <D>', '予以支持(support)|不予支持(reject)|解释说明(explain)')
    .option('--promise-by <D>', '限期解决的承诺日期')
    .option('--note <N>', '说明');

  sub(p, kase, 'transfer <ID>', '交办承办单位', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).transferCase(ledger, id, { unit: o.unit as string | undefined, due: o.due as string | undefined, note: o.note as string | undefined, handler: o.handler as string | undefined }, clerk);
    const { caseExtras } = await import('../../app/case-extras.js');
    const x = caseExtras(ledger, s, ctx.now).json as { deadlines: { transfers: { unit: string; due: string | null; provisional?: boolean }[] } };
    const { unitName } = await import('./case-view.js');
    const t = x.deadlines.transfers.at(-1);
    return done(ctx, ledger, s, `已交办 ${s.id} → ${unitName(ledger, t?.unit ?? '')}${o.handler ? `（承办人 ${String(o.handler).trim()}）` : ''}，${t?.due ? `限 ${t.due} 前办结${t.provisional ? '（暂定：当年节假日安排尚未公布）' : ''}` : '期限所需年份的日历缺失，无法计算'}`);
  })
    .option('--unit <U>', '承办单位（编号或名称）')
    .option('--handler <NAME>', '承办人（承办单位中具体办理的人）')
    .option('--due <D>', '办结期限（默认交办后 transfer_days 天）')
    .option('--note <N>', '交办意见');

  sub(p, kase, 'reply <ID>', '记录承办单位的书面答复', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).replyCase(ledger, id, { unit: o.unit as string | undefined, text: o.text as string | undefined, toPetitioner: !!o.toPetitioner }, clerk);
    return done(ctx, ledger, s, `已记录 ${s.id} 的书面答复${o.toPetitioner ? '（书面回复信访人）' : ''}`);
  })
    .option('--unit <U>', '承办单位')
    .option('--text <T>', '答复内容')
    .option('--to-petitioner', '这是承办单位给信访人的书面回复（并报协调部门）');

  sub(p, kase, 'extend <ID>', '延期（经批准，累计不超过规定天数）', async (ctx, ledger, id, o, clerk) => {
    const { optInt, requireOpts } = await O();
    requireOpts(o, [
      ['days', '--days（延期天数）'],
      ['reason', '--reason（延期理由）'],
    ]);
    const s = (await L()).extendCase(ledger, id, { days: optInt(o.days, '--days（延期天数）', 1, 3650), reason: o.reason as string, leader: o.leader as string | undefined }, clerk);
    const { caseExtras } = await import('../../app/case-extras.js');
    const h = (caseExtras(ledger, s, ctx.now).json as { deadlines: { handle: string | null } }).deadlines.handle;
    return done(ctx, ledger, s, `${s.id} 已延期，累计 ${s.extensionDays} 天，办理期限 ${h ?? '（所需年份日历缺失，无法计算）'}`);
  })
    .option('--days <N>', '延期天数')
    .option('--reason <R>', '延期理由')
    .option('--leader <L>', '批准领导（默认包案领导）');

  sub(p, kase, 'suspend <ID>', '中止办理（停止计时，如听证、鉴定）', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).suspendCase(ledger, id, { reason: o.reason as string | undefined }, clerk);
    return done(ctx, ledger, s, `${s.id} 已中止，停止计时`);
  }).option('--reason <R>', '中止理由');

  sub(p, kase, 'resume <ID>', '恢复办理（恢复计时）', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).resumeCase(ledger, id, { note: o.note as string | undefined }, clerk);
    return done(ctx, ledger, s, `${s.id} 已恢复办理`);
  }).option('--note <N>', '说明');

  sub(p, kase, 'supervise <ID>', '督办', async (ctx, ledger, id, o, clerk) => {
    const { optEnum, requireOpts } = await O();
    const { SUPERVISION_FORMS } = await E();
    requireOpts(o, [
      ['form', '--form（督办方式）'],
      ['note', '--note（督办内容）'],
    ]);
    const form = optEnum(o.form, '--form（督办方式）', SUPERVISION_FORMS, FORM_ALIASES);
    const s = (await L()).superviseCase(ledger, id, { form, note: o.note as string, unit: o.unit as string | undefined }, clerk);
    return done(ctx, ledger, s, `已记录 ${s.id} ${SUPERVISION_FORMS[form]}`);
  })
    .option('--form <F>', '电话(phone)|发函(letter)|约谈(interview)|会议(meeting)|挂牌(listed)|通报(notice)|实地(onsite)')
    .option('--note <N>', '督办内容')
    .option('--unit <U>', '被督办单位');

  sub(p, kase, 'review <ID>', '评查（redo 发回重新办理）', async (ctx, ledger, id, o, clerk) => {
    const { requireOpts } = await O();
    requireOpts(o, [['result', '--result（pass|redo）']]);
    const v = String(o.result);
    const result = v === 'pass' || v === '通过' ? 'pass' : v === 'redo' || v === '发回' || v === '发回重新办理' ? 'redo' : null;
    if (!result) throw (await import('../../errors.js')).badField('--result（评查结果）', v, '允许：通过（pass）、发回重新办理（redo）');
    const s = (await L()).reviewCase(ledger, id, { result, note: o.note as string | undefined }, clerk);
    return done(ctx, ledger, s, result === 'pass' ? `${s.id} 评查通过` : `${s.id} 评查不合格，已发回重新办理`);
  })
    .option('--result <R>', 'pass 通过 | redo 发回重新办理')
    .option('--note <N>', '评查意见');

  sub(p, kase, 'collective <ID>', '提交领导班子集体研究', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).collectiveCase(ledger, id, { note: o.note as string | undefined }, clerk);
    return done(ctx, ledger, s, `${s.id} 已提交领导班子集体研究`);
  }).option('--note <N>', '研究事项');

  const attach = kase
    .command('attach <ID> <FILE>')
    .description('附件：把文件复制进台账（attachments/案件编号/），记录校验值')
    .option('--kind <K>', '材料类别，如 答复意见书、信访人意见、调查笔录')
    .option('--name <N>', '附件名称（默认文件名）')
    .option('--date <D>', '日期 YYYY-MM-DD（默认今天）')
    .option('--at <T>', '时间 "YYYY-MM-DD HH:mm"');
  attach.action(
    p.act(async (ctx, [id, file], o) => {
      const ledger = ctx.ledger();
      const clerk = await clerkAt(ctx, ledger, o);
      const { resolve } = await import('node:path');
      const s = (await L()).attachFile(ledger, String(id), { file: resolve(ctx.io.cwd, String(file)), kind: o.kind as string | undefined, name: o.name as string | undefined }, clerk);
      const a = s.attachments.at(-1)!;
      return done(ctx, ledger, s, `已附 ${s.id}：${a.kind} → ${a.file}`);
    }),
  );

  sub(p, kase, 'instruct <ID>', '领导阅批（批示）', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).instructCase(ledger, id, { leader: o.leader as string | undefined, text: o.text as string | undefined }, clerk);
    const { leaderName } = await import('./case-view.js');
    return done(ctx, ledger, s, `已记录 ${leaderName(ledger, s.instructions.at(-1)!.leader)} 对 ${s.id} 的批示`);
  })
    .option('--text <T>', '批示内容')
    .option('--leader <L>', '批示领导（默认当天值班领导，其次包案领导）');

  sub(p, kase, 'correct <ID>', '更正一项登记内容（原值保留在记录中）', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).correctCase(ledger, id, { field: o.field as string | undefined, value: o.value as string | undefined, reason: o.reason as string | undefined }, clerk);
    return done(ctx, ledger, s, `已更正 ${s.id}`);
  })
    .option('--field <F>', '登记项：summary 诉求|respondent 被反映人|locality 问题属地|purpose 信访目的|category 内容分类|people 人数|channel 渠道|receiver 接待领导|place 接待地点|mode 接访方式|opinion 处理意见|source 来源')
    .option('--value <V>', '更正后的值')
    .option('--reason <R>', '更正理由');

  sub(p, kase, 'approve <ID>', '包案领导审批意见', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).approveCase(ledger, id, { leader: o.leader as string | undefined, text: o.text as string | undefined }, clerk);
    return done(ctx, ledger, s, `已记录 ${s.id} 的审批意见`);
  })
    .option('--text <T>', '审批意见')
    .option('--leader <L>', '审批领导（默认包案领导）');

  sub(p, kase, 'opinion <ID>', '信访人意见（满意/基本满意/不满意）', async (ctx, ledger, id, o, clerk) => {
    const { optEnum, requireOpts } = await O();
    const { OPINIONS } = await E();
    requireOpts(o, [['value', '--value（信访人意见）']]);
    const value = optEnum(o.value, '--value（信访人意见）', OPINIONS);
    const s = (await L()).recordOpinion(ledger, id, { value, note: o.note as string | undefined }, clerk);
    return done(ctx, ledger, s, `已记录 ${s.id} 信访人意见：${OPINIONS[value]}`);
  })
    .option('--value <V>', 'satisfied 满意|basically-satisfied 基本满意|dissatisfied 不满意')
    .option('--note <N>', '说明');

  kase
    .command('readiness <ID>')
    .description('结案条件逐项检查；未具备时退出码 1')
    .action(
      p.act(async (ctx, [id]) => {
        const { caseReadiness } = await L();
        const { CONDITION_ZH } = await import('../../domain/readiness.js');
        const r = caseReadiness(ctx.ledger(), String(id));
        if (ctx.json) ctx.printJson({ id: r.case.id, ...r.readiness });
        else {
          ctx.out(`${r.case.id} 结案条件：${r.readiness.ready ? '已具备，可以结案' : '未具备'}`);
          for (const c of r.readiness.conditions) ctx.out(`  ${c.ok ? '✓' : '✗'} ${CONDITION_ZH[c.key]}：${c.detail}`);
        }
        return r.readiness.ready ? 0 : 1;
      }),
    );

  sub(p, kase, 'close <ID>', '结案（销号存档）：五项结案条件全部具备才可结案', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).closeCase(ledger, id, { note: o.note as string | undefined }, clerk);
    return done(ctx, ledger, s, `${s.id} 已结案（销号存档）`);
  }).option('--note <N>', '说明');

  kase
    .command('followup <ID>')
    .description('回访（--recurred 问题复发，重新办理）')
    .option('--date <D>', '回访日期 YYYY-MM-DD')
    .option('--note <N>', '回访情况')
    .option('--leader <L>', '回访领导（默认包案领导）')
    .option('--recurred', '问题复发：重新办理')
    .action(
      p.act(async (ctx, [id], o) => {
        const { requireOpts } = await O();
        requireOpts(o, [
          ['date', '--date（回访日期）'],
          ['note', '--note（回访情况）'],
        ]);
        const ledger = ctx.ledger();
        const clerk = await clerkAt(ctx, ledger, { date: o.date });
        const s = (await L()).followupCase(ledger, String(id), { date: String(o.date), note: o.note as string, recurred: !!o.recurred, leader: o.leader as string | undefined }, clerk);
        return done(ctx, ledger, s, o.recurred ? `${s.id} 回访发现问题复发，已重新办理` : `已记录 ${s.id} 的回访`);
      }),
    );

  sub(p, kase, 'reopen <ID>', '重新办理已结案或不予受理的案件', async (ctx, ledger, id, o, clerk) => {
    const s = (await L()).reopenCase(ledger, id, { reason: o.reason as string | undefined }, clerk);
    return done(ctx, ledger, s, `${s.id} 已重新办理`);
  }).option('--reason <R>', '理由');

  kase
    .command('history <ID>')
    .description('案件的修改历史：每次提交及其新增的事件')
    .action(
      p.act(async (ctx, [id]) => {
        const ledger = ctx.ledger();
        const { caseHistory } = await L();
        const h = caseHistory(ledger, String(id));
        if (ctx.json) return ctx.printJson({ id: h.case.id, commits: h.entries });
        const { describeEvent, whenText } = await import('./case-view.js');
        ctx.out(ctx.c.bold(`${h.case.id} 的修改历史（${h.entries.length} 次提交）`));
        for (const e of h.entries) {
          ctx.out(`${e.commit.slice(0, 8)}  ${whenText(e.date)}  ${e.author}  ${e.subject}`);
          for (const ev of e.events) ctx.out(`    + ${describeEvent(ledger, ev)}`);
          if (e.fields.length) ctx.out(`    ~ 登记项：${e.fields.join('、')}`);
        }
      }),
    );

  kase
    .command('notice <ID>')
    .description('出具告知书：accept 受理告知书|decline 不予受理告知书|extend 延期告知书|reply 答复意见书|supervise 督办通知')
    .option('--kind <K>', '告知书种类')
    .option('-o, --output <FILE>', '写入文件（默认输出到屏幕）')
    .option('--attach', '同时作为附件存入案卷（类别为告知书名称）')
    .action(
      p.act(async (ctx, [id], o) => {
        const { requireOpts, optEnum } = await O();
        requireOpts(o, [['kind', '--kind（告知书种类）']]);
        const { NOTICE_KINDS } = await import('../../render/notice.js');
        const kind = optEnum(o.kind, '--kind（告知书种类）', NOTICE_KINDS);
        let target: string | null = null;
        if (o.output) {
          // Checked before any work: a missing folder or a folder named as the file is bad input.
          const { optOutputFile } = await O();
          target = optOutputFile(o.output, ctx.io.cwd);
        }
        const ledger = ctx.ledger();
        const lc = await L();
        const text = await lc.caseNotice(ledger, String(id), kind, ctx.now);
        let written: string | null = null;
        if (target) {
          const { writeFileSync } = await import('node:fs');
          written = target;
          writeFileSync(written, text);
        }
        let attached: string | null = null;
        if (o.attach) {
          const { mkdtempSync, writeFileSync } = await import('node:fs');
          const { tmpdir } = await import('node:os');
          const { join } = await import('node:path');
          const tmp = join(mkdtempSync(join(tmpdir(), 'xinfang-notice-')), `${NOTICE_KINDS[kind]}.txt`);
          writeFileSync(tmp, text);
          const s = lc.attachFile(ledger, String(id), { file: tmp, kind: NOTICE_KINDS[kind], name: `${NOTICE_KINDS[kind]}-${String(id).toUpperCase()}.txt` }, ctx.clerk(ledger.root));
          attached = s.attachments.at(-1)!.file;
        }
        if (ctx.json) return ctx.printJson({ id: String(id).toUpperCase(), kind, text, file: written, attachment: attached });
        if (!written) ctx.out(text);
        else ctx.info(`已写入 ${written}`);
        if (attached) ctx.info(`已存入案卷：${attached}`);
      }),
    );

  registerDue(p);
}
