/**
 * The engine's sqlite schema. Everything an execution needs to go on after a crash lives
 * here: its row, its history, one row per live frame (running branch or iteration), the
 * task tokens it handed out and every timer it armed.
 */
/** 2: `events` is a rowid table with a unique index on (exec_id, id); 1 had it WITHOUT ROWID. */
export const SCHEMA_VERSION = 2;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Definitions are content-addressed: an execution keeps the definition it started with
-- even after UpdateStateMachine.
CREATE TABLE IF NOT EXISTS definitions (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS state_machines (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  definition_id INTEGER NOT NULL REFERENCES definitions(id),
  role_arn TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS executions (
  id INTEGER PRIMARY KEY,
  arn TEXT NOT NULL UNIQUE,
  sm_arn TEXT NOT NULL,
  name TEXT NOT NULL,
  definition_id INTEGER NOT NULL,
  role_arn TEXT NOT NULL,
  status TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  started_at INTEGER NOT NULL,
  stopped_at INTEGER
);
CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (sm_arn, started_at DESC, id DESC);

-- A rowid table, so rows land in insertion order at the end of the table: a turn's events
-- (of many executions) fill a few adjacent pages instead of one page per execution, and the
-- index on (exec_id, id) holds only small entries. Schema version 1 clustered the rows by
-- (exec_id, id) (WITHOUT ROWID); such a table is kept as it is (db.ts, eventsClusteredByKey).
CREATE TABLE IF NOT EXISTS events (
  exec_id INTEGER NOT NULL,
  id INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  previous_id INTEGER NOT NULL,
  details TEXT
);

-- status: run (runnable), task (side effect in flight), token (waiting for a task token),
-- timer (waiting for a timer), children (waiting for branches/iterations),
-- queued (Map iteration not started yet), done (branch finished, output kept for the parent).
CREATE TABLE IF NOT EXISTS frames (
  id INTEGER PRIMARY KEY,
  exec_id INTEGER NOT NULL,
  parent_id INTEGER,
  idx INTEGER NOT NULL,
  status TEXT NOT NULL,
  pending INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS frames_by_parent ON frames (parent_id, status, idx) WHERE parent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS frames_by_exec ON frames (exec_id);
CREATE INDEX IF NOT EXISTS frames_runnable ON frames (status) WHERE status IN ('run', 'task');

CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  exec_id INTEGER NOT NULL,
  frame_id INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tokens_by_exec ON tokens (exec_id);
CREATE INDEX IF NOT EXISTS tokens_by_frame ON tokens (frame_id);

CREATE TABLE IF NOT EXISTS timers (
  frame_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  exec_id INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  PRIMARY KEY (frame_id, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS timers_by_due ON timers (due_at);
CREATE INDEX IF NOT EXISTS timers_by_exec ON timers (exec_id);
`;

/**
 * The unique index of `events` on (exec_id, id), for a rowid `events` table only: a table of
 * schema version 1 has that key as its primary key already, and a second copy of it would
 * only double the cost of every insert.
 */
export const EVENTS_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS events_by_exec ON events (exec_id, id)';
