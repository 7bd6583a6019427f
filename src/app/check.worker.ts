// A worker thread of `xinfang check` on a large ledger (check-files.ts): reads, parses and
// visits case files a chunk at a time with every rule that looks at one case file, and posts
// each file's problems and digest back to the thread that runs the check.
import { workerData, type MessagePort } from 'node:worker_threads';
import { caseVisitors } from './check.js';
import './check-rules.js';
import { checkWorkerLoop, type CheckWorkerData } from './check-files.js';

const data = workerData as CheckWorkerData & { port: MessagePort };
checkWorkerLoop(data, caseVisitors, (m) => data.port.postMessage(m));
