/** Who is looking at the comments: their delegation, their person id (token `sub`) and role. */
export interface CommentViewer {
  readonly delegation: string;
  /** The viewer's person id; null for a token minted without one (shared by a delegation). */
  readonly person: string | null;
  readonly role: string;
}

/**
 * Whether `message` is the viewer's own, so Edit and Delete are offered: the same delegation and
 * the same person. A person that is null or absent on either side never matches, as on the
 * server: a token without a person is shared, and its holders are not the author of each
 * other's messages (the server would refuse the edit with 403 `not_author`).
 */
export function isOwnMessage(
  viewer: Pick<CommentViewer, 'delegation' | 'person'>,
  message: { readonly delegation: string; readonly person?: string | null | undefined },
): boolean {
  const person = message.person ?? null;
  return (
    viewer.delegation === message.delegation && viewer.person !== null && person !== null && viewer.person === person
  );
}

/**
 * Whether the viewer may start threads and reply: delegates and chairs always, observers only
 * while the room's `observersMayComment` setting is on (false until the setting has arrived).
 */
export function mayComment(viewer: Pick<CommentViewer, 'role'>, observersMayComment: boolean): boolean {
  return viewer.role !== 'observer' || observersMayComment;
}
