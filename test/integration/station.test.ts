// Each machine's clone has its own station letter, so that two machines never number two
// cases alike. A clone without one is asked for it before it can register anything; setup
// warns when the letter is already in the ledger's case numbers.
import { describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { git, newLedger, runIn, tempDir } from '../helpers/index.js';

describe('station letters', () => {
  it('a fresh clone must run setup before registering; setup warns about a letter in use', async () => {
    const A = await newLedger();
    expect((await runIn(['leader', 'add', '--name', '张志强', '--title', '党委副书记', '--role', 'member'], { cwd: A })).code).toBe(0);
    const reg = (cwd: string) => runIn(['visit', 'add', '--name', '张三', '--purpose', '求决', '--category', '民政', '--summary', '低保', '--leader', '张志强', '--json'], { cwd });
    expect((await reg(A)).code).toBe(0);
    const B = join(tempDir(), 'clone');
    git(A, ['clone', '-q', A, B]);
    expect(existsSync(join(B, '.xinfang'))).toBe(false);
    const refused = await reg(B);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('xinfang setup --station');
    expect(git(B, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    const same = await runIn(['setup', '--station', 'A'], { cwd: B });
    expect(same.code).toBe(0);
    expect(same.stderr).toContain('QS-2026-A0001');
    rmSync(join(B, '.xinfang'), { recursive: true });
    const other = await runIn(['setup', '--station', 'B'], { cwd: B });
    expect(other.stderr).toBe('');
    const ok = await reg(B);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).case.id).toBe('QS-2026-B0001');
  });
});
