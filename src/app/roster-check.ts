// Check rules for the roster files (rosters/YYYY-MM.yaml): each file is read and validated
// (file:line), then its slots are checked against the month, the leaders and their
// absences: a hand-set slot that puts a leader on a day they are away is an error, as is a
// leader booked twice on one day or a slot on a leader that does not exist.
import { loadYamlDir, type CheckLoader, type CheckRule, type LoadedFile, type Problem } from './check.js';
import { ROSTER_DIR, ROSTER_NAME_RE } from '../ledger/roster-file.js';
import { RosterFile } from '../ledger/roster-schema.js';
import { awayOn } from '../domain/leaders.js';
import { CONFIG_FILE } from '../ledger/ledger.js';

type LoadedRoster = LoadedFile<RosterFile>;

const KEY = 'rosterFiles';
const files = (input: { extra: Record<string, unknown> }) => (input.extra[KEY] as LoadedRoster[] | undefined) ?? [];

export const ROSTER_LOADERS: CheckLoader[] = [
  {
    load: (input) => {
      const r = loadYamlDir(input, {
        dir: ROSTER_DIR,
        nameRe: ROSTER_NAME_RE,
        schema: RosterFile,
        nameProblem: (rel) => ({ code: 'roster-file-name', file: rel, line: 1, message: `排班文件名应为 YYYY-MM.yaml（如 ${ROSTER_DIR}/2026-12.yaml），此文件不会被读取` }),
      });
      input.extra[KEY] = r.files;
      return r.problems;
    },
  },
];

export const ROSTER_RULES: CheckRule[] = [
  {
    code: 'roster-retired',
    run: (input) => {
      const retired = (input.leaders?.leaders ?? []).filter((l) => !l.active && l.retired_on);
      if (!retired.length) return [];
      return files(input).flatMap((f) =>
        f.file.slots.flatMap((s, i) => {
          const l = retired.find((x) => x.id === s.leader && s.date >= x.retired_on!);
          return l
            ? [{ code: 'roster-retired', file: f.rel, line: f.lineOf(['slots', i, 'leader']), message: `${l.name} 已于 ${l.retired_on} 离任，${s.date} 仍排有“${s.rule}”`, hint: `改派：xinfang roster set ${s.date} --leader 姓名 --rule ${s.rule}；或重新生成：xinfang roster generate --month ${f.file.month} --force` }]
            : [];
        }),
      );
    },
  },
  {
    code: 'roster-month',
    run: (input) =>
      files(input).flatMap((f) => {
        const out: Problem[] = [];
        const name = ROSTER_NAME_RE.exec(f.rel.split('/').pop()!)?.[1];
        if (name && name !== f.file.month) out.push({ code: 'roster-month', file: f.rel, line: f.lineOf(['month']), message: `文件名是 ${name}，但 month 字段是 ${f.file.month}` });
        f.file.slots.forEach((s, i) => {
          if (!s.date.startsWith(f.file.month)) out.push({ code: 'roster-month', file: f.rel, line: f.lineOf(['slots', i, 'date']), message: `班次日期 ${s.date} 不在 ${f.file.month} 内` });
        });
        return out;
      }),
  },
  {
    code: 'roster-leader-unknown',
    run: (input) => {
      const leaders = input.leaders?.leaders;
      if (!leaders) return [];
      return files(input).flatMap((f) =>
        f.file.slots.flatMap((s, i) =>
          leaders.some((l) => l.id === s.leader)
            ? []
            : [{ code: 'roster-leader-unknown', file: f.rel, line: f.lineOf(['slots', i, 'leader']), message: `${s.date} ${s.rule} 的领导“${s.leader}”不在 leaders.yaml 中`, hint: `用 xinfang roster set ${s.date} --leader 姓名 --rule ${s.rule} 改派` }],
        ),
      );
    },
  },
  {
    code: 'roster-double-booked',
    run: (input) =>
      files(input).flatMap((f) => {
        const seen = new Set<string>();
        return f.file.slots.flatMap((s, i) => {
          const k = `${s.date}|${s.leader}`;
          if (!seen.has(k)) {
            seen.add(k);
            return [];
          }
          return [{ code: 'roster-double-booked', file: f.rel, line: f.lineOf(['slots', i]), message: `${s.date} 领导 ${s.leader} 有两个班次（同一天只能接访一次）`, hint: '用 xinfang roster set 或 swap 改派其中一个' }];
        });
      }),
  },
  {
    code: 'roster-override-away',
    run: (input) => {
      const leaders = input.leaders?.leaders;
      if (!leaders) return [];
      return files(input).flatMap((f) =>
        f.file.slots.flatMap((s, i) => {
          const l = leaders.find((x) => x.id === s.leader);
          const a = l ? awayOn(l, s.date) : undefined;
          if (!l || !a) return [];
          const how = s.override ? '手工调整的班次' : '班次';
          return [{
            code: s.override ? 'roster-override-away' : 'roster-away',
            file: f.rel,
            line: f.lineOf(['slots', i, 'leader']),
            message: `${how} ${s.date}（${s.rule}）排了 ${l.name}，但其 ${a.from} 至 ${a.to} 外出${a.reason ? `（${a.reason}）` : ''}`,
            hint: s.override ? `用 xinfang roster set ${s.date} --leader 其他领导 改派` : `重新生成：xinfang roster generate --month ${f.file.month} --force（会跳过外出的领导），或 xinfang roster set 改派`,
          }];
        }),
      );
    },
  },
  {
    code: 'roster-held-unscheduled',
    run: (input) =>
      files(input).flatMap((f) =>
        f.file.held.flatMap((h, i) =>
          f.file.slots.some((s) => s.date === h.date && s.leader === h.leader)
            ? []
            : [{ code: 'roster-held-unscheduled', file: f.rel, line: f.lineOf(['held', i]), message: `登记了 ${h.date} ${h.leader} 接访，但当天排班中没有这位领导` }],
        ),
      ),
  },
  {
    code: 'rule-on',
    run: (input) =>
      (input.config?.schedule.rules ?? []).flatMap((r, i) => {
        const at = (path: (string | number)[]) => input.lineOf[CONFIG_FILE]?.(['schedule', 'rules', i, ...path]) ?? 1;
        const out: Problem[] = [];
        const bad = (msg: string, path: (string | number)[] = ['on']) => out.push({ code: 'rule-on', file: CONFIG_FILE, line: at(path), message: `排班规则“${r.name}”：${msg}`, hint: '见 docs/roster.md 的排班规则' });
        if (r.on) {
          if (r.kind === 'daily' || r.kind === 'quarterly') bad(`${r.kind === 'daily' ? '每日轮流' : '季度'}规则不用 on（固定日期只用于 monthly，以及 weekly 的 on.weekday）`);
          else if (r.kind === 'weekly' && (r.on.day !== undefined || r.on.nth !== undefined)) bad('weekly 规则只能用 on.weekday（星期几）');
          else if (r.on.day !== undefined && r.on.weekday !== undefined) bad('on.day 与 on.weekday 只能给一个');
          else if (r.on.nth !== undefined && r.on.weekday === undefined) bad('on.nth（第几个）需要同时给 on.weekday（星期几）');
          else if (r.on.day === undefined && r.on.weekday === undefined) bad('on 需要 day（几号）或 weekday（星期几）');
        }
        if (r.kind === 'daily' && r.days_per_period !== undefined) bad('每日轮流规则每天一人，不用 days_per_period', ['days_per_period']);
        return out;
      }),
  },
];
