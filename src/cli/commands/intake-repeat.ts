// At the desk, when the petitioner has come before about what may be the same matter: the
// earlier cases best first (date, status, visits, summary) and the clerk's decision — a
// further visit on one of them, a new case linked to it as a repeat, or a new matter.
import type { Ctx } from '../context.js';
import type { RepeatMatch } from '../../domain/repeat.js';
import { STATUS_ZH } from '../../domain/case.js';
import { maskPiiText } from '../../domain/identity.js';
import { askSelect } from '../prompts.js';

export type RepeatChoice = { kind: 'visit'; caseId: string } | { kind: 'link'; linkTo: string[] } | { kind: 'new' };

export async function askRepeatChoice(ctx: Ctx, found: RepeatMatch[]): Promise<RepeatChoice> {
  ctx.out(ctx.c.yellow('该信访人此前反映过的事项（最相近的在前）：'));
  found.forEach((r, n) => {
    const how = r.sure ? '很可能是同一事项' : '可能是同一事项';
    ctx.out(`  ${n + 1}. ${r.id}  ${r.received}  ${STATUS_ZH[r.status]}  来访 ${r.visits} 次  ${how}（${r.score}）\n     ${maskPiiText(r.summary)}`);
  });
  const choices: { name: string; value: string }[] = [];
  for (const r of found) choices.push({ name: `作为 ${r.id} 的再次来访（登记在该案件中）`, value: `visit:${r.id}` });
  for (const r of found) choices.push({ name: `登记为新案件，标记为 ${r.id} 的重复信访`, value: `link:${r.id}` });
  choices.push({ name: '登记为新事项（不是重复信访）', value: 'new' });
  const best = found[0]!;
  const v = await askSelect('如何登记？', choices, best.sure ? `link:${best.id}` : 'new');
  if (v === 'new') return { kind: 'new' };
  const [kind, id] = v.split(':') as ['visit' | 'link', string];
  return kind === 'visit' ? { kind, caseId: id } : { kind, linkTo: [id] };
}
