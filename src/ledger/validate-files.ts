// What validating one of the office's files takes — the zod schemas of each kind and the
// YAML readers — kept out of the modules a command loads at start: readcache.ts loads this
// on a cache miss (on-demand.ts).
import { CalendarFile } from '../calendar/file.js';
import { Taxonomy } from '../domain/taxonomy-schema.js';
import type { FileKind, Validators } from './readcache.js';
import { RosterFile } from './roster-schema.js';
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

/** The case file's schema and its events' (ledger/cases.ts caseSchemas). */
export { CaseFile, Event } from '../domain/event-schemas.js';
/** The roster file's schema (roster-file.ts rosterSchema). */
export { RosterFile };
