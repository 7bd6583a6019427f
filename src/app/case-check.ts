// Check rules for case files (cases/YYYY/ID.yaml): every file is read and validated
// (problems with file:line); its id must match its name and folder; merge conflicts kept
// as events are reported. Strict: every leader, unit and category it names exists, and
// event ids are unique. The rules visit each file as it is read (CASE_VISITORS); only a
// digest of each file is kept, for the comparison with the index.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_VISITORS, caseVisitors, LOADERS, RULES, type CaseVisitor, type CheckedCase, type CheckInput, type CheckLoader, type CheckRule, type Problem } from './check.js';
import { CaseFile } from '../domain/event-schemas.js';
import { findCategory } from '../domain/taxonomy.js';
import { CASES_DIR } from '../ledger/cases.js';
import { loadTaxonomy } from '../ledger/reference.js';
import { SqliteStore } from '../index/sqlite.js';
import { INDEX_FILE } from '../index/schema.js';
import { defaultToday } from '../index/open.js';
import { Ledger } from '../ledger/ledger.js';
import { digestOf, visitFiles, type CaseDigest, type FileOutcome } from './check-files.js';

type LoadedCase = CheckedCase;

/** A `merged` event as read: which case, into which, on which line. */
interface MergeRef {
  rel: string;
  id: string;
  into: string;
  line: number;
}

const KEY = 'caseDigests';
/** Progress is told every so many files (a county ledger holds 100,000). */
const PROGRESS_EVERY = 2000;
const loaded = (input: CheckInput) => (input.extra[KEY] as CaseDigest[] | undefined) ?? [];

export const CASE_LOADERS: CheckLoader[] = [
  {
    load: (input) => {
      const problems: Problem[] = [];
      const files: CaseDigest[] = [];
      input.extra[KEY] = files;
      const dir = join(input.root, CASES_DIR);
      if (!existsSync(dir)) return problems;
      // Every folder listed first: the progress knows the total.
      const folders: [string, string[]][] = [];
      for (const y of readdirSync(dir).sort()) {
        if (!/^\d{4}$/.test(y)) continue;
        try {
          folders.push([y, readdirSync(join(dir, y)).sort()]);
        } catch (e) {
          problems.push({ code: 'case-file-invalid', file: `${CASES_DIR}/${y}`, line: 1, message: `应为存放 ${y} 年案件的文件夹，但无法列出（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）` });
        }
      }
      const total = folders.reduce((n, [, names]) => n + names.length, 0);
      const isCase = (name: string) => name.endsWith('.yaml') && !name.startsWith('.');
      const rels = folders.flatMap(([y, names]) => names.filter(isCase).map((name) => `${CASES_DIR}/${y}/${name}`));
      // Read, parsed and visited in order — shared with a worker thread on a large ledger.
      const outcomes = visitFiles(input, caseVisitors(input), rels);
      try {
        let done = 0;
        for (const [, names] of folders) {
          for (const name of names) {
            if (++done % PROGRESS_EVERY === 0) input.progress?.('校验案件文件', done, total);
            if (!isCase(name)) continue;
            const f = outcomes.next().value as FileOutcome;
            problems.push(...f.problems);
            if (f.digest) files.push(f.digest);
          }
        }
        // The end: a shared read adds what the worker gathered.
        outcomes.next();
      } finally {
        outcomes.return(undefined);
      }
      if (total >= PROGRESS_EVERY) input.progress?.('校验案件文件', total, total);
      return problems;
    },
  },
];

function perCase(code: string, strict: boolean, fn: (c: LoadedCase, input: CheckInput) => Omit<Problem, 'code' | 'file'>[]): CaseVisitor {
  return { code, strict, visit: (c, input) => fn(c, input).map((p) => ({ code, file: c.rel, ...p })) };
}

/** Leaders (field path, id) referenced by a case. */
function leaderRefs(f: CaseFile): [(string | number)[], string][] {
  const out: [(string | number)[], string][] = [];
  if (f.receiver) out.push([['receiver'], f.receiver]);
  f.events.forEach((e, i) => {
    const at = (k: string): (string | number)[] => ['events', i, k];
    if ((e.type === 'registered' || e.type === 'visit') && e.receiver) out.push([at('receiver'), e.receiver]);
    if (e.type === 'assign' || e.type === 'instruct' || e.type === 'approve' || e.type === 'appointment') out.push([at('leader'), e.leader]);
    if (e.type === 'followup' && e.leader) out.push([at('leader'), e.leader]);
    if (e.type === 'extend' && e.approved_by) out.push([at('approved_by'), e.approved_by]);
  });
  return out;
}

