// Case use cases shared by every area: ask the index about many cases, load one, and
// append an event (under the case's lock, then commit exactly that file, then bring the
// index up to date).
import { indexProgress } from './index-progress.js';
import { monotonicFactory } from 'ulid';
import { InputError, LedgerFileError, shownValue } from '../errors.js';
import { foldCase, type CaseState } from '../domain/case.js';
import type { CaseFile, Event, NewEvent } from '../domain/events.js';
import { shanghaiISO } from '../domain/time.js';
import { caseRel, fileHoldingCaseId, readCase, updateCase } from '../ledger/cases.js';
import type { CaseFilter, CaseStore } from '../index/store.js';
import { openStore } from '../index/open.js';
import type { Clerk, Ledger } from '../ledger/ledger.js';
import type { PlannedFile } from '../ledger/txn.js';
import { withLock } from '../ledger/lock.js';
import { caseSchemas } from '../ledger/cases.js';

const nextUlid = monotonicFactory();

export function newEventId(now: Date): string {
  // ulid encodes only times from 1970 on; an earlier event (a record dated 1900–1969) takes time 0.
  return nextUlid(Math.max(0, now.getTime()));
}

export function stamp<E extends NewEvent>(e: E, clerk: Clerk): Event {
  return caseSchemas().Event.parse({ id: newEventId(clerk.now), at: shanghaiISO(clerk.now), by: clerk.name, ...e });
}

const stores = new WeakMap<Ledger, CaseStore>();

/**
 * The index of this ledger, opened (and brought up to date) once per command. `today` is the
 * command's day; `rebuild` reads every file again (`xinfang reindex`).
 */
export function caseStore(ledger: Ledger, opts: { today?: string; rebuild?: boolean; progress?: (done: number, total: number) => void } = {}): CaseStore {
  let s = stores.get(ledger);
  if (!s || opts.rebuild) {
    s?.close();
    s = openStore(ledger, { ...opts, progress: opts.progress ?? indexProgress() });
    stores.set(ledger, s);
  }
  return s;
}

/** The cases passing `f` (every case without one), through the index. */
export function queryCases(ledger: Ledger, f: CaseFilter = {}): CaseState[] {
  return caseStore(ledger).cases(f);
}

/** Tells the index what this process just wrote. */
export function indexWritten(ledger: Ledger, rels: string[]): void {
  stores.get(ledger)?.written(rels);
}

/**
 * Opens the index before a write, so that it is current before and is told of the write
 * after (then the next command need not look at the folder again). A ledger whose other
 * files cannot be read must not stop this write: the next reading command reports them.
 */
export function indexBeforeWrite(ledger: Ledger): void {
  try {
    caseStore(ledger);
  } catch (e) {
    if (!(e instanceof LedgerFileError)) throw e;
  }
}

/**
 * A case by its number: the full QS-2026-A0001, or the short A0001 / 2026-A0001 when only
 * one case of the ledger ends that way.
 */
export function resolveCaseId(ledger: Ledger, ref: string): string {
  const v = ref.trim().toUpperCase();
  if (/^[A-Z][A-Z0-9]{1,7}-\d{4}-[A-Z]\d{4,}$/.test(v)) return v;
  if (!/^(\d{4}-)?[A-Z]\d{1,}$/.test(v)) return v;
  const m = /^(?:(\d{4})-)?([A-Z])(\d+)$/.exec(v)!;
  const suffix = `-${m[2]}${m[3]!.padStart(4, '0')}.yaml`;
  const hits = caseStore(ledger).idsEndingWith(suffix.replace(/\.yaml$/, ''), m[1]);
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) {
    throw new InputError(`案件编号“${ref}”对应 ${hits.length} 个案件（${hits.join('、')}），请写完整编号`, 'ambiguous');
  }
  // A short number that is well formed but ends no case's number: there is no such case.
  throw new InputError(`没有案件 ${shownValue(ref)}${m[1] ? '' : '（本台账各年份都没有以此结尾的编号）'}。用 xinfang case list 查看已登记的案件`, 'unknown_case');
}

export function loadCase(ledger: Ledger, ref: string): CaseState {
  const id = resolveCaseId(ledger, ref);
  if (!/^[A-Z][A-Z0-9]{1,7}-\d{4}-[A-Z]\d{4,}$/.test(id)) {
    throw new InputError(`案件编号“${shownValue(ref)}”格式不对：应为 代码-年份-工作站字母序号，如 ${ledger.config.office.code}-2026-A0001`, 'bad_case');
  }
  const file = readCase(ledger.root, id);
  if (!file) {
    const other = fileHoldingCaseId(ledger.root, id);
    if (other) throw new InputError(`没有案件文件 ${caseRel(id)}；编号 ${id} 写在 ${other} 中（文件名与其中的 id 不一致）。请改正文件名或其中的 id，xinfang check 列出此类问题`, 'case_file_mismatch');
    throw new InputError(`没有案件 ${id}。用 xinfang case list 查看已登记的案件`, 'unknown_case');
  }
  return foldCase(file);
}


