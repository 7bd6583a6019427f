// A ledger made before repeats were scored by weighted words holds `intake.similarity: 0.5`
// (the old character-pair threshold) and no `possible`. That number means nothing to the
// new score: such a ledger must still recognise a reworded repeat, and `check` must say
// what to change — an office that upgrades does not silently lose 重复信访 recognition.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newLedger, run, TEAM } from '../helpers/index.js';
import { makeId } from '../helpers/ids.js';

const ID = makeId('511102', '1949-12-31', '002');

describe('a ledger with the old similarity setting', () => {
  it('recognises a reworded repeat with the new defaults and check names the setting', { timeout: 120_000 }, async () => {
    const L = await newLedger();
    for (const [name, title, role] of TEAM) expect(run(['leader', 'add', '--name', name, '--title', title, '--role', role], { cwd: L }).code).toBe(0);
    const cfg = join(L, 'xinfang.yaml');
    const text = readFileSync(cfg, 'utf8');
    expect(text).toMatch(/similarity: 0\.28\n\s*possible: 0\.24/);
    writeFileSync(cfg, text.replace(/similarity: 0\.28\n(\s*)possible: 0\.24\n/, 'similarity: 0.5\n'));
    run(['check'], { cwd: L }); // commits nothing; the edit stays uncommitted
    const reg = (date: string, summary: string) => {
      const r = run(['visit', 'add', '--no-input', '--json', '--date', date, '--name', '张秀英', '--id-number', ID, '--purpose', '求决', '--category', '民政/优抚救济', '--summary', summary, '--leader', '张志强'], { cwd: L });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const a = reg('2026-03-02', '丈夫系退伍军人，去世后遗属抚恤金一直未发放');
    const b = reg('2026-05-06', '老伴是退伍老兵，走了以后抚恤金到现在都没领到');
    expect(b.repeat.cases).toEqual([a.case.id]);

    const c = run(['check', '--json'], { cwd: L });
    expect(c.code).toBe(1);
    const problems = JSON.parse(c.stdout).problems as { code: string; file: string; line: number; message: string }[];
    const p = problems.find((x) => x.code === 'intake-similarity-legacy');
    expect(p).toBeDefined();
    expect(p!.file).toBe('xinfang.yaml');
    expect(readFileSync(cfg, 'utf8').split('\n')[p!.line - 1]).toContain('similarity: 0.5');

    // Set as check says: clean again.
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/similarity: 0\.5\n(\s*)/, 'similarity: 0.28\n$1possible: 0.24\n$1'));
    const again = run(['check', '--json'], { cwd: L });
    expect(JSON.parse(again.stdout).problems.map((x: { code: string }) => x.code)).not.toContain('intake-similarity-legacy');
  });
});