function unitRefs(f: CaseFile): [(string | number)[], string][] {
  const out: [(string | number)[], string][] = [];
  f.events.forEach((e, i) => {
    if (e.type === 'transfer' || e.type === 'reply') out.push([['events', i, 'unit'], e.unit]);
    if (e.type === 'supervise' && e.unit) out.push([['events', i, 'unit'], e.unit]);
  });
  return out;
}

export const CASE_RULES: CaseVisitor[] = [
  perCase('case-id-mismatch', false, (c) => {
    const [, year, name] = c.rel.split('/');
    const out: Omit<Problem, 'code' | 'file'>[] = [];
    if (name !== `${c.file.id}.yaml`) out.push({ line: c.lineOf(['id']), message: `案件编号 ${c.file.id} 与文件名 ${name} 不一致`, hint: `文件应为 ${CASES_DIR}/${c.file.id.split('-')[1]}/${c.file.id}.yaml` });
    else if (year !== c.file.id.split('-')[1]) out.push({ line: c.lineOf(['id']), message: `案件 ${c.file.id} 放在了 ${year} 年的目录中` });
    return out;
  }),
  perCase('case-merge-conflict', false, (c) =>
    c.file.events.flatMap((e, i) =>
      e.type === 'merge-conflict'
        ? [{ line: c.lineOf(['events', i]), message: `合并冲突：${e.field} 保留了 ${JSON.stringify(e.kept)}，另一方为 ${JSON.stringify(e.other)}`, hint: `核对后用 xinfang case correct ${c.file.id} --field ${e.field} --value … --reason … 更正` }]
        : [],
    ),
  ),
  perCase('case-event-id-duplicate', true, (c) => {
    const seen = new Set<string>();
    return c.file.events.flatMap((e, i) => {
      if (!seen.has(e.id)) {
        seen.add(e.id);
        return [];
      }
      return [{ line: c.lineOf(['events', i, 'id']), message: `事件编号 ${e.id} 重复` }];
    });
  }),
  perCase('case-void-target', true, (c) =>
    c.file.events.flatMap((e, i) => {
      if (e.type !== 'void') return [];
      const t = c.file.events.findIndex((x) => x.id === e.event);
      if (t < 0 || t >= i) return [{ line: c.lineOf(['events', i, 'event']), message: `撤销记录指向的事件 ${e.event} 不在它之前` }];
      const target = c.file.events[t]!;
      if (target.type === 'registered' || target.type === 'void') return [{ line: c.lineOf(['events', i, 'event']), message: `撤销记录指向${target.type === 'registered' ? '登记' : '另一条撤销记录'}，这不能撤销` }];
      return [];
    }),
  ),
  perCase('case-leader-unknown', true, (c, input) => {
    const leaders = input.leaders?.leaders;
    if (!leaders) return [];
    return leaderRefs(c.file)
      .filter(([, id]) => !leaders.some((l) => l.id === id))
      .map(([path, id]) => ({ line: c.lineOf(path), message: `引用的领导“${id}”不在 leaders.yaml 中`, hint: '先用 xinfang leader add 添加，或改正编号' }));
  }),
  perCase('case-unit-unknown', true, (c, input) => {
    const units = input.units?.units;
    if (!units) return [];
    return unitRefs(c.file)
      .filter(([, id]) => !units.some((u) => u.id === id))
      .map(([path, id]) => ({ line: c.lineOf(path), message: `引用的承办单位“${id}”不在 units.yaml 中`, hint: '先用 xinfang unit add 添加，或改正编号' }));
  }),
  perCase('case-category-unknown', true, (c) => {
    const cat = findCategory(loadTaxonomy(), c.file.category.main);
    if (!cat) return [{ line: c.lineOf(['category', 'main']), message: `内容分类大类“${c.file.category.main}”不在分类目录中` }];
    if (!cat.items.includes(c.file.category.sub)) return [{ line: c.lineOf(['category', 'sub']), message: `内容分类小类“${c.file.category.sub}”不在“${cat.name}”之下` }];
    return [];
  }),
  // case merge: the original a duplicate was merged into must exist (judged once every file is read, by MERGE_RULES).
  {
    ...perCase('case-merged-unknown', true, (c, input) => {
      const merges = (input.extra.caseMerges as MergeRef[] | undefined) ?? (input.extra.caseMerges = []);
      c.file.events.forEach((e, i) => {
        if (e.type === 'merged') (merges as MergeRef[]).push({ rel: c.rel, id: c.file.id, into: e.into, line: c.lineOf(['events', i, 'into']) });
      });
      return [];
    }),
    merge: (into, from) => {
      const more = from.caseMerges as MergeRef[] | undefined;
      if (more?.length) into.caseMerges = [...((into.caseMerges as MergeRef[] | undefined) ?? []), ...more].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    },
  },
];

