// Check rules for damage that the schemas alone do not see: an office file that was deleted
// while other files still name what it held (leaders.yaml gone, rosters and cases still
// naming L01–L04), and registration texts beyond the limits every command enforces
// (src/domain/input.ts) — a hand edit that puts a 16,000-character name or a control
// character into a case file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseVisitor, CheckInput, CheckRule, Problem } from './check.js';
import type { CaseFile } from '../domain/events.js';
import { PEOPLE_MAX, textProblem, type TextKind } from '../domain/input.js';
import { LEADERS_FILE, UNITS_FILE } from '../ledger/ledger.js';
import type { RosterFile } from '../ledger/roster-file.js';

interface Loaded<T> {
  rel: string;
  file: T;
  lineOf: (path: (string | number)[]) => number;
}
// What the roster loader read (roster-check.ts); of the cases, what INPUT_CASE_VISITORS collected.
interface CaseRefs {
  leaders: Map<string, string[]>;
  units: Map<string, string[]>;
}
const refsOf = (input: CheckInput): CaseRefs => (input.extra.caseRefs as CaseRefs | undefined) ?? { leaders: new Map(), units: new Map() };
const rosters = (input: CheckInput) => (input.extra.rosterFiles as Loaded<RosterFile>[] | undefined) ?? [];

function leaderIds(f: CaseFile): string[] {
  const out: string[] = [];
  if (f.receiver) out.push(f.receiver);
  for (const e of f.events) {
    if ((e.type === 'registered' || e.type === 'visit') && e.receiver) out.push(e.receiver);
    if (e.type === 'assign' || e.type === 'instruct' || e.type === 'approve' || e.type === 'appointment') out.push(e.leader);
    if (e.type === 'followup' && e.leader) out.push(e.leader);
    if (e.type === 'extend' && e.approved_by) out.push(e.approved_by);
  }
  return out;
}

function unitIds(f: CaseFile): string[] {
  return f.events.flatMap((e) => (e.type === 'transfer' || e.type === 'reply' || (e.type === 'supervise' && e.unit) ? [e.unit] : []));
}

/** "cases/2026/QS-2026-A0001.yaml 等 3 个文件" */
function where(files: string[]): string {
  return files.length <= 2 ? files.join('、') : `${files.slice(0, 2).join('、')} 等 ${files.length} 个文件`;
}

export const INPUT_RULES: CheckRule[] = [
  {
    code: 'office-file-missing',
    run: (input) => {
      const out: Problem[] = [];
      if (!existsSync(join(input.root, LEADERS_FILE))) {
        const ids = new Set<string>();
        const files: string[] = [];
        const rulesNaming = (input.config?.schedule.rules ?? []).filter((r) => r.pool.leaders?.length);
        for (const r of rulesNaming) for (const id of r.pool.leaders!) ids.add(id);
        if (rulesNaming.length) files.push('xinfang.yaml');
        for (const r of rosters(input)) {
          if (!r.file.slots.length && !r.file.held.length) continue;
          files.push(r.rel);
          for (const s of r.file.slots) ids.add(s.leader);
        }
        for (const [rel, refs] of refsOf(input).leaders) {
          files.push(rel);
          for (const id of refs) ids.add(id);
        }
        if (files.length) {
          const shown = [...ids].sort();
          out.push({
            code: 'office-file-missing',
            file: LEADERS_FILE,
            line: 1,
            message: `文件不存在，但 ${where(files)} 引用了领导 ${shown.slice(0, 8).join('、')}${shown.length > 8 ? ` 等 ${shown.length} 位` : ''}`,
            hint: '从 git 恢复：git checkout -- leaders.yaml（或 git log -- leaders.yaml 找回），再运行 xinfang check',
          });
        }
      }
      if (!existsSync(join(input.root, UNITS_FILE))) {
        const ids = new Set<string>();
        const files: string[] = [];
        for (const [rel, refs] of refsOf(input).units) {
          files.push(rel);
          for (const id of refs) ids.add(id);
        }
        if (files.length) {
          out.push({
            code: 'office-file-missing',
            file: UNITS_FILE,
            line: 1,
            message: `文件不存在，但 ${where(files)} 引用了承办单位 ${[...ids].sort().slice(0, 8).join('、')}`,
            hint: '从 git 恢复：git checkout -- units.yaml（或 git log -- units.yaml 找回），再运行 xinfang check',
          });
        }
      }
      return out;
    },
  },
];

/** Rules on each case file as check reads it. */
export const INPUT_CASE_VISITORS: CaseVisitor[] = [
  {
    // The leaders and units each case names, kept only while leaders.yaml or units.yaml is missing.
    code: 'office-file-missing',
    visit: (c, input) => {
      let refs = input.extra.caseRefs as (CaseRefs & { want: { leaders: boolean; units: boolean } }) | undefined;
      if (!refs) {
        refs = { leaders: new Map(), units: new Map(), want: { leaders: !existsSync(join(input.root, LEADERS_FILE)), units: !existsSync(join(input.root, UNITS_FILE)) } };
        input.extra.caseRefs = refs;
      }
      if (refs.want.leaders) {
        const ids = leaderIds(c.file);
        if (ids.length) refs.leaders.set(c.rel, ids);
      }
      if (refs.want.units) {
        const ids = unitIds(c.file);
        if (ids.length) refs.units.set(c.rel, ids);
      }
      return [];
    },
    merge: (into, from) => {
      type Gathered = CaseRefs & { want: { leaders: boolean; units: boolean } };
      const more = from.caseRefs as Gathered | undefined;
      if (!more) return;
      const have = into.caseRefs as Gathered | undefined;
      // In the files' order, as one thread gathers them.
      const inOrder = (a: Map<string, string[]>, b: Map<string, string[]>) => new Map([...a, ...b].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
      into.caseRefs = have ? { leaders: inOrder(have.leaders, more.leaders), units: inOrder(have.units, more.units), want: have.want } : more;
    },
  },
  {
    code: 'case-field-limit',
    visit: (c) => {
      const f = c.file;
      const fields: [(string | number)[], string, TextKind][] = [
        [['summary'], f.summary, 'text'],
        [['respondent'], f.respondent, 'line'],
        [['locality'], f.locality, 'line'],
        [['opinion'], f.opinion, 'text'],
        [['source'], f.source, 'line'],
        ...f.petitioners.flatMap((p, i): [(string | number)[], string, TextKind][] => [
          [['petitioners', i, 'name'], p.name, 'name'],
          [['petitioners', i, 'address'], p.address, 'line'],
          [['petitioners', i, 'phone'], p.phone, 'ref'],
          [['petitioners', i, 'id_number'], p.id_number, 'ref'],
        ]),
      ];
      const out: Problem[] = [];
      if (f.people > PEOPLE_MAX) out.push({ code: 'case-field-limit', file: c.rel, line: c.lineOf(['people']), message: `people：人数 ${f.people} 超过上限 ${PEOPLE_MAX}` });
      for (const [path, value, kind] of fields) {
        const p = value ? textProblem(value, kind) : undefined;
        if (p) out.push({ code: 'case-field-limit', file: c.rel, line: c.lineOf(path), message: `${path.join('.').replace(/\.(\d+)\./g, '[$1].')}：${p}`, hint: '登记命令不会接受这样的值；请改正（xinfang case correct，或直接编辑文件）' });
      }
      return out;
    },
  },
];
