// The modules loaded on demand (src/ledger/on-demand.ts) are found by require() of the built
// module beside on-demand.ts — which the tests, running the sources, do not have: each test
// file gets them handed in here.
import * as validateFiles from '../../src/ledger/validate-files.js';
import * as writeSupport from '../../src/ledger/write-support.js';
import { provide } from '../../src/ledger/on-demand.js';

provide('validate-files', validateFiles);
provide('write-support', writeSupport);
