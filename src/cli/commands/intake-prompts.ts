// The interactive registration at the desk: asks only for what the flags did not give,
// offers the earlier cases of a repeat petitioner, and shows the whole form before writing.
import type { Ctx } from '../context.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { Draft, IntakeInput, PetitionerInput } from '../../app/intake.js';
import type { RepeatMatch } from '../../domain/repeat.js';
import { askCheckbox, askConfirm, askNumber, askSearch, askSelect, askText, type Choice } from '../prompts.js';
import { loadTaxonomy } from '../../ledger/reference.js';
import { idNumberProblem, ID_PROBLEM_ZH, maskId, maskPhone, petitionerPhoneProblem, sexFromId } from '../../domain/identity.js';
import { shanghaiDate, shanghaiISO } from '../../domain/time.js';
import { TEXT_LIMITS } from '../../domain/input.js';
import { CHANNELS, MODES_ZH } from '../../domain/events.js';
import { dutyAt } from '../../app/duty.js';
import { STATUS_ZH } from '../../domain/case.js';

export async function askMissing(ctx: Ctx, ledger: Ledger, i: IntakeInput): Promise<IntakeInput> {
  const out: IntakeInput = { ...i, petitioners: [...i.petitioners] };
  const today = shanghaiDate(ctx.now);
  const askedPetitioners = !out.petitioners.length;
  if (askedPetitioners) {
    out.petitioners.push(await askPetitioner(today, 1));
    while (await askConfirm('还有其他信访人吗？', false)) out.petitioners.push(await askPetitioner(today, out.petitioners.length + 1));
  }
  if (out.caseId) return out;
  const n = Math.max(1, out.petitioners.length);
  if (out.people === undefined && out.channel === 'visit') out.people = await askNumber('来访人数', n, n, `不能少于登记的信访人数 ${n}`);
  // A group visit speaks through representatives (信访条例：多人走访应推选代表).
  if (askedPetitioners && out.petitioners.length > 1 && (out.people ?? n) >= ledger.config.intake.group_threshold) {
    const reps = await askCheckbox(
      '哪几位是代表人？（可不选）',
      out.petitioners.map((p, k) => ({ name: p.name!, value: k })),
    );
    out.petitioners = out.petitioners.map((p, k) => ({ ...p, representative: reps.includes(k) }));
  }
  const tax = loadTaxonomy();
  if (!out.purpose) out.purpose = await askSelect('信访目的', tax.purposes.map((p) => ({ name: p.name, value: p.key })));
  if (!out.category) {
    out.category = await askSearch('内容分类（输入字词筛选，如“低保”“拆迁”，可输入几个词）', categoryChoices(tax));
  }
  if (!out.summary) out.summary = await askText(`诉求摘要（可以写长，${TEXT_LIMITS.text} 字以内）`, { required: true, kind: 'text' });
  if (!out.leader) {
    const date = shanghaiDate(out.at);
    const duty = dutyAt(ledger, date, shanghaiISO(out.at).slice(11, 16), out.channel === 'visit').slot?.leader;
    const leaders = ledger.leaders().leaders.filter((l) => l.active);
    if (leaders.length) {
      out.leader = await askSelect(
        `接待领导${duty ? '（默认：今天排班的接访领导）' : ''}`,
        leaders.map((l) => ({ name: `${l.name}（${l.title}）${l.id === duty ? ' ← 今日接访' : ''}`, value: l.id })),
        duty,
      );
    }
  }
  if (out.opinion === undefined) out.opinion = await askText('领导处理意见（可空）', { kind: 'text' });
  return out;
}

const SEX_CHOICES: Choice<string>[] = [
  { name: '男', value: '男' },
  { name: '女', value: '女' },
  { name: '不详', value: '' },
];

/** The n-th petitioner: name, phone, ID number, sex (only when the ID number does not give it), address. */
async function askPetitioner(today: string, n: number): Promise<PetitionerInput> {
  // The first keeps the short labels of the common case; the others say whose field it is.
  const label = (first: string, other: string) => (n === 1 ? first : `第 ${n} 位信访人${other}`);
  const name = await askText(label('信访人姓名', '姓名'), { required: true, kind: 'name' });
  const phone = await askText(label('联系电话（可空）', '电话（可空）'), { kind: 'ref', validate: (v) => !v.trim() || (petitionerPhoneProblem(v) ?? true) });
  const id = await askText(label('身份证号（可空）', '身份证号（可空）'), {
    kind: 'ref',
    validate: (v) => {
      if (!v.trim()) return true;
      const p = idNumberProblem(v, today);
      return p ? ID_PROBLEM_ZH[p] : true;
    },
  });
  const fromId = id.trim() ? sexFromId(id) : '';
  const sex = fromId || (await askSelect(label('性别', '性别'), SEX_CHOICES, ''));
  const address = await askText(label('住址（可空）', '住址（可空）'), { kind: 'line' });
  return { name, sex, phone, id_number: id, address };
}

