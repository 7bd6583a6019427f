// The git merge driver for case files. Two clones that changed one case are merged without
// losing anything: the append-only `events` lists are united by event id (ordered by time,
// then id); every other field is merged three-way (a side that did not change it yields to
// the side that did). When both sides changed a field differently, ours is kept and the
// other value is kept too, as a `merge-conflict` event that the clerk can act on.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { toYaml, writeFileAtomic } from '../ledger/yamlfile.js';
import { decodeUtf8 } from '../ledger/textfile.js';
import { ulid } from 'ulid';

type Obj = Record<string, unknown>;
type Event = Obj & { id: string; at?: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function load(path: string): Obj | null {
  let text: string;
  try {
    // Bytes that are not UTF-8 are not merged (they would come back as U+FFFD): git keeps the conflict.
    const d = decodeUtf8(path, readFileSync(path));
    if (!d.ok) return null;
    text = d.text;
  } catch {
    return null;
  }
  if (!text.trim()) return {};
  const doc = parseDocument(text);
  if (doc.errors.length) return null;
  let v: unknown;
  try {
    v = doc.toJS();
  } catch {
    return null; // e.g. an alias without its anchor
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
}

export function unionEvents(...lists: unknown[]): Event[] {
  const byId = new Map<string, Event>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const e of list as Event[]) if (e && typeof e.id === 'string' && !byId.has(e.id)) byId.set(e.id, e);
  }
  return [...byId.values()].sort((a, b) => String(a.at ?? '').localeCompare(String(b.at ?? '')) || a.id.localeCompare(b.id));
}

/** Three-way merge of plain values; conflicts collected with their path. */
function merge3(base: unknown, ours: unknown, theirs: unknown, path: string, conflicts: { field: string; ours: unknown; theirs: unknown }[]): unknown {
  if (same(ours, theirs)) return ours;
  if (same(base, ours)) return theirs;
  if (same(base, theirs)) return ours;
  // Lists that both sides only appended to (petitioners who joined, linked cases): union.
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    const b = Array.isArray(base) ? base : [];
    const extends_ = (l: unknown[]) => l.length >= b.length && b.every((x, i) => same(x, l[i]));
    if (extends_(ours) && extends_(theirs)) {
      const out = [...ours];
      for (const t of theirs.slice(b.length)) if (!out.some((o) => same(o, t))) out.push(t);
      return out;
    }
  }
  const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(ours) && isObj(theirs)) {
    const b = isObj(base) ? base : {};
    const out: Obj = {};
    for (const k of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      const v = merge3(b[k], ours[k], theirs[k], path ? `${path}.${k}` : k, conflicts);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  conflicts.push({ field: path, ours, theirs });
  return ours;
}

export interface MergeResult {
  merged: Obj;
  conflicts: string;
}

export function mergeCase(base: Obj, ours: Obj, theirs: Obj, now: Date): MergeResult {
  const conflicts: { field: string; ours: unknown; theirs: unknown }[] = [];
  const { events: be, ...bRest } = base;
  const { events: oe, ...oRest } = ours;
  const { events: te, ...tRest } = theirs;
  const merged = merge3(bRest, oRest, tRest, '', conflicts) as Obj;
  const events = unionEvents(be, oe, te);
  for (const c of conflicts) {
    // Kept, never dropped: the other side's value becomes an event of the case.
    events.push({ id: ulid(now.getTime()), at: new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00', by: 'xinfang merge-driver', type: 'merge-conflict', field: c.field, kept: c.ours as never, other: c.theirs as never });
  }
  // Events removed on one side (never done by xinfang) are kept: the union is append-only.
  return { merged: { ...merged, events }, conflicts: '' };
}

export function runMergeDriver(basePath: string, oursPath: string, theirsPath: string, name: string | undefined, now: Date): { conflicts: string } {
  const base = load(basePath) ?? {};
  const ours = load(oursPath);
  const theirs = load(theirsPath);
  if (!ours || !theirs) return { conflicts: `${name ?? oursPath} 不是有效的 YAML（或不是 UTF-8 文本），无法自动合并；请手工合并后运行 xinfang check` };
  // Both sides created the file on their own: two different cases got the same number (two
  // machines with one station letter). Uniting them would mix two petitioners' matters.
  if (base.id === undefined && ours.received_at !== theirs.received_at) {
    return { conflicts: `两台电脑编出了同一个案件编号 ${String(ours.id ?? name)}，但内容是两个不同的案件（登记时间 ${String(ours.received_at)} 与 ${String(theirs.received_at)}）。两台电脑用了同一个工作站字母：请在其中一台运行 xinfang setup --station 另一个字母，并把其中一件重新登记` };
  }
  const r = mergeCase(base, ours, theirs, now);
  // Keep the key order of ours (the case schema's order) for a readable diff.
  const ordered: Obj = {};
  for (const k of Object.keys(ours)) if (k in r.merged) ordered[k] = r.merged[k];
  for (const k of Object.keys(r.merged)) if (!(k in ordered)) ordered[k] = r.merged[k];
  writeFileAtomic(oursPath, toYaml(ordered));
  return { conflicts: '' };
}
