// Random but valid case files for tests of the index: every status, transfers and
// replies, extensions, suspensions (some still running), promises, further visits,
// appointments, follow-ups, reopenings, instructions for written items, and repeat links
// (chains, and links to cases that do not exist). Seeded: the same seed, the same ledger.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Event } from '../../src/domain/events.js';
import { CaseFile } from '../../src/domain/event-schemas.js';
import { parseYamlText, toYaml } from '../../src/ledger/yamlfile.js';
import { foldCase, type CaseState } from '../../src/domain/case.js';
import { addDays } from '../../src/domain/time.js';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['张秀英', '王建军', '李桂兰', '刘德华', '陈小红', '杨国强', '赵丽', '黄志明', '周建平', '吴芳'];
const CATS: [string, string][] = [
  ['民政', '优抚救济'],
  ['城乡建设', '城镇拆迁'],
  ['农村农业', '土地承包'],
  ['劳动和社会保障', '工资福利'],
  ['自然资源', '土地资源'],
];
const CHANNELS = ['visit', 'visit', 'visit', 'letter', 'hotline', 'online'] as const;
const LEADERS = ['L01', 'L02', 'L03'];
const UNITS = ['U01', 'U02'];

export interface GenOptions {
  n: number;
  seed: number;
  /** Cases are received from this day on, a few a day. */
  start: string;
  /** No event later than this day. */
  end: string;
  code?: string;
}

/** `n` case files (numbered by year, station A), written under root/cases/. Returns their ids. */
export function writeCases(root: string, o: GenOptions): string[] {
  const r = prng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const code = o.code ?? 'QS';
  const seqByYear = new Map<string, number>();
  const ids: string[] = [];
  const people: { name: string; phone: string; id_number: string }[] = Array.from({ length: Math.max(5, Math.floor(o.n / 3)) }, (_, i) => ({
    name: NAMES[i % NAMES.length]!,
    phone: `139${String(10000000 + i * 7919).slice(-8)}`,
    id_number: '',
  }));
  let evn = 0;
  const span = Math.max(1, Math.round((Date.parse(o.end) - Date.parse(o.start)) / 86400000));
  for (let i = 0; i < o.n; i++) {
    const received = addDays(o.start, Math.floor((i / o.n) * span));
    const year = received.slice(0, 4);
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const id = `${code}-${year}-A${String(seq).padStart(4, '0')}`;
    const channel = pick(CHANNELS);
    const receiver = pick(LEADERS);
    const who = pick(people);
    const [main, sub] = pick(CATS);
    const ppl = r() < 0.05 ? 5 + Math.floor(r() * 20) : 1;
    let day = received;
    const events: Event[] = [];
    const push = (e: Record<string, unknown>, step = Math.floor(r() * 6)) => {
      day = addDays(day, step);
      if (day > o.end) return false;
      evn++;
      events.push({ id: `01GEN${String(o.seed).padStart(4, '0')}${String(evn).padStart(17, '0')}`, at: `${day}T10:00:00+08:00`, by: '测试', ...e } as Event);
      return true;
    };
    push({ type: 'registered', channel, receiver, people: ppl, place: '', mode: 'fixed' }, 0);
    const repeatOf: string[] = [];
    if (ids.length && r() < 0.08) repeatOf.push(ids[ids.length - 1 - Math.floor(r() * Math.min(ids.length, 30))]!);
    if (r() < 0.01) repeatOf.push(`${code}-2019-A9999`); // a link to a case that is not there
    if (channel !== 'visit' && r() < 0.7) push({ type: 'instruct', leader: receiver, text: '请办理' });
    const fate = r();
    if (r() < 0.1) push({ type: 'appointment', date: addDays(day, 3 + Math.floor(r() * 10)), leader: pick(LEADERS), note: '约访' });
    if (fate < 0.08) push({ type: 'decline', reason: '不属于受理范围' });
    else if (fate > 0.12) {
      push({ type: 'accept', note: '' });
      if (r() < 0.5) push({ type: 'assign', leader: pick(LEADERS), note: '' });
      const unit = pick(UNITS);
      if (r() < 0.6) {
        push({ type: 'transfer', unit, note: '', ...(r() < 0.3 && { due: addDays(day, 10) }) });
        if (r() < 0.7) push({ type: 'reply', unit, text: '已办理' }, 3 + Math.floor(r() * 15));
      }
      if (r() < 0.1) push({ type: 'extend', days: 30, reason: '情况复杂', approved_by: 'L01' });
      if (r() < 0.08) {
        push({ type: 'suspend', reason: '等待鉴定' });
        if (r() < 0.6) push({ type: 'resume', note: '' }, 5 + Math.floor(r() * 20));
      }
      if (r() < 0.2) push({ type: 'visit', date: addDays(day, 2), channel: 'visit', receiver: pick(LEADERS), people: 1, place: '', mode: 'fixed', petitioners: [who.name], note: '' }, 2);
      if (r() < 0.7) {
        const promise = r() < 0.15;
        push({ type: 'handle', disposition: promise ? 'promised' : 'explained', facts: '属实', ...(promise && { promise_by: addDays(day, 20) }), note: '' }, 5 + Math.floor(r() * 40));
        if (r() < 0.8) {
          push({ type: 'opinion', value: pick(['satisfied', 'basically-satisfied', 'dissatisfied'] as const), note: '' });
          if (push({ type: 'close', note: '' }, 1 + Math.floor(r() * 10))) {
            if (r() < 0.2) push({ type: 'followup', date: addDays(day, 20), note: '回访', recurred: r() < 0.3, leader: '' }, 20);
            if (r() < 0.05) push({ type: 'reopen', reason: '信访人不满意' }, 5);
          }
        }
      }
    }
    const file = CaseFile.parse({
      id,
      received_at: `${received}T09:00:00+08:00`,
      channel,
      petitioners: [{ name: who.name, phone: who.phone, id_number: who.id_number }],
      people: ppl,
      purpose: 'request',
      category: { main, sub },
      summary: `${sub}问题，要求尽快解决（第${i}件）`,
      receiver,
      repeat_of: repeatOf,
      events,
    });
    const dir = join(root, 'cases', year);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${id}.yaml`), toYaml(file));
    ids.push(id);
  }
  return ids;
}

/** Every case file under `root`/cases, validated and folded (a generated ledger's cases). */
export function readCases(root: string): CaseState[] {
  const out: CaseState[] = [];
  for (const year of readdirSync(join(root, 'cases'))) {
    for (const f of readdirSync(join(root, 'cases', year))) {
      const r = parseYamlText(f, readFileSync(join(root, 'cases', year, f), 'utf8'), CaseFile);
      if (!r.ok) throw new Error(`${f}: unreadable`);
      out.push(foldCase(r.value));
    }
  }
  return out;
}
