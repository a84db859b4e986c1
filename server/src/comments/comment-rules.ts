import type { CommentThreadFields } from '../storage/comment-records.js';
import type { Identity } from '../tokens.js';

/**
 * Who may do what with comments (DESIGN §3, §4). One module for the HTTP routes, the live push
 * and the exports, so a rule lives in one place; the rules the web app mirrors (who may
 * comment, whose message it is, who may resolve: `mayComment`, `isOwnMessage`,
 * `mayChangeStatus`) live in `@plenary/protocol`:
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
