// Intake (登记): `visit add`, `letter add`, and `case list` / `case show` for reading cases.
import type { Command } from 'commander';
import type { Program } from '../main.js';
import type { Ctx } from '../context.js';
import type { IntakeInput, PetitionerInput } from '../../app/intake.js';
import type { Channel } from '../../domain/events.js';
import { registerRepeatLinks } from './repeat-links.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function intakeOptions(c: Command, channelFixed?: Channel): Command {
  if (!channelFixed) c.option('--channel <C>', '渠道：visit 来访|letter 来信|online 网上信访|hotline 来电|mailbox 信箱|fax 传真|suggestion 人民建议|instruction 领导批示|assigned 上级交办', 'visit');
  return c
    .option('--date <D>', '日期 YYYY-MM-DD（默认今天）')
    .option('--at <T>', '日期和时间 "YYYY-MM-DD HH:mm"')
    .option('--name <N>', '信访人姓名（多人来访可重复给出）', collect)
    .option('--sex <S>', '性别 男|女（与 --name 按顺序对应）', collect)
    .option('--id-number <X>', '身份证号（与 --name 按顺序对应）', collect)
    .option('--phone <P>', '联系电话（与 --name 按顺序对应）', collect)
    .option('--address <A>', '住址（与 --name 按顺序对应）', collect)
    .option('--representative <N>', '代表人姓名（集体访，可重复）', collect)
    .option('--people <N>', '人数（默认为信访人数）')
    .option('--respondent <R>', '被反映人')
    .option('--locality <L>', '问题属地，如 青山乡石桥村')
    .option('--purpose <P>', '信访目的：意见建议|申诉|求决|揭发控告|咨询|其它（或英文键）')
    .option('--category <C>', '内容分类 "大类/小类"，如 "民政/优抚救济"')
    .option('--summary <S>', '诉求摘要')
    .option('--leader <L>', '接待领导（默认当天排班的接访领导）')
    .option('--place <P>', '接待地点')
    .option('--mode <M>', '接访方式：fixed 定点接访|appointment 重点约访|onsite 带案下访')
    .option('--opinion <O>', '领导处理意见')
    .option('--source <S>', '来源：批示领导、交办机关或热线工单号')
    .option('--unit <U>', '承办单位（登记时即交办）')
    .option('--case <ID>', '已登记案件的再次来访')
    .option('--new', '发现重复信访时不询问：确定的关联，可能的只列出')
    .option('--new-matter', '登记为新事项，不关联为重复信访（不询问）')
    .option('--repeat-of <ID>', '登记为新案件，关联为此前案件 ID 的重复信访（可重复给出）', collect);
}

async function toInput(ctx: Ctx, o: Record<string, unknown>, channel: Channel): Promise<IntakeInput> {
  const { optInstant, optPeople, optEnum, optDate } = await import('../opts.js');
  const { MODES_ZH } = await import('../../domain/events.js');
  const { shanghaiDate, parseInstant } = await import('../../domain/time.js');
  let at = ctx.now;
  if (o.at) at = optInstant(o.at, '--at（登记时间）');
  else if (o.date) {
    const d = optDate(o.date, '--date（来访日期）');
    at = d === shanghaiDate(ctx.now) ? ctx.now : parseInstant(d)!;
  }
  const names = (o.name as string[] | undefined) ?? [];
  const reps = (o.representative as string[] | undefined) ?? [];
  const col = (k: string, i: number) => ((o[k] as string[] | undefined) ?? [])[i];
  const { InputError } = await import('../../errors.js');
  for (const [k, flag] of [['sex', '--sex'], ['idNumber', '--id-number'], ['phone', '--phone'], ['address', '--address']] as const) {
    const n = ((o[k] as string[] | undefined) ?? []).length;
    if (n > names.length) throw new InputError(`${flag} 给了 ${n} 个，但 --name 只有 ${names.length} 个：它们按顺序一一对应，每位信访人一个`, 'bad_value');
  }
  const petitioners: PetitionerInput[] = names.map((name, i) => ({
    name,
    sex: col('sex', i),
    id_number: col('idNumber', i),
    phone: col('phone', i),
    address: col('address', i),
    representative: reps.includes(name),
  }));
  for (const r of reps) if (!names.includes(r)) petitioners.push({ name: r, representative: true });
  return {
    at,
    channel,
    petitioners,
    people: o.people === undefined ? undefined : optPeople(o.people),
    respondent: o.respondent as string | undefined,
    locality: o.locality as string | undefined,
    purpose: o.purpose as string | undefined,
    category: o.category as string | undefined,
    summary: o.summary as string | undefined,
    leader: o.leader as string | undefined,
    place: o.place as string | undefined,
    mode: o.mode === undefined ? undefined : optEnum(o.mode, '--mode（接访方式）', MODES_ZH),
    opinion: o.opinion as string | undefined,
    source: o.source as string | undefined,
    unit: o.unit as string | undefined,
    caseId: o.case as string | undefined,
  };
}

