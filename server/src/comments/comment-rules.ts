import type { CommentMessageRecord, CommentThreadFields } from '../storage/comment-records.js';
import type { RoomSettings } from '../storage/storage.js';
import type { Identity } from '../tokens.js';

/**
 * Who may do what with comments (DESIGN §3, §4). One module for the HTTP routes, the live push
 * and the exports, so a rule lives in one place:
 * - a room-wide thread is read by everyone in the room; a private thread (`delegation`) only by
 *   the delegation that started it: delegates, observers and chairs of another delegation never
 *   see it (the chair sees room-wide threads and its own delegation's);
 * - observers comment only when the room's `observersMayComment` setting is on;
 * - a message is edited or deleted only by its author (same delegation and the same person; a
 *   token without a person speaks for its delegation and shares its unnamed messages);
 * - a thread is resolved or reopened by its own delegation or by the chair.
 */
export function mayReadThread(viewer: Identity | null, thread: Pick<CommentThreadFields, 'visibility' | 'delegation'>) {
  if (thread.visibility === 'room') return true;
  return viewer !== null && viewer.delegation === thread.delegation;
}

/** Whether `identity` may start threads and reply in a room with `settings`. */
export function mayComment(identity: Identity, settings: RoomSettings): boolean {
  return identity.role !== 'observer' || settings.observersMayComment;
}

/**
 * Whether `message` is `identity`'s own: the same delegation and the same person. A token
 * minted without a person (`sub`) speaks for its delegation as a whole, so its holders share
 * the delegation's unnamed messages; a named person's messages are theirs alone, and an
 * unnamed token never owns them (nor a named one the unnamed messages).
 */
export function isOwnMessage(
  identity: Identity,
  message: Pick<CommentMessageRecord, 'delegation' | 'person'>,
): boolean {
  return message.delegation === identity.delegation && message.person === identity.person;
}

/** Whether `identity` may resolve or reopen `thread`: the chair, or the thread's delegation. */
export function mayChangeStatus(identity: Identity, thread: Pick<CommentThreadFields, 'delegation'>): boolean {
  return identity.role === 'chair' || identity.delegation === thread.delegation;
}
