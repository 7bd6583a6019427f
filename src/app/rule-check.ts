// Checks of the reception rules against the office's own document (xinfang.yaml → schedule):
// a rule that gives a day (一天) is received over the whole working day; only a rule that gives
// a time (一次, `per: once`) may be a half day. (The seed: 青山乡 “乡党政主要领导每月分别安排一天
// 时间”、“部门主要领导干部每月安排一次接访”; 区 “区委书记每月安排一天、区长每月安排两天时间”.)
import { CONFIG_FILE } from '../ledger/ledger.js';
import type { CheckInput, CheckRule, LoadedFile, Problem } from './check.js';
import type { RosterFile } from '../ledger/roster-file.js';
import { loadCalendar } from '../calendar/index.js';
import { emptyRequiredRules, emptyRuleMessage, EMPTY_RULE_HINT } from '../domain/rule-pool.js';

const at = (inp: CheckInput, path: (string | number)[]) => inp.lineOf[CONFIG_FILE]?.(path) ?? 1;

/** True when `inner` (HH:mm-HH:mm) lies within `outer` and covers it: the same or longer. */
export function coversDay(hours: string, day: string): boolean {
  const [a, b] = hours.split('-') as [string, string];
  const [c, d] = day.split('-') as [string, string];
  return a <= c && b >= d;
}

export const RULE_CHECKS: CheckRule[] = [
  {
    code: 'rule-hours-day',
    run: (inp) => {
      const cfg = inp.config;
      if (!cfg) return [];
      const day = cfg.schedule.working_hours;
      return cfg.schedule.rules.flatMap((r, i): Problem[] =>
        r.per === 'once' || !r.hours || coversDay(r.hours, day)
          ? []
          : [{
              code: 'rule-hours-day',
              file: CONFIG_FILE,
              line: at(inp, ['schedule', 'rules', i, 'hours']),
              message: `排班规则“${r.name}”按天接访（一天），接访时间 ${r.hours} 不是整个工作日 ${day}：公示会告诉群众只有半天`,
              hint: `去掉 hours（用本单位的工作日 schedule.working_hours），或改为 ${day}；本单位的制度写的是“一次”的，加 per: once 才可以只排半天`,
            }],
      );
    },
  },
  {
    // 区委书记每月安排一天、区长每月安排两天 (第五篇 三): a rule naming a post must find its holder.
    code: 'rule-empty',
    run: (inp) => {
      const cfg = inp.config;
      const leaders = inp.leaders?.leaders;
      // Until the first leader is registered there is nobody to check against (a new ledger).
      if (!cfg || !leaders || !leaders.some((l) => l.active)) return [];
      return emptyRequiredRules(cfg.schedule.rules, leaders).map((r) => ({
        code: 'rule-empty',
        file: CONFIG_FILE,
        line: at(inp, ['schedule', 'rules', cfg.schedule.rules.indexOf(r), 'pool']),
        message: emptyRuleMessage(r),
        hint: EMPTY_RULE_HINT,
      }));
    },
  },
  {
    // A month generated 暂定 (--provisional) whose year's list has since been imported: regenerate.
    code: 'roster-provisional',
    run: (inp) => {
      const files = (inp.extra['rosterFiles'] as LoadedFile<RosterFile>[] | undefined) ?? [];
      const provisional = files.filter((f) => f.file.provisional);
      if (!provisional.length) return [];
      let cal: ReturnType<typeof loadCalendar>;
      try {
        cal = loadCalendar(inp.root);
      } catch {
        return []; // a broken calendar file is reported by the calendar rules
      }
      return provisional
        .filter((f) => cal.covers(Number(f.file.month.slice(0, 4))))
        .map((f) => ({
          code: 'roster-provisional',
          file: f.rel,
          line: f.lineOf(['provisional']),
          message: `${f.file.month} 的排班是按周末暂排的（暂定），${f.file.month.slice(0, 4)} 年的节假日安排现已导入`,
          hint: `重新生成：xinfang roster generate --month ${f.file.month} --force（手工调整的班次和已登记的接访情况保留）`,
        }));
    },
  },
];
