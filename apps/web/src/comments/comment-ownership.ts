/** Who is looking at the comments: their delegation, their person id (token `sub`) and role. */
export interface CommentViewer {
  readonly delegation: string;
  /** The viewer's person id; null for a token minted without one (shared by a delegation). */
  readonly person: string | null;
  readonly role: string;
}

/**
 * Whether `message` is the viewer's own, so Edit and Delete are offered: the same delegation and
 * the same person, as on the server (which refuses anyone else with 403 `not_author`). A token
 * without a person speaks for its delegation: it owns the delegation's unnamed messages, never
 * a named person's; an absent person counts as none.
 */
export function isOwnMessage(
  viewer: Pick<CommentViewer, 'delegation' | 'person'>,
  message: { readonly delegation: string; readonly person?: string | null | undefined },
): boolean {
  return viewer.delegation === message.delegation && viewer.person === (message.person ?? null);
}

/**
 * Whether the viewer may start threads and reply: delegates and chairs always, observers only
 * while the room's `observersMayComment` setting is on (false until the setting has arrived).
 */
export function mayComment(viewer: Pick<CommentViewer, 'role'>, observersMayComment: boolean): boolean {
  return viewer.role !== 'observer' || observersMayComment;
}
