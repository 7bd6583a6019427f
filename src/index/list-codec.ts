// A case's list facts (src/domain/list-facts.ts) as the index stores them: a JSON array in a
// fixed order, read for every row of a long `case list`.
import type { ListFacts } from '../domain/list-facts.js';

type Packed = [string, string, string, ListFacts['status'], 0 | 1, string | null, string, string, number, number, string, string, string, string, 0 | 1, string | null, string | null];

export function packListFacts(f: ListFacts): string {
  const p: Packed = [f.id, f.received, f.channel, f.status, f.open ? 1 : 0, f.owner, f.name, f.phone, f.people, f.maxPeople, f.main, f.sub, f.summary, f.summaryUnmasked, f.repeat ? 1 : 0, f.mergedInto, f.closed];
  return JSON.stringify(p);
}

export function unpackListFacts(text: string): ListFacts {
  const p = JSON.parse(text) as Packed;
  return {
    id: p[0],
    received: p[1],
    channel: p[2],
    status: p[3],
    open: p[4] === 1,
    owner: p[5],
    name: p[6],
    phone: p[7],
    people: p[8],
    maxPeople: p[9],
    main: p[10],
    sub: p[11],
    summary: p[12],
    summaryUnmasked: p[13],
    repeat: p[14] === 1,
    mergedInto: p[15],
    closed: p[16],
  };
}
