// Where a month's roster lives (no zod: readers load this at start; the schema is in roster-file.ts).
export const ROSTER_DIR = 'rosters';
export const rosterRel = (month: string): string => `${ROSTER_DIR}/${month}.yaml`;
export const ROSTER_NAME_RE = /^(\d{4}-\d{2})\.yaml$/;
