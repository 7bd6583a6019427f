// The index's tables. Bump INDEX_VERSION whenever a table, a column or what a derived
// column means changes: an index of another version is dropped and rebuilt from the files.
export const INDEX_VERSION = 21;

export const INDEX_FILE = 'index.db';

/** Tables with one row a case under the case's rowid (docs, facts, summaries). */
export const ROWID_TABLES = ['docs', 'facts', 'summaries'] as const;
/** Tables with a case's rows under its id (units, petitioner keys, links, …). */
export const CHILD_TABLES = ['units', 'pkeys', 'links', 'receptions', 'appointments', 'search', 'sdays'] as const;

export const SCHEMA = `
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE cases (
  id TEXT NOT NULL UNIQUE,
  rel TEXT NOT NULL UNIQUE,
  year TEXT NOT NULL,
  mtime REAL NOT NULL,
  size INTEGER NOT NULL,
  received TEXT NOT NULL,
  last_date TEXT NOT NULL,
  status TEXT NOT NULL,
  open INTEGER NOT NULL,
  receiver TEXT NOT NULL,
  owner TEXT,
  channel TEXT NOT NULL,
  purpose TEXT NOT NULL,
  cat_main TEXT NOT NULL,
  cat_sub TEXT NOT NULL,
  people INTEGER NOT NULL,
  visits INTEGER NOT NULL,
  repeat INTEGER NOT NULL,
  needs_instr INTEGER NOT NULL,
  due_min TEXT,
  reach TEXT NOT NULL,
  volatile INTEGER NOT NULL,
  moving INTEGER NOT NULL DEFAULT 0,
  susp INTEGER NOT NULL DEFAULT 0,
  dl TEXT,
  brief TEXT NOT NULL,
  recurring INTEGER NOT NULL,
  matter TEXT NOT NULL,
  prefix TEXT NOT NULL,
  num INTEGER NOT NULL,
  todo INTEGER NOT NULL DEFAULT 0,
  followup_from TEXT,
  fu_sure INTEGER NOT NULL DEFAULT 0,
  track INTEGER NOT NULL DEFAULT 0,
  duties TEXT
);
-- The case files themselves (as JSON), apart: a scan of the rows above stays small.
CREATE TABLE docs (rowid INTEGER PRIMARY KEY, doc TEXT NOT NULL);
-- What each case adds to the statistics (StatsFacts, src/domain/stats-facts.ts), apart from
-- the files: a period's report reads a few hundred bytes a case, never the case's JSON.
CREATE TABLE facts (rowid INTEGER PRIMARY KEY, facts TEXT NOT NULL);
-- Each case's summary (事由) as written, apart: \`today\` lists a few thousand without reading their JSON.
CREATE TABLE summaries (rowid INTEGER PRIMARY KEY, summary TEXT NOT NULL);
CREATE TABLE units (id TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (id, unit)) WITHOUT ROWID;
CREATE TABLE pkeys (key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE links (id TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (id, target)) WITHOUT ROWID;
CREATE TABLE receptions (id TEXT NOT NULL, n INTEGER NOT NULL, date TEXT NOT NULL, leader TEXT NOT NULL, channel TEXT NOT NULL, people INTEGER NOT NULL, PRIMARY KEY (id, n)) WITHOUT ROWID;
-- The days a case adds to a period's figures without being registered in it (see derive.ts).
CREATE TABLE sdays (date TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (date, id)) WITHOUT ROWID;
CREATE TABLE appointments (id TEXT NOT NULL, n INTEGER NOT NULL, date TEXT NOT NULL, leader TEXT NOT NULL, PRIMARY KEY (id, n)) WITHOUT ROWID;
-- What "case list --person" and "case find" search (candidates; src/domain/find.ts decides).
CREATE TABLE search (id TEXT PRIMARY KEY, who TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
-- How many summaries have each term (src/domain/similarity.ts summaryTerms): the weights of repeat recognition.
CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Secondary indexes: dropped for a full rebuild and made again after the rows are in (much faster). */
export const INDEXES = `
CREATE INDEX IF NOT EXISTS cases_received ON cases (received, id);
CREATE INDEX IF NOT EXISTS cases_year ON cases (year);
CREATE INDEX IF NOT EXISTS cases_number ON cases (prefix, num);
CREATE INDEX IF NOT EXISTS cases_matter ON cases (matter, visits);
CREATE INDEX IF NOT EXISTS cases_open_due ON cases (open, due_min);
CREATE INDEX IF NOT EXISTS cases_owner ON cases (owner);
CREATE INDEX IF NOT EXISTS cases_last ON cases (last_date);
-- Covering: a statistics window's candidates with stored facts are one range of it (reach >= from,
-- received <= end, neither suspended nor changed after the report date).
CREATE INDEX IF NOT EXISTS cases_reach ON cases (reach, received, susp, last_date);
CREATE INDEX IF NOT EXISTS cases_susp ON cases (susp) WHERE susp = 1;
CREATE INDEX IF NOT EXISTS cases_volatile ON cases (volatile) WHERE volatile = 1;
CREATE INDEX IF NOT EXISTS cases_moving ON cases (moving) WHERE moving = 1;
CREATE INDEX IF NOT EXISTS cases_returning ON cases (recurring) WHERE recurring = 1;
CREATE INDEX IF NOT EXISTS cases_instr ON cases (needs_instr) WHERE needs_instr = 1;
CREATE INDEX IF NOT EXISTS cases_todo ON cases (todo) WHERE todo > 0;
CREATE INDEX IF NOT EXISTS cases_track ON cases (track) WHERE track > 0;
CREATE INDEX IF NOT EXISTS cases_followup ON cases (followup_from) WHERE followup_from IS NOT NULL;
CREATE INDEX IF NOT EXISTS units_unit ON units (unit);
CREATE INDEX IF NOT EXISTS pkeys_id ON pkeys (id);
CREATE INDEX IF NOT EXISTS links_target ON links (target);
-- Covering: the receptions of a period and a leader's days are read from the index alone.
CREATE INDEX IF NOT EXISTS receptions_date ON receptions (date, channel, leader, people);
CREATE INDEX IF NOT EXISTS sdays_id ON sdays (id);
CREATE INDEX IF NOT EXISTS appointments_date ON appointments (date, leader);
`;
