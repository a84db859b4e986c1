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
 * - a message is edited or deleted only by its author (same delegation and the same named person;
 *   a message or token without a person belongs to nobody, so it cannot be edited);
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
 * Whether `message` is `identity`'s own: the same delegation and the same person. A person that
 * is null on either side never matches: tokens minted without a `sub` are shared by a whole
 * delegation, so "both unnamed" would let every holder edit every unnamed message.
 */
export function isOwnMessage(
  identity: Identity,
  message: Pick<CommentMessageRecord, 'delegation' | 'person'>,
): boolean {
  return (
    message.delegation === identity.delegation &&
    message.person !== null &&
    identity.person !== null &&
    message.person === identity.person
  );
}

/** Whether `identity` may resolve or reopen `thread`: the chair, or the thread's delegation. */
export function mayChangeStatus(identity: Identity, thread: Pick<CommentThreadFields, 'delegation'>): boolean {
  return identity.role === 'chair' || identity.delegation === thread.delegation;
}
