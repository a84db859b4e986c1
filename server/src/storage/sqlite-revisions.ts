import type { Database, Statement } from 'better-sqlite3';
import type { RevisionRecord, RevisionSummary } from './storage.js';

interface SummaryRow {
  id: string;
  seq: number;
  label: string;
  note: string | null;
  issued_at: number;
  issued_by: string;
  hash: string;
  prev_hash: string | null;
}

interface RevisionRow extends SummaryRow {
  state: Buffer;
  numbers: string;
  numbering_was_frozen: number;
}

const SUMMARY_COLUMNS = 'id, seq, label, note, issued_at, issued_by, hash, prev_hash';

function toSummary(row: SummaryRow): RevisionSummary {
  return {
    id: row.id,
    seq: row.seq,
    label: row.label,
    note: row.note,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

function isNumbers(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

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
    if (!row) return null;
    const numbers: unknown = JSON.parse(row.numbers);
    if (!isNumbers(numbers)) throw new Error(`revision ${id}: stored numbers are not a map of strings`);
    return {
      ...toSummary(row),
      state: new Uint8Array(row.state),
      numbers,
      numberingWasFrozen: row.numbering_was_frozen === 1,
    };
  }

  deleteRoom(room: string): void {
    this.remove.run(room);
  }
}
