// `check` compares the case index with the files: a case file edited in place by another
// program (same size, its old modification time put back — nothing the index's freshness
// check can see) is reported as index-stale and its row repaired, so that the next check is
// clean and lists answer from the file; a row whose file is gone is reported and removed.
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newLedger, runIn, TEAM } from '../helpers/index.js';

describe('check and the index', () => {
  it('finds a row that differs from its file, repairs it, and is clean the next time', async () => {
    const root = await newLedger({ leaders: TEAM });
    const add = await runIn(['visit', 'add', '--name', '张三', '--phone', '13800000000', '--purpose', '求决', '--category', '民政', '--summary', '低保停发', '--leader', '张志强', '--no-input'], { cwd: root });
    expect(add.code, add.stderr).toBe(0);
    expect((await runIn(['case', 'list', '--json'], { cwd: root })).stdout).toContain('低保停发');
    const f = join(root, 'cases', '2026', 'QS-2026-A0001.yaml');
    const st = statSync(f);
    // Same byte length (two CJK characters for two), same mtime: invisible to the freshness check.
    writeFileSync(f, readFileSync(f, 'utf8').replace('低保停发', '低保停止'));
    utimesSync(f, st.atime, st.mtime);
    expect((await runIn(['case', 'list', '--json'], { cwd: root })).stdout).toContain('低保停发'); // the stale row

    const c1 = await runIn(['check', '--json'], { cwd: root });
    expect(c1.code).toBe(1);
    const problems = JSON.parse(c1.stdout).problems as { code: string; file: string }[];
    expect(problems.filter((p) => p.code === 'index-stale').map((p) => p.file)).toEqual(['cases/2026/QS-2026-A0001.yaml']);

    expect((await runIn(['case', 'list', '--json'], { cwd: root })).stdout).toContain('低保停止');
    const c2 = await runIn(['check'], { cwd: root });
    expect(c2.code, c2.stdout + c2.stderr).toBe(0);
  });
});
