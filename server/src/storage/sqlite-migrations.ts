import type { Database } from 'better-sqlite3';

/**
 * SQLite schema migrations, applied in order on start. Each entry moves the database from
 * version `index` to `index + 1` (tracked in `PRAGMA user_version`). Never edit a released
 * entry: append a new one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE rooms (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    symbol TEXT,
    template TEXT,
    schema_version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE updates (
    room TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    delegation TEXT NOT NULL,
    person TEXT,
    time INTEGER NOT NULL,
    PRIMARY KEY (room, seq)
  ) WITHOUT ROWID;
  CREATE TABLE snapshots (
    room TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  `,
  `
  CREATE TABLE revocations (
    room TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('delegation', 'person')),
    value TEXT NOT NULL,
    revoked_at INTEGER NOT NULL,
    revoked_by TEXT NOT NULL
  );
  CREATE INDEX revocations_room ON revocations (room, kind, value);
  CREATE TABLE room_state (
    room TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'deleted')),
    settings TEXT
  );
  `,
  `
  CREATE TABLE invites (
    room TEXT NOT NULL,
    jti TEXT NOT NULL,
    delegation TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('chair', 'delegate', 'observer')),
    name TEXT NOT NULL,
    person TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    issued_by TEXT NOT NULL,
    PRIMARY KEY (room, jti)
  );
  CREATE INDEX invites_expiry ON invites (room, expires_at);
  CREATE TABLE author_bindings (
    room TEXT NOT NULL,
    client_id INTEGER NOT NULL,
    author TEXT NOT NULL,
    delegation TEXT NOT NULL,
    person TEXT,
    PRIMARY KEY (room, client_id)
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE comment_threads (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    clause_id TEXT NOT NULL,
    anchor_start TEXT,
    anchor_end TEXT,
    quote TEXT,
    visibility TEXT NOT NULL CHECK (visibility IN ('room', 'delegation')),
    delegation TEXT NOT NULL,
    person TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    status_by TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (room, id)
  );
  CREATE TABLE comment_messages (
    room TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    id TEXT NOT NULL,
    delegation TEXT NOT NULL,
    person TEXT,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    mentions TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (room, thread_id, id)
  );
  `,
  `
  CREATE TABLE suggestions (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('insertion', 'deletion')),
    delegation TEXT NOT NULL,
    person TEXT,
    clause_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
    decided_by TEXT,
    decided_at INTEGER,
    PRIMARY KEY (room, id)
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE proposals (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('bracket', 'option')),
    clause_id TEXT NOT NULL,
    group_id TEXT,
    proposed_by TEXT NOT NULL,
    person TEXT,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'removed', 'picked', 'discarded')),
    decided_by TEXT,
    decided_at INTEGER,
    PRIMARY KEY (room, id)
  ) WITHOUT ROWID;
  CREATE TABLE stances (
    room TEXT NOT NULL,
    target TEXT NOT NULL,
    delegation TEXT NOT NULL,
    stance TEXT NOT NULL CHECK (stance IN ('support', 'object')),
    at INTEGER NOT NULL,
    PRIMARY KEY (room, target, delegation)
  ) WITHOUT ROWID;
  CREATE TABLE clause_status_log (
    room TEXT NOT NULL,
    seq INTEGER NOT NULL,
    clause_id TEXT NOT NULL,
    status TEXT NOT NULL,
    status_by TEXT NOT NULL,
    status_at INTEGER NOT NULL,
    PRIMARY KEY (room, seq)
  ) WITHOUT ROWID;
  CREATE TABLE picks (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    clause_id TEXT NOT NULL,
    option TEXT NOT NULL,
    picked_by TEXT NOT NULL,
    picked_at INTEGER NOT NULL,
    discarded TEXT NOT NULL,
    PRIMARY KEY (room, id)
  ) WITHOUT ROWID;
  CREATE TABLE frozen_numbers (
    room TEXT PRIMARY KEY,
    numbers TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE revisions (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    label TEXT NOT NULL,
    note TEXT,
    issued_at INTEGER NOT NULL,
    issued_by TEXT NOT NULL,
    hash TEXT NOT NULL,
    prev_hash TEXT,
    state BLOB NOT NULL,
    numbers TEXT NOT NULL,
    numbering_was_frozen INTEGER NOT NULL,
    PRIMARY KEY (room, id),
    UNIQUE (room, seq),
    UNIQUE (room, label)
  );
  `,
];

/** The schema version this build writes. A database from a newer build is refused. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings `db` up to the current schema inside one transaction per step. */
export function migrateSqlite(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this build understands (${MIGRATIONS.length}); upgrade Plenary`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    const step = MIGRATIONS[version] as string;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
