import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-type.js';

/** Who may read a thread: the whole room, or the delegation that started it only. */
export type CommentVisibility = 'room' | 'delegation';

/** Whether a thread still needs attention. */
export type CommentThreadStatus = 'open' | 'resolved';

/**
 * Where a thread stands in the draft: the clause id, and for a span the Yjs relative positions
 * of its two ends (`Y.encodeRelativePosition`, base64) with the words quoted as they were.
 * `start`, `end` and `quote` are all null for a thread on a whole clause.
 */
export interface CommentAnchor {
  readonly clauseId: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly quote: string | null;
}

/** One message of a thread as the server sends it. A deleted message keeps its place, empty. */
export interface CommentMessage {
  readonly id: string;
  readonly delegation: string;
  /** The person (token `sub`), when known: with the delegation it names the message's author. */
  readonly person: string | null;
  /** Display name from the token. */
  readonly name: string;
  /** Plain text with line breaks; `""` once deleted. */
  readonly body: string;
  /** Delegations mentioned with `@`, as the server parsed them from the body. */
  readonly mentions: readonly string[];
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly editedAt: number | null;
  readonly deleted: boolean;
}

/** A comment thread as the server sends it (HTTP answers and message 102). */
export interface CommentThread {
  readonly id: string;
  readonly anchor: CommentAnchor;
  readonly visibility: CommentVisibility;
  /** The delegation that started the thread (owner of a private thread). */
  readonly delegation: string;
  readonly status: CommentThreadStatus;
  /** Who resolved or reopened it last ("Chair" or a delegation), or null. */
  readonly statusBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly messages: readonly CommentMessage[];
}

/**
 * The body of a `comments` message: every thread the connection may read (sent on connect, so
 * a client that was offline catches up), or one thread that was created or changed.
 */
export type CommentsPayload =
  | { readonly kind: 'threads'; readonly threads: readonly CommentThread[] }
  | { readonly kind: 'thread'; readonly thread: CommentThread };

/**
 * Encodes a whole `comments` frame: the payload as a varString of JSON. Sent only to
 * connections that opted in with `?ext=comments`, and only with threads they may read.
 */
export function encodeComments(payload: CommentsPayload): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.comments);
  encoding.writeVarString(encoder, JSON.stringify(payload));
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the body of a `comments` message (after its type). Throws on a body that is not a
 * `threads` or `thread` payload; the thread records themselves are trusted as the server's.
 */
export function readComments(decoder: decoding.Decoder): CommentsPayload {
  const value: unknown = JSON.parse(decoding.readVarString(decoder));
  if (typeof value === 'object' && value !== null && 'kind' in value) {
    if (value.kind === 'threads' && 'threads' in value && Array.isArray(value.threads)) return value as CommentsPayload;
    if (value.kind === 'thread' && 'thread' in value && typeof value.thread === 'object')
      return value as CommentsPayload;
  }
  throw new TypeError('malformed comments message');
}