/** Rules on the whole set of case files, after they are read. */
export const MERGE_RULES: CheckRule[] = [
  {
    code: 'case-merged-unknown',
    strict: true,
    run: (input) => {
      const merges = (input.extra.caseMerges as MergeRef[] | undefined) ?? [];
      if (!merges.length) return [];
      const ids = new Set(loaded(input).map((x) => x.id));
      return merges.flatMap((m) => {
        if (m.into === m.id) return [{ code: 'case-merged-unknown', file: m.rel, line: m.line, message: `${m.id} 标记为并入它自己`, hint: '核对编号' }];
        if (!ids.has(m.into)) return [{ code: 'case-merged-unknown', file: m.rel, line: m.line, message: `并入的案件 ${m.into} 不存在`, hint: '核对编号；并入的案件不再单独统计，原案不存在时它的登记就没有计入任何案件' }];
        return [];
      });
    },
  },
];

CASE_VISITORS.push(...CASE_RULES);
RULES.push(...MERGE_RULES);
LOADERS.push(...CASE_LOADERS);

/**
 * The index against the files: a row for every readable case file holding exactly that
 * file, and no row without a file. What differs (a file edited in place by another
 * program, which the index does not see until now) is reported and the row is brought up
 * to date at once, so the next check is clean. Runs only where an index exists.
 */
export const INDEX_RULES: CheckRule[] = [
  {
    code: 'index-stale',
    run: (input) => {
      if (process.env.XINFANG_INDEX === 'off' || !existsSync(join(input.root, '.xinfang', INDEX_FILE)) || !input.config) return [];
      const files = new Map(loaded(input).map((c) => [c.rel, c.digest]));
      let store: SqliteStore;
      try {
        store = SqliteStore.open(Ledger.open(input.root), { today: defaultToday() });
      } catch {
        return []; // the case files' own problems are reported by the rules above
      }
      const stale: string[] = [];
      const orphans: string[] = [];
      const seen = new Set<string>();
      const total = store.count();
      store.eachRow((r) => {
        seen.add(r.rel);
        if (seen.size % PROGRESS_EVERY === 0) input.progress?.('对照案件索引', seen.size, total);
        const f = files.get(r.rel);
        if (!f) {
          if (!existsSync(join(input.root, r.rel))) orphans.push(r.rel);
        } else if (digestOf(r.doc) !== f) stale.push(r.rel);
      });
      if (total >= PROGRESS_EVERY) input.progress?.('对照案件索引', total, total);
      for (const rel of files.keys()) if (!seen.has(rel)) stale.push(rel);
      try {
        if (stale.length || orphans.length) store.written([...stale, ...orphans]);
      } finally {
        store.close();
      }
      return [
        ...stale.map((rel) => ({ code: 'index-stale', file: rel, line: 1, message: '案件索引中的内容与文件不一致（文件在 xinfang 之外被原地修改过）', hint: '已按文件更新索引；也可运行 xinfang reindex 全部重建' })),
        ...orphans.map((rel) => ({ code: 'index-stale', file: rel, line: 1, message: '案件索引中有此案件，但文件已不存在', hint: '已从索引中删除；也可运行 xinfang reindex 全部重建' })),
      ];
    },
  },
];
RULES.push(...INDEX_RULES);
