import type { PgQueryable } from './pg-database.js';
import { type RevisionRow, SUMMARY_COLUMNS, type SummaryRow, toRevision, toSummary } from './revision-rows.js';
import type { RevisionRecord, RevisionSummary } from './storage.js';

/**
 * Revisions of the PostgreSQL adapter (`revisions`, one row per revision), as in SQLite: rows
 * are only inserted or dropped with their room; the unique keys refuse a second id, seq or label.
 */
export const pgRevisions = {
  async add(db: PgQueryable, room: string, r: RevisionRecord): Promise<void> {
    await db.query(
      `INSERT INTO revisions (room, ${SUMMARY_COLUMNS}, state, numbers, numbering_was_frozen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        room,
        r.id,
        r.seq,
        r.label,
        r.note,
        r.issuedAt,
        r.issuedBy,
        r.hash,
        r.prevHash,
        Buffer.from(r.state),
        JSON.stringify(r.numbers),
        r.numberingWasFrozen,
      ],
    );
  },

  async listAll(db: PgQueryable, room: string): Promise<RevisionSummary[]> {
    const { rows } = await db.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM revisions WHERE room = $1 ORDER BY seq`,
      [room],
    );
    return rows.map(toSummary);
  },

  /** One revision; rejects when its stored numbers are not a JSON map of strings. */
  async getOne(db: PgQueryable, room: string, id: string): Promise<RevisionRecord | null> {
    const { rows } = await db.query<RevisionRow>(
      `SELECT ${SUMMARY_COLUMNS}, state, numbers, numbering_was_frozen FROM revisions WHERE room = $1 AND id = $2`,
      [room, id],
    );
    const row = rows[0];
    return row ? toRevision(row) : null;
  },

  async deleteRoom(db: PgQueryable, room: string): Promise<void> {
    await db.query('DELETE FROM revisions WHERE room = $1', [room]);
  },
};