/**
 * Appends events to a case under its lock. `check` runs on the fresh state inside the lock
 * and may throw (then nothing is written); `mutate` may change registration fields;
 * `extraFiles` are written and committed with the case file, or undone with it.
 */
export function appendEvents(
  ledger: Ledger,
  id: string,
  events: NewEvent[],
  message: string,
  clerk: Clerk,
  opts: { check?: (s: CaseState) => void; mutate?: (f: CaseFile) => CaseFile; extraPaths?: string[]; extraFiles?: PlannedFile[] } = {},
): CaseState {
  id = loadCase(ledger, id).id; // a clear message for an unknown case; the full number
  indexBeforeWrite(ledger);
  const file = updateCase(
    ledger.root,
    id,
    (cur) => {
      const state = foldCase(cur);
      refuseMerged(state, events);
      opts.check?.(state);
      const base = opts.mutate ? opts.mutate(cur) : cur;
      return { ...base, events: [...base.events, ...events.map((e) => stamp(e, clerk))] };
    },
    () => ledger.commitSpec(message, clerk, opts.extraPaths),
    opts.extraFiles,
  );
  indexWritten(ledger, [caseRel(id)]);
  return foldCase(file);
}

/**
 * A case merged into another (case merge) is handled on the original: only a correction of
 * its record or an attachment may still be added to it.
 */
function refuseMerged(s: CaseState, events: readonly NewEvent[]): void {
  if (!s.mergedInto) return;
  const bad = events.find((e) => e.type !== 'correct' && e.type !== 'attach');
  if (bad) throw new InputError(`${s.id} 已并入 ${s.mergedInto}，请在 ${s.mergedInto} 上办理`, 'merged');
}

export function appendEvent(ledger: Ledger, id: string, event: NewEvent, message: string, clerk: Clerk, opts: Parameters<typeof appendEvents>[5] = {}): CaseState {
  return appendEvents(ledger, id, [event], message, clerk, opts);
}

/**
 * Appends events to several cases as ONE change: every case's lock is taken (in number
 * order, so two such runs never wait on each other), every `check` runs on the fresh file
 * inside its lock, and only then are all the case files and the `extra` files (notices …)
 * written atomically and committed together with one message. A refusal anywhere throws
 * before anything is written.
 */
export function appendEventsToCases(
  ledger: Ledger,
  items: { id: string; events: NewEvent[]; check?: (s: CaseState) => void }[],
  extra: { rel: string; text: string }[],
  message: string,
  clerk: Clerk,
): CaseState[] {
  const byId = new Map<string, { events: NewEvent[]; checks: ((s: CaseState) => void)[] }>();
  for (const it of items) {
    const id = loadCase(ledger, it.id).id;
    const cur = byId.get(id) ?? { events: [], checks: [] };
    cur.events.push(...it.events);
    if (it.check) cur.checks.push(it.check);
    byId.set(id, cur);
  }
  const ids = [...byId.keys()].sort();
  indexBeforeWrite(ledger);
  const write = (): CaseState[] => {
    const next: CaseFile[] = [];
    for (const id of ids) {
      const cur = readCase(ledger.root, id);
      if (!cur) throw new InputError(`没有案件 ${id}`, 'unknown_case');
      const { events, checks } = byId.get(id)!;
      const state = foldCase(cur);
      refuseMerged(state, events);
      for (const c of checks) c(state);
      next.push(caseSchemas().CaseFile.parse({ ...cur, events: [...cur.events, ...events.map((e) => stamp(e, clerk))] }));
    }
    const change = ledger.change();
    for (const f of next) change.put(caseRel(f.id), caseSchemas().CaseFile, f);
    for (const x of extra) change.putText(x.rel, x.text);
    if (next.length || extra.length) change.apply(message, clerk);
    indexWritten(ledger, next.map((f) => caseRel(f.id)));
    return next.map(foldCase);
  };
  const locked = (k: number): CaseState[] => (k < ids.length ? withLock(ledger.root, `case-${ids[k]}`, () => locked(k + 1)) : write());
  return locked(0);
}
