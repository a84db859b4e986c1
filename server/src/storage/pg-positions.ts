import type { DiscardedOption, PositionRecords, Stance } from '@plenary/protocol';
import type { PgQueryable } from './pg-database.js';
import { type ProposalRow, toProposal } from './position-rows.js';
import type { PositionChanges } from './storage.js';

const TABLES = ['proposals', 'stances', 'clause_status_log', 'picks', 'frozen_numbers'] as const;

/**
 * Position records of the PostgreSQL adapter, in the tables the SQLite adapter has:
 * `proposals` (attribution never rewritten), `stances` (one per target and delegation),
 * `clause_status_log` (every change, in order), `picks` and `frozen_numbers`. The caller runs
 * {@link pgPositions.put} inside one transaction.
 */
export const pgPositions = {
  async put(db: PgQueryable, room: string, changes: PositionChanges): Promise<void> {
    for (const p of changes.proposals ?? []) {
      await db.query(
        `INSERT INTO proposals (room, id, kind, clause_id, group_id, proposed_by, person, created_at, status, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (room, id) DO UPDATE SET clause_id = excluded.clause_id, group_id = excluded.group_id,
           status = excluded.status, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
        [
          room,
          p.id,
          p.kind,
          p.clauseId,
          p.groupId,
          p.proposedBy,
          p.person,
          p.createdAt,
          p.status,
          p.decidedBy ?? null,
          p.decidedAt ?? null,
        ],
      );
    }
    for (const s of changes.stances ?? []) {
      await db.query(
        `INSERT INTO stances (room, target, delegation, stance, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (room, target, delegation) DO UPDATE SET stance = excluded.stance, at = excluded.at`,
        [room, s.target, s.delegation, s.stance, s.at],
      );
    }
    for (const s of changes.statuses ?? []) {
      await db.query(
        'INSERT INTO clause_status_log (room, clause_id, status, status_by, status_at) VALUES ($1, $2, $3, $4, $5)',
        [room, s.clauseId, s.status, s.statusBy, s.statusAt],
      );
    }
    for (const p of changes.picks ?? []) {
      await db.query(
        `INSERT INTO picks (room, id, clause_id, option, picked_by, picked_at, discarded) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (room, id) DO UPDATE SET clause_id = excluded.clause_id, option = excluded.option,
           picked_by = excluded.picked_by, picked_at = excluded.picked_at, discarded = excluded.discarded`,
        [room, p.id, p.clauseId, p.option, p.pickedBy, p.pickedAt, JSON.stringify(p.discarded)],
      );
    }
    if (changes.frozen === null) await db.query('DELETE FROM frozen_numbers WHERE room = $1', [room]);
    else if (changes.frozen !== undefined) {
      await db.query(
        'INSERT INTO frozen_numbers (room, numbers) VALUES ($1, $2) ON CONFLICT (room) DO UPDATE SET numbers = excluded.numbers',
        [room, JSON.stringify(changes.frozen)],
      );
    }
  },

  async list(db: PgQueryable, room: string): Promise<PositionRecords> {
    const proposals = await db.query<ProposalRow>(
      `SELECT id, kind, clause_id, group_id, proposed_by, person, created_at, status, decided_by, decided_at
       FROM proposals WHERE room = $1 ORDER BY created_at, id`,
      [room],
    );
    const stances = await db.query<{ target: string; delegation: string; stance: Stance; at: number }>(
      'SELECT target, delegation, stance, at FROM stances WHERE room = $1 ORDER BY at, target, delegation',
      [room],
    );
    const statuses = await db.query<{ clause_id: string; status: string; status_by: string; status_at: number }>(
      'SELECT clause_id, status, status_by, status_at FROM clause_status_log WHERE room = $1 ORDER BY seq',
      [room],
    );
    const picks = await db.query<{
      id: string;
      clause_id: string;
      option: string;
      picked_by: string;
      picked_at: number;
      discarded: string;
    }>(
      'SELECT id, clause_id, option, picked_by, picked_at, discarded FROM picks WHERE room = $1 ORDER BY picked_at, id',
      [room],
    );
    const frozen = await db.query<{ numbers: string }>('SELECT numbers FROM frozen_numbers WHERE room = $1', [room]);
    const numbers = frozen.rows[0]?.numbers;
    return {
      proposals: proposals.rows.map(toProposal),
      stances: stances.rows.map((r) => ({ target: r.target, delegation: r.delegation, stance: r.stance, at: r.at })),
      statuses: statuses.rows.map((r) => ({
        clauseId: r.clause_id,
        status: r.status,
        statusBy: r.status_by,
        statusAt: r.status_at,
      })),
      picks: picks.rows.map((r) => ({
        id: r.id,
        clauseId: r.clause_id,
        option: r.option,
        pickedBy: r.picked_by,
        pickedAt: r.picked_at,
        discarded: JSON.parse(r.discarded) as DiscardedOption[],
      })),
      frozen: numbers ? (JSON.parse(numbers) as Record<string, string>) : null,
    };
  },

  async deleteRoom(db: PgQueryable, room: string): Promise<void> {
    for (const table of TABLES) await db.query(`DELETE FROM ${table} WHERE room = $1`, [room]);
  },
};
