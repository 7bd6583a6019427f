// The case files as `xinfang check` reads them: each one read, decoded, parsed, checked
// against the case schema and visited by the rules that look at one case file at a time
// (CASE_VISITORS), with a digest of what the index would store for it. A county's 100,000
// files take most of a check, so from PARALLEL_FROM files a worker thread (check.worker.ts)
// shares that work with this one, a chunk of files at a time taken from a shared counter.
// The worker has its own copy of what the rules read (the office's files) and of what they
// gather (input.extra); this thread takes each file's problems and digest in the files'
// order — reading a chunk itself whenever the worker's next one is not ready — and at the
// end adds what the worker gathered (CaseVisitor.merge).
//
// Measured at 100,000 cases on two cores: one thread 16–21 s; this thread and one worker
// 11.5–13.5 s (+42 MB); two workers with this thread only taking results 12–15.5 s (+93 MB);
// two workers posting each parsed case back for the rules to run here was slower than one
// thread (the copying of every case between threads).
import { createHash } from 'node:crypto';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { CaseFile } from '../domain/event-schemas.js';
import { parseCaseText } from '../ledger/cases.js';
import { readLedgerText } from '../ledger/textfile.js';
import { parseYamlText } from '../ledger/yamlfile.js';
import type { CaseVisitor, CheckInput, Problem } from './check.js';
import { builtWorker } from '../paths.js';

/** What is kept of each readable case file: its path and a digest of its content (as the index stores it). */
export interface CaseDigest {
  rel: string;
  id: string;
  digest: string;
}

/** One case file as check read it: its problems, and its digest when it is a case. */
export interface FileOutcome {
  problems: Problem[];
  digest?: CaseDigest;
}

/** Below this many files check reads them in its own thread (starting threads costs more). */
export const PARALLEL_FROM = 3000;
/** Files a worker takes at a time. */
export const CHUNK = 64;
/** How far (in files) a worker may run ahead of this thread: what waits is held in memory. */
const AHEAD = CHUNK * 64;
/** Workers besides this thread (see above). */
const WORKERS = 1;
/** No chunk done by any worker for this long: a worker died. */
const STALL_MS = 120_000;

/** What the index stores of a case (its JSON), as a digest: check compares the two. */
export const digestOf = (doc: string): string => createHash('sha1').update(doc).digest('base64');

/** One file read, parsed and visited (the same in this thread and in a worker); what the visitors gather goes to input.extra. */
export function visitFile(input: CheckInput, visitors: readonly CaseVisitor[], rel: string): FileOutcome {
  // A folder named like a case file, bytes that are not UTF-8 …: a problem of that file.
  const t = readLedgerText(input.root, rel);
  if (!t.ok) return { problems: t.gone ? [] : [{ code: 'case-file-invalid', ...t.problem }] };
  const text = t.text;
  // The fast reader for what xinfang wrote; line numbers only when a rule asks for one.
  const r = parseCaseText(rel, text);
  if (!r.ok) return { problems: r.problems.map((p) => ({ code: 'case-file-invalid', file: p.file, line: p.line, message: p.message })) };
  let full: ReturnType<typeof parseYamlText<CaseFile>> | undefined;
  const lineOf = (path: (string | number)[]) => {
    full ??= parseYamlText(rel, text, CaseFile);
    return full.ok ? full.lineOf(path) : 1;
  };
  const problems: Problem[] = [];
  for (const v of visitors) problems.push(...v.visit({ rel, file: r.value, lineOf }, input));
  // A copy of the id: the parsed string is a slice of the whole file's text and would keep it alive.
  return { problems, digest: { rel, id: Buffer.from(r.value.id).toString(), digest: digestOf(JSON.stringify(r.value)) } };
}

/**
 * Each of `rels` visited, in that order: in this thread, or (from `input.parallel.from`
 * files, default PARALLEL_FROM, when the built worker is there) shared with a worker thread,
 * whose gatherings are merged into input.extra once every file is done.
 */
export function* visitFiles(input: CheckInput, visitors: readonly CaseVisitor[], rels: readonly string[]): Generator<FileOutcome> {
  const worker = input.parallel ? input.parallel.worker : checkWorkerFile();
  if (!worker || rels.length < (input.parallel?.from ?? PARALLEL_FROM)) {
    for (const rel of rels) yield visitFile(input, visitors, rel);
    return;
  }
  const extras: Record<string, unknown>[] = [];
  yield* inWorkers(worker, input, visitors, rels, extras);
  for (const extra of extras) for (const v of visitors) v.merge?.(input.extra, extra);
}

export interface CheckWorkerData {
  /** What the rules read (no functions: the worker makes its own lineOf and extra). */
  input: Pick<CheckInput, 'root' | 'strict' | 'config' | 'leaders' | 'units'>;
  rels: string[];
  /** Int32 × 3: a wake-up counter (bumped by a worker after each chunk, and by this thread as it takes files), the next file to take, the files this thread has taken. */
  signal: SharedArrayBuffer;
}

