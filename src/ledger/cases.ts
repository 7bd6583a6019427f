// Case files on disk: cases/YYYY/CODE-YYYY-S0001.yaml. A new number is taken by linking a
// fully written temp file to its final name — link() fails when the name exists — so two
// processes never take the same number and no reader ever sees half a case. Events are
// appended under a per-case lock. Every write commits or is undone (txn.ts). Many-case
// reads go through the index (src/index/).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseFile } from '../domain/events.js';
import { onDemand } from './on-demand.js';
import { checkCaseFile } from '../domain/case-fast.js';
import { LedgerFileError } from '../errors.js';
import { parseYamlText, toYaml } from './yamlfile.js';
import { fastYaml } from './fastyaml.js';
import { NameTaken, writeFiles, type CommitSpec, type PlannedFile } from './txn.js';
import { withLock } from './lock.js';
import { readLedgerText } from './textfile.js';

export const CASES_DIR = 'cases';

export function caseRel(id: string): string {
  const year = id.split('-')[1];
  return `${CASES_DIR}/${year}/${id}.yaml`;
}

export function caseIdPattern(code: string, year: number, station: string): RegExp {
  return new RegExp(`^${code}-${year}-${station}(\\d+)\\.yaml$`);
}

/**
 * Writes a new case file under the next free number (and commits it when `commit` gives how);
 * returns its id. `after`: the highest number the caller knows of (from the index) — the
 * folder is then not listed unless that number turns out to be taken. The file is linked to
 * its name only when complete (txn.ts: a taken number is tried again with the next); a failed
 * commit removes it again, so a number is never left behind uncommitted.
 */
export function createCase(
  root: string,
  code: string,
  year: number,
  station: string,
  build: (id: string) => CaseFile,
  after?: number,
  commit?: (id: string) => CommitSpec | undefined,
): { id: string; rel: string } {
  const dir = join(root, CASES_DIR, String(year));
  mkdirSync(dir, { recursive: true });
  const highest = (): number => {
    const re = caseIdPattern(code, year, station);
    let n = 0;
    for (const f of readdirSync(dir)) {
      const m = re.exec(f);
      if (m) n = Math.max(n, Number(m[1]));
    }
    return n;
  };
  let seq = after ?? highest();
  let listed = after === undefined;
  for (let attempt = 0; attempt < 1000; attempt++) {
    seq += 1;
    const id = `${code}-${year}-${station}${String(seq).padStart(4, '0')}`;
    const text = toYaml(caseSchemas().CaseFile.parse(build(id)));
    try {
      writeFiles(root, [{ rel: caseRel(id), text, create: true }], commit?.(id));
      return { id, rel: caseRel(id) };
    } catch (e) {
      if (!(e instanceof NameTaken)) throw e;
      // The hint was behind the folder (another program added cases): list it once.
      if (!listed) {
        listed = true;
        seq = Math.max(seq, highest());
      }
    }
  }
  throw new Error('无法分配案件编号');
}

/** The zod schemas of the case file and its events, loaded when first needed (on-demand.ts). */
export function caseSchemas(): { CaseFile: typeof import('../domain/event-schemas.js').CaseFile; Event: typeof import('../domain/event-schemas.js').Event } {
  return onDemand('validate-files');
}

/** Parses a case file (the fast reader for what xinfang writes, else the full parser with file:line messages). */
export function parseCaseText(rel: string, text: string): { ok: true; value: CaseFile } | { ok: false; problems: LedgerFileError['problems'] } {
  // The usual file: the fast reader and the fast check (the same value zod gives); anything
  // they are not sure of goes through the full path, which also gives the messages.
  const fast = fastYaml(text);
  const checked = fast === undefined ? undefined : checkCaseFile(fast);
  if (checked) return { ok: true, value: checked };
  const r = parseYamlText(rel, text, caseSchemas().CaseFile);
  return r.ok ? { ok: true, value: r.value } : r;
}

export function readCaseText(rel: string, text: string): CaseFile {
  const r = parseCaseText(rel, text);
  if (!r.ok) throw new LedgerFileError(r.problems);
  return r.value;
}

