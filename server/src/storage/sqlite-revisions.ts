import type { Database, Statement } from 'better-sqlite3';
import { type RevisionRow, SUMMARY_COLUMNS, type SummaryRow, toRevision, toSummary } from './revision-rows.js';
import type { RevisionRecord, RevisionSummary } from './storage.js';

/**
 * The SQLite table of revisions (`revisions`, one row per revision). Rows are only ever
 * inserted or dropped with their room; the unique keys refuse a second id, seq or label.
 */
export class SqliteRevisions {
  private readonly insert: Statement;
  private readonly list: Statement;
  private readonly get: Statement;
  private readonly remove: Statement;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO revisions (room, ${SUMMARY_COLUMNS}, state, numbers, numbering_was_frozen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.list = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM revisions WHERE room = ? ORDER BY seq`);
    this.get = db.prepare(
      `SELECT ${SUMMARY_COLUMNS}, state, numbers, numbering_was_frozen FROM revisions WHERE room = ? AND id = ?`,
    );
    this.remove = db.prepare('DELETE FROM revisions WHERE room = ?');
  }

  add(room: string, r: RevisionRecord): void {
    this.insert.run(
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
      r.numberingWasFrozen ? 1 : 0,
    );
  }

  listAll(room: string): RevisionSummary[] {
    return (this.list.all(room) as SummaryRow[]).map(toSummary);
  }

  /** One revision; throws when its stored numbers are not a JSON map of strings. */
  getOne(room: string, id: string): RevisionRecord | null {
    const row = this.get.get(room, id) as RevisionRow | undefined;
    return row ? toRevision(row) : null;
  }

  deleteRoom(room: string): void {
    this.remove.run(room);
  }
}
