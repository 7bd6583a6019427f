// Finding a petitioner and a case (`case list --person`, `case find`): what a clerk types —
// a name or part of it, an ID number, a phone in any format, words of the summary, an
// address, a respondent — and whether a case matches it. The index uses these rules on the
// cases its search columns return (src/index), the full re-read on every case.
import type { CaseFile, Petitioner } from './events.js';
import { normalizeId, phoneKey } from './identity.js';

export type PersonQuery = { kind: 'id'; id: string } | { kind: 'phone'; digits: string } | { kind: 'name'; name: string };

/** What kind of thing the clerk typed to find a person. */
export function personQuery(raw: string): PersonQuery {
  const t = raw.trim().replace(/\s+/g, '');
  if (/^\d{17}[\dXx]$/.test(t) || /^\d{15}$/.test(t)) return { kind: 'id', id: normalizeId(t) };
  if (/^[\d\-+()（）]+$/.test(t) && phoneKey(t).length >= 7) return { kind: 'phone', digits: phoneKey(t) };
  return { kind: 'name', name: raw.trim() };
}

/** A petitioner is the one asked for: the same ID number; the same phone (or a landline without its area code); a name containing the text. */
export function personMatches(ps: readonly Petitioner[], q: PersonQuery): boolean {
  return ps.some((p) => {
    if (q.kind === 'id') return !!p.id_number && normalizeId(p.id_number) === q.id;
    if (q.kind === 'phone') {
      const k = p.phone ? phoneKey(p.phone) : '';
      return !!k && (k === q.digits || k.endsWith(q.digits));
    }
    return p.name.includes(q.name);
  });
}

/** The text a case is found by besides its petitioners: summary, place, respondent, addresses, opinion, source. */
export function caseText(f: CaseFile): string {
  return [f.summary, f.locality, f.respondent, f.opinion, f.source, ...f.petitioners.flatMap((p) => [p.name, p.address])].join('\n');
}

/** The words of a search (separated by spaces): every one must be found. */
export function searchWords(raw: string): string[] {
  return raw.trim().split(/\s+/).filter(Boolean);
}

/**
 * `case find TEXT`: the case's petitioner is the one asked for (name, ID number, phone), or
 * every word of the text is in its summary, place, respondent, addresses or names.
 */
export function caseMatches(f: CaseFile, raw: string): boolean {
  if (personMatches(f.petitioners, personQuery(raw))) return true;
  const words = searchWords(raw);
  if (!words.length) return false;
  const text = caseText(f).toLowerCase();
  return words.every((w) => text.includes(w.toLowerCase()) || personMatches(f.petitioners, personQuery(w)));
}
