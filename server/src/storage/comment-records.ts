import type { CommentThreadStatus, CommentVisibility } from '@plenary/protocol';

/** One message of a comment thread as stored. A deleted message keeps its row, emptied. */
export interface CommentMessageRecord {
  readonly room: string;
  readonly threadId: string;
  readonly id: string;
  readonly delegation: string;
  /** The author's person id (token `sub`), when known. */
  readonly person: string | null;
  /** The author's display name from the token. */
  readonly name: string;
  /** Plain text, cleaned and within the length limit; `""` once deleted. */
  readonly body: string;
  /** Delegations mentioned in the body, as parsed by the server. */
  readonly mentions: readonly string[];
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly editedAt: number | null;
  readonly deleted: boolean;
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
