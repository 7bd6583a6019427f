// What validating one of the office's files takes — the zod schemas of each kind and the
// YAML readers — kept out of the modules a command loads at start (readcache.ts loads this
// on a cache miss). Also an entry of the bundle (dist/bundle/validate-files.js), so that it
// can be loaded synchronously by name.
import { CalendarFile } from '../calendar/file.js';
import { Taxonomy } from '../domain/taxonomy.js';
import { provideValidators, type FileKind, type Validators } from './readcache.js';
import { RosterFile } from './roster-file.js';
import { Config, LeadersFile, UnitsFile } from './schema.js';
import { parseYamlText } from './yamlfile.js';

const schemas: Record<FileKind, Validators['schemas'][FileKind]> = {
  config: Config,
  leaders: LeadersFile,
  units: UnitsFile,
  roster: RosterFile,
  calendar: CalendarFile,
  taxonomy: Taxonomy,
};

export const VALIDATORS: Validators = { schemas, parseYamlText };
provideValidators(VALIDATORS);
