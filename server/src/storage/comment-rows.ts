import type { CommentThreadStatus, CommentVisibility } from '@plenary/protocol';
import type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from './comment-records.js';

/** A `comment_threads` row as both adapters write and read it. */
export interface CommentThreadRow {
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

/**
 * A `comment_messages` row as both adapters write and read it. `mentions` is a JSON array;
 * `deleted` is a boolean in PostgreSQL and 0 or 1 in SQLite.
 */
export interface CommentMessageRow {
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
  deleted: boolean | number;
}

/** The columns of `comment_threads` that hold a thread, in the order the adapters bind them. */
export const THREAD_COLUMNS = [
  'room',
  'id',
  'clause_id',
  'anchor_start',
  'anchor_end',
  'quote',
  'visibility',
  'delegation',
  'person',
  'status',
  'status_by',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof CommentThreadRow)[];

/** The columns of `comment_messages` that hold a message, in the order the adapters bind them. */
export const MESSAGE_COLUMNS = [
  'room',
  'thread_id',
  'id',
  'delegation',
  'person',
  'name',
  'body',
  'mentions',
  'created_at',
  'edited_at',
  'deleted',
] as const satisfies readonly (keyof CommentMessageRow)[];

/** A thread's fields as its row. */
export function threadRow(thread: CommentThreadFields): CommentThreadRow {
  return {
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
  };
}

/** A message as its row, `deleted` as a boolean (SQLite binds it as 0 or 1). */
export function messageRow(message: CommentMessageRecord): CommentMessageRow & { deleted: boolean } {
  return {
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
    deleted: message.deleted,
  };
}

/** A message row as a record; mentions that are not strings are dropped. */
export function toCommentMessage(row: CommentMessageRow): CommentMessageRecord {
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
    deleted: row.deleted === true || row.deleted === 1,
  };
}

/** A thread row with its messages (oldest first) as a record. */
export function toCommentThread(row: CommentThreadRow, messages: CommentMessageRecord[]): CommentThreadRecord {
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

/** Message records grouped by their thread id, in the order given. */
export function messagesByThread(rows: readonly CommentMessageRow[]): Map<string, CommentMessageRecord[]> {
  const byThread = new Map<string, CommentMessageRecord[]>();
  for (const row of rows) {
    const list = byThread.get(row.thread_id) ?? [];
    list.push(toCommentMessage(row));
    byThread.set(row.thread_id, list);
  }
  return byThread;
}
