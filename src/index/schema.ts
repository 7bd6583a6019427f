// The index's tables. Bump INDEX_VERSION whenever a table, a column or what a derived
// column means changes: an index of another version is dropped and rebuilt from the files.
export const INDEX_VERSION = 3;

export const INDEX_FILE = 'index.db';

export const SCHEMA = `
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
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
  handle_first TEXT,
  volatile INTEGER NOT NULL,
  recurring INTEGER NOT NULL,
  matter TEXT NOT NULL,
  doc TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX cases_received ON cases (received, id);
CREATE INDEX cases_year ON cases (year);
CREATE INDEX cases_matter ON cases (matter);
CREATE INDEX cases_open_due ON cases (open, due_min);
CREATE INDEX cases_owner ON cases (owner);
CREATE INDEX cases_last ON cases (last_date);
CREATE INDEX cases_handle_first ON cases (handle_first);
CREATE INDEX cases_volatile ON cases (volatile) WHERE volatile = 1;
CREATE INDEX cases_returning ON cases (recurring) WHERE recurring = 1;
CREATE INDEX cases_instr ON cases (needs_instr) WHERE needs_instr = 1;
CREATE TABLE units (id TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (id, unit)) WITHOUT ROWID;
CREATE INDEX units_unit ON units (unit);
CREATE TABLE pkeys (key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE INDEX pkeys_id ON pkeys (id);
CREATE TABLE links (id TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (id, target)) WITHOUT ROWID;
CREATE INDEX links_target ON links (target);
CREATE TABLE receptions (id TEXT NOT NULL, n INTEGER NOT NULL, date TEXT NOT NULL, leader TEXT NOT NULL, channel TEXT NOT NULL, people INTEGER NOT NULL, PRIMARY KEY (id, n)) WITHOUT ROWID;
CREATE INDEX receptions_date ON receptions (date);
CREATE TABLE appointments (id TEXT NOT NULL, n INTEGER NOT NULL, date TEXT NOT NULL, leader TEXT NOT NULL, PRIMARY KEY (id, n)) WITHOUT ROWID;
CREATE INDEX appointments_date ON appointments (date, leader);
`;
