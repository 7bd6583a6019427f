// `xinfang check`: every rule is a small function from what was read to a list of
// problems; all rules run and every problem is reported in one format. Basic rules always
// run; strict ones (declare-before-use) on request. Areas add their rules to RULES.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, LEADERS_FILE, UNITS_FILE } from '../ledger/ledger.js';
import { Config, LeadersFile, UnitsFile } from '../ledger/schema.js';
import type { CaseFile } from '../domain/events.js';
import { readYamlResult, type ReadResult } from '../ledger/yamlfile.js';
import { describeRecovered, leftoverPid, PENDING_DIR, recoverPending } from '../ledger/txn.js';
import { gitLockAdvice, gitLockFiles, removeStaleIndexLock, settleGitLocks } from '../ledger/gitlocks.js';
import { ownerAlive, processStartMs } from '../ledger/lock.js';

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
  /** Progress of a long step (a county's 100,000 case files): what, how many done, of how many. */
  progress?: (what: string, done: number, total: number) => void;
  /** Tests: where the case files are read on worker threads (the worker's file, from how many files); default: the built worker, from 3,000 files. */
  parallel?: { worker: string | null; from: number };
}

export interface CheckRule {
  code: string;
  strict?: boolean;
  run: (input: CheckInput) => Problem[];
}

/** A case file as check reads it (the file:line of a field is worked out only when asked). */
export interface CheckedCase {
  rel: string;
  file: CaseFile;
  lineOf: (path: (string | number)[]) => number;
}

/**
 * A rule that looks at one case file at a time, as the files are read: a county's cases are
 * never all in memory at once. What a rule needs of the whole set it keeps in input.extra.
 */
export interface CaseVisitor {
  code: string;
  strict?: boolean;
  visit: (c: CheckedCase, input: CheckInput) => Problem[];
  /**
   * A visitor that gathers into input.extra: adds what it gathered in a worker thread
   * (`from`, that worker's extra) to `into` (check-files.ts reads a large ledger on two).
   */
  merge?: (into: Record<string, unknown>, from: Record<string, unknown>) => void;
}
export const CASE_VISITORS: CaseVisitor[] = [];
/** The visitors a check runs (the strict ones only with --strict). */
export const caseVisitors = (input: CheckInput): CaseVisitor[] => CASE_VISITORS.filter((v) => !v.strict || input.strict);

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
    code: 'intake-similarity-legacy',
    run: (inp) =>
      inp.config?.intake.legacy_similarity === undefined
        ? []
        : [
            {
              code: 'intake-similarity-legacy',
              file: CONFIG_FILE,
              line: line(inp, CONFIG_FILE, ['intake', 'similarity']),
              message: `intake.similarity: ${inp.config.intake.legacy_similarity} 是旧版按字符比较时的阈值，对现在按词加权的重复信访识别没有意义；暂按新的默认值（确定 0.28，可能 0.24）识别`,
              hint: '把 xinfang.yaml 中 intake 下的 similarity 改为 0.28，并加一行 possible: 0.24',
            },
          ],
  },
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
        const h = r.hours ?? inp.config!.schedule.working_hours;
        const [a, b] = h.split('-');
        return a! < b! ? [] : [{ code: 'rule-hours', file: CONFIG_FILE, line: line(inp, CONFIG_FILE, r.hours ? ['schedule', 'rules', i, 'hours'] : ['schedule', 'working_hours']), message: `排班规则“${r.name}”的接访时间 ${h} 结束早于开始` }];
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
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    problems.push({ code: 'file-invalid', file: o.dir, line: 1, message: `应为文件夹，但无法列出（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）` });
    return { files, problems };
  }
  for (const name of names) {
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

export function runCheck(root: string, strict: boolean, progress?: CheckInput['progress'], parallel?: CheckInput['parallel']): Problem[] {
  // First what interrupted commands left: their writes are finished before anything is read.
  const problems: Problem[] = leftoverProblems(root);
  const input: CheckInput = { root, strict, lineOf: {}, extra: {}, ...(progress && { progress }), ...(parallel && { parallel }) };
  input.config = readPart(input, problems, CONFIG_FILE, Config, false);
  input.leaders = readPart(input, problems, LEADERS_FILE, LeadersFile, true);
  input.units = readPart(input, problems, UNITS_FILE, UnitsFile, true);
  for (const l of LOADERS) problems.push(...l.load(input));
  for (const rule of RULES) if (!rule.strict || strict) problems.push(...rule.run(input));
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/**
 * What interrupted commands left (docs/dev/ledger-writes.md, "Leftovers"): their pending writes are
 * finished here as by any command and reported; temp files of a process that is gone and
 * older than a minute are removed and reported, others reported; git lock files that block
 * commits are reported with what to do (removed only when xinfang's own and its owner is gone).
 */
function leftoverProblems(root: string): Problem[] {
  const out: Problem[] = [];
  for (const r of recoverPending(root)) {
    const ok = r.outcome === 'committed' || r.outcome === 'completed' || r.outcome === 'undone' || r.outcome === 'discarded';
    out.push({
      code: 'interrupted-write',
      file: r.files[0] ?? PENDING_DIR,
      line: 1,
      message: describeRecovered(r),
      hint: ok ? (r.outcome === 'discarded' ? '该命令没有完成，请重新执行' : '已自动处理，用 git log 核对') : '排除上面说的原因后运行 xinfang check 再试',
    });
  }
  for (const f of listTmp(root)) {
    const name = f.slice(f.lastIndexOf('/') + 1);
    const removed = staleLeftover(join(root, f), leftoverPid(name));
    out.push({
      code: 'temp-file',
      file: f,
      line: 1,
      message: `中断的写入留下的${name.endsWith('.bak') ? '备份' : '临时'}文件（原文件完好）${removed ? '，已删除' : ''}`,
      ...(removed ? {} : { hint: '确认无误后删除此文件' }),
    });
  }
  settleGitLocks(root);
  for (const g of gitLockFiles(root)) {
    if (g.rel === '.git/index.lock' && removeStaleIndexLock(root)) {
      out.push({ code: 'git-lock', file: g.rel, line: 1, message: '被中断的 xinfang 留下的 git 锁文件，已删除' });
    } else if (Date.now() - g.mtimeMs > 60_000) {
      out.push({ code: 'git-lock', file: g.rel, line: 1, message: `git 的锁文件 ${g.rel} 一直存在，提交会失败`, hint: gitLockAdvice(g) });
    }
  }
  return out;
}

/** Removes a leftover temp of a process that is gone (not a reused pid), older than a minute; true when removed. */
function staleLeftover(path: string, pid: number | undefined): boolean {
  if (pid === undefined) return false;
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st || Date.now() - st.mtimeMs < 60_000) return false;
  const started = processStartMs(pid);
  if (ownerAlive({ pid, start: '', pgid: 0 }) && (started === undefined || started <= st.mtimeMs)) return false;
  rmSync(path, { force: true });
  return true;
}

function listTmp(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    if (e.name === '.git' || e.name === '.xinfang' || e.name === 'node_modules') continue;
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listTmp(root, p));
    else if (e.name.endsWith('.tmp') || (e.name.endsWith('.bak') && leftoverPid(e.name) !== undefined)) out.push(p);
  }
  return out;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}${p.hint ? `\n  提示：${p.hint}` : ''}`;
}
