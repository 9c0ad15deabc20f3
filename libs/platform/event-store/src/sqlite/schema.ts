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
`;

/** Bumped whenever SQLITE_EVENT_STORE_SCHEMA changes shape; stored in PRAGMA user_version. */
export const SQLITE_EVENT_STORE_SCHEMA_VERSION = 1;

/**
 * journal_mode=WAL lets readers (projections, other processes) run while the writer appends.
 * synchronous=FULL makes every commit fsync the WAL: an append that has resolved survives power
 * loss, which NORMAL (the usual WAL pairing) does not promise. Payments are recorded here.
 */
export const SQLITE_EVENT_STORE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000'] as const;
