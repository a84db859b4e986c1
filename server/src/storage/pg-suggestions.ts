import type { SuggestionRecord } from '@plenary/protocol';
import type { PgQueryable } from './pg-database.js';
import { type SuggestionRow, toRecord } from './suggestion-rows.js';

/**
 * Suggestion records (`suggestions`, one row per mark id) of the PostgreSQL adapter. An upsert
 * never rewrites a record's attribution (kind, delegation, person, creation time).
 */
export const pgSuggestions = {
  /** Upserts `records` in one statement. */
  async putAll(db: PgQueryable, room: string, records: readonly SuggestionRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One row per id, as upserting them one by one would leave it: the first record's
    // attribution, the last one's clause, text, status and decision.
    const byId = new Map<string, SuggestionRecord>();
    for (const r of records) {
      const first = byId.get(r.id);
      byId.set(
        r.id,
        first
          ? { ...r, kind: first.kind, delegation: first.delegation, person: first.person, createdAt: first.createdAt }
          : r,
      );
    }
    const rows = [...byId.values()];
    await db.query(
      `INSERT INTO suggestions (room, id, kind, delegation, person, clause_id, text, created_at, status, decided_by, decided_at)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
         $9::text[], $10::text[], $11::bigint[])
       ON CONFLICT (room, id) DO UPDATE SET clause_id = excluded.clause_id, text = excluded.text,
         status = excluded.status, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
      [
        room,
        rows.map((r) => r.id),
        rows.map((r) => r.kind),
        rows.map((r) => r.delegation),
        rows.map((r) => r.person),
        rows.map((r) => r.clauseId),
        rows.map((r) => r.text),
        rows.map((r) => r.createdAt),
        rows.map((r) => r.status),
        rows.map((r) => r.decidedBy ?? null),
        rows.map((r) => r.decidedAt ?? null),
      ],
    );
  },

  async listAll(db: PgQueryable, room: string): Promise<SuggestionRecord[]> {
    const { rows } = await db.query<SuggestionRow>(
      `SELECT id, kind, delegation, person, clause_id, text, created_at, status, decided_by, decided_at
       FROM suggestions WHERE room = $1 ORDER BY created_at, id`,
      [room],
    );
    return rows.map(toRecord);
  },

  async deleteRoom(db: PgQueryable, room: string): Promise<void> {
    await db.query('DELETE FROM suggestions WHERE room = $1', [room]);
  },
};
