// The rows of `case list` (the table; --json shows whole cases and folds each): what the index
// stored of each case — its list facts and the dates of its deadlines, judged here on the
// day — or, for a case whose dates move with the day, the case folded from its file. Both
// give the same ListEntry, so the table never depends on which way a row came.
import { listFacts, type ListFacts } from '../domain/list-facts.js';
import { shanghaiDate } from '../domain/time.js';
import { ProvisionalCalendar } from '../calendar/provisional.js';
import type { CaseFilter, ListItem } from '../index/store.js';
import type { Ledger } from '../ledger/ledger.js';
import { caseStore } from './cases.js';
import { caseExtras, dueTextOf, ledgerCalendar, storedShownDeadlines } from './case-extras.js';
import { escalatingOf } from './escalations.js';

export interface ListEntry {
  facts: ListFacts;
  /** The matter calls for a principal leader (src/app/escalations.ts). */
  escalate: boolean;
  /** The 期限 column (case-extras.ts dueTextOf). */
  dueText: string;
  overdue: boolean;
  /** Days left on the running deadline with the fewest, null when none runs. */
  daysLeft: number | null;
}

/** The list's rows for `f`, by date received then number, a batch at a time (escalation asks the index per batch). */
export function* listEntries(ledger: Ledger, f: CaseFilter, now: Date, batchSize = 500): Generator<ListEntry> {
  const today = shanghaiDate(now);
  const pcal = new ProvisionalCalendar(ledgerCalendar(ledger));
  let batch: ListItem[] = [];
  const flush = function* (): Generator<ListEntry> {
    const facts = batch.map((b) => ('state' in b ? listFacts(b.state) : b.facts));
    // Only an open case can call for a principal leader: the matters of the others are not asked.
    const esc = escalatingOf(ledger, facts);
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i]!;
      if ('state' in item) {
        const x = caseExtras(ledger, item.state, now);
        yield { facts: facts[i]!, escalate: esc.has(item.state.id), dueText: x.dueText, overdue: x.overdue, daysLeft: x.daysLeft };
        continue;
      }
      const { stored } = item;
      const dl = stored ? storedShownDeadlines(ledger, stored, today, pcal) : null;
      const f = facts[i]!;
      yield { facts: f, escalate: esc.has(f.id), dueText: dueTextOf(f.status, f.closed, dl), overdue: dl?.overdue ?? false, daysLeft: dl?.daysLeft ?? null };
    }
    batch = [];
  };
  for (const item of caseStore(ledger, { today }).listItems(f)) {
    batch.push(item);
    if (batch.length >= batchSize) yield* flush();
  }
  yield* flush();
}
