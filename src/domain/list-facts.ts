// What a row of `case list` shows of a case besides its deadlines (judged on the day) and its
// escalation (its matter's visits): fixed by the case file alone. The index stores these for
// every case, so that a list of thousands (`case list --overdue` at a county) is printed
// without reading and folding each case's file; a folded case gives the same through
// `listFacts`, and the one row format (src/cli/commands/case-list.ts) takes either.
import { isOpen, isRepeat, type CaseState, type Status } from './case.js';
import { maskPiiText } from './identity.js';

/** Characters of the summary a list row shows (then …). */
export const LIST_SUMMARY_CHARS = 24;

export interface ListFacts {
  id: string;
  received: string;
  channel: string;
  status: Status;
  open: boolean;
  owner: string | null;
  /** The first petitioner's name and phone, as written (masked when printed). */
  name: string;
  phone: string;
  people: number;
  /** The most people of any contact (集体 when it reaches intake.group_threshold). */
  maxPeople: number;
  main: string;
  sub: string;
  /** The summary cut for the list: after masking its numbers, and as written (--unmasked). */
  summary: string;
  summaryUnmasked: string;
  repeat: boolean;
  mergedInto: string | null;
  closed: string | null;
}

/** The first n characters (code points) of a text, with … when cut. */
export function cutText(t: string, n: number): string {
  const chars = [...t];
  return chars.length > n ? chars.slice(0, n).join('') + '…' : t;
}

export function listFacts(s: CaseState): ListFacts {
  const f = s.file;
  const p = f.petitioners[0]!;
  let maxPeople = f.people;
  for (const v of s.visits) if (v.people > maxPeople) maxPeople = v.people;
  return {
    id: s.id,
    received: s.received,
    channel: f.channel,
    status: s.status,
    open: isOpen(s),
    owner: s.owner,
    name: p.name,
    phone: p.phone,
    people: f.people,
    maxPeople,
    main: f.category.main,
    sub: f.category.sub,
    summary: cutText(maskPiiText(f.summary), LIST_SUMMARY_CHARS),
    summaryUnmasked: cutText(f.summary, LIST_SUMMARY_CHARS),
    repeat: isRepeat(s),
    mergedInto: s.mergedInto,
    closed: s.closed,
  };
}
