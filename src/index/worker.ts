// A worker thread of a full rebuild: parses its share of the case files and hands the rows
// back through its port, waking the main thread (which waits synchronously) after each batch.
import { workerData, type MessagePort } from 'node:worker_threads';
import { loadCalendar } from '../calendar/index.js';
import { parseFile, type Parsed } from './parse.js';

const { root, rels, rules, warnings, today, port, signal } = workerData as {
  root: string;
  rels: string[];
  rules: never;
  warnings: never;
  today: string;
  port: MessagePort;
  signal: SharedArrayBuffer;
};
const flag = new Int32Array(signal);
const send = (m: Parsed[] | null) => {
  port.postMessage(m);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
};
try {
  const env = { rules, warnings, today, cal: loadCalendar(root) };
  let batch: Parsed[] = [];
  for (const rel of rels) {
    batch.push(parseFile(root, rel, env));
    if (batch.length >= 250) {
      send(batch);
      batch = [];
    }
  }
  send(batch);
} catch (e) {
  port.postMessage({ error: (e as Error).stack ?? String(e) });
} finally {
  send(null);
}
