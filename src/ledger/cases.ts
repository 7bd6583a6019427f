// Case files on disk: cases/YYYY/CODE-YYYY-S0001.yaml. A new number is taken by linking a
// fully written temp file to its final name — link() fails when the name exists — so two
// processes never take the same number and no reader ever sees half a case. Events are
// appended under a per-case lock. Many-case reads go through the index cache.
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
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

/** Writes a new case file under the next free number; returns its id. */
export function createCase(root: string, code: string, year: number, station: string, build: (id: string) => CaseFile): { id: string; rel: string } {
  const dir = join(root, CASES_DIR, String(year));
  mkdirSync(dir, { recursive: true });
  const re = caseIdPattern(code, year, station);
  let seq = 0;
  for (const f of readdirSync(dir)) {
    const m = re.exec(f);
    if (m) seq = Math.max(seq, Number(m[1]));
  }
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
    } finally {
      unlinkSync(tmp);
    }
  }
  throw new Error('无法分配案件编号');
}

export function readCaseText(rel: string, text: string): CaseFile {
  const r = parseYamlText(rel, text, CaseFile);
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

// ---- the index cache: .xinfang/index.json, one parsed case per file, keyed by mtime and size.

interface IndexEntry {
  mtimeMs: number;
  size: number;
  file: CaseFile;
}
interface IndexDoc {
  version: 1;
  entries: Record<string, IndexEntry>;
}

const INDEX = join('.xinfang', 'index.json');

function readIndex(root: string): IndexDoc {
  try {
    const doc = JSON.parse(readFileSync(join(root, INDEX), 'utf8')) as IndexDoc;
    if (doc.version === 1 && doc.entries) return doc;
  } catch {
    /* absent or broken: rebuilt */
  }
  return { version: 1, entries: {} };
}

/** All case files, parsed; only files changed since the index was written are re-read. */
export function loadCaseFiles(root: string, opts: { rebuild?: boolean } = {}): CaseFile[] {
  const old = opts.rebuild ? { version: 1 as const, entries: {} } : readIndex(root);
  const next: IndexDoc = { version: 1, entries: {} };
  let dirty = false;
  const problems: LedgerFileError['problems'] = [];
  for (const rel of listCaseFiles(root)) {
    const st = statSync(join(root, rel));
    const prev = old.entries[rel];
    if (prev && prev.mtimeMs === st.mtimeMs && prev.size === st.size) {
      next.entries[rel] = prev;
      continue;
    }
    dirty = true;
    try {
      next.entries[rel] = { mtimeMs: st.mtimeMs, size: st.size, file: readCaseText(rel, readFileSync(join(root, rel), 'utf8')) };
    } catch (e) {
      if (e instanceof LedgerFileError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new LedgerFileError(problems);
  if (dirty || Object.keys(old.entries).length !== Object.keys(next.entries).length) {
    try {
      writeFileAtomic(join(root, INDEX), JSON.stringify(next));
    } catch {
      /* the cache is optional */
    }
  }
  return Object.values(next.entries).map((e) => e.file);
}
