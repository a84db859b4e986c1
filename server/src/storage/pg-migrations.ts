import type pg from 'pg';
import { inTransaction } from './pg-database.js';

/**
 * PostgreSQL schema migrations, applied in order on start. Each entry moves the schema from
 * version `index` to `index + 1` (tracked in the table `plenary_schema`). Never edit a released
 * entry: append a new one. The tables mirror the SQLite adapter's (`sqlite-migrations.ts`);
 * `ord` columns keep insertion order where SQLite reads its `rowid`, author keys are
 * stored as their UTF-8 bytes (they hold a NUL, which PostgreSQL text cannot), and `room_seqs` holds each
 * room's last sequence number so that concurrent appends from several processes are numbered
 * by the database.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE rooms (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    symbol TEXT,
    template TEXT,
    schema_version INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE INDEX rooms_updated ON rooms (updated_at DESC, id);
  CREATE TABLE room_seqs (
    room TEXT PRIMARY KEY,
    seq BIGINT NOT NULL
  );
  CREATE TABLE updates (
    room TEXT NOT NULL,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    delegation TEXT NOT NULL,
    person TEXT,
    time BIGINT NOT NULL,
    PRIMARY KEY (room, seq)
  );
  CREATE TABLE snapshots (
    room TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL
  );
  CREATE TABLE revocations (
    ord BIGSERIAL PRIMARY KEY,
    room TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('delegation', 'person')),
    value TEXT NOT NULL,
    revoked_at BIGINT NOT NULL,
    revoked_by TEXT NOT NULL
  );
  CREATE INDEX revocations_room ON revocations (room, revoked_at, ord);
  CREATE TABLE room_state (
    room TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'deleted')),
    settings TEXT
  );
  CREATE TABLE invites (
    ord BIGSERIAL,
    room TEXT NOT NULL,
    jti TEXT NOT NULL,
    delegation TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('chair', 'delegate', 'observer')),
    name TEXT NOT NULL,
    person TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    issued_by TEXT NOT NULL,
    PRIMARY KEY (room, jti)
  );
  CREATE INDEX invites_expiry ON invites (room, expires_at);
  CREATE TABLE author_bindings (
    room TEXT NOT NULL,
    client_id BIGINT NOT NULL,
    author BYTEA NOT NULL,
    delegation TEXT NOT NULL,
    person TEXT,
    PRIMARY KEY (room, client_id)
  );
  CREATE TABLE comment_threads (
    ord BIGSERIAL,
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
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (room, id)
  );
  CREATE TABLE comment_messages (
    ord BIGSERIAL,
    room TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    id TEXT NOT NULL,
    delegation TEXT NOT NULL,
    person TEXT,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    mentions TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (room, thread_id, id)
  );
  CREATE TABLE suggestions (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('insertion', 'deletion')),
    delegation TEXT NOT NULL,
    person TEXT,
    clause_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
    decided_by TEXT,
    decided_at BIGINT,
    PRIMARY KEY (room, id)
  );
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
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'removed', 'picked', 'discarded')),
    decided_by TEXT,
    decided_at BIGINT,
    PRIMARY KEY (room, id)
  );
  CREATE TABLE stances (
    room TEXT NOT NULL,
    target TEXT NOT NULL,
    delegation TEXT NOT NULL,
    stance TEXT NOT NULL CHECK (stance IN ('support', 'object')),
    at BIGINT NOT NULL,
    PRIMARY KEY (room, target, delegation)
  );
  CREATE TABLE clause_status_log (
    room TEXT NOT NULL,
    seq BIGSERIAL NOT NULL,
    clause_id TEXT NOT NULL,
    status TEXT NOT NULL,
    status_by TEXT NOT NULL,
    status_at BIGINT NOT NULL,
    PRIMARY KEY (room, seq)
  );
  CREATE TABLE picks (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    clause_id TEXT NOT NULL,
    option TEXT NOT NULL,
    picked_by TEXT NOT NULL,
    picked_at BIGINT NOT NULL,
    discarded TEXT NOT NULL,
    PRIMARY KEY (room, id)
  );
  CREATE TABLE frozen_numbers (
    room TEXT PRIMARY KEY,
    numbers TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE revisions (
    room TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    label TEXT NOT NULL,
    note TEXT,
    issued_at BIGINT NOT NULL,
    issued_by TEXT NOT NULL,
    hash TEXT NOT NULL,
    prev_hash TEXT,
    state BYTEA NOT NULL,
    numbers TEXT NOT NULL,
    numbering_was_frozen BOOLEAN NOT NULL,
    PRIMARY KEY (room, id),
    UNIQUE (room, seq),
    UNIQUE (room, label)
  );
  `,
];

/** The schema version this build writes. A schema from a newer build is refused. */
export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** A schema migrated by a newer build than this one. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
}

/**
 * Brings `schema` up to the current version in one transaction. The transaction first takes a
 * transaction-scoped advisory lock named after the schema, so processes starting at once
 * migrate one after the other: the first applies the steps, the others find them applied.
 */
export async function migratePg(pool: pg.Pool, schema: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plenary-migrations:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.plenary_schema (version INTEGER NOT NULL)`);
    const row = (await client.query<{ version: number }>(`SELECT version FROM ${schema}.plenary_schema`)).rows[0];
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new NewerSchemaError(
        `database schema version ${current} is newer than this build understands (${MIGRATIONS.length}); upgrade Plenary`,
      );
    }
    if (current === MIGRATIONS.length) return;
    await client.query(`SET LOCAL search_path TO ${schema}`);
    for (let version = current; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version] as string);
    }
    if (row) await client.query('UPDATE plenary_schema SET version = $1', [MIGRATIONS.length]);
    else await client.query('INSERT INTO plenary_schema (version) VALUES ($1)', [MIGRATIONS.length]);
  });
}