/** Where a case file's id disagrees with its name or folder (the index and check say the same). */
export function caseIdProblem(rel: string, file: CaseFile): LedgerFileError['problems'][number] | undefined {
  const [, year, name] = rel.split('/');
  if (name !== `${file.id}.yaml`) return { file: rel, line: 1, message: `id: 案件编号 ${file.id} 与文件名 ${name} 不一致（请改正其一；xinfang check 列出此类问题）` };
  if (year !== file.id.split('-')[1]) return { file: rel, line: 1, message: `id: 案件编号 ${file.id} 的年份与所在文件夹 ${year} 不一致` };
  return undefined;
}

/**
 * The case of that number, or null when it has no file. What is there but is not its case
 * file — a folder of that name, bytes that are not UTF-8, a file holding another id — is a
 * LedgerFileError naming the file.
 */
export function readCase(root: string, id: string): CaseFile | null {
  const rel = caseRel(id);
  const t = readLedgerText(root, rel);
  if (!t.ok) {
    if (t.gone) return null;
    throw new LedgerFileError([t.problem]);
  }
  const file = readCaseText(rel, t.text);
  const bad = caseIdProblem(rel, file);
  if (bad) throw new LedgerFileError([bad]);
  return file;
}

/**
 * Read-modify-write of one case under its lock; `change` returns the new file. The commit
 * (`commit` says how; undefined: no commit) is made still holding the lock, so that each
 * change is committed on its own: a second writer cannot slip its event into the first
 * one's commit. `extra`: files written in the same change (an attachment). A failed commit
 * puts every file back as it was (txn.ts) and throws.
 */
export function updateCase(root: string, id: string, change: (c: CaseFile) => CaseFile, commit?: (c: CaseFile) => CommitSpec | undefined, extra: PlannedFile[] = []): CaseFile {
  return withLock(root, `case-${id}`, () => {
    const cur = readCase(root, id);
    if (!cur) throw new Error(`案件 ${id} 不存在`);
    const next = caseSchemas().CaseFile.parse(change(cur));
    writeFiles(root, [{ rel: caseRel(id), text: toYaml(next) }, ...extra], commit?.(next));
    return next;
  });
}

/**
 * The case file that holds `id:` ID under another name (a renamed or hand-copied file), for
 * the message of a case not found. Read only on that error path.
 */
export function fileHoldingCaseId(root: string, id: string): string | undefined {
  const re = new RegExp(`^id:\\s*["']?${id.replace(/[^A-Z0-9-]/g, '')}["']?\\s*$`, 'm');
  for (const rel of listCaseFiles(root)) {
    if (rel === caseRel(id)) continue;
    const t = readLedgerText(root, rel);
    if (t.ok && re.test(t.text)) return rel;
  }
  return undefined;
}

/** Every case file path, relative to the ledger. */
export function listCaseFiles(root: string): string[] {
  const dir = join(root, CASES_DIR);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const y of readdirSync(dir).sort()) {
    if (!/^\d{4}$/.test(y)) continue;
    let names: string[];
    try {
      names = readdirSync(join(dir, y)).sort();
    } catch {
      continue; // cases/2026 is a file, not a folder: no case files in it (check reports it)
    }
    for (const f of names) if (f.endsWith('.yaml') && !f.startsWith('.')) out.push(`${CASES_DIR}/${y}/${f}`);
  }
  return out;
}

/** Every case file, read and validated (the full re-read; daily commands ask the index instead). */
export function loadCaseFiles(root: string): CaseFile[] {
  const problems: LedgerFileError['problems'] = [];
  const out: CaseFile[] = [];
  for (const rel of listCaseFiles(root)) {
    const t = readLedgerText(root, rel);
    if (!t.ok) {
      if (!t.gone) problems.push(t.problem);
      continue;
    }
    const r = parseCaseText(rel, t.text);
    if (r.ok) out.push(r.value);
    else problems.push(...r.problems);
  }
  if (problems.length) throw new LedgerFileError(problems);
  return out;
}
