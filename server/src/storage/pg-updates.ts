import type { PgQueryable } from './pg-database.js';
import type { StoredDocument, StoredUpdate, UpdateToStore } from './storage.js';

/**
 * Appends a batch in one statement (so in one transaction, one round trip): the room's counter
 * in `room_seqs` moves by the batch's length and its row stays locked until the statement
 * commits, so appends to one room from several processes are numbered one after the other,
 * without gaps, and become visible in `seq` order. The room's record is created when missing
 * and its `updated_at` moved forward.
 */
const APPEND = `
  WITH counter AS (
    INSERT INTO room_seqs (room, seq) VALUES ($1, $2)
    ON CONFLICT (room) DO UPDATE SET seq = room_seqs.seq + excluded.seq
    RETURNING seq
  ),
  stored AS (
    INSERT INTO updates (room, seq, data, delegation, person, time)
    SELECT $1, (SELECT seq FROM counter) - $2 + u.ord, u.data, u.delegation, u.person, u.time
    FROM unnest($3::bytea[], $4::text[], $5::text[], $6::bigint[]) WITH ORDINALITY AS u(data, delegation, person, time, ord)
  ),
  touched AS (
    INSERT INTO rooms (id, title, symbol, template, schema_version, created_at, updated_at)
    VALUES ($1, $1, NULL, NULL, 0, $7, $7)
    ON CONFLICT (id) DO UPDATE SET updated_at = GREATEST(rooms.updated_at, excluded.updated_at)
  )
  SELECT seq FROM counter`;

interface UpdateRow {
  seq: number;
  data: Buffer;
  delegation: string;
  person: string | null;
  time: number;
}

/** A room's update log, snapshots and sequence counter (`updates`, `snapshots`, `room_seqs`). */
export const pgUpdates = {
  /** Appends `updates` and returns the last `seq` the database gave them. */
  async append(db: PgQueryable, room: string, updates: readonly UpdateToStore[]): Promise<number> {
    const last = updates[updates.length - 1];
    const { rows } = await db.query<{ seq: number }>(APPEND, [
      room,
      updates.length,
      updates.map((u) => Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength)),
      updates.map((u) => u.delegation),
      updates.map((u) => u.person),
      updates.map((u) => u.time),
      last?.time || Date.now(),
    ]);
    return (rows[0] as { seq: number }).seq;
  },

  /** The newest snapshot and the updates after it (read in one repeatable-read transaction by the caller). */
  async load(db: PgQueryable, room: string): Promise<StoredDocument> {
    const snapshot = (
      await db.query<{ seq: number; data: Buffer }>('SELECT seq, data FROM snapshots WHERE room = $1', [room])
    ).rows[0];
    const snapshotSeq = snapshot?.seq ?? 0;
    const { rows } = await db.query<{ seq: number; data: Buffer }>(
      'SELECT seq, data FROM updates WHERE room = $1 AND seq > $2 ORDER BY seq',
      [room, snapshotSeq],
    );
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      snapshotSeq,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: rows.length > 0 ? (rows[rows.length - 1] as { seq: number }).seq : snapshotSeq,
    };
  },

  /** Stores a snapshot unless a newer one is stored already. */
  async writeSnapshot(db: PgQueryable, room: string, seq: number, state: Uint8Array): Promise<void> {
    await db.query(
      `INSERT INTO snapshots (room, seq, data) VALUES ($1, $2, $3)
       ON CONFLICT (room) DO UPDATE SET seq = excluded.seq, data = excluded.data WHERE excluded.seq >= snapshots.seq`,
      [room, seq, Buffer.from(state.buffer, state.byteOffset, state.byteLength)],
    );
  },

  async read(db: PgQueryable, room: string, afterSeq: number, limit: number): Promise<StoredUpdate[]> {
    const { rows } = await db.query<UpdateRow>(
      'SELECT seq, data, delegation, person, time FROM updates WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [room, afterSeq, limit],
    );
    return rows.map((row) => ({
      seq: row.seq,
      update: new Uint8Array(row.data),
      delegation: row.delegation,
      person: row.person,
      time: row.time,
    }));
  },

  /** The last `seq` of each of `rooms` that has updates. */
  async lastSeqs(db: PgQueryable, rooms: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await db.query<{ room: string; seq: number }>(
      'SELECT room, seq FROM room_seqs WHERE room = ANY($1::text[])',
      [rooms],
    );
    return new Map(rows.map((row) => [row.room, row.seq]));
  },

  /** Removes the log, the snapshot and the counter, so the room's next update is `seq` 1 again. */
  async deleteRoom(db: PgQueryable, room: string): Promise<void> {
    await db.query('DELETE FROM updates WHERE room = $1', [room]);
    await db.query('DELETE FROM snapshots WHERE room = $1', [room]);
    await db.query('DELETE FROM room_seqs WHERE room = $1', [room]);
  },
};
