/**
 * The SQLite event log. One table: the INTEGER PRIMARY KEY is the rowid, so the global position
 * costs no extra index and rows are stored in global order; the two UNIQUE constraints are the
 * last line of defence for stream revisions and event ids even if the code above them is wrong.
 * STRICT makes SQLite reject a value of the wrong type instead of silently coercing it.
 */
export const SQLITE_EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY,
  stream_id       TEXT    NOT NULL,
  revision        INTEGER NOT NULL CHECK (revision >= 0),
  event_id        TEXT    NOT NULL,
  type            TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  recorded_at     TEXT    NOT NULL,
  CONSTRAINT events_stream_revision UNIQUE (stream_id, revision),
  CONSTRAINT events_event_id UNIQUE (event_id)
) STRICT;

-- The command ledger: one row per handled command, written in the same transaction as its events, so "was this
-- command id handled, with what request, and which events did it record?" is one primary-key lookup however long
-- the stream. first_revision is NULL when the decision recorded no events.
CREATE TABLE IF NOT EXISTS commands (
  command_id     TEXT    PRIMARY KEY,
  command_type   TEXT    NOT NULL,
  request_hash   TEXT    NOT NULL,
  stream_id      TEXT    NOT NULL,
  first_revision INTEGER CHECK (first_revision >= 0),
  event_count    INTEGER NOT NULL CHECK (event_count >= 0),
  recorded_at    TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

-- Unique keys held by a stream (one PAYE reference per employer), taken in the same transaction as its events.
CREATE TABLE IF NOT EXISTS claims (
  claim_key  TEXT PRIMARY KEY,
  stream_id  TEXT NOT NULL,
  claimed_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

/**
 * Bumped whenever SQLITE_EVENT_STORE_SCHEMA changes shape; stored in PRAGMA user_version. Version 2 added the
 * command ledger; a version-1 file is upgraded in place by the CREATE TABLE IF NOT EXISTS above (its commands were
 * handled before the ledger existed, so they have no rows and replay by event id as before). Version 3 added claims,
 * upgraded the same way (no earlier append claimed anything).
 */
export const SQLITE_EVENT_STORE_SCHEMA_VERSION = 3;

/**
 * journal_mode=WAL lets readers (projections, other processes) run while the writer appends.
 * synchronous=NORMAL: COMMIT writes the WAL without waiting for the disk, and the store then flushes the WAL itself,
 * off the thread (WalSync), acknowledging no append before that flush is done. An append that has resolved survives
 * power loss exactly as with synchronous=FULL, whose fsync inside COMMIT blocked the connection's thread instead.
 * Payments are recorded here.
 */
export const SQLITE_EVENT_STORE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'busy_timeout = 5000',
] as const;