async function intakeAction(ctx: Ctx, o: Record<string, unknown>, channel: Channel): Promise<number> {
  const intake = await import('../../app/intake.js');
  const ledger = ctx.ledger();
  let input = await toInput(ctx, o, channel);
  if (ctx.interactive) {
    const { askMissing } = await import('./intake-prompts.js');
    input = await askMissing(ctx, ledger, input);
  } else {
    const missing = intake.missingIntake(input);
    if (missing.length) {
      const { missingFields } = await import('../../errors.js');
      throw missingFields(missing);
    }
  }
  let draft = intake.validateIntake(ledger, input, ctx.now);
  const clerk = ctx.clerk(ledger.root);
  let caseId = input.caseId;
  let linkTo: string[] | undefined;
  const repeatOf = (o.repeatOf as string[] | undefined) ?? [];
  const { InputError } = await import('../../errors.js');
  if (o.newMatter && repeatOf.length) throw new InputError('--new-matter（新事项）与 --repeat-of（关联此前案件）不能同时使用：请只给其中一个', 'bad_value');
  if (caseId && (o.newMatter || repeatOf.length)) throw new InputError(`--case（再次来访）不能与 ${o.newMatter ? '--new-matter' : '--repeat-of'} 同时使用：再次来访登记在已有案件中，不另立新案件`, 'bad_value');
  if (!caseId) {
    if (repeatOf.length) linkTo = intake.checkRepeatOf(ledger, draft, repeatOf);
    else if (o.newMatter) linkTo = [];
    else if (ctx.interactive && !o.new) {
      const found = intake.repeatsFor(ledger, draft);
      if (found.length) {
        const { askRepeatChoice } = await import('./intake-repeat.js');
        const choice = await askRepeatChoice(ctx, found);
        if (choice.kind === 'visit') caseId = choice.caseId;
        else linkTo = choice.kind === 'link' ? choice.linkTo : [];
      }
    }
  } else if (ctx.interactive) {
    const { resolveCaseId } = await import('../../app/cases.js');
    caseId = resolveCaseId(ledger, caseId);
  }
  // At a terminal nothing is written before the clerk has seen the whole form.
  if (ctx.interactive) {
    const { reviewDraft } = await import('./intake-prompts.js');
    const reviewed = await reviewDraft(ctx, ledger, input, draft, caseId, linkTo ?? []);
    if (!reviewed) {
      ctx.warn('已取消，没有写入任何内容');
      return 2;
    }
    draft = reviewed;
  }
  const r = intake.registerIntake(ledger, draft, clerk, { caseId, linkTo });
  if (ctx.json) {
    const { caseJson } = await import('./case-view.js');
    const { maskId, maskPiiText } = await import('../../domain/identity.js');
    ctx.printJson({
      case: caseJson(ledger, r.case, ctx.now),
      created: r.created,
      repeat: { cases: r.created ? r.case.file.repeat_of : [r.case.id], visits: r.matterVisits },
      possible_repeats: r.possible.map((m) => ({ id: m.id, received: m.received, status: m.status, visits: m.visits, score: m.score, summary: maskPiiText(m.summary) })),
      escalate: r.escalate,
      warnings: r.conflicts.map((c) => ({ code: 'id_number_other_name', id_number: maskId(c.id_number), name: c.name, earlier: c.earlier })),
    });
    return 0;
  }
  if (r.conflicts.length) {
    const { maskId } = await import('../../domain/identity.js');
    for (const c of r.conflicts) ctx.warn(ctx.c.yellow(`请核对：身份证号 ${maskId(c.id_number)} 此前在 ${c.earlier.case} 登记为“${c.earlier.name}”，本次登记为“${c.name}”；如有一处抄错，用 xinfang case show ${c.earlier.case} --unmasked 核对`));
  }
  const { CHANNELS } = await import('../../domain/events.js');
  ctx.out(r.created ? `已登记 ${ctx.c.bold(r.case.id)}（${CHANNELS[channel]}，接待领导 ${draft.receiverName || '—'}）` : `已在 ${ctx.c.bold(r.case.id)} 登记再次${CHANNELS[channel]}（该案第 ${r.case.visits.length} 次）`);
  if (draft.group) ctx.out(ctx.c.yellow(`集体访：${draft.people} 人（达到 ${ledger.config.intake.group_threshold} 人）`));
  if (r.repeats.length) {
    ctx.out(ctx.c.yellow(`重复信访：同一信访人就同一事项此前已登记 ${r.repeats.map((m) => `${m.id}（${m.received}${m.score ? `，相似度 ${m.score}` : ''}）`).join('、')}，已关联`));
    ctx.info(`  如不是同一事项：xinfang case unlink ${r.case.id}；如应作为原案的再次来访：xinfang case merge ${r.case.id} --into ${r.repeats[0]!.id}`);
  }
  // Listed for the clerk to check, unless the clerk already decided (a terminal choice, --new-matter, --repeat-of).
  if (r.possible.length && linkTo === undefined) {
    const { maskPiiText } = await import('../../domain/identity.js');
    const { STATUS_ZH } = await import('../../domain/case.js');
    ctx.out(ctx.c.yellow('可能的重复信访（未关联，请核对）：'));
    for (const m of r.possible) ctx.out(`  ${m.id}  ${m.received}  ${STATUS_ZH[m.status]}  相似度 ${m.score}  ${maskPiiText(m.summary)}`);
    ctx.info(`  如是同一事项：xinfang case link ${r.case.id} --repeat-of ${r.possible[0]!.id}`);
  }
  if (r.escalate) ctx.out(ctx.c.red(`该事项已累计来访 ${r.matterVisits} 次，达到本单位设定的次数（xinfang.yaml 的 intake.escalate_after_visits = ${ctx.ledger().config.intake.escalate_after_visits}，本单位的设置，不是制度文件的原文），应由主要领导接待、包案（xinfang case assign ${r.case.id} --leader 主要领导）`));
  return 0;
}

