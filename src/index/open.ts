// Which store answers: the SQLite index, or — with XINFANG_INDEX=off — a full re-read of
// the files (the reference the index is tested against, and a way round a broken index).
import type { Ledger } from '../ledger/ledger.js';
import { parseInstant, shanghaiDate } from '../domain/time.js';
import { ScanStore, type CaseStore } from './store.js';
import { SqliteStore } from './sqlite.js';

export function openStore(ledger: Ledger, opts: { today?: string; rebuild?: boolean; progress?: (done: number, total: number) => void } = {}): CaseStore {
  if (process.env.XINFANG_INDEX === 'off') return new ScanStore(ledger);
  const today = opts.today ?? defaultToday();
  return SqliteStore.open(ledger, { today, rebuild: opts.rebuild, progress: opts.progress });
}

/** The command's day where the caller has none at hand: $XINFANG_NOW, else the clock. */
export function defaultToday(): string {
  return shanghaiDate((process.env.XINFANG_NOW && parseInstant(process.env.XINFANG_NOW)) || new Date());
}
