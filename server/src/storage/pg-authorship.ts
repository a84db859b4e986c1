import type { PgQueryable } from './pg-database.js';
import type { AuthorBinding } from './storage.js';

/**
 * Author bindings (`author_bindings`) of the PostgreSQL adapter; author keys are stored as their
 * UTF-8 bytes, since they hold a NUL. The first binding of a client
 * id wins in the database itself (`ON CONFLICT DO NOTHING` on the room and client id), so two
 * processes binding the same client id at once leave exactly one author.
 */
export const pgAuthorship = {
  async put(db: PgQueryable, room: string, bindings: readonly AuthorBinding[]): Promise<void> {
    if (bindings.length === 0) return;
    await db.query(
      `INSERT INTO author_bindings (room, client_id, author, delegation, person)
       SELECT $1, * FROM unnest($2::bigint[], $3::bytea[], $4::text[], $5::text[])
       ON CONFLICT (room, client_id) DO NOTHING`,
      [
        room,
        bindings.map((b) => b.clientId),
        bindings.map((b) => Buffer.from(b.author, 'utf8')),
        bindings.map((b) => b.delegation),
        bindings.map((b) => b.person),
      ],
    );
  },

  async list(db: PgQueryable, room: string): Promise<AuthorBinding[]> {
    const { rows } = await db.query<{ client_id: number; author: Buffer; delegation: string; person: string | null }>(
      'SELECT client_id, author, delegation, person FROM author_bindings WHERE room = $1 ORDER BY client_id',
      [room],
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      author: row.author.toString('utf8'),
      delegation: row.delegation,
      person: row.person,
    }));
  },

  async deleteRoom(db: PgQueryable, room: string): Promise<void> {
    await db.query('DELETE FROM author_bindings WHERE room = $1', [room]);
  },
};
