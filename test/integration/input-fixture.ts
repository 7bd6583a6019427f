// Shared by the input-* tests: a small ledger with leaders, units, a roster and a few cases,
// and a snapshot of everything a command could write (files, git HEAD and status), to assert
// that a refused command (exit 2) wrote nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { git, newLedger, runIn, TEAM } from '../helpers/index.js';

export async function inputLedger(): Promise<string> {
  const root = await newLedger({ leaders: [...TEAM, ['李明', '副乡长', 'member']], units: ['民政办', '司法所'] });
  const x = async (args: string[]) => {
    const r = await runIn([...args, '--ledger', root]);
    if (r.code !== 0) throw new Error(`${args.join(' ')} → ${r.code}\n${r.stderr}`);
    return r;
  };
  await x(['roster', 'generate', '--month', '2026-11']);
  await x(['visit', 'add', '--date', '2026-11-20', '--name', '张秀英', '--phone', '13800138000', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '遗属抚恤金未发放', '--leader', 'L01']);
  await x(['letter', 'add', '--date', '2026-11-21', '--name', '李四', '--purpose', '咨询', '--category', '民政/优抚救济', '--summary', '咨询低保政策']);
  await x(['visit', 'add', '--date', '2026-11-23', '--name', '王五', '--name', '赵六', '--people', '6', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '集体反映道路问题', '--leader', 'L02']);
  await x(['case', 'accept', 'A0001', '--date', '2026-11-24']);
  await x(['case', 'transfer', 'A0001', '--unit', '民政办', '--date', '2026-11-24']);
  return root;
}

function walk(root: string, rel: string, out: Map<string, string>): void {
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (p === '.git' || p === '.xinfang') continue;
    const st = lstatSync(join(root, p));
    if (st.isDirectory()) {
      out.set(`${p}/`, 'dir');
      walk(root, p, out);
    } else out.set(p, st.isFile() ? createHash('sha256').update(readFileSync(join(root, p))).digest('hex') : 'other');
  }
}

/** Every file's hash (outside .git and .xinfang), git's HEAD and `git status --porcelain`. */
export function snapshot(root: string): { files: Map<string, string>; head: string; status: string } {
  const files = new Map<string, string>();
  walk(root, '', files);
  return { files, head: git(root, ['rev-parse', 'HEAD']), status: git(root, ['status', '--porcelain', '--untracked-files=all']) };
}

/** What differs between two snapshots (empty when nothing). */
export function changes(a: ReturnType<typeof snapshot>, b: ReturnType<typeof snapshot>): string[] {
  const out: string[] = [];
  for (const [k, v] of a.files) if (b.files.get(k) !== v) out.push(`${k} ${b.files.has(k) ? 'changed' : 'removed'}`);
  for (const k of b.files.keys()) if (!a.files.has(k)) out.push(`${k} added`);
  if (a.head !== b.head) out.push(`HEAD ${a.head.slice(0, 8)} → ${b.head.slice(0, 8)}`);
  if (a.status !== b.status) out.push(`git status: ${JSON.stringify(a.status)} → ${JSON.stringify(b.status)}`);
  return out;
}
