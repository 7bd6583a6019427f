// Case files on disk: cases/YYYY/CODE-YYYY-S0001.yaml. A new number is taken by linking a
// fully written temp file to its final name — link() fails when the name exists — so two
// processes never take the same number and no reader ever sees half a case. Events are
// appended under a per-case lock. Many-case reads go through the index (src/index/).
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CaseFile } from '../domain/events.js';
import { LedgerFileError } from '../errors.js';
import { parseYamlText, toYaml, writeFileAtomic, writeTempFile } from './yamlfile.js';
import { withLock } from './lock.js';

export const CASES_DIR = 'cases';

export function caseRel(id: string): string {
  const year = id.split('-')[1];
  return `${CASES_DIR}/${year}/${id}.yaml`;
}

export function caseIdPattern(code: string, year: number, station: string): RegExp {
  return new RegExp(`^${code}-${year}-${station}(\\d+)\\.yaml$`);
}

/**
 * Writes a new case file under the next free number; returns its id. `after`: the highest
 * number the caller knows of (from the index) — the folder is then not listed unless that
 * number turns out to be taken.
 */
export function createCase(root: string, code: string, year: number, station: string, build: (id: string) => CaseFile, after?: number): { id: string; rel: string } {
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
    const text = toYaml(CaseFile.parse(build(id)));
    const tmp = writeTempFile(join(dir, `.${id}`), text);
    try {
      linkSync(tmp, join(dir, `${id}.yaml`));
      return { id, rel: caseRel(id) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // The hint was behind the folder (another program added cases): list it once.
      if (!listed) {
        listed = true;
        seq = Math.max(seq, highest());
      }
    } finally {
      unlinkSync(tmp);
    }
  }
  throw new Error('无法分配案件编号');
}

/** Parses a case file (the fast reader for what xinfang writes, else the full parser with file:line messages). */
export function parseCaseText(rel: string, text: string): { ok: true; value: CaseFile } | { ok: false; problems: LedgerFileError['problems'] } {
  const r = parseYamlText(rel, text, CaseFile);
  return r.ok ? { ok: true, value: r.value } : r;
}

export function readCaseText(rel: string, text: string): CaseFile {
  const r = parseCaseText(rel, text);
  if (!r.ok) throw new LedgerFileError(r.problems);
  return r.value;
}

export function readCase(root: string, id: string): CaseFile | null {
  const rel = caseRel(id);
  const path = join(root, rel);
  if (!existsSync(path)) return null;
  return readCaseText(rel, readFileSync(path, 'utf8'));
}

/**
 * Read-modify-write of one case under its lock; `change` returns the new file. `after`
 * (the commit) runs still holding the lock, so that each change is committed on its own:
 * a second writer cannot slip its event into the first one's commit.
 */
export function updateCase(root: string, id: string, change: (c: CaseFile) => CaseFile, after?: (c: CaseFile) => void): CaseFile {
  return withLock(root, `case-${id}`, () => {
    const cur = readCase(root, id);
    if (!cur) throw new Error(`案件 ${id} 不存在`);
    const next = CaseFile.parse(change(cur));
    writeFileAtomic(join(root, caseRel(id)), toYaml(next));
    after?.(next);
    return next;
  });
}

/** Every case file path, relative to the ledger. */
export function listCaseFiles(root: string): string[] {
  const dir = join(root, CASES_DIR);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const y of readdirSync(dir).sort()) {
    if (!/^\d{4}$/.test(y)) continue;
    for (const f of readdirSync(join(dir, y)).sort()) if (f.endsWith('.yaml') && !f.startsWith('.')) out.push(`${CASES_DIR}/${y}/${f}`);
  }
  return out;
}

/** Every case file, read and validated (the full re-read; daily commands ask the index instead). */
export function loadCaseFiles(root: string): CaseFile[] {
  const problems: LedgerFileError['problems'] = [];
  const out: CaseFile[] = [];
  for (const rel of listCaseFiles(root)) {
    const r = parseCaseText(rel, readFileSync(join(root, rel), 'utf8'));
    if (r.ok) out.push(r.value);
    else problems.push(...r.problems);
  }
  if (problems.length) throw new LedgerFileError(problems);
  return out;
}
