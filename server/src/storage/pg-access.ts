import type { PgQueryable } from './pg-database.js';
import type { InviteRecord, Revocation, RevocationKind } from './storage.js';

interface InviteRow {
  jti: string;
  delegation: string;
  role: InviteRecord['role'];
  name: string;
  person: string;
  issued_at: number;
  expires_at: number;
  issued_by: string;
}

/** Revocations and invite records (`revocations`, `invites`) of the PostgreSQL adapter. */
export const pgAccess = {
  async addRevocation(db: PgQueryable, r: Revocation): Promise<void> {
    await db.query('INSERT INTO revocations (room, kind, value, revoked_at, revoked_by) VALUES ($1, $2, $3, $4, $5)', [
      r.room,
      r.kind,
      r.value,
      r.revokedAt,
      r.revokedBy,
    ]);
  },

  async listRevocations(db: PgQueryable, room: string): Promise<Revocation[]> {
    const { rows } = await db.query<{ kind: RevocationKind; value: string; revoked_at: number; revoked_by: string }>(
      'SELECT kind, value, revoked_at, revoked_by FROM revocations WHERE room = $1 ORDER BY revoked_at, ord',
      [room],
    );
    return rows.map((row) => ({
      room,
      kind: row.kind,
      value: row.value,
      revokedAt: row.revoked_at,
      revokedBy: row.revoked_by,
    }));
  },

  /** Records an invite; a second one with the same `jti` is ignored. */
  async addInvite(db: PgQueryable, i: InviteRecord): Promise<void> {
    await db.query(
      `INSERT INTO invites (room, jti, delegation, role, name, person, issued_at, expires_at, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (room, jti) DO NOTHING`,
      [i.room, i.jti, i.delegation, i.role, i.name, i.person, i.issuedAt, i.expiresAt, i.issuedBy],
    );
  },

  async listInvites(db: PgQueryable, room: string, now: number): Promise<InviteRecord[]> {
    const { rows } = await db.query<InviteRow>(
      `SELECT jti, delegation, role, name, person, issued_at, expires_at, issued_by
       FROM invites WHERE room = $1 AND expires_at > $2 ORDER BY issued_at, ord`,
      [room, now],
    );
    return rows.map((row) => ({
      room,
      jti: row.jti,
      delegation: row.delegation,
      role: row.role,
      name: row.name,
      person: row.person,
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
      issuedBy: row.issued_by,
    }));
  },

  async deleteRoom(db: PgQueryable, room: string): Promise<void> {
    await db.query('DELETE FROM revocations WHERE room = $1', [room]);
    await db.query('DELETE FROM invites WHERE room = $1', [room]);
  },
};