/** A worker's message: a chunk's outcomes in the files' order; at the end what its visitors gathered; or how it failed. */
export type CheckWorkerMessage = { start: number; files: FileOutcome[] } | { extra: Record<string, unknown> } | { error: string };

/** The built worker beside this module (dist/bundle/ or dist/app/), or null when running from sources. */
export const checkWorkerFile = (): string | null => builtWorker(import.meta.url, ['./app-check-worker.js', './check.worker.js']);

function* inWorkers(file: string, input: CheckInput, visitors: readonly CaseVisitor[], rels: readonly string[], extras: Record<string, unknown>[]): Generator<FileOutcome> {
  const signal = new SharedArrayBuffer(12);
  const shared = new Int32Array(signal);
  const { root, strict, config, leaders, units } = input;
  const pool = Array.from({ length: WORKERS }, () => {
    const { port1, port2 } = new MessageChannel();
    const data: CheckWorkerData & { port: unknown } = { input: { root, strict, config, leaders, units }, rels: rels as string[], signal, port: port2 };
    const w = new Worker(file, { workerData: data, transferList: [port2] });
    w.unref();
    return { port: port1, worker: w, extra: null as Record<string, unknown> | null };
  });
  const ready = new Map<number, FileOutcome[]>();
  try {
    let next = 0;
    let lastWake = -1;
    let lastChange = Date.now();
    // Every file in order, then each worker's gatherings (its last message).
    while (next < rels.length || pool.some((p) => !p.extra)) {
      // Read before the ports: a message posted after this is a change the wait below sees.
      const seen = Atomics.load(shared, 0);
      for (const p of pool) {
        for (let m = receiveMessageOnPort(p.port); m; m = receiveMessageOnPort(p.port)) {
          const msg = m.message as CheckWorkerMessage;
          if ('error' in msg) throw new Error(`校验失败（工作线程）：${msg.error}`);
          if ('extra' in msg) p.extra = msg.extra;
          else ready.set(msg.start, msg.files);
        }
      }
      const files = ready.get(next);
      if (files) {
        ready.delete(next);
        for (const f of files) yield f;
        next += files.length;
        // This thread has taken these: a worker waiting to run further ahead may go on.
        Atomics.store(shared, 2, next);
        Atomics.add(shared, 0, 1);
        Atomics.notify(shared, 0);
        continue;
      }
      // Rather than wait for the worker's chunk, this thread reads the next one not yet taken.
      if (next < rels.length) {
        const start = Atomics.add(shared, 1, CHUNK);
        if (start < rels.length) {
          const mine: FileOutcome[] = [];
          for (let i = start; i < Math.min(start + CHUNK, rels.length); i++) mine.push(visitFile(input, visitors, rels[i]!));
          ready.set(start, mine);
          continue;
        }
      }
      if (seen !== lastWake) [lastWake, lastChange] = [seen, Date.now()];
      else if (Date.now() - lastChange > STALL_MS) throw new Error(`校验失败：工作线程 ${STALL_MS / 1000} 秒没有进展（可能内存不足）`);
      Atomics.wait(shared, 0, seen, 2000);
    }
    for (const p of pool) extras.push(p.extra!);
  } finally {
    for (const p of pool) {
      p.port.close();
      void p.worker.terminate();
    }
  }
}

/**
 * A worker's loop (check.worker.ts): chunks from the shared counter, each visited and posted
 * whole, never more than AHEAD files ahead of the thread that takes them; then what its
 * visitors gathered.
 */
export function checkWorkerLoop(data: CheckWorkerData, visitorsOf: (input: CheckInput) => CaseVisitor[], post: (m: CheckWorkerMessage) => void): void {
  const shared = new Int32Array(data.signal);
  const wake = () => {
    Atomics.add(shared, 0, 1);
    Atomics.notify(shared, 0);
  };
  try {
    const input: CheckInput = { ...data.input, lineOf: {}, extra: {} };
    const visitors = visitorsOf(input);
    for (;;) {
      const start = Atomics.add(shared, 1, CHUNK);
      if (start >= data.rels.length) break;
      while (start - Atomics.load(shared, 2) > AHEAD) {
        const seen = Atomics.load(shared, 0);
        if (start - Atomics.load(shared, 2) > AHEAD) Atomics.wait(shared, 0, seen, 1000);
      }
      const end = Math.min(start + CHUNK, data.rels.length);
      const files: FileOutcome[] = [];
      for (let i = start; i < end; i++) files.push(visitFile(input, visitors, data.rels[i]!));
      post({ start, files });
      wake();
    }
    post({ extra: input.extra });
  } catch (e) {
    post({ error: (e as Error).stack ?? String(e) });
  }
  wake();
}
