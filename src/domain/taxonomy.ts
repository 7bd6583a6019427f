// The 信访目的 and two-level 内容分类 catalogues, and resolving what a clerk typed (the
// Chinese word, a national spelling, a code or a key) to the canonical entry. The zod schema
// of the catalogue file is in taxonomy-schema.ts (loaded only to validate the file).
import { badField } from '../errors.js';
import type { Category, Taxonomy } from './taxonomy-schema.js';

export type { Category, Taxonomy } from './taxonomy-schema.js';

const norm = (s: string) => s.trim().replace(/其他$/, '其它').toLowerCase();
/** For item aliases: spaces and line breaks inside the seed's spellings do not count (海洋气象 地震). */
const squash = (s: string) => norm(s).replace(/\s+/g, '');

function itemAlias(c: Category, input: string): string | undefined {
  const v = squash(input);
  const hit = Object.entries(c.item_aliases).find(([a]) => squash(a) === v);
  return hit && c.items.includes(hit[1]) ? hit[1] : undefined;
}

export function resolvePurpose(t: Taxonomy, input: string): { key: string; name: string } {
  const v = norm(input);
  const p = t.purposes.find((p) => norm(p.key) === v || norm(p.name) === v || p.aliases.some((a) => norm(a) === v));
  if (!p) throw badField('信访目的（--purpose）', input, `允许：${t.purposes.map((p) => `${p.name}（${p.key}）`).join('、')}`);
  return { key: p.key, name: p.name };
}

export function findCategory(t: Taxonomy, input: string): Category | undefined {
  const v = norm(input);
  return t.categories.find((c) => norm(c.key) === v || norm(c.name) === v || c.code === input.trim() || c.aliases.some((a) => norm(a) === v));
}

/** "大类/小类", "大类" (→ 其它 or the only item), a code or key; returns canonical names. */
export function resolveCategory(t: Taxonomy, input: string): { main: string; sub: string } {
  const [mainIn, subIn] = input.split(/[/／>、]/).map((s) => s.trim());
  const cat = mainIn ? findCategory(t, mainIn) : undefined;
  if (!cat && mainIn && !subIn) {
    // A seed spelling of an item on its own (交通安全刑案侦破): its category and item.
    for (const c of t.categories) {
      const sub = itemAlias(c, mainIn);
      if (sub) return { main: c.name, sub };
    }
  }
  if (!cat) {
    throw badField('内容分类（--category）', input, `大类应为：${t.categories.map((c) => c.name).join('、')}；写作“大类/小类”，如“民政/优抚救济”`);
  }
  if (!subIn) {
    const sub = cat.items.includes('其它') ? '其它' : cat.items[0]!;
    return { main: cat.name, sub };
  }
  const sub = cat.items.find((i) => squash(i) === squash(subIn)) ?? itemAlias(cat, subIn);
  if (!sub) throw badField(`内容分类（--category）的小类`, subIn, `“${cat.name}”下允许：${cat.items.join('、')}`);
  return { main: cat.name, sub };
}
