import type { CommentThreadStatus, CommentVisibility } from '@plenary/protocol';
import type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from './comment-records.js';
import type { PgQueryable } from './pg-database.js';

interface ThreadRow {
  room: string;
  id: string;
  clause_id: string;
  anchor_start: string | null;
  anchor_end: string | null;
  quote: string | null;
  visibility: CommentVisibility;
  delegation: string;
  person: string | null;
  status: CommentThreadStatus;
  status_by: string | null;
  created_at: number;
  updated_at: number;
}

interface MessageRow {
  room: string;
  thread_id: string;
  id: string;
  delegation: string;
  person: string | null;
  name: string;
  body: string;
  mentions: string;
  created_at: number;
  edited_at: number | null;
  deleted: boolean;
}

const THREAD_COLUMNS = `room, id, clause_id, anchor_start, anchor_end, quote, visibility, delegation, person, status,
  status_by, created_at, updated_at`;
const MESSAGE_COLUMNS = 'room, thread_id, id, delegation, person, name, body, mentions, created_at, edited_at, deleted';

function toMessage(row: MessageRow): CommentMessageRecord {
  const mentions: unknown = JSON.parse(row.mentions);
  return {
    room: row.room,
    threadId: row.thread_id,
    id: row.id,
    delegation: row.delegation,
    person: row.person,
    name: row.name,
    body: row.body,
    mentions: Array.isArray(mentions) ? mentions.filter((m): m is string => typeof m === 'string') : [],
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: row.deleted,
  };
}

function toThread(row: ThreadRow, messages: CommentMessageRecord[]): CommentThreadRecord {
  return {
    room: row.room,
    id: row.id,
    clauseId: row.clause_id,
    start: row.anchor_start,
    end: row.anchor_end,
    quote: row.quote,
    visibility: row.visibility,
    delegation: row.delegation,
    person: row.person,
    status: row.status,
    statusBy: row.status_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messages,
  };
}

/**
 * Comment threads and their messages (`comment_threads`, `comment_messages`) of the PostgreSQL
 * adapter. A thread's anchor never changes once stored; its status fields and update time do.
 */
export const pgComments = {
  async putThread(db: PgQueryable, t: CommentThreadFields): Promise<void> {
    await db.query(
      `INSERT INTO comment_threads (${THREAD_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (room, id) DO UPDATE SET status = excluded.status, status_by = excluded.status_by,
         updated_at = excluded.updated_at`,
      [
        t.room,
        t.id,
        t.clauseId,
        t.start,
        t.end,
        t.quote,
        t.visibility,
        t.delegation,
        t.person,
        t.status,
        t.statusBy,
        t.createdAt,
        t.updatedAt,
      ],
    );
  },

  async putMessage(db: PgQueryable, m: CommentMessageRecord): Promise<void> {
    await db.query(
      `INSERT INTO comment_messages (${MESSAGE_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (room, thread_id, id) DO UPDATE SET body = excluded.body, mentions = excluded.mentions,
         edited_at = excluded.edited_at, deleted = excluded.deleted`,
      [
        m.room,
        m.threadId,
        m.id,
        m.delegation,
        m.person,
        m.name,
        m.body,
        JSON.stringify(m.mentions),
        m.createdAt,
        m.editedAt,
        m.deleted,
      ],
    );
  },

  async getThread(db: PgQueryable, room: string, id: string): Promise<CommentThreadRecord | null> {
    const thread = (
      await db.query<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE room = $1 AND id = $2`, [room, id])
    ).rows[0];
    if (!thread) return null;
    const { rows } = await db.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM comment_messages WHERE room = $1 AND thread_id = $2 ORDER BY created_at, ord`,
      [room, id],
    );
    return toThread(thread, rows.map(toMessage));
  },

  async listThreads(db: PgQueryable, room: string): Promise<CommentThreadRecord[]> {
    const messages = await db.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM comment_messages WHERE room = $1 ORDER BY created_at, ord`,
      [room],
    );
    const byThread = new Map<string, CommentMessageRecord[]>();
    for (const row of messages.rows) {
      const list = byThread.get(row.thread_id) ?? [];
      list.push(toMessage(row));
      byThread.set(row.thread_id, list);
    }
    const threads = await db.query<ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE room = $1 ORDER BY created_at, ord`,
      [room],
    );
    return threads.rows.map((row) => toThread(row, byThread.get(row.id) ?? []));
  },

  async countThreads(db: PgQueryable, room: string): Promise<number> {
    const { rows } = await db.query<{ count: number }>(
      'SELECT COUNT(*)::bigint AS count FROM comment_threads WHERE room = $1',
      [room],
    );
    return rows[0]?.count ?? 0;
  },

  async deleteRoom(db: PgQueryable, room: string): Promise<void> {
    await db.query('DELETE FROM comment_messages WHERE room = $1', [room]);
    await db.query('DELETE FROM comment_threads WHERE room = $1', [room]);
  },
};
