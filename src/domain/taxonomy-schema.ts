// The zod schema of the catalogue file (data/taxonomy.yaml): loaded only where the file is
// validated (src/ledger/validate-files.ts); the catalogue's rules are in taxonomy.ts.
import './zod.js';
import { z } from 'zod';

export const Purpose = z.strictObject({ key: z.string(), name: z.string(), aliases: z.array(z.string()).default([]) });
export const Category = z.strictObject({
  key: z.string(),
  name: z.string(),
  code: z.string().default(''),
  aliases: z.array(z.string()).default([]),
  items: z.array(z.string()).min(1),
  /** Everyday words for an item (低保 → 优抚救济), only for searching at the prompt. */
  keywords: z.record(z.string(), z.string()).default({}),
  /**
   * Other spellings of an item: the seed's run-together ones (交通安全刑案侦破 → 交通安全).
   * Accepted as the sub ("政法/交通安全刑案侦破") and on their own ("交通安全刑案侦破").
   */
  item_aliases: z.record(z.string(), z.string()).default({}),
});
export const Taxonomy = z.strictObject({
  version: z.string(),
  purposes: z.array(Purpose).min(1),
  categories: z.array(Category).min(1),
});
export type Taxonomy = z.infer<typeof Taxonomy>;
export type Category = z.infer<typeof Category>;

