import type { PgQueryable } from './pg-database.js';
import { DEFAULT_ROOM_SETTINGS, type RoomRecord, type RoomSettings, type RoomStatus } from './storage.js';

interface RoomRow {
  id: string;
  title: string;
  symbol: string | null;
  template: string | null;
  schema_version: number;
  created_at: number;
  updated_at: number;
}

function toRecord(row: RoomRow): RoomRecord {
  return {
    id: row.id,
    title: row.title,
    symbol: row.symbol,
    template: row.template,
    schemaVersion: row.schema_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Room records, status and settings (`rooms`, `room_state`) of the PostgreSQL adapter. */
export const pgRooms = {
  async get(db: PgQueryable, id: string): Promise<RoomRecord | null> {
    const { rows } = await db.query<RoomRow>('SELECT * FROM rooms WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  },

  /** Creates the record or updates its title, symbol, schema version and update time. */
  async put(db: PgQueryable, r: RoomRecord): Promise<void> {
    await db.query(
      `INSERT INTO rooms (id, title, symbol, template, schema_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, symbol = excluded.symbol,
         schema_version = excluded.schema_version, updated_at = excluded.updated_at`,
      [r.id, r.title, r.symbol, r.template, r.schemaVersion, r.createdAt, r.updatedAt],
    );
  },

  async list(db: PgQueryable): Promise<RoomRecord[]> {
    const { rows } = await db.query<RoomRow>('SELECT * FROM rooms ORDER BY updated_at DESC, id');
    return rows.map(toRecord);
  },

  async getStatus(db: PgQueryable, room: string): Promise<RoomStatus> {
    const { rows } = await db.query<{ status: RoomStatus }>('SELECT status FROM room_state WHERE room = $1', [room]);
    return rows[0]?.status ?? 'active';
  },

  async setStatus(db: PgQueryable, room: string, status: RoomStatus): Promise<void> {
    await db.query(
      `INSERT INTO room_state (room, status) VALUES ($1, $2)
       ON CONFLICT (room) DO UPDATE SET status = excluded.status`,
      [room, status],
    );
  },

  async getSettings(db: PgQueryable, room: string): Promise<RoomSettings> {
    const { rows } = await db.query<{ settings: string | null }>('SELECT settings FROM room_state WHERE room = $1', [
      room,
    ]);
    const stored = rows[0]?.settings;
    if (!stored) return DEFAULT_ROOM_SETTINGS;
    return { ...DEFAULT_ROOM_SETTINGS, ...(JSON.parse(stored) as Partial<RoomSettings>) };
  },

  async putSettings(db: PgQueryable, room: string, settings: RoomSettings): Promise<void> {
    await db.query(
      `INSERT INTO room_state (room, settings) VALUES ($1, $2)
       ON CONFLICT (room) DO UPDATE SET settings = excluded.settings`,
      [room, JSON.stringify(settings)],
    );
  },

  /** Removes the record and the settings; the status stays as the room's tombstone. */
  async deleteRoom(db: PgQueryable, room: string): Promise<void> {
    await db.query('DELETE FROM rooms WHERE id = $1', [room]);
    await db.query('UPDATE room_state SET settings = NULL WHERE room = $1', [room]);
  },
};
