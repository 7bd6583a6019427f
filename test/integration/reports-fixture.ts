// A hand-counted ledger for the report tests (青山乡, 2026). Every figure the tests expect
// is worked out by hand in docs/reports.md's worked example and in the comments below.
//
//  case  received    channel  people  who  purpose  category        area  story
//  E     2026-06-15  来访     1       L03  求决     民政/优抚救济     南村  accept 06-16; handle; close 08-20 (late: due 08-17),
//                                                                         opinion 不满意; reopen 09-10; close 09-25 基本满意
//  A     2026-07-06  来访     1       L01  求决     民政/优抚救济     东村  accept 07-08; transfer 民政办; handle; 满意; close 07-28
//  B     2026-07-13  来访     6       L02  申诉     劳动社保/工资福利 西村  accept 08-10 (late: due 07-28); revisit 08-20 (6 people)
//  C     2026-08-03  来信     1       L03  意见建议 城乡建设/城镇规划 —     never decided (due 08-18)
//  D     2026-09-28  来访     2       L01  求决     民政/优抚救济     东村  repeat of A; decline 10-09 (due 10-13)
//  F     2026-09-29  来访     1       L02  咨询     农村农业/承包经营 北村  accept 10-12 (due 10-14)
import { idCheckChar } from '../../src/domain/identity.js';
import { parseInstant } from '../../src/domain/time.js';
import { newLedger } from '../helpers/index.js';

export const ID_A = (() => {
  const first = '51112319800101123';
  return first + idCheckChar(first);
})();
export const PHONE_A = '13912345678';

export interface Fixture {
  root: string;
  ids: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string>;
}

export async function buildFixture(opts: { unit?: string; code?: string } = {}): Promise<Fixture> {
  const root = await newLedger({ git: false, unit: opts.unit, code: opts.code });
  const { Ledger } = await import('../../src/ledger/ledger.js');
  const { addLeader, addUnit } = await import('../../src/app/leaders.js');
  const { registerIntake, validateIntake } = await import('../../src/app/intake.js');
  const { appendEvent } = await import('../../src/app/cases.js');
  const ledger = Ledger.open(root);
  const at = (s: string) => parseInstant(s)!;
  const clerk = (s: string) => ({ name: '登记员', now: at(s) });
  const setup = clerk('2026-06-01T09:00:00+08:00');
  addLeader(ledger, { name: '王建国', title: '党委书记', role: 'principal' }, setup);
  addLeader(ledger, { name: '李明华', title: '乡长', role: 'principal' }, setup);
  addLeader(ledger, { name: '张志强', title: '党委副书记', role: 'member' }, setup);
  addUnit(ledger, { name: '民政办' }, setup);
  addUnit(ledger, { name: '司法所' }, setup);

  const reg = (when: string, i: Record<string, unknown>, linkTo?: string[]) => {
    const now = at(when);
    const d = validateIntake(ledger, { at: now, channel: 'visit', ...i } as never, now);
    return registerIntake(ledger, d, clerk(when), linkTo ? { linkTo } : {}).case.id;
  };
  const ev = (id: string, when: string, e: Record<string, unknown>) => appendEvent(ledger, id, e as never, `测试 ${String(e.type)}`, clerk(when));

  const E = reg('2026-06-15T10:00:00+08:00', { petitioners: [{ name: '赵大', phone: '13700001111' }], purpose: '求决', category: '民政/优抚救济', summary: '优抚金未按时发放', leader: 'L03', locality: '南村' });
  ev(E, '2026-06-16T09:00:00+08:00', { type: 'accept', note: '' });
  ev(E, '2026-08-19T09:00:00+08:00', { type: 'handle', disposition: 'promised', facts: '核实未发放', note: '' });
  ev(E, '2026-08-19T10:00:00+08:00', { type: 'opinion', value: 'dissatisfied', note: '' });
  ev(E, '2026-08-20T09:00:00+08:00', { type: 'close', note: '' });
  ev(E, '2026-09-10T09:00:00+08:00', { type: 'reopen', reason: '回访发现问题复发' });
  ev(E, '2026-09-24T09:00:00+08:00', { type: 'handle', disposition: 'on-the-spot', facts: '已补发', note: '' });
  ev(E, '2026-09-24T10:00:00+08:00', { type: 'opinion', value: 'basically-satisfied', note: '' });
  ev(E, '2026-09-25T09:00:00+08:00', { type: 'close', note: '' });

  const A = reg('2026-07-06T09:30:00+08:00', { petitioners: [{ name: '钱小二', id_number: ID_A, phone: PHONE_A }], purpose: '求决', category: '民政/优抚救济', summary: '低保申请未获答复', leader: 'L01', locality: '东村' });
  ev(A, '2026-07-08T09:00:00+08:00', { type: 'accept', note: '' });
  ev(A, '2026-07-08T10:00:00+08:00', { type: 'transfer', unit: 'U01', note: '' });
  ev(A, '2026-07-20T09:00:00+08:00', { type: 'handle', disposition: 'on-the-spot', facts: '符合条件，已纳入低保', decision: 'support', note: '' });
  ev(A, '2026-07-25T09:00:00+08:00', { type: 'opinion', value: 'satisfied', note: '' });
  ev(A, '2026-07-28T09:00:00+08:00', { type: 'close', note: '' });

  const B = reg('2026-07-13T09:30:00+08:00', { petitioners: [{ name: '孙甲', representative: true }], people: 6, purpose: '申诉', category: '劳动社保/工资福利', summary: '工程款拖欠工资', leader: 'L02', locality: '西村' });
  ev(B, '2026-08-10T09:00:00+08:00', { type: 'accept', note: '' });
  {
    const now = at('2026-08-20T09:30:00+08:00');
    const d = validateIntake(ledger, { at: now, channel: 'visit', petitioners: [{ name: '孙甲' }], people: 6, leader: 'L02', caseId: B } as never, now);
    registerIntake(ledger, d, clerk('2026-08-20T09:30:00+08:00'), { caseId: B });
  }

  const C = reg('2026-08-03T15:00:00+08:00', { channel: 'letter', petitioners: [{ name: '周丙' }], purpose: '意见建议', category: '城乡建设/城镇规划', summary: '建议增设路灯', leader: 'L03' });
  const D = reg('2026-09-28T09:30:00+08:00', { petitioners: [{ name: '吴丁' }, { name: '郑戊' }], purpose: '求决', category: '民政/优抚救济', summary: '同一低保问题再次反映', leader: 'L01', locality: '东村' }, [A]);
  ev(D, '2026-10-09T09:00:00+08:00', { type: 'decline', reason: '已依法处理完毕' });
  const F = reg('2026-09-29T09:30:00+08:00', { petitioners: [{ name: '冯己' }], purpose: '咨询', category: '农村农业/承包经营', summary: '咨询土地承包续期', leader: 'L02', locality: '北村' });
  ev(F, '2026-10-12T09:00:00+08:00', { type: 'accept', note: '' });
  return { root, ids: { A, B, C, D, E, F } };
}
