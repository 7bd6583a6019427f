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

/** The options with which one of these commands writes after all (`due --supervise` records 督办). */
const WRITING_OPTIONS: Record<string, string[]> = { due: ['supervise'] };

/** The command's words below `xinfang` ("roster duty") and its options as commander gives them. */
export function isReadOnly(path: readonly string[], opts: Record<string, unknown> = {}): boolean {
  const name = path.join(' ');
  return READ_ONLY.has(name) && !(WRITING_OPTIONS[name] ?? []).some((o) => opts[o] !== undefined && opts[o] !== false);
}
