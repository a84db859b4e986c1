import type {
  ClauseStatusRecord,
  DiscardedOption,
  PickRecord,
  PositionRecords,
  Stance,
  StanceRecord,
} from '@plenary/protocol';
import type { Database, Statement } from 'better-sqlite3';
import { type ProposalRow, toProposal } from './position-rows.js';
import type { PositionChanges } from './storage.js';

interface StanceRow {
  target: string;
  delegation: string;
  stance: Stance;
  at: number;
}

interface StatusRow {
  clause_id: string;
  status: string;
  status_by: string;
  status_at: number;
}

interface PickRow {
  id: string;
  clause_id: string;
  option: string;
  picked_by: string;
  picked_at: number;
  discarded: string;
}

function toPick(row: PickRow): PickRecord {
  return {
    id: row.id,
    clauseId: row.clause_id,
    option: row.option,
    pickedBy: row.picked_by,
    pickedAt: row.picked_at,
    discarded: JSON.parse(row.discarded) as DiscardedOption[],
  };
}

/**
 * The SQLite tables of position records: `proposals` (who proposed each bracket and
 * alternative, one row per id, attribution never rewritten), `stances` (one per target and
 * delegation), `clause_status_log` (every status change, in order), `picks` (one per
 * alternatives id) and `frozen_numbers` (one row per room while numbering is frozen).
 */
export class SqlitePositions {
  private readonly sql: Record<
    | 'putProposal'
    | 'putStance'
    | 'addStatus'
    | 'putPick'
    | 'putFrozen'
    | 'clearFrozen'
    | 'proposals'
    | 'stances'
    | 'statuses'
    | 'picks'
    | 'frozen',
    Statement
  >;
  private readonly removers: Statement[];

  constructor(private readonly db: Database) {
    this.sql = {
      putProposal: db.prepare(
        `INSERT INTO proposals (room, id, kind, clause_id, group_id, proposed_by, person, created_at, status, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (room, id) DO UPDATE SET clause_id = excluded.clause_id, group_id = excluded.group_id,
           status = excluded.status, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
      ),
      putStance: db.prepare(
        `INSERT INTO stances (room, target, delegation, stance, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (room, target, delegation) DO UPDATE SET stance = excluded.stance, at = excluded.at`,
      ),
      addStatus: db.prepare(
        `INSERT INTO clause_status_log (room, seq, clause_id, status, status_by, status_at)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM clause_status_log WHERE room = ?), ?, ?, ?, ?)`,
      ),
      putPick: db.prepare(
        `INSERT INTO picks (room, id, clause_id, option, picked_by, picked_at, discarded) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (room, id) DO UPDATE SET clause_id = excluded.clause_id, option = excluded.option,
           picked_by = excluded.picked_by, picked_at = excluded.picked_at, discarded = excluded.discarded`,
      ),
      putFrozen: db.prepare(
        'INSERT INTO frozen_numbers (room, numbers) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET numbers = excluded.numbers',
      ),
      clearFrozen: db.prepare('DELETE FROM frozen_numbers WHERE room = ?'),
      proposals: db.prepare(
        `SELECT id, kind, clause_id, group_id, proposed_by, person, created_at, status, decided_by, decided_at
         FROM proposals WHERE room = ? ORDER BY created_at, id`,
      ),
      stances: db.prepare(
        'SELECT target, delegation, stance, at FROM stances WHERE room = ? ORDER BY at, target, delegation',
      ),
      statuses: db.prepare(
        'SELECT clause_id, status, status_by, status_at FROM clause_status_log WHERE room = ? ORDER BY seq',
      ),
      picks: db.prepare(
        'SELECT id, clause_id, option, picked_by, picked_at, discarded FROM picks WHERE room = ? ORDER BY picked_at, id',
      ),
      frozen: db.prepare('SELECT numbers FROM frozen_numbers WHERE room = ?'),
    };
    this.removers = ['proposals', 'stances', 'clause_status_log', 'picks', 'frozen_numbers'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE room = ?`),
    );
  }

  /** Stores `changes` in one transaction. */
  put(room: string, changes: PositionChanges): void {
    this.db.transaction(() => {
      for (const p of changes.proposals ?? []) {
        this.sql.putProposal.run(
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
        );
      }
      for (const s of changes.stances ?? []) this.sql.putStance.run(room, s.target, s.delegation, s.stance, s.at);
      for (const s of changes.statuses ?? [])
        this.sql.addStatus.run(room, room, s.clauseId, s.status, s.statusBy, s.statusAt);
      for (const p of changes.picks ?? []) {
        this.sql.putPick.run(room, p.id, p.clauseId, p.option, p.pickedBy, p.pickedAt, JSON.stringify(p.discarded));
      }
      if (changes.frozen === null) this.sql.clearFrozen.run(room);
      else if (changes.frozen !== undefined) this.sql.putFrozen.run(room, JSON.stringify(changes.frozen));
    })();
  }

  list(room: string): PositionRecords {
    const frozen = this.sql.frozen.get(room) as { numbers: string } | undefined;
    return {
      proposals: (this.sql.proposals.all(room) as ProposalRow[]).map(toProposal),
      stances: (this.sql.stances.all(room) as StanceRow[]).map(
        (row): StanceRecord => ({ target: row.target, delegation: row.delegation, stance: row.stance, at: row.at }),
      ),
      statuses: (this.sql.statuses.all(room) as StatusRow[]).map(
        (row): ClauseStatusRecord => ({
          clauseId: row.clause_id,
          status: row.status,
          statusBy: row.status_by,
          statusAt: row.status_at,
        }),
      ),
      picks: (this.sql.picks.all(room) as PickRow[]).map(toPick),
      frozen: frozen ? (JSON.parse(frozen.numbers) as Record<string, string>) : null,
    };
  }

  deleteRoom(room: string): void {
    for (const remove of this.removers) remove.run(room);
  }
}
