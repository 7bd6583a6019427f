// A full rebuild on two worker threads (src/index/worker.ts) while the calling thread,
// which holds a SQLite transaction and so must stay synchronous, inserts the rows.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { DeriveEnv } from './derive.js';
import type { Parsed } from './parse.js';

/** The built worker beside this module (dist/), or null when running from sources. */
export function workerFile(): string | null {
  const url = new URL('./index-worker.js', import.meta.url);
  if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return fileURLToPath(url);
  const alt = new URL('./worker.js', import.meta.url);
  if (alt.protocol === 'file:' && existsSync(fileURLToPath(alt))) return fileURLToPath(alt);
  return null;
}

/**
 * Parses the files on two worker threads while this thread inserts the rows. The caller
 * is synchronous (a SQLite transaction is open), so it waits on a shared counter and takes
 * the batches with receiveMessageOnPort.
 */
export function parseInWorkers(file: string, root: string, rels: string[], env: DeriveEnv, take: (p: Parsed) => void): void {
  const n = 2;
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const parts: string[][] = Array.from({ length: n }, () => []);
  rels.forEach((r, i) => parts[Math.floor((i * n) / rels.length)]!.push(r));
  const ports = parts.map((part) => {
    const { port1, port2 } = new MessageChannel();
    const w = new Worker(file, { workerData: { root, rels: part, rules: env.rules, warnings: env.warnings, today: env.today, port: port2, signal }, transferList: [port2] });
    w.unref();
    return { port: port1, done: false, worker: w };
  });
  let error: string | null = null;
  while (ports.some((p) => !p.done)) {
    const seen = Atomics.load(flag, 0);
    for (const p of ports) {
      for (let m = receiveMessageOnPort(p.port); m; m = receiveMessageOnPort(p.port)) {
        const msg = m.message as Parsed[] | null | { error: string };
        if (msg === null) p.done = true;
        else if (Array.isArray(msg)) for (const x of msg) take(x);
        else error = msg.error;
      }
    }
    if (ports.some((p) => !p.done)) Atomics.wait(flag, 0, seen, 2000);
  }
  for (const p of ports) {
    p.port.close();
    void p.worker.terminate();
  }
  if (error) throw new Error(`索引重建失败：${error}`);
}
