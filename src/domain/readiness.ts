// Closure readiness (seed 二(五)): a case is not closed while the facts are unclear, the
// problem is not handled in place, the owning leader has given no approval opinion, the
// petitioner has given no clear opinion, or the file lacks materials. Also the 五包
// checklist. Pure: state + configuration in, results out.
import type { CaseState } from './case.js';
import { eventDate, liveEvents } from './case.js';
import { CHANNELS, DISPOSITIONS, OPINIONS, WRITTEN_CHANNELS } from './events.js';

export const CONDITION_KEYS = ['facts_clear', 'handled', 'leader_approval', 'petitioner_opinion', 'file_complete', 'instruction'] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];
export const CONDITION_ZH: Record<ConditionKey, string> = {
  facts_clear: '事实清楚',
  handled: '问题处理到位',
  leader_approval: '包案领导审批意见',
  petitioner_opinion: '信访人明确意见',
  file_complete: '案卷材料齐全',
  instruction: '领导阅批',
};

export interface Condition {
  key: ConditionKey;
  ok: boolean;
  detail: string;
}
export interface Readiness {
  ready: boolean;
  conditions: Condition[];
}

export interface ReadinessRules {
  /** Materials the file must hold (xinfang.yaml closure.materials). */
  materials: string[];
  /**
   * The office's rule asks the leader to read and instruct every written item (局：“必须亲自阅批
   * 群众来信”): a sixth condition for letters, calls and mailbox items (xinfang.yaml closure.instruction).
   */
  instruction?: boolean;
}

/**
 * Materials that the record itself provides: the registration is the 登记表, a handling
 * is the 处理意见, the opinion event is the 信访人意见, a unit's reply is its 书面回复.
 * Everything else must be attached (`case attach FILE --kind NAME`).
 */
export function materialsPresent(s: CaseState): Set<string> {
  const have = new Set<string>(['登记表']);
  if (s.handled) have.add('处理意见');
  if (s.opinion) have.add('信访人意见');
  if (liveEvents(s.file.events).some((e) => e.type === 'reply')) have.add('书面回复');
  if (liveEvents(s.file.events).some((e) => e.type === 'reply' && e.to_petitioner)) have.add('书面回复信访人');
  for (const a of s.attachments) have.add(a.kind);
  return have;
}

export function readiness(s: CaseState, rules: ReadinessRules, names: { leader: (id: string) => string; unit: (id: string) => string }): Readiness {
  const h = s.handled;
  const conditions: Condition[] = [];

  conditions.push(
    h && h.facts.trim()
      ? { key: 'facts_clear', ok: true, detail: `查明事实：${h.facts}` }
      : { key: 'facts_clear', ok: false, detail: '尚未记录查明的事实（xinfang case handle ID --disposition … --facts …）' },
  );

  const why: string[] = [];
  if (!h) why.push('尚无处理结果（处理方式）');
  else if (h.disposition === 'promised' && !s.resolved) why.push(`限期解决承诺 ${h.promise_by ?? ''} 前解决，尚未记录兑现（兑现后：xinfang case resolve ${s.id} --date 兑现日期）`);
  if (s.awaitingReply.length) why.push(`交办单位尚未书面答复：${s.awaitingReply.map(names.unit).join('、')}`);
  if (s.status === 'suspended') why.push('案件中止中');
  conditions.push(
    why.length
      ? { key: 'handled', ok: false, detail: why.join('；') }
      : { key: 'handled', ok: true, detail: `${DISPOSITIONS[h!.disposition]}（${eventDate(h!.at)}）${s.resolved ? `，已于 ${s.resolved.date} 兑现` : ''}${s.units.length ? `，${s.units.map(names.unit).join('、')} 已答复` : ''}` },
  );

  const approver = s.owner;
  const approval = [...s.approvals].reverse().find((a) => !approver || a.leader === approver);
  conditions.push(
    approval
      ? { key: 'leader_approval', ok: true, detail: `${names.leader(approval.leader)}：${approval.text}（${approval.date}）` }
      : {
          key: 'leader_approval',
          ok: false,
          detail: approver
            ? `包案领导 ${names.leader(approver)} 尚未签署审批意见${s.approvals.length ? `（已有 ${s.approvals.map((a) => names.leader(a.leader)).join('、')} 的意见，但不是包案领导）` : ''}`
            : '尚无包案领导，也没有审批意见（xinfang case assign ID --leader …）',
        },
  );

  conditions.push(
    s.opinion
      ? { key: 'petitioner_opinion', ok: true, detail: OPINIONS[s.opinion] }
      : { key: 'petitioner_opinion', ok: false, detail: '信访人尚未签署意见（满意 / 基本满意 / 不满意）' },
  );

  const have = materialsPresent(s);
  const lacking = rules.materials.filter((m) => !have.has(m));
  conditions.push(
    lacking.length
      ? { key: 'file_complete', ok: false, detail: `缺少材料：${lacking.join('、')}` }
      : { key: 'file_complete', ok: true, detail: rules.materials.length ? `齐全：${rules.materials.join('、')}` : '本单位未规定必备材料' },
  );

  if (rules.instruction && WRITTEN_CHANNELS.includes(s.file.channel)) {
    const last = s.instructions[s.instructions.length - 1];
    conditions.push(
      last
        ? { key: 'instruction', ok: true, detail: `${names.leader(last.leader)}：${last.text}（${last.date}）` }
        : { key: 'instruction', ok: false, detail: `${CHANNELS[s.file.channel]}尚未经领导阅批（xinfang case instruct ${s.id} --text …）` },
    );
  }

  return { ready: conditions.every((c) => c.ok), conditions };
}

export interface DutyItem {
  item: string;
  done: boolean;
}

/** The 五包 checklist: the office's items, each done or not; items recorded but no longer configured are kept. */
export function dutyChecklist(s: CaseState, duties: string[]): DutyItem[] {
  const items: DutyItem[] = duties.map((item) => ({ item, done: s.dutiesDone.includes(item) }));
  for (const d of s.dutiesDone) if (!duties.includes(d)) items.push({ item: d, done: true });
  return items;
}
