// A small ledger for the output-safety tests (test/integration/output-*.test.ts): three
// leaders, November 2026's roster, three cases in 2026Q4 — then hostile text written
// straight into the files, as a hand edit, a merge or a damaged clone could leave it
// (input validation cannot be relied on for what is already in a ledger).
//
//   A  petitioner 张三 + escape sequences; summary: <script>, <img onerror>, a pipe, an ID
//      number, a mobile and a landline; locality <img onerror> + a mobile
//   B  summary "50%", locality "+5", petitioner "-2"
//   C  summary "=1+1"
//   L02's name has escape sequences, title a pipe and <script>, portfolio a mobile
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { idCheckChar } from '../../src/domain/identity.js';
import { parseInstant } from '../../src/domain/time.js';
import { git, newLedger, NOW, TEAM } from '../helpers/index.js';

export const ID = (() => {
  const first = '51112319800101123';
  return first + idCheckChar(first);
})();
export const ID_MASKED = `${ID.slice(0, 6)}********${ID.slice(14)}`;
export const MOBILE = '13812345678';
export const MOBILE_MASKED = '138****5678';
export const LANDLINE = '0830-5551234';
export const LANDLINE_MASKED = '0830-****1234';
export const SCRIPT = '<script>document.title="PWNED"</script>';
export const IMG = '<img src=x onerror="document.title=\'PWNED\'">';
export const ESC = '\x1b[2J\x1b]0;窗口标题\x07\x1b[31m红\x1b[0m\u202e反向\u202c\u2066隔离\u2069\x07\x9b31m\r盖';
export const SUMMARY_A = `${SCRIPT}${IMG} 甲|乙|丙 身份证${ID}，电话${MOBILE}，座机${LANDLINE}`;
export const PORTFOLIO = `信访维稳|应急，手机${MOBILE}`;

export interface OutputFixture {
  root: string;
  ids: { A: string; B: string; C: string };
  file: (id: string) => string;
}

function patchYaml(path: string, edits: [(string | number)[], unknown][]): void {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  for (const [at, v] of edits) doc.setIn(at, v);
  writeFileSync(path, doc.toString());
}

export async function buildOutputFixture(): Promise<OutputFixture> {
  const root = await newLedger({ leaders: TEAM, units: ['民政办'] });
  const { Ledger } = await import('../../src/ledger/ledger.js');
  const { registerIntake, validateIntake } = await import('../../src/app/intake.js');
  const { generateRoster } = await import('../../src/app/roster.js');
  const ledger = Ledger.open(root);
  const now = parseInstant(NOW)!;
  const clerk = { name: '登记员', now };
  generateRoster(ledger, ['2026-11'], false, { name: '登记员', now: parseInstant('2026-10-25T09:00:00+08:00')! });
  const reg = (when: string, i: Record<string, unknown>) => {
    const at = parseInstant(when)!;
    const d = validateIntake(ledger, { at, channel: 'visit', purpose: '求决', category: '民政/优抚救济', leader: 'L01', ...i } as never, now);
    return registerIntake(ledger, d, { ...clerk, now: at }).case.id;
  };
  const A = reg('2026-11-02T09:30:00+08:00', { petitioners: [{ name: '张三' }], summary: '低保申请未获答复', locality: '东村' });
  const B = reg('2026-11-03T09:30:00+08:00', { petitioners: [{ name: '李四' }], summary: '咨询土地承包续期', locality: '西村' });
  const C = reg('2026-11-04T09:30:00+08:00', { petitioners: [{ name: '王五' }], summary: '建议增设路灯', locality: '南村' });
  const file = (id: string) => join(root, 'cases', id.split('-')[1]!, `${id}.yaml`);
  patchYaml(file(A), [
    [['petitioners', 0, 'name'], `张三${ESC}`],
    [['summary'], SUMMARY_A],
    [['locality'], `${IMG}东村${MOBILE}`],
  ]);
  patchYaml(file(B), [
    [['petitioners', 0, 'name'], '-2'],
    [['summary'], '50%'],
    [['locality'], '+5'],
  ]);
  patchYaml(file(C), [[['summary'], '=1+1']]);
  patchYaml(join(root, 'leaders.yaml'), [
    [['leaders', 1, 'name'], `张志强${ESC}`],
    [['leaders', 1, 'title'], `副书记|兼|${SCRIPT}`],
    [['leaders', 1, 'portfolio'], PORTFOLIO],
  ]);
  git(root, ['add', '-A']);
  git(root, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'hostile text']);
  return { root, ids: { A, B, C }, file };
}
