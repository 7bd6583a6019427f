// Bench ledger generator: a county petition office (青山县) with N cases spread over
// 2024-01 … 2026-11, built with the product's own code — initLedger, addLeader, addUnit,
// generateRoster — and case files validated by the CaseFile schema and written with the
// product's serializer (toYaml), directly, without going through `visit add` (which would
// take hours at 100,000). Deterministic: a seeded PRNG; same N and seed → same files.
//
//   node bench/gen.mjs DIR N [--git] [--seed S] [--workers K] [--exact]
//     --git    a git repository with one commit of everything (for `visit add` with autocommit)
//     --exact  toYaml for every file (slow: ~1 ms a case) instead of composing from toYaml's scalars
//     --attachments  also write the 答复意见书 files that closed cases' attach events name
//              (attachments/ID/…; one folder per closed case, slow; no measured command reads them)
//   import { generateLedger } from './gen.mjs'
//
// Needs the built product (npm run build). Prints the status mix it produced.
import { mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as W from './words.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = join(HERE, '..', 'dist');
const imp = (rel) => import(pathToFileURL(join(DIST, rel)).href);

export const GEN_VERSION = 1;
/** "Now" of the generated ledger; the bench runs the CLI with the same XINFANG_NOW. */
export const NOW = '2026-11-30T10:00:00+08:00';
const FIRST_DAY = '2024-01-01';
const LAST_CASE_DAY = '2026-11-27'; // the last working day before NOW's day
const ROSTER_MONTHS = monthsBetween('2024-01', '2026-12');

// ---- PRNG (sfc32 seeded by splitmix32): fast and deterministic.
function makeRng(seed) {
  let s = seed >>> 0;
  const sm = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = sm(), b = sm(), c = sm(), d = sm();
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    /** pairs [value, weight] */
    weighted: (pairs) => {
      let total = 0;
      for (const [, w] of pairs) total += w;
      let x = next() * total;
      for (const [v, w] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
  };
  return r;
}

// ---- dates: a table of day numbers from FIRST_DAY (0) to 2027-01-31.
function monthsBetween(a, b) {
  const out = [];
  let [y, m] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  while (y < yb || (y === yb && m <= mb)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}
const DAY0 = Date.UTC(2024, 0, 1);
const DATES = [];
for (let t = DAY0; t <= Date.UTC(2027, 0, 31); t += 86_400_000) DATES.push(new Date(t).toISOString().slice(0, 10));
const dayOf = (date) => Math.round((Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) - DAY0) / 86_400_000);
const LAST = dayOf(LAST_CASE_DAY);
const TODAY = dayOf(NOW.slice(0, 10));

// ---- ids
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid(ms, rng) {
  let t = ms;
  let s = '';
  for (let i = 0; i < 10; i++) {
    s = CROCKFORD[t % 32] + s;
    t = Math.floor(t / 32);
  }
  for (let i = 0; i < 16; i++) s += CROCKFORD[Math.floor(rng.next() * 32)];
  return s;
}
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
export function idCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

// ---- people
function makePeople(rng) {
  const ids = new Set();
  const phones = new Set();
  const birthMin = dayOfAny(1942, 1, 1), birthMax = dayOfAny(2004, 12, 31);
  const idNumber = (male) => {
    for (;;) {
      const b = new Date(DAY0 + rng.int(birthMin, birthMax) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const seq2 = String(rng.int(0, 99)).padStart(2, '0');
      const d17 = male ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
      const first = rng.pick(W.REGIONS) + b + seq2 + d17;
      const id = first + idCheck(first);
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const phone = () => {
    for (;;) {
      const p = rng.pick(W.PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
      if (!phones.has(p)) {
        phones.add(p);
        return p;
      }
    }
  };
  const address = () => (rng.chance(0.8) ? `${rng.pick(W.TOWNS)}${rng.pick(W.VILLAGES)}${rng.int(1, 12)}组` : `${rng.pick(W.TOWNS)}${rng.pick(W.STREETS)}${rng.int(1, 188)}号`);
  /** kind: 'full' (ID, phone, address), 'phone' (name + phone), 'letter' (name + address, maybe phone), 'anon'. */
  return (kind) => {
    if (kind === 'anon') return { name: '匿名群众', sex: '', id_number: '', phone: '', address: '', representative: false };
    const male = rng.chance(0.58);
    const name = rng.pick(W.SURNAMES) + rng.pick(male ? W.MALE : W.FEMALE);
    if (kind === 'full') return { name, sex: male ? '男' : '女', id_number: idNumber(male), phone: phone(), address: address(), representative: false };
    if (kind === 'letter') return { name, sex: '', id_number: '', phone: rng.chance(0.5) ? phone() : '', address: address(), representative: false };
    return { name, sex: rng.chance(0.3) ? (male ? '男' : '女') : '', id_number: '', phone: phone(), address: rng.chance(0.4) ? address() : '', representative: false };
  };
}
function dayOfAny(y, m, d) {
  return Math.round((Date.UTC(y, m - 1, d) - DAY0) / 86_400_000);
}

function fill(text, rng, where) {
  return text.replace(/\{(村|组|镇|街|额|月|年|亩|平|公司|人)\}/g, (_, k) => {
    switch (k) {
      case '村': return `${where.town}${where.village}`;
      case '组': return `${rng.int(1, 12)}组`;
      case '镇': return where.town;
      case '街': return rng.pick(W.STREETS);
      case '额': return rng.chance(0.6) ? `${(rng.int(8, 480) / 10).toFixed(1)}万元` : `${rng.int(12, 98) * 100}元`;
      case '月': return String(rng.int(2, 14));
      case '年': return String(rng.int(2012, 2024));
      case '亩': return String(rng.int(3, 60) / 10);
      case '平': return String(rng.int(5, 80));
      case '公司': return rng.pick(W.COMPANIES);
      case '人': return String(rng.int(2, 9));
    }
    return _;
  });
}

// ---- the status a case has reached, by its age in days on NOW (an office with deadlines:
// old cases almost all closed or declined, a few left open and overdue; recent ones a mix).
function targetStatus(age, rng) {
  const open = (acc, tr, ha) => rng.weighted([['accepted', acc], ['transferred', tr], ['handled', ha]]);
  const r = rng.next();
  if (age > 120) return r < 0.015 ? open(2, 5, 3) : r < 0.06 ? 'declined' : 'closed';
  if (age > 60) return r < 0.1 ? open(2, 5, 3) : r < 0.15 ? 'declined' : 'closed';
  if (age > 30) return rng.weighted([['registered', 1], ['accepted', 10], ['transferred', 25], ['handled', 15], ['declined', 4], ['closed', 45]]);
  if (age > 7) return rng.weighted([['registered', 10], ['accepted', 20], ['transferred', 35], ['handled', 10], ['declined', 3], ['closed', 22]]);
  return rng.weighted([['registered', 55], ['accepted', 15], ['transferred', 15], ['handled', 5], ['declined', 2], ['closed', 8]]);
}

const WRITTEN = new Set(['letter', 'online', 'hotline', 'mailbox', 'fax', 'suggestion', 'instruction', 'assigned']);

/**
 * Builds every case as a plain object (not yet validated), handing them to onChunk(files,
 * offset) in id order, chunkSize at a time. Returns per case: id, status, counts.
 * `ctx`: leaders (ids), units (ids), duty(dayNumber) → first roster slot or undefined,
 * workday(dayNumber), duties (五包 items), topics (checked against the taxonomy).
 */
export function buildCases(n, seed, ctx, onChunk, chunkSize = 2000) {
  const rng = makeRng(seed);
  const person = makePeople(rng);
  const topicPairs = ctx.topics.map((t, i) => [i, t[3]]);
  // Registration days: working days, slightly more in later months; times in office hours.
  const workdays = [];
  for (let d = 0; d <= LAST; d++) if (ctx.workday(d)) workdays.push(d);
  const regs = [];
  for (let i = 0; i < n; i++) {
    const u = Math.pow(rng.next(), 0.85); // skewed towards later dates
    const day = workdays[Math.min(workdays.length - 1, Math.floor(u * workdays.length))];
    regs.push({ day, min: rng.int(8 * 60 + 30, 17 * 60 + 20), sec: rng.int(0, 59) });
  }
  regs.sort((a, b) => a.day - b.day || a.min - b.min || a.sec - b.sec);
  const seqByYear = new Map();
  const pending = []; // repeat chains waiting for their next case: { head, ids, left, due }
  const cases = []; // light: id, status, counts
  let batch = [];
  let batchAttach = [];
  const leaderFor = ctx.leaderByCategory;
  for (const reg of regs) {
    const date = DATES[reg.day];
    const year = date.slice(0, 4);
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const id = `${ctx.code}-${year}-${ctx.station}${String(seq).padStart(4, '0')}`;
    const age = TODAY - reg.day;
    const slot = ctx.duty(reg.day);
    // A repeat of an earlier case (same petitioners, same matter), when one is due.
    let chain = null;
    const pi = pending.findIndex((p) => p.due <= reg.day);
    if (pi >= 0 && rng.chance(0.9)) chain = pending.splice(pi, 1)[0];
    let c;
    if (chain) {
      const h = chain.head;
      c = { channel: chain.left > 1 || rng.chance(0.7) ? 'visit' : h.channel, petitioners: h.petitioners, people: h.people, respondent: h.respondent, locality: h.locality, purpose: h.purpose, category: h.category, summary: h.summary + rng.pick(W.REPEAT_SUFFIX), topic: h.topic, repeat_of: [...chain.ids] };
    } else {
      const ti = rng.weighted(topicPairs);
      const t = ctx.topics[ti];
      const [main, sub] = t[0].split('/');
      const where = { town: rng.pick(W.TOWNS), village: rng.pick(W.VILLAGES) };
      const channel = t[1] === 'suggestion' ? rng.weighted([['suggestion', 3], ['online', 4], ['letter', 3], ['visit', 2]]) : t[1] === 'accusation' ? rng.weighted([['letter', 3], ['mailbox', 3], ['online', 3], ['visit', 3], ['assigned', 1]]) : rng.weighted([['visit', 46], ['online', 19], ['hotline', 14], ['letter', 11], ['assigned', 5], ['mailbox', 3], ['instruction', 1], ['fax', 1]]);
      let petitioners;
      let people = 1;
      if (channel === 'visit') {
        if (rng.chance(0.03)) {
          const k = rng.int(2, 3);
          petitioners = Array.from({ length: k }, (_, j) => ({ ...person('full'), representative: j === 0 }));
          people = rng.int(5, 40);
        } else petitioners = [person(rng.chance(0.75) ? 'full' : 'phone')];
      } else if (channel === 'letter' || channel === 'fax') petitioners = [person('letter')];
      else if (channel === 'mailbox') petitioners = [person(rng.chance(0.3) ? 'anon' : 'phone')];
      else if (channel === 'online') petitioners = [person(rng.chance(0.6) ? 'full' : 'phone')];
      else if (channel === 'assigned' || channel === 'instruction') petitioners = [person('full')];
      else petitioners = [person('phone')];
      const addr = petitioners[0].address;
      c = {
        channel,
        petitioners,
        people: Math.max(people, petitioners.length),
        respondent: /\{公司\}/.test(t[4][0]) && rng.chance(0.8) ? rng.pick(W.COMPANIES) : t[1] === 'accusation' ? `${where.town}${where.village}村干部` : '',
        locality: rng.chance(0.7) ? (addr && rng.chance(0.6) ? addr.replace(/\d+号$/, '') : `${where.town}${where.village}`) : '',
        purpose: t[1],
        category: { main, sub },
        summary: fill(rng.pick(t[4]), rng, where),
        topic: ti,
        repeat_of: [],
      };
      // Starts a chain of repeats (the same person again on the same matter: recognised by
      // ID number, or by name and phone, as `visit add` does; those without either cannot be).
      const known = petitioners.some((p) => p.id_number || p.phone);
      if (rng.chance(0.02) && known && reg.day < LAST - 40) {
        pending.push({ head: c, ids: [id], left: rng.int(1, 3), due: reg.day + rng.int(20, 120) });
      }
    }
    if (chain && chain.left > 1) pending.push({ head: chain.head, ids: [...chain.ids, id], left: chain.left - 1, due: reg.day + rng.int(20, 120) });
    const receiver = slot ? slot.leader : '';
    const isVisit = c.channel === 'visit';
    const mode = isVisit ? rng.weighted([['fixed', 90], ['appointment', 6], ['onsite', 4]]) : 'fixed';
    const unitIdx = ctx.topics[c.topic][2];
    const unit = unitIdx >= 0 ? ctx.units[unitIdx] : '';
    const file = {
      id,
      received_at: `${date}T${hm(reg.min)}:${String(reg.sec).padStart(2, '0')}+08:00`,
      channel: c.channel,
      petitioners: c.petitioners,
      people: c.people,
      respondent: c.respondent,
      locality: c.locality,
      purpose: c.purpose,
      category: c.category,
      summary: c.summary,
      receiver,
      place: isVisit ? (slot?.place ?? 'center') : '',
      mode,
      opinion: isVisit && receiver && rng.chance(0.5) ? rng.pick(W.LEADER_OPINIONS) : '',
      source: W.SOURCES[c.channel] ? `${rng.pick(W.SOURCES[c.channel])}${c.channel === 'hotline' ? ` ${date.replaceAll('-', '')}${rng.int(10, 99)}` : c.channel === 'assigned' ? ` 交办〔${year}〕${rng.int(1, 999)}号` : ''}` : '',
      repeat_of: c.repeat_of,
      events: null,
    };
    let status = targetStatus(age, rng);
    if (status === 'transferred' && !unit) status = 'accepted';
    file.events = timeline(file, reg, status, unit, ctx, rng, leaderFor(c.category.main), batchAttach);
    cases.push({ id, status, events: file.events.length, repeat: file.repeat_of.length > 0, visits: file.events.some((e) => e.type === 'visit') });
    batch.push(file);
    if (batch.length === chunkSize || cases.length === n) {
      onChunk(batch, cases.length - batch.length, batchAttach);
      batch = [];
      batchAttach = [];
    }
  }
  return cases;
}

function hm(min) {
  const m = Math.min(min, 23 * 60 + 59);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The events of a case up to its target status: registration, then (written channels) the
 * duty leader's instruction, 包案, 受理, 五包, 交办, 答复, 处理, 审批, 信访人意见, 结案, 回访 —
 * or 不予受理; a few further visits. Each step some working days after the one before, all
 * before NOW; steps that would fall after the last working day are pulled in proportionally.
 */
function timeline(f, reg, status, unit, ctx, rng, categoryLeader, attachments) {
  const clerk = rng.pick(W.CLERKS);
  const steps = []; // [offsetDays, event]
  const owner0 = f.receiver;
  let owner = owner0;
  const written = WRITTEN.has(f.channel);
  if (written && (status !== 'registered' || rng.chance(0.5))) {
    const l = owner0 || ctx.principal;
    steps.push([rng.int(0, 2), { type: 'instruct', leader: l, text: unit ? `请${ctx.unitName(unit)}核实办理，按期答复` : '请相关单位核实办理，按期答复' }]);
  }
  const onTheSpot = f.channel === 'visit' && (f.purpose === 'inquiry' || rng.chance(0.15)) && status !== 'declined';
  if (status === 'declined') {
    steps.push([rng.int(1, 10), { type: 'decline', reason: rng.pick(W.DECLINES) }]);
  } else if (status !== 'registered') {
    if (onTheSpot && (status === 'closed' || status === 'handled')) {
      const disp = f.purpose === 'inquiry' ? 'explained' : rng.pick(['on-the-spot', 'explained', 'channel']);
      steps.push([0, { type: 'handle', disposition: disp, facts: rng.pick(W.FACTS), decision: disp === 'on-the-spot' ? 'support' : 'explain', note: '当场答复' }]);
      if (status === 'closed') {
        steps.push([rng.int(0, 1), { type: 'approve', leader: owner || ctx.principal, text: rng.pick(W.APPROVALS) }]);
        steps.push([rng.int(0, 3), { type: 'opinion', value: opinion(rng), note: '' }]);
        steps.push([0, replyNotice(f, steps, attachments)]);
        steps.push([rng.int(0, 3), { type: 'close', note: '' }]);
      }
    } else {
      if (rng.chance(0.35) || f.people >= 5 || f.repeat_of.length) {
        const big = f.people >= 5 || f.repeat_of.length >= 2;
        const l = big ? ctx.principals[rng.int(0, ctx.principals.length - 1)] : categoryLeader ?? owner0 ?? ctx.principal;
        if (l) {
          steps.push([rng.int(0, 2), { type: 'assign', leader: l, note: big ? '重复信访、集体访，主要领导包案' : '' }]);
          owner = l;
        }
      }
      steps.push([rng.int(1, 7), { type: 'accept', note: rng.chance(0.3) ? '当日书面告知受理' : '' }]);
      if (rng.chance(0.3)) steps.push([rng.int(0, 3), { type: 'duty', items: ctx.duties.slice(0, rng.int(1, 3)), note: '' }]);
      if (f.people >= 5 && rng.chance(0.5)) steps.push([rng.int(1, 4), { type: 'collective', note: `涉及 ${f.people} 人，提交领导班子集体研究` }]);
      const transfers = unit && status !== 'accepted';
      if (transfers) {
        const t = { type: 'transfer', unit, note: rng.chance(0.4) ? '请核实情况，按期书面答复' : '' };
        steps.push([rng.int(0, 2), t]);
        if (rng.chance(0.3)) t.due = 'DUE+15';
        if (status !== 'transferred' || rng.chance(0.35)) steps.push([rng.int(5, 20), { type: 'reply', unit, text: rng.pick(W.REPLIES) }]);
      }
      if (status === 'handled' || status === 'closed') {
        const promised = status === 'handled' && rng.chance(0.2);
        const disp = promised ? 'promised' : rng.weighted([['on-the-spot', 3], ['explained', 3], ['legal', 1], ['channel', 1], ['assistance', 1]]);
        const h = { type: 'handle', disposition: disp, facts: rng.pick(W.FACTS), decision: rng.weighted([['support', 5], ['explain', 3], ['reject', 2]]), note: '' };
        if (promised) h.promise_by = 'DUE+20';
        steps.push([rng.int(1, 8), h]);
        if (status === 'closed' || rng.chance(0.4)) steps.push([rng.int(0, 3), { type: 'approve', leader: owner || ctx.principal, text: rng.pick(W.APPROVALS) }]);
        if (status === 'closed') {
          steps.push([rng.int(1, 6), { type: 'opinion', value: opinion(rng), note: rng.chance(0.3) ? '信访人签字确认' : '' }]);
          steps.push([0, replyNotice(f, steps, attachments)]);
          steps.push([rng.int(0, 3), { type: 'close', note: '' }]);
        }
      }
    }
    if (status === 'closed' && rng.chance(0.25)) steps.push([rng.int(15, 60), { type: 'followup', date: 'DAY', note: rng.pick(W.FOLLOWUPS), recurred: false, leader: owner || '' }]);
  }
  // Offsets → day numbers: cumulative, pulled in proportionally to end by the last working day.
  let total = 0;
  for (const s of steps) total += s[0];
  const span = LAST - reg.day;
  const scale = total > span ? span / total : 1;
  let acc = 0;
  let prevDay = reg.day;
  const dated = [];
  for (const [off, e] of steps) {
    acc += off;
    let d = Math.max(prevDay, reg.day + Math.floor(acc * scale));
    while (d < LAST && !ctx.workday(d)) d++;
    while (d > prevDay && !ctx.workday(d)) d--;
    prevDay = d;
    dated.push([d, e]);
  }
  // A further visit or two on the same matter, while the case is open (or before it closed).
  if (f.channel === 'visit' && rng.chance(0.06)) {
    const fin = dated.find(([, e]) => e.type === 'close' || e.type === 'decline');
    const end = fin ? fin[0] : LAST;
    for (let k = rng.int(1, 2); k > 0; k--) {
      let d = reg.day + rng.int(5, 60);
      if (d > end) continue;
      while (d < end && !ctx.workday(d)) d++;
      const slot = ctx.duty(d);
      const e = { type: 'visit', date: DATES[d], channel: 'visit', receiver: slot?.leader ?? '', people: f.people, place: slot?.place ?? 'center', mode: 'fixed', petitioners: f.petitioners.map((p) => p.name), note: '' };
      let i = dated.findIndex(([x]) => x > d);
      if (i < 0) i = dated.length;
      dated.splice(i, 0, [d, e]);
    }
  }
  // Times: the registration's own; a later event on the same day some minutes after the one before.
  const events = [];
  const regMs = Date.parse(f.received_at);
  events.push({ id: ulid(regMs, rng), at: f.received_at, by: clerk, type: 'registered', channel: f.channel, receiver: f.receiver, people: f.people, place: f.place, mode: f.mode });
  let prevMin = reg.min;
  prevDay = reg.day;
  for (const [d, e] of dated) {
    const min = d === prevDay ? prevMin + rng.int(5, 50) : rng.int(8 * 60 + 30, 17 * 60);
    prevDay = d;
    prevMin = min;
    const at = `${DATES[d]}T${hm(min)}:${String(rng.int(0, 59)).padStart(2, '0')}+08:00`;
    if (e.due === 'DUE+15') e.due = DATES[d + 15];
    if (e.promise_by === 'DUE+20') e.promise_by = DATES[d + 20];
    if (e.date === 'DAY') e.date = DATES[d];
    events.push({ id: ulid(Date.parse(at), rng), at, by: clerk, ...e });
  }
  return events;
}

const DISPOSITION_ZH = { 'on-the-spot': '当场解决', promised: '限期解决', explained: '解释说明', channel: '指明渠道', legal: '法律途径', assistance: '个案帮扶' };
const DECISION_ZH = { support: '予以支持', reject: '不予支持', explain: '解释说明' };

/** The 答复意见书 filed before closing (as `case attach FILE --kind 答复意见书` does): its text goes to `sink`, the event records it. */
function replyNotice(f, steps, sink) {
  const h = [...steps].reverse().find(([, e]) => e.type === 'handle')?.[1];
  const replies = steps.filter(([, e]) => e.type === 'reply').map(([, e]) => e.text);
  const [y, m, d] = f.received_at.slice(0, 10).split('-').map(Number);
  const text = [
    '信访事项答复意见书',
    '',
    `${W.OFFICE.issuer}〔${y}〕${f.id} 号`,
    '',
    `${f.petitioners[0].name}：`,
    '',
    `你（们）于 ${y}年${m}月${d}日 反映的“${f.summary}”问题，本机关已受理。现答复如下：`,
    '',
    `一、经调查核实：${h?.facts ?? ''}`,
    '',
    `二、处理意见：${DISPOSITION_ZH[h?.disposition] ?? ''}${h?.decision ? `，${DECISION_ZH[h.decision]}` : ''}。`,
    ...replies.map((r) => `\n承办单位书面答复：${r}`),
    '',
    '如对本答复意见不服，可自收到本答复意见书之日起 30 日内向上一级行政机关申请复查。',
    '',
    W.OFFICE.unit,
    '',
  ].join('\n');
  const name = `答复意见书-${f.id}.txt`;
  const file = `attachments/${f.id}/${name}`;
  sink.push([file, text]);
  return { type: 'attach', file, kind: '答复意见书', name, sha256: createHash('sha256').update(text).digest('hex') };
}

function opinion(rng) {
  return rng.weighted([['satisfied', 70], ['basically-satisfied', 22], ['dissatisfied', 8]]);
}

// ---- serialization: every case is validated with CaseFile.parse and written as the
// product's toYaml text (bench/emit.mjs composes it from toYaml-formatted scalars; a sample
// is compared with toYaml of the whole file, or every case with `exact`), on worker threads.
async function makeWriter() {
  const { CaseFile } = await imp('domain/event-schemas.js');
  const { toYaml } = await imp('ledger/yamlfile.js');
  const { foldCase } = await imp('domain/case.js');
  const { makeEmitter } = await import('./emit.mjs');
  const em = makeEmitter(toYaml);
  const oldDay = TODAY - 122;
  /** files: plain case objects; offset: index of files[0] among all cases. */
  return ({ root, files, offset, verifyEvery, exact, attachments = [] }) => {
    for (const [rel, text] of attachments) {
      const path = join(root, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const mix = {};
    const oldMix = {};
    let bytes = 0;
    let verified = 0;
    let fallback = 0;
    const parsed = files.map((f) => CaseFile.parse(f));
    const texts = exact ? parsed.map(() => null) : em.emitMany(parsed);
    for (let i = 0; i < parsed.length; i++) {
      const p = parsed[i];
      let text = texts[i];
      if (text === null && !exact) fallback++;
      if (text === null || (offset + i) % verifyEvery === 0) {
        const y = toYaml(p);
        if (text !== null && text !== y) {
          const a = text.split('\n');
          const b = y.split('\n');
          const k = a.findIndex((l, j) => l !== b[j]);
          throw new Error(`bench/emit.mjs: ${p.id} differs from toYaml at line ${k + 1}: ${JSON.stringify(a[k])} vs ${JSON.stringify(b[k])}`);
        }
        text = y;
        verified++;
      }
      bytes += Buffer.byteLength(text);
      writeFileSync(join(root, 'cases', p.id.split('-')[1], `${p.id}.yaml`), text);
      const st = foldCase(p).status;
      mix[st] = (mix[st] ?? 0) + 1;
      if (dayOf(p.received_at.slice(0, 10)) < oldDay) oldMix[st] = (oldMix[st] ?? 0) + 1;
    }
    return { mix, oldMix, bytes, verified, fallback };
  };
}

if (!isMainThread && workerData?.xinfangBenchGen) {
  const write = await makeWriter();
  parentPort.on('message', (job) => {
    try {
      parentPort.postMessage({ ok: true, result: write(job) });
    } catch (e) {
      parentPort.postMessage({ ok: false, error: String(e?.stack ?? e) });
    }
  });
}

/** K worker threads taking chunks in turn; K = 0 writes on this thread. */
async function makePool(k) {
  if (k === 0) {
    const write = await makeWriter();
    return { submit: async (job) => write(job), close: async () => {} };
  }
  const workers = Array.from({ length: k }, () => {
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { xinfangBenchGen: true } });
    const queue = [];
    w.on('message', (m) => {
      const q = queue.shift();
      if (m.ok) q.res(m.result);
      else q.rej(new Error(m.error));
    });
    w.on('error', (e) => {
      for (const q of queue.splice(0)) q.rej(e);
    });
    return { w, queue };
  });
  let next = 0;
  return {
    submit: (job) =>
      new Promise((res, rej) => {
        const x = workers[next++ % workers.length];
        x.queue.push({ res, rej });
        x.w.postMessage(job);
      }),
    close: async () => {
      await Promise.all(workers.map((x) => x.w.terminate()));
    },
  };
}

function merge(into, from) {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/**
 * Creates the ledger in `dir` (must not exist or be empty). Options: git (default false),
 * seed, workers (threads besides the main one; default: one per extra core when n ≥ 5000),
 * log (progress lines; default console.log, null for silence).
 * Returns { root, n, mix, oldMix, sample: { show, ...}, timings }.
 */
export async function generateLedger(dir, n, opts = {}) {
  const log = opts.log === undefined ? (s) => console.log(s) : opts.log ?? (() => {});
  const seed = opts.seed ?? 20261130;
  const git = !!opts.git;
  const root = resolve(dir);
  const t0 = performance.now();
  const timings = {};
  const { initLedger } = await imp('app/init.js');
  const { addLeader, addUnit } = await imp('app/leaders.js');
  const { Ledger } = await imp('ledger/ledger.js');
  const { generateRoster } = await imp('app/roster.js');
  const { loadCalendar } = await imp('calendar/index.js');
  const { loadTaxonomy } = await imp('ledger/reference.js');
  const setupClerk = { name: 'bench', now: new Date('2023-12-20T09:00:00+08:00') };
  // Git commits made by the product during set-up need an identity on machines without one.
  const gitEnv = { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@localhost', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@localhost' };
  const savedEnv = {};
  if (git) for (const [k, v] of Object.entries(gitEnv)) if (!process.env[k]) { savedEnv[k] = process.env[k]; process.env[k] = v; }
  try {
    initLedger({ dir: root, unit: W.OFFICE.unit, code: W.OFFICE.code, preset: W.OFFICE.preset, station: W.OFFICE.station, git, issuer: W.OFFICE.issuer }, setupClerk);
    const ledger = Ledger.open(root);
    const leaders = W.LEADERS.map(({ cats, ...l }) => addLeader(ledger, l, setupClerk));
    const units = W.UNITS.map((u) => addUnit(ledger, u, setupClerk));
    ledger.refresh();
    timings.setup = performance.now() - t0;

    // Rosters for every month the cases span (and December), as `roster generate` does.
    const t1 = performance.now();
    const generated = generateRoster(ledger, ROSTER_MONTHS, false, setupClerk);
    const slotsByDate = new Map();
    for (const g of generated) for (const s of g.slots) if (!slotsByDate.has(s.date)) slotsByDate.set(s.date, s);
    timings.roster = performance.now() - t1;

    // The taxonomy must know every topic's category (else check would flag the files).
    const tax = loadTaxonomy();
    for (const t of W.TOPICS) {
      const [main, sub] = t[0].split('/');
      const cat = tax.categories.find((c) => c.name === main);
      if (!cat || !cat.items.includes(sub)) throw new Error(`bench/words.mjs: 分类 ${t[0]} 不在 data/taxonomy.yaml 中`);
      if (!tax.purposes.some((p) => p.key === t[1])) throw new Error(`bench/words.mjs: 目的 ${t[1]} 不在 data/taxonomy.yaml 中`);
    }
    const cal = loadCalendar(root);
    const work = DATES.map((d) => (cal.covers(+d.slice(0, 4)) ? cal.isWorkday(d) : ![0, 6].includes(new Date(d).getUTCDay())));
    const byCat = new Map();
    W.LEADERS.forEach((l, i) => l.cats.forEach((c) => byCat.set(c, leaders[i].id)));
    const principals = leaders.filter((l) => l.role === 'principal').map((l) => l.id);
    const ctx = {
      code: ledger.config.office.code,
      station: ledger.station(),
      units: units.map((u) => u.id),
      unitName: (id) => units.find((u) => u.id === id)?.name ?? id,
      principal: principals[0],
      principals,
      leaderByCategory: (main) => byCat.get(main),
      duties: ledger.config.duties,
      topics: W.TOPICS,
      workday: (d) => work[d] ?? false,
      duty: (d) => slotsByDate.get(DATES[d]),
    };

    const t2 = performance.now();
    for (const y of new Set(DATES.slice(0, LAST + 1).map((d) => d.slice(0, 4)))) mkdirSync(join(root, 'cases', y), { recursive: true });
    const workers = opts.workers ?? (n >= 5000 ? Math.min(4, availableParallelism()) : 0);
    const verifyEvery = opts.exact ? 1 : (opts.verifyEvery ?? (n <= 2000 ? 1 : 50));
    const pool = await makePool(workers);
    const jobs = [];
    let cases;
    let results;
    try {
      cases = buildCases(n, seed, ctx, (files, offset, attachments) => jobs.push(pool.submit({ root, files, offset, verifyEvery, exact: !!opts.exact, attachments: opts.attachments ? attachments : [] })));
      timings.build = performance.now() - t2;
      results = await Promise.all(jobs);
    } finally {
      await pool.close();
    }
    const mix = {};
    const oldMix = {};
    let bytes = 0;
    let verified = 0;
    let fallback = 0;
    for (const r of results) {
      fallback += r.fallback;
      merge(mix, r.mix);
      merge(oldMix, r.oldMix);
      bytes += r.bytes;
      verified += r.verified;
    }
    timings.write = performance.now() - t2;
    // Our intended status must be the product's fold of the events.
    const intended = {};
    for (const c of cases) intended[c.status] = (intended[c.status] ?? 0) + 1;
    for (const k of new Set([...Object.keys(mix), ...Object.keys(intended)])) {
      if ((mix[k] ?? 0) !== (intended[k] ?? 0)) throw new Error(`bench/gen.mjs: status ${k}: intended ${intended[k] ?? 0}, product folds ${mix[k] ?? 0}`);
    }

    if (git) {
      const t4 = performance.now();
      const env = { ...process.env, ...gitEnv, GIT_AUTHOR_DATE: '2026-11-29T18:00:00+08:00', GIT_COMMITTER_DATE: '2026-11-29T18:00:00+08:00' };
      execFileSync('git', ['add', '-A'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
      execFileSync('git', ['commit', '-q', '--no-verify', '-m', `bench: ${n} 件案件（生成）`], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
      timings.git = performance.now() - t4;
    }
    timings.total = performance.now() - t0;

    // Samples for the bench: a closed case with a long history, from 2026.
    const in2026 = cases.filter((c) => c.id.includes('-2026-'));
    const among = in2026.length ? in2026 : cases;
    const show = among.reduce((best, c) => (c.status === 'closed' && (!best || c.events > best.events) ? c : best), null) ?? among[among.length - 1];
    const repeats = cases.filter((c) => c.repeat).length;
    const visits = cases.filter((c) => c.visits).length;
    const result = { root, n, seed, git, mix, oldMix, repeats, furtherVisits: visits, bytes, verified, fallback, workers, sample: { show: show?.id }, timings };
    log(summaryText(result));
    return result;
  } finally {
    for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

const STATUS_ORDER = ['registered', 'accepted', 'transferred', 'handled', 'suspended', 'declined', 'closed'];
function mixText(mix) {
  const total = Object.values(mix).reduce((a, b) => a + b, 0) || 1;
  return STATUS_ORDER.filter((k) => mix[k]).map((k) => `${k} ${mix[k]} (${((100 * mix[k]) / total).toFixed(1)}%)`).join(', ');
}
export function summaryText(r) {
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const oldTotal = Object.values(r.oldMix).reduce((a, b) => a + b, 0);
  const oldOpen = oldTotal - (r.oldMix.closed ?? 0) - (r.oldMix.declined ?? 0);
  return [
    `生成台账 ${r.root}：${r.n} 件案件${r.git ? '（git）' : '（无 git）'}，${(r.bytes / 1048576).toFixed(1)} MB YAML`,
    `  状态：${mixText(r.mix)}`,
    `  近 4 个月登记的：${mixText(Object.fromEntries(Object.entries(r.mix).map(([k, v]) => [k, v - (r.oldMix[k] ?? 0)])))}`,
    `  登记超过 4 个月的 ${oldTotal} 件中仍未办结 ${oldOpen} 件（${oldTotal ? ((100 * oldOpen) / oldTotal).toFixed(1) : 0}%）；重复信访（repeat_of）${r.repeats} 件；有再次来访的 ${r.furtherVisits} 件`,
    `  用时：建账 ${s(r.timings.setup)}，排班 ${s(r.timings.roster)}，构造+校验+序列化+写入 ${s(r.timings.write)}（${r.workers} 个工作线程；${r.verified} 件与 toYaml 整篇比对一致${r.fallback ? `，其中 ${r.fallback} 件直接用 toYaml` : ''}）${r.timings.git !== undefined ? `，git 提交 ${s(r.timings.git)}` : ''}，共 ${s(r.timings.total)}`,
  ].join('\n');
}

// ---- standalone
const isMain = isMainThread && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const bool = (name) => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
  };
  const gitFlag = bool('--git');
  const exact = bool('--exact');
  const attachments = bool('--attachments');
  const seed = flag('--seed');
  const workers = flag('--workers');
  const [dir, nText] = args;
  const n = Number(String(nText ?? '').replaceAll(',', '').replaceAll('_', ''));
  if (!dir || !Number.isInteger(n) || n < 1) {
    console.error('用法：node bench/gen.mjs DIR N [--git] [--seed S] [--workers K] [--exact] [--attachments]');
    process.exit(2);
  }
  if (existsSync(dir) && readdirSync(dir).length) {
    console.error(`${dir} 不是空目录`);
    process.exit(2);
  }
  await generateLedger(dir, n, { git: gitFlag, exact, attachments, seed: seed === undefined ? undefined : Number(seed), workers: workers === undefined ? undefined : Number(workers) });
}
