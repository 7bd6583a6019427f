// The roster's parts that read cases: compliance (a scheduled day is held when the leader
// received a visit that day or it was marked held), 约访 (case appoint) into a reception
// day, the leader's brief, and the published notice never holding a petitioner's data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, runIn, tempDir } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';
import { loadCalendar } from '../../src/calendar/index.js';
import { idCheckChar } from '../../src/domain/identity.js';

const cal = loadCalendar();
const ID = (() => {
  const first = '51112319650312123';
  return first + idCheckChar(first);
})();
const PHONE = '13912345678';

const x = (root: string, args: string[]) => runIn(args, { cwd: root });
const slotOn = (root: string, date: string) => readYaml(root, `rosters/${date.slice(0, 7)}.yaml`, RosterFile).slots.find((s) => s.date === date)!;

describe('roster compliance, case appoint, roster brief', () => {
  let root: string;
  beforeAll(async () => {
    root = await newLedger({ preset: 'bureau', unit: '民政局', code: 'MZ' });
    for (const [name, title, role] of [['局长甲', '局长', 'principal'], ['副局长乙', '副局长', 'member'], ['副局长丙', '副局长', 'member'], ['纪检组长丁', '纪检组长', 'member']]) {
      expect((await x(root, ['leader', 'add', '--name', name!, '--title', title!, '--role', role!])).code).toBe(0);
    }
    expect((await x(root, ['roster', 'generate', '--quarter', '2026Q4'])).code).toBe(0);
  });

  it('compliance counts visits received by the scheduled leader and days marked held; the rest of the past is not recorded (未记录), not missed', async () => {
    const d1 = '2026-11-02';
    const d2 = '2026-11-03';
    const visit = await x(root, ['visit', 'add', '--date', d1, '--name', '赵大年', '--id-number', ID, '--phone', PHONE, '--address', '石桥村5组', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '遗属抚恤金未发放']);
    expect(visit.code, visit.stderr).toBe(0);
    const caseId = /MZ-2026-A\d{4}/.exec(visit.stdout)![0];
    // A visit received by a leader on a day they were not scheduled is not a held reception day.
    const notTheirs = ['L01', 'L02', 'L03', 'L04'].find((l) => l !== slotOn(root, '2026-11-04').leader)!;
    const v2 = await x(root, ['visit', 'add', '--date', '2026-11-04', '--case', caseId, '--name', '赵大年', '--leader', notTheirs, '--people', '1']);
    expect(v2.code, v2.stderr).toBe(0);
    const held = await x(root, ['roster', 'held', d2, '--leader', slotOn(root, d2).leader, '--visitors', '0']);
    expect(held.code, held.stderr).toBe(0);

    const r = await x(root, ['roster', 'compliance', '--quarter', '2026Q4', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const past = cal.workdaysIn('2026-10-01', '2026-11-24').length;
    const upcoming = cal.workdaysIn('2026-11-25', '2026-12-31').length;
    // Nothing recorded for the other past days: 未记录, not 缺岗 (only `roster held --absent` records one).
    expect(doc.totals).toMatchObject({ scheduled: past + upcoming, held: 2, missed: 0, unrecorded: past - 2, upcoming });
    const l1 = doc.leaders.find((l: { id: string }) => l.id === slotOn(root, d1).leader);
    expect(l1.unrecorded_dates).not.toContain(d1);
    const l3 = doc.leaders.find((l: { id: string }) => l.id === slotOn(root, '2026-11-04').leader);
    expect(l3.unrecorded_dates).toContain('2026-11-04');
    for (const l of doc.leaders) expect(l.held + l.missed + l.unrecorded + l.upcoming).toBe(l.scheduled);
    const text = await x(root, ['roster', 'compliance', '--quarter', '2026Q4']);
    expect(text.stdout).toContain('未记录');
  });

  it('case appoint books the duty leader of a day; refuses a past day and a leader not on duty; the brief shows it', async () => {
    const list = JSON.parse((await x(root, ['case', 'list', '--json'])).stdout);
    const id: string = (list.cases ?? list)[0].id;
    const day = '2026-11-27';
    const duty = slotOn(root, day).leader;
    const ok = await x(root, ['case', 'appoint', id, '--date', day, '--note', '约请本人面谈', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id, date: day, leader: { id: duty } });
    const past = await x(root, ['case', 'appoint', id, '--date', '2026-11-20']);
    expect(past.code).toBe(2);
    const other = ['L01', 'L02', 'L03', 'L04'].find((l) => l !== duty)!;
    const wrong = await x(root, ['case', 'appoint', id, '--date', day, '--leader', other]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('没有接访安排');

    const b = await x(root, ['roster', 'brief', '--date', day, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const doc = JSON.parse(b.stdout);
    expect(doc.briefs).toHaveLength(1);
    expect(doc.briefs[0].leader.id).toBe(duty);
    expect(doc.briefs[0].appointments).toEqual([expect.objectContaining({ id, note: '约请本人面谈', petitioners: expect.stringContaining('赵大年') })]);
    expect(doc.briefs[0].appointments[0].petitioners).not.toContain(PHONE); // masked
    expect(doc.briefs[0].appointments[0].history.length).toBe(2);
  });

  it('the published notice holds no petitioner data in any format', async () => {
    for (const f of ['text', 'md', 'html', 'ics']) {
      const out = join(tempDir(), `n.${f}`);
      const r = await x(root, ['roster', 'publish', '--month', '2026-11', '--format', f, '-o', out]);
      expect(r.code, r.stderr).toBe(0);
      const s = readFileSync(out, 'utf8').replace(/\r\n /g, '');
      for (const secret of ['赵大年', ID, PHONE, '石桥村', '抚恤金']) expect(s, `${f} leaks ${secret}`).not.toContain(secret);
    }
  });
});
