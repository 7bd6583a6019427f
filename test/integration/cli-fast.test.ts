// src/cli/fast.ts runs `roster duty`, `case show`, `case list`, `due`, `today` and `report stats` without commander. On the same command
// lines, in-process on a real ledger, it must print and exit exactly as main.ts (commander)
// does — and the lines it takes must be the plain ones (the rest go to main.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, runIn, TEAM } from '../helpers/index.js';
import { fastLine, main as fastMain } from '../../src/cli/fast.js';
import { main } from '../../src/cli/main.js';

let root = '';
let id = '';

async function both(argv: string[]) {
  const env = { XINFANG_LEDGER: '', XINFANG_CLERK: '', NO_COLOR: '1', XINFANG_NOW: '2026-11-25T09:30:00+08:00' };
  const one = async (fn: typeof main) => {
    let stdout = '';
    let stderr = '';
    const code = await fn(argv, { cwd: root, env, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false });
    return { code, stdout, stderr };
  };
  return { fast: await one(fastMain), full: await one(main) };
}

beforeAll(async () => {
  root = await newLedger({ leaders: TEAM });
  expect((await runIn(['roster', 'generate', '--month', '2026-11'], { cwd: root })).code).toBe(0);
  const v = await runIn(['visit', 'add', '--no-input', '--name', '赵六', '--phone', '13900001111', '--id-number', '11010519491231002X', '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '申请临时救助'], { cwd: root });
  expect(v.code, v.stderr).toBe(0);
  id = /QS-2026-A\d{4}/.exec(v.stdout)![0];
}, 60_000);

/** Each line: the same with fast.ts and commander; `taken` ones run by fast.ts, the others handed on. */
async function compare(taken: string[][], handedOn: string[][]) {
    for (const argv of [...taken, ...handedOn]) {
      const { fast, full } = await both(argv);
      expect(fast, argv.join(' ')).toEqual(full);
    }
    for (const argv of taken) expect(fastLine(argv), argv.join(' ')).toBeDefined();
    for (const argv of handedOn) expect(fastLine(argv), argv.join(' ')).toBeUndefined();
}

describe('fast.ts against commander', () => {
  it('roster duty: the same output, errors and exit codes; plain lines taken, the others handed on', async () => {
    const taken = [
      ['roster', 'duty'],
      ['roster', 'duty', '--date', '2026-11-26'],
      ['roster', 'duty', '--date=2026-11-26'],
      ['--json', 'roster', 'duty'],
      ['roster', '--json', 'duty'],
      ['roster', 'duty', '--json', '--date', '2026-11-27'],
      ['--ledger', root, 'roster', 'duty'],
      ['roster', 'duty', `--ledger=${root}`],
      ['roster', 'duty', '--ledger', '/nonexistent/ledger'],
      ['roster', 'duty', '--date', ''],
      ['roster', 'duty', '--date='],
      ['roster', 'duty', '--date', '2026-02-30'],
      ['roster', 'duty', '--date', 'a\u0007b'],
      ['roster', 'duty', '--date', '2026-12-01'],
      ['roster', 'duty', '--date', '2026-11-28'],
      ['roster', 'duty', '--by', '李文'],
      ['roster', 'duty', '--by', ''],
      ['roster', 'duty', '--json', '--date', 'x'],
      ['--quiet', '--wide', '--no-color', '--no-input', 'roster', 'duty'],
    ];
    const handedOn = [
      ['roster', 'duty', '--date'],
      ['roster', 'duty', '--date', '--json'],
      ['--date', '2026-11-25', 'roster', 'duty'],
      ['roster', '--date', '2026-11-25', 'duty'],
      ['roster', 'duty', 'extra'],
      ['roster', 'duty', '-h'],
      ['roster', 'duty', '--help'],
      ['roster', 'duty', '--json', '--json'],
      ['roster', 'duty', '--color'],
      ['roster', 'duty', '--', '--date'],
      ['roster', 'duty', '--unmasked'],
      ['roster', 'duty', '--json=1'],
      ['roster', 'dutyy'],
      ['roster'],
    ];
    await compare(taken, handedOn);
    // Not only errors: real output on the way.
    expect((await both(['roster', 'duty'])).fast.stdout).toContain('接访');
    expect((await both(['roster', 'duty', '--date', '2026-12-01'])).fast.code).toBe(1);
  }, 60_000);

  it('case show: the same output, errors and exit codes', async () => {
    const taken = [
      ['case', 'show', id],
      ['case', 'show', id, '--json'],
      ['case', 'show', '--unmasked', id],
      ['case', 'show', id, '--unmasked', '--json'],
      ['case', '--json', 'show', id],
      ['--json', 'case', 'show', id],
      ['case', 'show', 'QS-2026-A9999'],
      ['case', 'show', 'NOPE'],
      ['case', 'show', ''],
      ['case', 'show', id.slice(-4)],
      ['case', 'show', id, '--ledger', '/nonexistent/ledger', '--json'],
    ];
    const handedOn = [
      ['case', 'show'],
      ['case', 'show', id, id],
      ['case', '--unmasked', 'show', id],
      ['case', 'show', id, '--date', '2026-11-25'],
      ['case', 'show', id, '--unmasked', '--unmasked'],
      ['case', 'show', '-h'],
    ];
    await compare(taken, handedOn);
    expect((await both(['case', 'show', id])).fast.stdout).toContain('赵六');
    expect((await both(['case', 'show', id, '--unmasked'])).fast.stdout).toContain('11010519491231002X');
  }, 60_000);

  it('case list: the same rows, filters, errors and exit codes', async () => {
    await compare(
      [
        ['case', 'list'],
        ['case', 'list', '--json'],
        ['case', 'list', '--status', 'registered'],
        ['case', 'list', '--status', '办理中'],
        ['case', 'list', '--status', 'nope'],
        ['case', 'list', '--leader', 'L01'],
        ['case', 'list', '--leader', '无此人'],
        ['case', 'list', '--channel', '来访', '--repeat'],
        ['case', 'list', '--person', '赵', '--unmasked'],
        ['case', 'list', '--person', ''],
        ['case', 'list', '--overdue', '--escalate'],
        ['case', 'list', '--due-within', '5'],
        ['case', 'list', '--due-within', 'x'],
        ['case', 'list', '--from', '2026-11-01', '--to', '2026-11-30'],
        ['case', 'list', '--from', '2026-13-01'],
        ['case', 'list', '--to=2026-11-30', '--json'],
        ['--json', 'case', 'list', '--unit', '无此单位'],
      ],
      [
        ['case', 'list', '--status'],
        ['case', 'list', '--overdue', '--overdue'],
        ['case', 'list', 'extra'],
        ['case', '--overdue', 'list'],
        ['case', 'list', '-h'],
        ['case', 'list', '--date', '2026-11-25'],
      ],
    );
    expect((await both(['case', 'list'])).fast.stdout).toContain(id);
  }, 120_000);

  it('due and today: the same output, errors and exit codes; due --supervise goes to commander', async () => {
    await compare(
      [
        ['due'],
        ['due', '--json'],
        ['due', '--within', '30'],
        ['due', '--within', '', '--json'],
        ['due', '--fail-on-overdue'],
        ['due', '--followup', '--within=10'],
        ['today'],
        ['today', '--json'],
        ['today', '--within', '3'],
        ['today', '--within', 'abc'],
      ],
      [
        ['due', '--within', '-1x'],
        ['due', '--supervise'],
        ['due', '--supervise', '--form', '电话'],
        ['due', '--form', '电话'],
        ['due', '--within'],
        ['today', '--within', '3', '--within', '4'],
        ['today', 'extra'],
      ],
    );
    expect((await both(['due', '--within', '30', '--json'])).fast.code).toBe(0);
  }, 120_000);

  it('report stats: the same figures, formats, errors and exit codes; --by, -o and --include go to commander', async () => {
    await compare(
      [
        ['report', 'stats', '--quarter', '2026Q4'],
        ['report', 'stats', '--quarter', '2026Q4', '--json'],
        ['report', 'stats', '--quarter', '2026Q5'],
        ['report', 'stats', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'md'],
        ['report', 'stats', '--quarter', '2026Q4', '--format', 'csv'],
        ['report', 'stats', '--quarter', '2026Q4', '--format', 'pdf'],
        ['report', 'stats', '--quarter', '2026Q4', '--format', 'xlsx'],
        ['report', 'stats'],
      ],
      [
        ['report', 'stats', '--quarter', '2026Q4', '--by', 'channel'],
        ['report', 'stats', '--quarter', '2026Q4', '-o', 'x.csv'],
        ['report', 'stats', '--quarter', '2026Q4', '--include', '.'],
        ['report', 'stats', '--quarter'],
      ],
    );
    expect((await both(['report', 'stats', '--quarter', '2026Q4'])).fast.stdout).toContain('统计');
  }, 120_000);
});
