// Who a reception rule means. An office's document names posts (区委书记、区长): the leader
// holding the post is found within a compound title (“区委副书记、区长”, “中共市中区委书记”), never
// in a deputy's (“副区长”, “区委副书记”). A rule that names a post or a leader must be filled:
// `roster generate` and `check` fail when nobody holds it.
import type { Leader, Rule } from '../ledger/schema.js';

const SEPARATORS = /[、，,；;／/\s]+|兼/;

/** The posts of a compound title: “中共市中区委副书记、区长” → [“市中区委副书记”, “区长”]. */
export function titleParts(title: string): string[] {
  return title
    .split(SEPARATORS)
    .map((p) => p.trim().replace(/^中共/, ''))
    .filter(Boolean);
}

/**
 * Does a title hold `post`? One of its parts is the post, or ends with it after a place name
 * (市中区区长, 中共××区委书记 → 区委书记); a deputy's part (…副区长, 区委副书记) does not.
 */
export function holdsPost(title: string, post: string): boolean {
  const want = post.trim().replace(/^中共/, '');
  if (!want) return false;
  return titleParts(title).some((p) => {
    if (p === want) return true;
    if (!p.endsWith(want)) return false;
    const before = p.slice(0, p.length - want.length);
    return !/副$|副职$|助理$/.test(before) && !before.endsWith('副');
  });
}

/** Leaders of a rule's pool, in leaders.yaml order: by role, by post within the title, or by id/name. */
export function rulePool(rule: Pick<Rule, 'pool'>, leaders: readonly Leader[]): Leader[] {
  const p = rule.pool;
  return leaders.filter(
    (l) => l.active && (!!p.roles?.includes(l.role) || !!p.titles?.some((t) => holdsPost(l.title, t)) || !!p.leaders?.some((r) => r === l.id || r === l.name)),
  );
}

/** A rule that must have somebody: `required`, or by default one that names a post or a leader. */
export function mustFill(rule: Pick<Rule, 'pool' | 'required'>): boolean {
  return rule.required ?? !!(rule.pool.titles?.length || rule.pool.leaders?.length);
}

/** What the rule asks for, in words: “职务为 区长”, “领导 L03、王建国”, “角色 principal”. */
export function poolText(rule: Pick<Rule, 'pool'>): string {
  const p = rule.pool;
  return [p.titles?.length ? `职务为 ${p.titles.join('、')}` : '', p.leaders?.length ? `领导 ${p.leaders.join('、')}` : '', p.roles?.length ? `角色 ${p.roles.join('、')}` : ''].filter(Boolean).join('，或');
}

/** The must-fill rules nobody holds (no active leader in the pool). */
export function emptyRequiredRules(rules: readonly Rule[], leaders: readonly Leader[]): Rule[] {
  return rules.filter((r) => mustFill(r) && rulePool(r, leaders).length === 0);
}

/** The message for one such rule (check and roster generate say the same). */
export function emptyRuleMessage(rule: Pick<Rule, 'name' | 'pool'>): string {
  return `排班规则“${rule.name}”必须有人接访，但没有在任领导符合（${poolText(rule)}）`;
}

export const EMPTY_RULE_HINT = '用 xinfang leader add 登记担任该职务的领导（职务可写全称，如“区委副书记、区长”），或在规则的 pool.leaders 中写明领导的编号或姓名；本单位确实不设的，在规则中写 required: false';
