// `xinfang check`: every rule is a small function from what was read to a list of
// problems; all rules run and every problem is reported in one format. Basic rules always
// run; strict ones (declare-before-use) on request. Areas add their rules to RULES.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, LEADERS_FILE, UNITS_FILE } from '../ledger/ledger.js';
import { Config, LeadersFile, UnitsFile } from '../ledger/schema.js';
import { readYamlResult, type ReadResult } from '../ledger/yamlfile.js';

export interface Problem {
  code: string;
  file: string;
  line: number;
  message: string;
  hint?: string;
}

/** What check has read; a part that failed to read is absent and its problems are reported. */
export interface CheckInput {
  root: string;
  strict: boolean;
  config?: Config;
  leaders?: LeadersFile;
  units?: UnitsFile;
  lineOf: Record<string, (path: (string | number)[]) => number>;
  /** Extra data read by area loaders (cases, rosters …). */
  extra: Record<string, unknown>;
}

export interface CheckRule {
  code: string;
  strict?: boolean;
  run: (input: CheckInput) => Problem[];
}

export interface CheckLoader {
  /** Reads what its rules need into input.extra; returns the problems of reading. */
  load: (input: CheckInput) => Problem[];
}

function dupes<T>(items: T[], key: (t: T) => string): [T, number][] {
  const seen = new Map<string, number>();
  const out: [T, number][] = [];
  items.forEach((it, i) => {
    const k = key(it);
    if (seen.has(k)) out.push([it, i]);
    else seen.set(k, i);
  });
  return out;
}

const line = (input: CheckInput, file: string, path: (string | number)[]) => input.lineOf[file]?.(path) ?? 1;

export const OFFICE_RULES: CheckRule[] = [
  {
    code: 'leader-id-duplicate',
    run: (inp) =>
      dupes(inp.leaders?.leaders ?? [], (l) => l.id).map(([l, i]) => ({
        code: 'leader-id-duplicate',
        file: LEADERS_FILE,
        line: line(inp, LEADERS_FILE, ['leaders', i, 'id']),
        message: `领导编号“${l.id}”重复`,
        hint: '每位领导的 id 必须唯一',
      })),
  },
  {
    code: 'leader-name-duplicate',
    // `leader add --id` deliberately allows a namesake; only --strict asks about it.
    strict: true,
    run: (inp) =>
      dupes((inp.leaders?.leaders ?? []).filter((l) => l.active), (l) => l.name).map(([l]) => {
        const i = inp.leaders!.leaders.indexOf(l);
        return {
          code: 'leader-name-duplicate',
          file: LEADERS_FILE,
          line: line(inp, LEADERS_FILE, ['leaders', i, 'name']),
          message: `有两位在任领导都叫“${l.name}”`,
          hint: '同名时命令中只能用编号指定该领导；如属重复录入，删除其一或 xinfang leader retire',
        };
      }),
  },
  {
    code: 'absence-order',
    run: (inp) =>
      (inp.leaders?.leaders ?? []).flatMap((l, i) =>
        l.absences.flatMap((a, j) =>
          a.to < a.from
            ? [{ code: 'absence-order', file: LEADERS_FILE, line: line(inp, LEADERS_FILE, ['leaders', i, 'absences', j, 'to']), message: `${l.name} 的外出时段结束日 ${a.to} 早于开始日 ${a.from}` }]
            : [],
        ),
      ),
  },
  {
    code: 'unit-duplicate',
    run: (inp) =>
      [...dupes(inp.units?.units ?? [], (u) => u.id), ...dupes(inp.units?.units ?? [], (u) => u.name)].map(([u, i]) => ({
        code: 'unit-duplicate',
        file: UNITS_FILE,
        line: line(inp, UNITS_FILE, ['units', i]),
        message: `承办单位“${u.name}”（${u.id}）的编号或名称重复`,
      })),
  },
  {
    code: 'rule-place',
    run: (inp) =>
      (inp.config?.schedule.rules ?? []).flatMap((r, i) =>
        inp.config!.places.some((p) => p.id === r.place || p.name === r.place)
          ? []
          : [{
              code: 'rule-place',
              file: CONFIG_FILE,
              line: line(inp, CONFIG_FILE, ['schedule', 'rules', i, 'place']),
              message: `排班规则“${r.name}”的接访地点“${r.place}”不在 places 中`,
              hint: `可用地点：${inp.config!.places.map((p) => p.id).join('、')}`,
            }],
      ),
  },
  {
    code: 'rule-hours',
    run: (inp) =>
      (inp.config?.schedule.rules ?? []).flatMap((r, i) => {
        const [a, b] = r.hours.split('-');
        return a! < b! ? [] : [{ code: 'rule-hours', file: CONFIG_FILE, line: line(inp, CONFIG_FILE, ['schedule', 'rules', i, 'hours']), message: `排班规则“${r.name}”的接访时间 ${r.hours} 结束早于开始` }];
      }),
  },
  {
    code: 'rule-pool',
    run: (inp) =>
      (inp.config?.schedule.rules ?? []).flatMap((r, i) =>
        r.pool.roles?.length || r.pool.titles?.length || r.pool.leaders?.length
          ? []
          : [{ code: 'rule-pool', file: CONFIG_FILE, line: line(inp, CONFIG_FILE, ['schedule', 'rules', i, 'pool']), message: `排班规则“${r.name}”没有指定参加的领导（pool 需要 roles、titles 或 leaders）` }],
      ),
  },
  {
    code: 'warning-order',
    run: (inp) => {
      const w = inp.config?.warnings;
      if (!w || (w.warning <= w.alert && w.alert <= w.severe)) return [];
      return [{ code: 'warning-order', file: CONFIG_FILE, line: line(inp, CONFIG_FILE, ['warnings']), message: `预警阈值应逐级升高：warning ${w.warning} ≤ alert ${w.alert} ≤ severe ${w.severe}` }];
    },
  },
  {
    code: 'rule-leader-known',
    strict: true,
    run: (inp) => {
      const leaders = inp.leaders?.leaders;
      if (!leaders) return [];
      return (inp.config?.schedule.rules ?? []).flatMap((r, i) =>
        (r.pool.leaders ?? []).flatMap((ref, j) =>
          leaders.some((l) => l.id === ref || l.name === ref)
            ? []
            : [{
                code: 'rule-leader-known',
                file: CONFIG_FILE,
                line: line(inp, CONFIG_FILE, ['schedule', 'rules', i, 'pool', 'leaders', j]),
                message: `排班规则“${r.name}”引用的领导“${ref}”不在 leaders.yaml 中`,
                hint: '先用 xinfang leader add 添加，或改正编号',
              }],
        ),
      );
    },
  },
];

