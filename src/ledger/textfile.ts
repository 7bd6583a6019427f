// Reading one text file of the ledger, for every reader (yamlfile.ts, cases.ts, the index,
// check): what is not a readable UTF-8 file is a problem of that file (file:line), never an
// exception. A folder where a file should be (cases/2026/QS-2026-A0009.yaml/), bytes that
// are not UTF-8 (which Node would silently turn into U+FFFD, and a later write would keep),
// a file that cannot be opened.
import { readFileSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface TextProblem {
  file: string;
  line: number;
  message: string;
}

export type TextRead = { ok: true; text: string } | { ok: false; gone: boolean; problem: TextProblem };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Byte offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + len > n) return i;
    const c1 = b[i + 1]!;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

/** The text of bytes that must be UTF-8, or the line of the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: TextProblem } {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 10) line++;
    return { ok: false, problem: { file, line, message: `不是有效的 UTF-8 文本（第 ${at + 1} 个字节起无法识别；请用 UTF-8 编码保存此文件，不要用 GBK 等编码）` } };
  }
}

/** Reads `rel` under `root` as UTF-8; a problem names the file (and the line of bad bytes). `gone`: the file does not exist. */
export function readLedgerText(root: string, rel: string): TextRead {
  const path = join(root, rel);
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, gone: false, problem: { file: rel, line: 1, message: '是一个文件夹，不是文件（与文件同名的文件夹，请改名或移走）' } };
    if (!st.isFile()) return { ok: false, gone: false, problem: { file: rel, line: 1, message: '不是普通文件（设备、管道等）' } };
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, gone: true, problem: { file: rel, line: 1, message: '文件不存在' } };
    return { ok: false, gone: false, problem: { file: rel, line: 1, message: `无法读取（${code ?? (e as Error).message}）` } };
  }
  const d = decodeUtf8(rel, bytes);
  return d.ok ? { ok: true, text: d.text } : { ok: false, gone: false, problem: d.problem };
}

/** File systems whose files are not documents (/proc, /sys …): nothing of ours is written there. */
const PSEUDO_FS = new Set([0x9fa0 /* proc */, 0x62656572 /* sysfs */, 0x1cd1 /* devpts */, 0x27e0eb /* cgroup */, 0x63677270 /* cgroup2 */, 0x64626720 /* debugfs */, 0x73636673 /* securityfs */]);

/** True when the (existing) folder is on /proc, /sys or the like. */
export function onPseudoFs(dir: string): boolean {
  try {
    return PSEUDO_FS.has(Number(statfsSync(dir).type));
  } catch {
    return false; // statfs unsupported: not known to be one
  }
}
