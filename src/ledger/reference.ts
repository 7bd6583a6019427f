// Reference data shipped with the tool (data/): the taxonomy (the presets: presets.ts).
import type { Taxonomy } from '../domain/taxonomy.js';
import { readValidated } from './readcache.js';
import { DATA_DIR } from '../paths.js';

let cached: Taxonomy | undefined;
export function loadTaxonomy(): Taxonomy {
  // Validated, or from the cache of a read-only command when unchanged (readcache.ts).
  cached ??= readValidated<Taxonomy>(DATA_DIR, 'taxonomy.yaml', 'taxonomy', { shipped: true });
  return cached;
}
