// Reading case files for the index: text → validated case file → row. Used in-process for a
// few files and by the worker threads of a full rebuild.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileProblem } from '../ledger/yamlfile.js';
import { parseCaseText } from '../ledger/cases.js';
import { decodeUtf8 } from '../ledger/textfile.js';
import { deriveRow, type CaseRow, type DeriveEnv } from './derive.js';

export type Parsed = { rel: string; mtime: number; size: number; row: CaseRow; doc: string } | { rel: string; problems: FileProblem[] } | { rel: string; gone: true };

export function parseFile(root: string, rel: string, env: DeriveEnv): Parsed {
  let bytes: Buffer;
  let mtime: number;
  let size: number;
  try {
    // One open: the size, time and bytes are those of one and the same file.
    const fd = openSync(join(root, rel), 'r');
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) return { rel, problems: [{ file: rel, line: 1, message: '不是文件（案件文件夹中有同名的文件夹）' }] };
      mtime = st.mtimeMs;
      size = st.size;
      bytes = Buffer.allocUnsafe(size);
      let got = 0;
      for (let n = 1; got < size && n > 0; got += n) n = readSync(fd, bytes, got, size - got, got);
      if (got < size) bytes = bytes.subarray(0, got);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { rel, gone: true };
    if (isDirectory(join(root, rel))) return { rel, problems: [{ file: rel, line: 1, message: '不是文件（案件文件夹中有同名的文件夹）' }] };
    return { rel, problems: [{ file: rel, line: 1, message: `无法读取（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）` }] };
  }
  // Bytes that are not UTF-8 are a problem of the file, not text with U+FFFD in it (textfile.ts).
  let text: string;
  if (isUtf8(bytes)) {
    text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // as TextDecoder: the BOM is not text
  } else {
    const d = decodeUtf8(rel, bytes);
    if (!d.ok) return { rel, problems: [d.problem] };
    text = d.text;
  }
  const r = parseCaseText(rel, text);
  if (!r.ok) return { rel, problems: r.problems };
  const expected = rel.split('/').pop()!.replace(/\.yaml$/, '');
  if (r.value.id !== expected) return { rel, problems: [{ file: rel, line: 1, message: `id: 案件编号 ${r.value.id} 与文件名 ${expected} 不一致`, field: 'id' }] };
  if (rel.split('/')[1] !== r.value.id.split('-')[1]) return { rel, problems: [{ file: rel, line: 1, message: `id: 案件编号 ${r.value.id} 的年份与所在文件夹 ${rel.split('/')[1]} 不一致`, field: 'id' }] };
  return { rel, mtime, size, row: deriveRow(r.value, env), doc: JSON.stringify(r.value) };
}

/** A folder where a file should be (where opening it fails, as on Windows). */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