/** The two-level category as choices for the type-to-filter prompt (the description, shown under the highlighted choice, is searched too). */
export function categoryChoices(tax: ReturnType<typeof loadTaxonomy>): Choice<string>[] {
  return tax.categories.flatMap((c) =>
    c.items.map((it) => {
      const value = `${c.name}/${it}`;
      return { name: value, value, description: [[...c.aliases, c.keywords[it] ?? ''].filter(Boolean).join(' '), `分类代码 ${c.code}`].filter(Boolean).join(' · ') };
    }),
  );
}

export async function askRepeat(ctx: Ctx, repeats: RepeatMatch[]): Promise<string> {
  ctx.out(ctx.c.yellow('该信访人此前反映过相似事项：'));
  for (const r of repeats) ctx.out(`  ${r.id}  ${r.received}  ${STATUS_ZH[r.status]}  来访 ${r.visits} 次  相似度 ${r.score}\n    ${r.summary}`);
  return askSelect('如何登记？', [
    ...repeats.map((r) => ({ name: `作为 ${r.id} 的再次来访`, value: r.id })),
    { name: '登记为新案件（标记为重复信访，关联上述案件）', value: 'new' },
  ]);
}

export async function confirmDraft(ctx: Ctx, ledger: Ledger, d: Draft, caseId?: string, linkTo: string[] = []): Promise<boolean> {
  const place = ledger.config.places.find((p) => p.id === d.place)?.name ?? d.place;
  ctx.out('');
  ctx.out(ctx.c.bold(caseId ? `再次来访 → ${caseId}` : '登记内容'));
  const who = (p: Draft['petitioners'][number]) =>
    [p.representative ? `${p.name}（代表人）` : p.name, p.sex, maskId(p.id_number), maskPhone(p.phone), p.address].filter(Boolean).join(' ');
  const many = d.petitioners.length > 1;
  const rows: [string, string][] = [
    ['时间', `${d.date} ${shanghaiISO(d.at).slice(11, 16)}`],
    ['渠道', CHANNELS[d.channel]],
    // Several petitioners: one numbered line each, under the label.
    ['信访人', d.petitioners.map((p, k) => (many ? `${k + 1}. ${who(p)}` : who(p))).join('\n')],
    ['人数', `${d.people} 人`],
    // A further visit on a known case keeps the case's purpose (only its key is in the draft).
    ['信访目的', d.purpose.name || loadTaxonomy().purposes.find((p) => p.key === d.purpose.key)?.name || '—'],
    ['内容分类', `${d.category.main}/${d.category.sub}`],
    ['诉求', d.summary],
    ['接待领导', d.receiverName || '—'],
    ['地点方式', `${place || '—'}，${MODES_ZH[d.mode]}`],
    ['处理意见', d.opinion || '—'],
    ['承办单位', d.unitName || '—'],
  ];
  const indent = `  ${'　'.repeat(4)} `;
  for (const [k, v] of rows) ctx.out(`  ${k.padEnd(4, '　')} ${v.split('\n').join(`\n${indent}`)}`);
  const { conflictsFor, previewEscalation } = await import('../../app/intake.js');
  const { intake } = ledger.config;
  if (d.group) ctx.out(ctx.c.yellow(`  集体访：${d.people} 人（达到 ${intake.group_threshold} 人）`));
  const e = previewEscalation(ledger, d, { caseId, linkTo });
  if (e.escalate) {
    const cases = [...e.cases, ...(caseId ? [] : ['本次新案'])].join('、');
    ctx.out(ctx.c.red(`  本次登记后该事项累计来访 ${e.visits} 次（${cases}），达到本单位设定的交主要领导的次数（xinfang.yaml 的 intake.escalate_after_visits = ${intake.escalate_after_visits}，本单位的设置，不是制度文件的原文）：应由主要领导接待、包案`));
  }
  for (const c of conflictsFor(ledger, d)) ctx.out(ctx.c.yellow(`  请核对：身份证号 ${maskId(c.id_number)} 此前在 ${c.earlier.case} 登记为“${c.earlier.name}”，本次为“${c.name}”`));
  return askConfirm('确认登记？', true);
}
