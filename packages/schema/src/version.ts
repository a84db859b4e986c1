/**
 * Version of the document layout described in `LAYOUT.md`. A room records the version it was
 * created with; a client whose schema is older opens the room read-only, so that y-prosemirror
 * never deletes content it does not know. Bump only when a node, mark or attribute is added.
 */
export const SCHEMA_VERSION = 1;

/** Name of the top-level `Y.XmlFragment` holding the draft in every room's Y.Doc. */
export const DRAFT_FRAGMENT = 'draft';
