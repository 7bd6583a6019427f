// The interactive registration at the desk: asks only for what the flags did not give
// (every field of the register: 问题属地, 被反映人 and 承办单位 too), offers the earlier cases
// of a repeat petitioner, and shows the whole form before writing; on that last screen one
// field can be corrected without starting again (确认 / 修改某项 / 放弃).
import type { Ctx } from '../context.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { Draft, IntakeInput, PetitionerInput } from '../../app/intake.js';
import { askCheckbox, askConfirm, askNumber, askSearch, askSelect, askText, type Choice } from '../prompts.js';
import { InputError } from '../../errors.js';
import { loadTaxonomy } from '../../ledger/reference.js';
import { idNumberProblem, ID_PROBLEM_ZH, maskId, maskPhone, petitionerPhoneProblem, sexFromId } from '../../domain/identity.js';
import { shanghaiDate, shanghaiISO } from '../../domain/time.js';
import { TEXT_LIMITS } from '../../domain/input.js';
import { CHANNELS, MODES_ZH } from '../../domain/events.js';
import { dutyAt } from '../../app/duty.js';

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
  if (out.people === undefined && out.channel === 'visit') out.people = await askPeople(n);
  // A group visit speaks through representatives (信访条例：多人走访应推选代表).
  if (askedPetitioners && out.petitioners.length > 1 && (out.people ?? n) >= ledger.config.intake.group_threshold) {
    const reps = await askCheckbox(
      '哪几位是代表人？（可不选）',
      out.petitioners.map((p, k) => ({ name: p.name!, value: k })),
    );
    out.petitioners = out.petitioners.map((p, k) => ({ ...p, representative: reps.includes(k) }));
  }
  for (const f of ['purpose', 'category', 'summary', 'locality', 'respondent', 'leader', 'opinion', 'unit'] as const) {
    if (out[f] === undefined) await FIELDS[f].ask(ctx, ledger, out);
  }
  return out;
}

async function askPeople(n: number): Promise<number> {
  return askNumber('来访人数', n, n, `不能少于登记的信访人数 ${n}`);
}

