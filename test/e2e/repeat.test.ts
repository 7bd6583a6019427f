// Repeat visits in other words, through the built CLI: recognised and linked at intake,
// listed by `case list --repeat`, counted in `report stats`; found by person and words;
// linked, unlinked and merged by hand, with the register and the figures following, and
// the index answering as the full re-read does.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, git, newLedger, run, TEAM } from '../helpers/index.js';
import { makeId } from '../helpers/ids.js';

beforeAll(() => ensureBuilt());

const ID = makeId('511102', '1949-12-31', '002');
const ID_LI = makeId('511102', '1952-12-03', '002');

function reg(L: string, date: string, who: string[], category: string, summary: string, extra: string[] = []) {
  const r = run(['visit', 'add', '--no-input', '--json', '--date', date, ...who, '--purpose', '求决', '--category', category, '--summary', summary, '--leader', '张志强', ...extra], { cwd: L });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { case: { id: string; repeat_of: string[] }; repeat: { cases: string[]; visits: number }; possible_repeats: { id: string }[] };
}

const json = (L: string, args: string[], env: Record<string, string> = {}) => {
  const r = run([...args, '--json'], { cwd: L, env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
const stats = (L: string, env: Record<string, string> = {}) => json(L, ['report', 'stats', '--from', '2026-01-01', '--to', '2026-11-25'], env);

describe('repeat visits in other words', () => {
  it('links reworded repeats of the same person, lists and counts them, and merges a duplicate', { timeout: 240_000 }, async () => {
    const L = await newLedger();
    for (const [name, title, role] of TEAM) expect(run(['leader', 'add', '--name', name, '--title', title, '--role', role], { cwd: L }).code).toBe(0);
    const zhang = ['--name', '张秀英', '--id-number', ID];
    const a = reg(L, '2026-03-02', zhang, '民政/优抚救济', '丈夫系退伍军人，去世后遗属抚恤金一直未发放');
    // Same person, same matter, other words: linked.
    const b = reg(L, '2026-05-06', zhang, '民政/优抚救济', '老伴是退伍老兵，走了以后抚恤金到现在都没领到');
    expect(b.repeat.cases).toEqual([a.case.id]);
    expect(b.repeat.visits).toBe(2);
    // Same person, another matter of the same category: not linked.
    const c = reg(L, '2026-05-20', zhang, '民政/优抚救济', '家中房屋漏雨，申请农村危房改造补助');
    expect(c.repeat.cases).toEqual([]);
    // Another person, the same words: not linked.
    const li = reg(L, '2026-05-21', ['--name', '李桂兰', '--id-number', ID_LI], '民政/优抚救济', '丈夫系退伍军人，去世后遗属抚恤金一直未发放');
    expect(li.repeat.cases).toEqual([]);
    // Name and phone, the phone written two ways.
    const d = reg(L, '2026-06-06', ['--name', '王德明', '--phone', '138 0013 8000'], '城乡建设/城镇拆迁', '村东头拆迁补偿款至今未发放到位，要求尽快兑现补偿');
    const e = reg(L, '2026-07-06', ['--name', '王德明', '--phone', '+86 138-0013-8000'], '城乡建设/城镇拆迁', '拆迁补偿款一直没有发放，请求乡里协调尽快发放补偿款');
    expect(e.repeat.cases).toEqual([d.case.id]);

    const repeats = json(L, ['case', 'list', '--repeat']).cases.map((x: { id: string }) => x.id);
    expect(repeats).toEqual([b.case.id, e.case.id]);
    let s = stats(L);
    expect(s.total).toBe(6);
    expect(s.repeat_cases).toBe(2);
    expect(s.first_cases).toBe(4);
    expect(s.items).toEqual({ total: 6, repeat: 2 });

    // --new-matter refuses the link; case link makes it afterwards; unlink removes it again.
    const f = reg(L, '2026-08-03', zhang, '民政/优抚救济', '丈夫去世后遗孀的定期抚恤没有落实，生活困难', ['--new-matter']);
    expect(f.repeat.cases).toEqual([]);
    expect(run(['case', 'link', f.case.id, '--repeat-of', a.case.id, '--reason', '同一事项'], { cwd: L }).code).toBe(0);
    expect(json(L, ['case', 'show', f.case.id]).repeat_of).toEqual([a.case.id]);
    expect(run(['case', 'unlink', f.case.id], { cwd: L }).code).toBe(0);
    expect(json(L, ['case', 'show', f.case.id]).repeat_of).toEqual([]);
    // --repeat-of links explicitly; another person's case is refused, nothing written.
    const before = git(L, ['rev-list', '--count', 'HEAD']);
    const bad = run(['visit', 'add', '--no-input', '--date', '2026-08-04', ...zhang, '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '抚恤金', '--leader', '张志强', '--repeat-of', li.case.id], { cwd: L });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('不是同一人');
    expect(git(L, ['rev-list', '--count', 'HEAD'])).toBe(before);

    // Merge: F was a duplicate registration of A.
    s = stats(L);
    expect(s.total).toBe(7);
    expect(s.items).toEqual({ total: 7, repeat: 2 });
    const refused = run(['case', 'merge', li.case.id, '--into', a.case.id], { cwd: L });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('不是同一人');
    expect(git(L, ['rev-list', '--count', 'HEAD'])).toBe(before);
    const m = run(['case', 'merge', f.case.id, '--into', a.case.id, '--note', '重复登记'], { cwd: L });
    expect(m.code, m.stderr).toBe(0);
    expect(Number(git(L, ['rev-list', '--count', 'HEAD']))).toBe(Number(before) + 1);
    expect(git(L, ['show', '--name-only', '--format=', 'HEAD']).split('\n').sort()).toEqual([`cases/2026/${a.case.id}.yaml`, `cases/2026/${f.case.id}.yaml`]);
    const shownA = json(L, ['case', 'show', a.case.id]);
    expect(shownA.visits.batches).toBe(2);
    expect(shownA.matter_visits).toBe(3); // A (2 visits) and B linked to it
    expect(json(L, ['case', 'show', f.case.id]).merged_into).toBe(a.case.id);
    s = stats(L);
    expect(s.total).toBe(6); // the duplicate is no longer a registration of its own
    expect(s.items).toEqual({ total: 7, repeat: 3 }); // its visit is A's second one
    const register = json(L, ['report', 'register', '--from', '2026-01-01', '--to', '2026-11-25']);
    const ids = JSON.stringify(register);
    expect(ids).toContain(a.case.id);
    expect(ids).not.toContain(f.case.id);
    for (const id of [a.case.id, f.case.id]) expect(run(['case', 'history', id], { cwd: L }).stdout).toContain(`合并 ${f.case.id} → ${a.case.id}`);
    expect(run(['case', 'merge', f.case.id, '--into', a.case.id], { cwd: L }).code).toBe(2);
    const check = run(['check', '--strict'], { cwd: L });
    expect(check.code, check.stdout + check.stderr).toBe(0);

    // Finding the petitioner: part of the name, ID number, phone in another format; words.
    const ids2 = (args: string[]) => json(L, args).cases.map((x: { id: string }) => x.id);
    expect(ids2(['case', 'list', '--person', '秀英'])).toEqual([a.case.id, b.case.id, c.case.id, f.case.id]);
    expect(ids2(['case', 'list', '--person', ID.toLowerCase()])).toEqual([a.case.id, b.case.id, c.case.id, f.case.id]);
    expect(ids2(['case', 'list', '--person', '138-0013-8000'])).toEqual([d.case.id, e.case.id]);
    expect(ids2(['case', 'find', '拆迁', '补偿'])).toEqual([d.case.id, e.case.id]);
    expect(ids2(['case', 'find', '危房'])).toEqual([c.case.id]);
    expect(ids2(['case', 'find', '李桂兰'])).toEqual([li.case.id]);
    const listed = run(['case', 'list', '--person', '13800138000'], { cwd: L }).stdout;
    expect(listed).toContain('138****8000');
    expect(listed).not.toContain('13800138000');
    expect(run(['case', 'find', ' '], { cwd: L }).code).toBe(2);

    // The index answers as the full re-read.
    const off = { XINFANG_INDEX: 'off' };
    for (const args of [['case', 'list', '--person', '秀英'], ['case', 'find', '抚恤'], ['case', 'list', '--repeat'], ['case', 'list', '--person', '138 0013 8000']]) {
      expect(run([...args, '--json'], { cwd: L, env: off }).stdout).toBe(run([...args, '--json'], { cwd: L }).stdout);
    }
    expect(stats(L, off)).toEqual(stats(L));
  });
});
