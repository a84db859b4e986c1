import type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from './comment-records.js';
import {
  type CommentMessageRow,
  type CommentThreadRow,
  MESSAGE_COLUMNS,
  messageRow,
  messagesByThread,
  THREAD_COLUMNS,
  threadRow,
  toCommentMessage,
  toCommentThread,
} from './comment-rows.js';
import type { PgQueryable } from './pg-database.js';

const THREAD_LIST = THREAD_COLUMNS.join(', ');
const MESSAGE_LIST = MESSAGE_COLUMNS.join(', ');

/** `$1, $2, …` for `count` values. */
function placeholders(count: number): string {
  return Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ');
}

/**
 * Comment threads and their messages (`comment_threads`, `comment_messages`) of the PostgreSQL
 * adapter. A thread's anchor never changes once stored; its status fields and update time do.
 */
export const pgComments = {
  async putThread(db: PgQueryable, t: CommentThreadFields): Promise<void> {
    const row = threadRow(t);
    await db.query(
      `INSERT INTO comment_threads (${THREAD_LIST})
       VALUES (${placeholders(THREAD_COLUMNS.length)})
       ON CONFLICT (room, id) DO UPDATE SET status = excluded.status, status_by = excluded.status_by,
         updated_at = excluded.updated_at`,
      THREAD_COLUMNS.map((column) => row[column]),
    );
  },

  async putMessage(db: PgQueryable, m: CommentMessageRecord): Promise<void> {
    const row = messageRow(m);
    await db.query(
      `INSERT INTO comment_messages (${MESSAGE_LIST})
       VALUES (${placeholders(MESSAGE_COLUMNS.length)})
       ON CONFLICT (room, thread_id, id) DO UPDATE SET body = excluded.body, mentions = excluded.mentions,
         edited_at = excluded.edited_at, deleted = excluded.deleted`,
      MESSAGE_COLUMNS.map((column) => row[column]),
    );
  },

  async getThread(db: PgQueryable, room: string, id: string): Promise<CommentThreadRecord | null> {
    const thread = (
      await db.query<CommentThreadRow>(`SELECT ${THREAD_LIST} FROM comment_threads WHERE room = $1 AND id = $2`, [
        room,
        id,
      ])
    ).rows[0];
    if (!thread) return null;
    const { rows } = await db.query<CommentMessageRow>(
      `SELECT ${MESSAGE_LIST} FROM comment_messages WHERE room = $1 AND thread_id = $2 ORDER BY created_at, ord`,
      [room, id],
    );
    return toCommentThread(thread, rows.map(toCommentMessage));
  },

  async listThreads(db: PgQueryable, room: string): Promise<CommentThreadRecord[]> {
    const messages = await db.query<CommentMessageRow>(
      `SELECT ${MESSAGE_LIST} FROM comment_messages WHERE room = $1 ORDER BY created_at, ord`,
      [room],
    );
    const byThread = messagesByThread(messages.rows);
    const threads = await db.query<CommentThreadRow>(
      `SELECT ${THREAD_LIST} FROM comment_threads WHERE room = $1 ORDER BY created_at, ord`,
      [room],
    );
    return threads.rows.map((row) => toCommentThread(row, byThread.get(row.id) ?? []));
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
