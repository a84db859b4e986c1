import { encodeAnchorPosition, readId } from '@plenary/schema';
import type { EditorState } from 'prosemirror-state';
import { absolutePositionToRelativePosition, ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';
import { clauseAt } from '../editor/clause-at.js';

/** Where a new thread will stand: the clause, and for a selected span its anchor and words. */
export interface NewAnchor {
  readonly clauseId: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly quote: string | null;
}

/**
 * The anchor for a thread on the editor's selection: the clause holding the cursor, or the
 * selected words when the selection lies within one text of one clause (Yjs relative positions
 * through y-prosemirror's binding). `null` outside every clause.
 */
export function anchorFromSelection(state: EditorState): NewAnchor | null {
  const { $from, $to, from, to, empty } = state.selection;
  const clause = clauseAt($from);
  const clauseId = clause ? readId(clause.node.attrs.id) : null;
  if (!clause || !clauseId) return null;
  const whole = { clauseId, start: null, end: null, quote: null };
  if (empty || !$from.sameParent($to) || clauseAt($to)?.node !== clause.node) return whole;
  const sync = ySyncPluginKey.getState(state) as
    | { type: Y.XmlFragment; binding: { mapping: Parameters<typeof absolutePositionToRelativePosition>[2] } | null }
    | undefined;
  if (!sync?.binding) return whole;
  const quote = state.doc.textBetween(from, to, ' ').trim();
  if (quote.length === 0) return whole;
  const start = absolutePositionToRelativePosition(from, sync.type, sync.binding.mapping);
  const after = absolutePositionToRelativePosition(to, sync.type, sync.binding.mapping);
  const absolute = sync.type.doc ? Y.createAbsolutePositionFromRelativePosition(after, sync.type.doc) : null;
  // The end sticks to the words before it, so text typed right after them is not highlighted.
  const end = absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1) : after;
  return {
    clauseId,
    start: encodeAnchorPosition(start),
    end: encodeAnchorPosition(end),
    quote: state.doc.textBetween(from, to),
  };
}
