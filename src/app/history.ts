// A case's history: its commits, oldest first, with the events each added.
import { InputError } from '../errors.js';
import { type CaseState } from '../domain/case.js';
import { type Event } from '../domain/events.js';
import { caseRel } from '../ledger/cases.js';
import { yamlLib } from '../ledger/yamlfile.js';
import { git, isGitRepo } from '../ledger/git.js';
import type { Ledger } from '../ledger/ledger.js';
import { loadCase } from './cases.js';

// ---- 历史 ------------------------------------------------------------------------------

export interface HistoryEntry {
  commit: string;
  author: string;
  date: string;
  subject: string;
  /** Events this commit added to the case file. */
  events: Event[];
  /** Registration fields this commit changed. */
  fields: string[];
}

function eventsAt(root: string, rev: string, rel: string): { events: Event[]; reg: Record<string, unknown> } | null {
  try {
    const doc = yamlLib().parse(git(root, ['show', `${rev}:${rel}`])) as Record<string, unknown> | null;
    if (!doc) return null;
    const { events, ...reg } = doc;
    return { events: Array.isArray(events) ? (events as Event[]) : [], reg };
  } catch {
    return null;
  }
}

/** The case's commits, oldest first, each with the events it added (git log + the file at each commit). */
export function caseHistory(ledger: Ledger, ref: string): { case: CaseState; entries: HistoryEntry[] } {
  const s = loadCase(ledger, ref);
  if (!isGitRepo(ledger.root)) throw new InputError('台账不是 git 仓库，没有修改历史（xinfang init 默认建立 git 仓库）', 'no_git');
  const rel = caseRel(s.id);
  const out = git(ledger.root, ['log', '--reverse', '--format=%H%x1f%an%x1f%aI%x1f%s', '--', rel]).trim();
  const entries: HistoryEntry[] = [];
  let prev: { events: Event[]; reg: Record<string, unknown> } | null = null;
  for (const line of out ? out.split('\n') : []) {
    const [commit, author, date, subject] = line.split('\x1f') as [string, string, string, string];
    const cur = eventsAt(ledger.root, commit, rel);
    const seen = new Set((prev?.events ?? []).map((e) => e.id));
    const added = (cur?.events ?? []).filter((e) => !seen.has(e.id));
    const fields = prev && cur ? Object.keys(cur.reg).filter((k) => JSON.stringify(cur.reg[k]) !== JSON.stringify(prev!.reg[k])) : [];
    entries.push({ commit, author, date, subject, events: added, fields });
    prev = cur;
  }
  return { case: s, entries };
}

