import type { CommentThread } from '@plenary/protocol';
import type { CommentThreadRecord } from '../storage/comment-records.js';

/** A stored thread as clients receive it (HTTP answers, message 102, exports). */
export function threadToWire(record: CommentThreadRecord): CommentThread {
  return {
    id: record.id,
    anchor: { clauseId: record.clauseId, start: record.start, end: record.end, quote: record.quote },
    visibility: record.visibility,
    delegation: record.delegation,
    status: record.status,
    statusBy: record.statusBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    messages: record.messages.map((m) => ({
      id: m.id,
      delegation: m.delegation,
      person: m.person,
      name: m.name,
      body: m.deleted ? '' : m.body,
      mentions: m.deleted ? [] : m.mentions,
      createdAt: m.createdAt,
      editedAt: m.editedAt,
      deleted: m.deleted,
    })),
  };
}