export function registerIntake(p: Program): void {
  const { cmd, act } = p;
  const visit = cmd.command('visit').description('来访登记');
  intakeOptions(visit.command('add').description('登记一次来访（或 --channel 指定其他渠道）')).action(
    act(async (ctx, _a, o) => {
      const { optEnum } = await import('../opts.js');
      const { CHANNELS, CHANNEL_ALIASES } = await import('../../domain/events.js');
      return intakeAction(ctx, o, optEnum(o.channel ?? 'visit', '--channel（渠道）', CHANNELS, CHANNEL_ALIASES));
    }),
  );
  const letter = cmd.command('letter').description('来信登记');
  intakeOptions(letter.command('add').description('登记一封来信'), 'letter').action(act(async (ctx, _a, o) => intakeAction(ctx, o, 'letter')));

  const kase = cmd.command('case').description('信访事项：列出、查看、包案、受理、办理、交办、督办、结案、回访');
  kase
    .command('list')
    .description('列出案件')
    .option('--status <S>', '状态：registered 待受理|accepted 办理中|transferred 已交办|handled 已处理|suspended 中止|declined 不予受理|closed 已结案')
    .option('--leader <L>', '接待或包案领导')
    .option('--unit <U>', '承办单位')
    .option('--channel <C>', '渠道')
    .option('--repeat', '只列重复信访')
    .option('--person <TEXT>', '信访人：姓名或其中几个字、身份证号、电话（任何写法）')
    .option('--escalate', '只列应交主要领导接待、包案的（同一事项累计来访达到 intake.escalate_after_visits 次，尚无主要领导包案）')
    .option('--overdue', '只列超期的')
    .option('--due-within <DAYS>', '期限在 N 天内到期的')
    .option('--from <D>', '登记日期起')
    .option('--to <D>', '登记日期止')
    .option('--unmasked', '显示完整身份证号和电话')
    .action(
      act(async (ctx, _a, o) => {
        const { listCases } = await import('./case-list.js');
        return listCases(ctx, o);
      }),
    );
  kase
    .command('find <TEXT...>')
    .description('查找案件：信访人姓名、身份证号、电话，或诉求、属地、被反映人、住址中的字词（几个词以空格分开，须都出现）')
    .option('--unmasked', '显示完整身份证号和电话')
    .action(
      act(async (ctx, [words], o) => {
        const { listCases } = await import('./case-list.js');
        return listCases(ctx, { ...o, find: (words as string[]).join(' ') });
      }),
    );
  kase
    .command('show <ID>')
    .description('查看一个案件：登记内容、时间线、期限、五包、结案条件')
    .option('--unmasked', '显示完整身份证号和电话')
    .action(act(async (ctx, a, o) => (await import('./case-show.js')).caseShowAction(ctx, a, o)));
  kase
    .command('form <ID>')
    .description('打印一件的来访登记表：登记各栏、每次接待记录、信访人与接待领导签字栏（HTML 可在浏览器打印或存为 PDF）')
    .option('--format <F>', 'html|text', 'html')
    .option('--unmasked', '完整身份证号和电话（默认打码）')
    .option('-o, --output <FILE>', '写入文件（默认输出到屏幕）')
    .action(
      act(async (ctx, [id], o) => {
        const { printCaseForm } = await import('./case-form.js');
        return printCaseForm(ctx, String(id), o);
      }),
    );
  registerRepeatLinks(p, kase);
  cmd
    .command('reindex')
    .description('从案件文件重建案件索引（.xinfang/index.db）')
    .action(
      act(async (ctx) => {
        const { caseStore } = await import('../../app/cases.js');
        const { shanghaiDate } = await import('../../domain/time.js');
        const tty = ctx.io.isTTY && !ctx.json;
        const progress = tty ? (done: number, total: number) => ctx.io.stderr(`\r重建索引 ${done}/${total}${done === total ? '\n' : ''}`) : undefined;
        const n = caseStore(ctx.ledger(), { rebuild: true, today: shanghaiDate(ctx.now), progress }).count();
        if (ctx.json) return ctx.printJson({ cases: n });
        ctx.out(`已重建索引：${n} 个案件`);
      }),
    );
}
