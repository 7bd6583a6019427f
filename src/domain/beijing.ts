// 进京非正常上访, on the district rule (种子第五篇 二)：
//   “对发生的进京非正常上访，领导干部要件件接待、包案……由属地党(工)委、乡镇(街道)和事涉部门的主要领导为
//    第一责任人负责接待。” — every one is received and owned by a leader;
//   “在本累计重复二次以上的进京非正常上访，由区级主要领导接待、包案。” — from the count the office's rule
//    names (xinfang.yaml intake.beijing_escalate_after; 2 in the district preset) a principal leader.
// Pure: the counts and the leaders come in.

/** What the rule asks of a matter with `count` 进京非正常上访; null when the owner meets it. */
export function beijingRequirement(input: { count: number; escalateAfter: number | undefined; owner: string | null; principal: (id: string) => boolean }): string | null {
  const { count, escalateAfter, owner, principal } = input;
  if (count === 0) return null;
  if (escalateAfter !== undefined && count >= escalateAfter) {
    return owner && principal(owner) ? null : `该事项进京非正常上访已累计 ${count} 次（本单位制度：累计 ${escalateAfter} 次以上由主要领导接待、包案），应由主要领导接待、包案`;
  }
  return owner ? null : '进京非正常上访要件件接待、包案：请指定接待、包案的领导';
}
