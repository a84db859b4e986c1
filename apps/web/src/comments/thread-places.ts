import type { CommentThread } from '@plenary/protocol';
import { type AnchorState, clauseElements, listClauses, resolveAnchor, syncPluginState } from '@plenary/schema';
import type { EditorState } from 'prosemirror-state';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror';
import type * as Y from 'yjs';

/** Where a thread is in the editor now. Positions are ProseMirror positions. */
export interface ThreadPlace {
  readonly state: AnchorState;
  /** Position of the clause node, unless the thread is orphaned. */
  readonly clausePos: number | null;
  /** The highlighted words, for `span`. */
  readonly from: number | null;
  readonly to: number | null;
}

const ORPHANED: ThreadPlace = { state: 'orphaned', clausePos: null, from: null, to: null };

/**
 * Resolves every thread's anchor against the editor's current document (see `resolveAnchor`:
 * clause by id, span by Yjs relative positions or, after a move, by the quoted words). Needs
 * y-prosemirror's binding to be in step with the document: call it after the view updated.
 */
export function placeThreads(state: EditorState, threads: readonly CommentThread[]): Map<string, ThreadPlace> {
  const out = new Map<string, ThreadPlace>();
  const sync = ySyncPluginKey.getState(state) as { type?: Y.XmlFragment } | undefined;
  const mapping = syncPluginState(state)?.binding?.mapping;
  const fragment = sync?.type;
  const clausePositions = new Map<string, number>();
  for (const clause of listClauses(state.doc)) {
    if (clause.id && !clausePositions.has(clause.id)) clausePositions.set(clause.id, clause.pos);
  }
  const elements = fragment && threads.length > 0 ? clauseElements(fragment) : new Map<string, Y.XmlElement>();
  for (const thread of threads) {
    const clausePos = clausePositions.get(thread.anchor.clauseId) ?? null;
    if (clausePos === null || !fragment?.doc || !mapping) {
      out.set(thread.id, clausePos === null ? ORPHANED : { state: 'clause', clausePos, from: null, to: null });
      continue;
    }
    const resolved = resolveAnchor(fragment, thread.anchor, elements);
    let from: number | null = null;
    let to: number | null = null;
    if (resolved.state === 'span' && resolved.start && resolved.end) {
      // The binding's mapping type is y-prosemirror's own; it is the same Map at runtime.
      const map = mapping as Parameters<typeof relativePositionToAbsolutePosition>[3];
      from = relativePositionToAbsolutePosition(fragment.doc, fragment, resolved.start, map);
      to = relativePositionToAbsolutePosition(fragment.doc, fragment, resolved.end, map);
    }
    const inside = from !== null && to !== null && from < to && to <= state.doc.content.size;
    out.set(thread.id, {
      state: resolved.state === 'span' && !inside ? 'quote-gone' : resolved.state,
      clausePos,
      from: inside ? from : null,
      to: inside ? to : null,
    });
  }
  return out;
}