/** The fields of the form the clerk may be asked for, and may correct on the last screen. */
type FieldKey = 'petitioner' | 'people' | 'purpose' | 'category' | 'summary' | 'locality' | 'respondent' | 'leader' | 'opinion' | 'unit';
const FIELDS: Record<FieldKey, { label: string; ask: (ctx: Ctx, ledger: Ledger, out: IntakeInput) => Promise<void> }> = {
  petitioner: {
    label: '信访人',
    ask: async (ctx, _ledger, out) => {
      // One of several is corrected; the others, and who is a representative, stay.
      const k =
        out.petitioners.length > 1
          ? await askSelect(
              '修改哪一位信访人？',
              out.petitioners.map((p, k) => ({ name: `${k + 1}. ${p.name}`, value: k })),
            )
          : 0;
      const again = await askPetitioner(shanghaiDate(ctx.now), k + 1);
      out.petitioners = out.petitioners.map((p, j) => (j === k ? { ...again, representative: p.representative } : p));
    },
  },
  people: { label: '人数', ask: async (_c, _l, out) => void (out.people = await askPeople(Math.max(1, out.petitioners.length))) },
  purpose: {
    label: '信访目的',
    ask: async (_c, _l, out) => void (out.purpose = await askSelect('信访目的', loadTaxonomy().purposes.map((p) => ({ name: p.name, value: p.key })), out.purpose)),
  },
  category: {
    label: '内容分类',
    ask: async (_c, _l, out) => void (out.category = await askSearch('内容分类（输入字词筛选，如“低保”“拆迁”，可输入几个词）', categoryChoices(loadTaxonomy()))),
  },
  summary: {
    label: '诉求',
    ask: async (_c, _l, out) => void (out.summary = await askText(`诉求摘要（可以写长，${TEXT_LIMITS.text} 字以内）`, { required: true, kind: 'text', default: out.summary })),
  },
  locality: {
    label: '问题属地',
    ask: async (_c, ledger, out) =>
      void (out.locality = await askText(`问题属地（问题发生在哪个村、社区，如 ${ledger.config.office.name}石桥村；可空）`, { kind: 'line', default: out.locality || undefined })),
  },
  respondent: {
    label: '被反映人',
    ask: async (_c, _l, out) => void (out.respondent = await askText('被反映人（反映的单位或个人；可空）', { kind: 'line', default: out.respondent || undefined })),
  },
  leader: {
    label: '接待领导',
    ask: async (_c, ledger, out) => {
      const date = shanghaiDate(out.at);
      const duty = dutyAt(ledger, date, shanghaiISO(out.at).slice(11, 16), out.channel === 'visit').slot?.leader;
      const leaders = ledger.leaders().leaders.filter((l) => l.active);
      if (!leaders.length) return;
      out.leader = await askSelect(
        `接待领导${duty ? '（默认：今天排班的接访领导）' : ''}`,
        leaders.map((l) => ({ name: `${l.name}（${l.title}）${l.id === duty ? ' ← 今日接访' : ''}`, value: l.id })),
        out.leader && leaders.some((l) => l.id === out.leader) ? out.leader : duty,
      );
    },
  },
  opinion: {
    label: '处理意见',
    ask: async (_c, _l, out) => void (out.opinion = await askText('领导处理意见（可空）', { kind: 'text', default: out.opinion || undefined })),
  },
  unit: {
    label: '承办单位',
    ask: async (_c, ledger, out) => {
      // 交办 at once is the exception: the default is to decide later (xinfang case transfer).
      const units = ledger.units().units.filter((u) => u.active);
      if (!units.length) return;
      const v = await askSelect(
        '当场交办承办单位吗？',
        [{ name: '不交办（以后用 xinfang case transfer 交办）', value: '' }, ...units.map((u) => ({ name: `交办 ${u.name}`, value: u.id }))],
        out.unit ?? '',
      );
      out.unit = v || undefined;
    },
  },
};

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

/**
 * The last screen: the whole form, then 确认 / 修改某项 / 放弃. A corrected field is asked
 * again and the form checked and shown again; the draft that is confirmed comes back (null:
 * the clerk gave up, nothing is written).
 */
export async function reviewDraft(ctx: Ctx, ledger: Ledger, input: IntakeInput, draft: Draft, caseId?: string, linkTo: string[] = []): Promise<Draft | null> {
  const { validateIntake } = await import('../../app/intake.js');
  let d = draft;
  let i = input;
  for (;;) {
    await showDraft(ctx, ledger, d, caseId, linkTo);
    const choice = await askSelect<boolean | 'edit'>(
      '确认登记？',
      [
        { name: '确认，登记', value: true },
        { name: '修改某项', value: 'edit' },
        { name: '放弃，不登记', value: false },
      ],
      true,
    );
    if (choice === true) return d;
    if (choice === false) return null;
    const keys = (caseId ? (['petitioner', 'people', 'leader', 'opinion', 'unit'] as const) : (Object.keys(FIELDS) as FieldKey[])).filter((k) => k !== 'people' || i.channel === 'visit');
    const key = await askSelect<FieldKey>('修改哪一项？', keys.map((k) => ({ name: FIELDS[k].label, value: k })));
    const next: IntakeInput = { ...i, petitioners: [...i.petitioners] };
    await FIELDS[key].ask(ctx, ledger, next);
    // Fewer petitioners than people is fine; more is not: the head count follows.
    if (next.people !== undefined && next.people < next.petitioners.length) next.people = next.petitioners.length;
    try {
      d = validateIntake(ledger, next, ctx.now);
      i = next;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      ctx.warn(ctx.c.red(`改后的内容不对，未采用：${e.message}`));
    }
  }
}

async function showDraft(ctx: Ctx, ledger: Ledger, d: Draft, caseId: string | undefined, linkTo: string[]): Promise<void> {
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
    ['问题属地', d.locality || '—'],
    ['被反映人', d.respondent || '—'],
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
}
