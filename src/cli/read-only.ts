// Commands that only read the ledger. They take the office's files (xinfang.yaml,
// leaders.yaml, units.yaml, rosters/, calendar/, the taxonomy) from the validated cache when
// unchanged (src/ledger/readcache.ts); every other command — each write, `check` — validates
// them for real. Writing `report … -o FILE` writes a file outside the ledger: still a read.
const READ_ONLY = new Set([
  'roster duty',
  'roster show',
  'case show',
  'case list',
  'case find',
  'case readiness',
  'case history',
  'leader list',
  'leader show',
  'unit list',
  'calendar show',
  'due',
  'today',
  'report stats',
]);

/** The command's words below `xinfang` ("roster duty"), from commander's command objects. */
export function isReadOnly(path: readonly string[]): boolean {
  return READ_ONLY.has(path.join(' '));
}