/** Area rules and loaders are appended here by their modules' registration (see areas). */
export const RULES: CheckRule[] = [...OFFICE_RULES];
export const LOADERS: CheckLoader[] = [];

export interface LoadedFile<T> {
  rel: string;
  file: T;
  lineOf: (path: (string | number)[]) => number;
}

/**
 * Reads and validates every `*.yaml` of a ledger folder whose name matches `nameRe`; a
 * file with another name is reported (it would not be read), an invalid one with its lines.
 */
export function loadYamlDir<T>(input: CheckInput, o: { dir: string; nameRe: RegExp; nameProblem: (rel: string) => Problem; schema: import('zod').ZodType<T> }): { files: LoadedFile<T>[]; problems: Problem[] } {
  const files: LoadedFile<T>[] = [];
  const problems: Problem[] = [];
  const dir = join(input.root, o.dir);
  if (!existsSync(dir)) return { files, problems };
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const rel = `${o.dir}/${name}`;
    if (!o.nameRe.test(name)) {
      problems.push(o.nameProblem(rel));
      continue;
    }
    const r = readYamlResult(input.root, rel, o.schema);
    if (!r.ok) problems.push(...r.problems.map((p) => ({ code: 'file-invalid', file: p.file, line: p.line, message: p.message })));
    else files.push({ rel, file: r.value, lineOf: r.lineOf });
  }
  return { files, problems };
}

function readPart<T>(input: CheckInput, problems: Problem[], file: string, schema: import('zod').ZodType<T>, optional: boolean): T | undefined {
  if (optional && !existsSync(join(input.root, file))) return undefined;
  const r: ReadResult<T> = readYamlResult(input.root, file, schema);
  if (!r.ok) {
    problems.push(...r.problems.map((p) => ({ code: 'file-invalid', file: p.file, line: p.line, message: p.message })));
    return undefined;
  }
  input.lineOf[file] = r.lineOf;
  return r.value;
}

export function runCheck(root: string, strict: boolean): Problem[] {
  const problems: Problem[] = [];
  const input: CheckInput = { root, strict, lineOf: {}, extra: {} };
  input.config = readPart(input, problems, CONFIG_FILE, Config, false);
  input.leaders = readPart(input, problems, LEADERS_FILE, LeadersFile, true);
  input.units = readPart(input, problems, UNITS_FILE, UnitsFile, true);
  for (const l of LOADERS) problems.push(...l.load(input));
  for (const rule of RULES) if (!rule.strict || strict) problems.push(...rule.run(input));
  // Leftover temp files mean a write was interrupted; the real file is intact, but say so.
  for (const f of listTmp(root)) problems.push({ code: 'temp-file', file: f, line: 1, message: '中断的写入留下的临时文件（原文件完好）', hint: '确认无误后删除此文件' });
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function listTmp(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    if (e.name === '.git' || e.name === '.xinfang' || e.name === 'node_modules') continue;
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listTmp(root, p));
    else if (e.name.endsWith('.tmp')) out.push(p);
  }
  return out;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}${p.hint ? `\n  提示：${p.hint}` : ''}`;
}
