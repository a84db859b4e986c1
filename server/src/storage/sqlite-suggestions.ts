import type { SuggestionRecord } from '@plenary/protocol';
import type { Database, Statement } from 'better-sqlite3';
import { type SuggestionRow, toRecord } from './suggestion-rows.js';

/**
 * The SQLite tables of suggestion records (`suggestions`, one row per mark id). An upsert
 * never rewrites a record's attribution (kind, delegation, person, creation time).
 */
export class SqliteSuggestions {
  private readonly put: Statement;
  private readonly list: Statement;
  private readonly remove: Statement;

  constructor(private readonly db: Database) {
    this.put = db.prepare(
      `INSERT INTO suggestions (room, id, kind, delegation, person, clause_id, text, created_at, status, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (room, id) DO UPDATE SET clause_id = excluded.clause_id, text = excluded.text,
         status = excluded.status, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
    );
    this.list = db.prepare(
      `SELECT id, kind, delegation, person, clause_id, text, created_at, status, decided_by, decided_at
       FROM suggestions WHERE room = ? ORDER BY created_at, id`,
    );
    this.remove = db.prepare('DELETE FROM suggestions WHERE room = ?');
  }

  /** Upserts `records` in one transaction. */
  putAll(room: string, records: readonly SuggestionRecord[]): void {
    this.db.transaction(() => {
      for (const r of records) {
        this.put.run(
          room,
          r.id,
          r.kind,
          r.delegation,
          r.person,
          r.clauseId,
          r.text,
          r.createdAt,
          r.status,
          r.decidedBy ?? null,
          r.decidedAt ?? null,
        );
      }
    })();
  }

  listAll(room: string): SuggestionRecord[] {
    return (this.list.all(room) as SuggestionRow[]).map(toRecord);
  }

  deleteRoom(room: string): void {
    this.remove.run(room);
  }
}
