// Modules a command loads only when it needs them, synchronously — from code that is itself
// synchronous (Ledger.change(), a read that missed the cache). Each is an entry of the bundle
// (scripts/bundle.mjs: dist/bundle/NAME-BUILD.js), and tsc's dist/ledger/NAME.js beside this module,
// loaded with require() (Node ≥ 20.19 requires ES modules); without that, or in the tests
// (which run the sources), they are loaded beforehand and handed in with provide().
//   validate-files: the zod schemas and YAML readers of the office's files (readcache.ts);
//   write-support:  writing files, commits, locks, finishing an interrupted write (txn.ts …).
import { createRequire } from 'node:module';
import type * as ValidateFiles from './validate-files.js';
import type * as WriteSupport from './write-support.js';

export interface OnDemand {
  'validate-files': typeof ValidateFiles;
  'write-support': typeof WriteSupport;
}
export const ON_DEMAND: (keyof OnDemand)[] = ['validate-files', 'write-support'];

declare const __XINFANG_BUILD__: string | undefined;
/** The bundle's entries carry its build id (NAME-BUILD.js, scripts/bundle.mjs); tsc's are NAME.js. */
const SUFFIX = typeof __XINFANG_BUILD__ === 'string' ? `-${__XINFANG_BUILD__}` : '';

const requireHere = createRequire(import.meta.url);
const loaded: Partial<OnDemand> = {};

export function provide<K extends keyof OnDemand>(name: K, mod: OnDemand[K]): void {
  loaded[name] = mod;
}

export function onDemand<K extends keyof OnDemand>(name: K): OnDemand[K] {
  return (loaded[name] ??= requireHere(`./${name}${SUFFIX}.js`) as OnDemand[K]);
}

/** Loads them all now, asynchronously (a Node that cannot require() an ES module: run.ts, before the action). */
export async function preloadOnDemand(): Promise<void> {
  for (const name of ON_DEMAND) {
    // By URL, not a literal import(): the bundle keeps them in the files named above.
    loaded[name] ??= (await import(new URL(`./${name}${SUFFIX}.js`, import.meta.url).href)) as never;
  }
}

/** True when this Node can require() an ES module (20.19 and later); else main loads them beforehand. */
export function canRequireModules(): boolean {
  return (process.features as { require_module?: boolean }).require_module === true;
}
