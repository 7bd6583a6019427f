// The statistics facts as the index stores them: a JSON array in a fixed order (about half
// the size of the object, and so half the parsing when a quarter's cases are read); `null`
// for a case that counts nowhere (merged into another).
import type { StatsFacts } from '../domain/stats-facts.js';

type Packed = [
  StatsFacts['received'],
  StatsFacts['visits'],
  0 | 1,
  number,
  StatsFacts['closes'],
  StatsFacts['reopens'],
  [string, string | null, number | null] | 0,
  0 | 1,
  string | null,
  string | null,
  number | null,
  string,
  string,
  string,
  string,
  string,
  string,
  StatsFacts['states'],
  string,
  StatsFacts['beijing'],
];

export function packFacts(f: StatsFacts | null): string {
  if (!f) return 'null';
  const p: Packed = [
    f.received,
    f.visits,
    f.repeatOf ? 1 : 0,
    f.maxPeople,
    f.closes,
    f.reopens,
    f.handle ? [f.handle.accepted, f.handle.due, f.handle.gap] : 0,
    f.declined ? 1 : 0,
    f.decided,
    f.accept.limit,
    f.accept.gap,
    f.channel,
    f.purpose,
    f.catMain,
    f.catSub,
    f.receiver,
    f.area,
    f.states,
    f.id,
    f.beijing,
  ];
  return JSON.stringify(p);
}

export function unpackFacts(text: string): StatsFacts | null {
  const p = JSON.parse(text) as Packed | null;
  if (!p) return null;
  const h = p[6];
  return {
    received: p[0],
    visits: p[1],
    repeatOf: p[2] === 1,
    maxPeople: p[3],
    closes: p[4],
    reopens: p[5],
    handle: h === 0 ? null : { accepted: h[0], due: h[1], gap: h[2] },
    declined: p[7] === 1,
    decided: p[8],
    accept: { limit: p[9], gap: p[10] },
    channel: p[11],
    purpose: p[12],
    catMain: p[13],
    catSub: p[14],
    receiver: p[15],
    area: p[16],
    states: p[17],
    id: p[18],
    beijing: p[19],
  };
}
