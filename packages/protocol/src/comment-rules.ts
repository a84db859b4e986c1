/**
 * The comment rules the server enforces and the web app mirrors (to offer only what the server
 * will accept): one definition for both.
 */

/** Who acts on comments: a delegation, its person (token `sub`, null when none) and role. */
export interface CommentActor {
  readonly delegation: string;
  /** Null for a token minted without a person: it speaks for its delegation as a whole. */
  readonly person: string | null;
  readonly role: string;
}

/**
 * Whether `message` is `actor`'s own, so they may edit or delete it: the same delegation and the
 * same person. A token without a person speaks for its delegation: it owns the delegation's
 * unnamed messages, never a named person's (nor a named person the unnamed ones); a person
 * absent from the message counts as none.
 */
export function isOwnMessage(
  actor: Pick<CommentActor, 'delegation' | 'person'>,
  message: { readonly delegation: string; readonly person?: string | null | undefined },
): boolean {
  return actor.delegation === message.delegation && actor.person === (message.person ?? null);
}

/**
 * Whether `actor` may start threads and reply: delegates and chairs always, observers only while
 * the room's `observersMayComment` setting is on.
 */
export function mayComment(actor: Pick<CommentActor, 'role'>, observersMayComment: boolean): boolean {
  return actor.role !== 'observer' || observersMayComment;
}

/** Whether `actor` may resolve or reopen `thread`: the chair, or the thread's own delegation. */
export function mayChangeStatus(
  actor: Pick<CommentActor, 'delegation' | 'role'>,
  thread: { readonly delegation: string },
): boolean {
  return actor.role === 'chair' || actor.delegation === thread.delegation;
}
