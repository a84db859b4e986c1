import type { CommentMessage, CommentThreadStatus, CommentVisibility } from '@plenary/protocol';

/**
 * One message of a comment thread as stored: the message as clients see it (body cleaned and
 * within the length limit, mentions parsed by the server; a deleted message keeps its row,
 * emptied), with the room and thread it belongs to.
 */
export interface CommentMessageRecord extends CommentMessage {
  readonly room: string;
  readonly threadId: string;
}

/**
 * A comment thread as stored: its anchor (clause id, optional Yjs relative positions of a span
 * as base64, the quoted words), visibility, owning delegation and status. Messages are stored
 * apart so that concurrent replies never overwrite each other.
 */
export interface CommentThreadFields {
  readonly room: string;
  readonly id: string;
  readonly clauseId: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly quote: string | null;
  readonly visibility: CommentVisibility;
  readonly delegation: string;
  readonly person: string | null;
  readonly status: CommentThreadStatus;
  readonly statusBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A thread with its messages, oldest first. */
export interface CommentThreadRecord extends CommentThreadFields {
  readonly messages: readonly CommentMessageRecord[];
}
