import type { CommentThreadStatus, CommentVisibility } from '@plenary/protocol';
import type { Database, Statement } from 'better-sqlite3';
import type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from './comment-records.js';

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
  deleted: number;
}

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
    deleted: row.deleted !== 0,
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
      putThread: s(`INSERT INTO comment_threads (room, id, clause_id, anchor_start, anchor_end, quote, visibility,
          delegation, person, status, status_by, created_at, updated_at)
        VALUES (@room, @id, @clause_id, @anchor_start, @anchor_end, @quote, @visibility, @delegation, @person,
          @status, @status_by, @created_at, @updated_at)
        ON CONFLICT(room, id) DO UPDATE SET status = excluded.status, status_by = excluded.status_by,
          updated_at = excluded.updated_at`),
      putMessage: s(`INSERT INTO comment_messages (room, thread_id, id, delegation, person, name, body, mentions,
          created_at, edited_at, deleted)
        VALUES (@room, @thread_id, @id, @delegation, @person, @name, @body, @mentions, @created_at, @edited_at, @deleted)
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
    this.sql.putThread.run({
      room: thread.room,
      id: thread.id,
      clause_id: thread.clauseId,
      anchor_start: thread.start,
      anchor_end: thread.end,
      quote: thread.quote,
      visibility: thread.visibility,
      delegation: thread.delegation,
      person: thread.person,
      status: thread.status,
      status_by: thread.statusBy,
      created_at: thread.createdAt,
      updated_at: thread.updatedAt,
    });
  }

  putMessage(message: CommentMessageRecord): void {
    this.sql.putMessage.run({
      room: message.room,
      thread_id: message.threadId,
      id: message.id,
      delegation: message.delegation,
      person: message.person,
      name: message.name,
      body: message.body,
      mentions: JSON.stringify(message.mentions),
      created_at: message.createdAt,
      edited_at: message.editedAt,
      deleted: message.deleted ? 1 : 0,
    });
  }

  getThread(room: string, id: string): CommentThreadRecord | null {
    return this.db.transaction(() => {
      const row = this.sql.getThread.get(room, id) as ThreadRow | undefined;
      if (!row) return null;
      return toThread(row, (this.sql.threadMessages.all(room, id) as MessageRow[]).map(toMessage));
    })();
  }

  listThreads(room: string): CommentThreadRecord[] {
    return this.db.transaction(() => {
      const byThread = new Map<string, CommentMessageRecord[]>();
      for (const row of this.sql.roomMessages.all(room) as MessageRow[]) {
        const list = byThread.get(row.thread_id) ?? [];
        list.push(toMessage(row));
        byThread.set(row.thread_id, list);
      }
      return (this.sql.listThreads.all(room) as ThreadRow[]).map((row) => toThread(row, byThread.get(row.id) ?? []));
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
