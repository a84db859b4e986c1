import type { Database, Statement } from 'better-sqlite3';
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

/** `(a, b)` and `(@a, @b)` for the columns of an INSERT with named parameters. */
function insertColumns(columns: readonly string[]): string {
  return `(${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
}

/**
 * The comment tables of the SQLite adapter (the comment migration of `sqlite-migrations.ts`): threads and
 * their messages, read back together. Used by `SqliteStorage`; synchronous like better-sqlite3.
 */
export class SqliteComments {
  private readonly sql: Record<
    | 'putThread'
    | 'putMessage'
    | 'getThread'
    | 'listThreads'
    | 'countThreads'
    | 'threadMessages'
    | 'roomMessages'
    | 'deleteThreads'
    | 'deleteMessages',
    Statement
  >;

  constructor(private readonly db: Database) {
    const s = (sql: string): Statement => db.prepare(sql);
    this.sql = {
      putThread: s(`INSERT INTO comment_threads ${insertColumns(THREAD_COLUMNS)}
        ON CONFLICT(room, id) DO UPDATE SET status = excluded.status, status_by = excluded.status_by,
          updated_at = excluded.updated_at`),
      putMessage: s(`INSERT INTO comment_messages ${insertColumns(MESSAGE_COLUMNS)}
        ON CONFLICT(room, thread_id, id) DO UPDATE SET body = excluded.body, mentions = excluded.mentions,
          edited_at = excluded.edited_at, deleted = excluded.deleted`),
      getThread: s('SELECT * FROM comment_threads WHERE room = ? AND id = ?'),
      countThreads: s('SELECT COUNT(*) AS count FROM comment_threads WHERE room = ?'),
      listThreads: s('SELECT * FROM comment_threads WHERE room = ? ORDER BY created_at, rowid'),
      threadMessages: s('SELECT * FROM comment_messages WHERE room = ? AND thread_id = ? ORDER BY created_at, rowid'),
      roomMessages: s('SELECT * FROM comment_messages WHERE room = ? ORDER BY created_at, rowid'),
      deleteThreads: s('DELETE FROM comment_threads WHERE room = ?'),
      deleteMessages: s('DELETE FROM comment_messages WHERE room = ?'),
    };
  }

  putThread(thread: CommentThreadFields): void {
    this.sql.putThread.run(threadRow(thread));
  }

  putMessage(message: CommentMessageRecord): void {
    // better-sqlite3 binds no booleans: `deleted` is stored as 0 or 1.
    this.sql.putMessage.run({ ...messageRow(message), deleted: message.deleted ? 1 : 0 });
  }

  getThread(room: string, id: string): CommentThreadRecord | null {
    return this.db.transaction(() => {
      const row = this.sql.getThread.get(room, id) as CommentThreadRow | undefined;
      if (!row) return null;
      return toCommentThread(row, (this.sql.threadMessages.all(room, id) as CommentMessageRow[]).map(toCommentMessage));
    })();
  }

  listThreads(room: string): CommentThreadRecord[] {
    return this.db.transaction(() => {
      const byThread = messagesByThread(this.sql.roomMessages.all(room) as CommentMessageRow[]);
      return (this.sql.listThreads.all(room) as CommentThreadRow[]).map((row) =>
        toCommentThread(row, byThread.get(row.id) ?? []),
      );
    })();
  }

  countThreads(room: string): number {
    return (this.sql.countThreads.get(room) as { count: number }).count;
  }

  /** Removes every thread and message of a room (inside the caller's transaction). */
  deleteRoom(room: string): void {
    this.sql.deleteMessages.run(room);
    this.sql.deleteThreads.run(room);
  }
}
