// -o FILE must never be turned against the ledger: written into a ledger (any folder that
// holds xinfang.yaml — this office's, an included one, or another), it could replace a case,
// xinfang.yaml or a committed notice with a report. Inside a ledger, output may go only to
// its output folders, and never over a file the ledger has committed. Checked by
// checkOutputPath (opts.ts) after resolving symlinks and `..`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { InputError } from '../errors.js';
import { ledgersHolding, realPath } from '../paths.js';

/** The folders of a ledger that output may be written to: reports, 告知书 and 督办通知, 公示. */
export const OUTPUT_FOLDERS = ['reports', 'notices', '公示'] as const;

const FOLDERS_ZH = OUTPUT_FOLDERS.map((f) => `${f}/`).join('、');

function committed(root: string, rel: string): boolean {
  if (!existsSync(join(root, '.git'))) return false;
  // node:child_process loaded here, not with every command that checks its options.
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const r = spawnSync('git', ['ls-files', '--error-unmatch', '--', rel.split(sep).join('/')], { cwd: root, stdio: 'ignore' });
  return r.status === 0;
}

/** Refuses (exit 2) an output file inside a ledger, except a new or uncommitted file in its output folders. */
export function refuseLedgerTarget(file: string, field = '-o（输出文件）'): void {
  const real = realPath(file);
  for (const { root, rel } of ledgersHolding(real)) {
    const top = rel.split(sep)[0]!;
    const via = real === file ? '' : `（实际位置 ${real}）`;
    if (!(OUTPUT_FOLDERS as readonly string[]).includes(top) || rel === top) {
      throw new InputError(
        `${field}${file}${via} 在台账 ${root} 之内（${rel}），不能写入：台账的文件不会被覆盖。请写到台账以外，或台账的 ${FOLDERS_ZH} 文件夹中（如 -o ${join(root, 'reports', '输出文件名')}）`,
        'output_in_ledger',
      );
    }
    if (existsSync(real) && committed(root, rel)) {
      throw new InputError(`${field}${file}${via} 是台账已提交的文件（${rel}），不会覆盖；请换一个文件名`, 'output_in_ledger');
    }
  }
}
