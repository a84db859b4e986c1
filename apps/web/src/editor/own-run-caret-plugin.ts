import { type EditorState, Plugin, PluginKey, TextSelection, type Transaction } from 'prosemirror-state';
import {
  absolutePositionToRelativePosition,
  type ProsemirrorBinding,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from 'y-prosemirror';
import * as Y from 'yjs';

const ownRunCaretKey = new PluginKey('plenary-own-run-caret');

/** The text selection before a Yjs transaction, as positions in the Yjs model. */
interface SavedSelection {
  readonly anchor: Y.RelativePosition;
  readonly head: Y.RelativePosition;
}

/** The y-prosemirror binding of `state`, once the sync plugin's view exists. */
function bindingOf(state: EditorState): ProsemirrorBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined;
  return sync?.binding ?? null;
}

/**
 * `pos` (a position in the Yjs model) made to keep to the character on its left (`assoc`
 * -1) when it lies in text: text inserted exactly there then lands after it. Positions
 * between elements (an empty clause) are returned as they are.
 */
function keepingLeft(pos: Y.RelativePosition, doc: Y.Doc): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(pos, doc);
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return pos;
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1);
}

/**
 * The text selection of `state` as Yjs positions: a caret keeps to the character on its left
 * (the one last typed here); a range keeps its start to the right and its end to the left, so
 * text inserted at either edge by someone else stays outside it. Null for other selections.
 */
function saveSelection(state: EditorState, binding: ProsemirrorBinding): SavedSelection | null {
  const { selection } = state;
  if (!(selection instanceof TextSelection)) return null;
  const at = (pos: number): Y.RelativePosition =>
    absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
  const anchor = at(selection.anchor);
  const head = at(selection.head);
  if (selection.empty) {
    const caret = keepingLeft(anchor, binding.doc);
    return { anchor: caret, head: caret };
  }
  return selection.anchor < selection.head
    ? { anchor, head: keepingLeft(head, binding.doc) }
    : { anchor: keepingLeft(anchor, binding.doc), head };
}

/** Whether `tr` is y-prosemirror re-rendering someone else's change (not an undo or redo here). */
function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
  return meta?.isChangeOrigin === true && meta.isUndoRedoOperation !== true;
}

/**
 * Keeps each author's run of typing together when two people type at one and the same spot
 * (docs/ARCHITECTURE.md, Web app). When another person's change arrives, y-prosemirror re-renders
 * the draft and puts the caret back from Yjs positions that keep to the character on the
 * caret's right: text inserted exactly at the caret then lands before it, and the next
 * keystroke goes after the other person's character ("FR" and "BR" become "FBRR"). This plugin
 * saves the selection before every Yjs transaction that is not this editor's own typing, with
 * the caret keeping to the character on its left, and puts it back after the re-render: the
 * other person's text goes after the caret, and one's own next keystroke follows one's own last
 * ("BRFR"). Undo and redo keep y-prosemirror's own selection handling.
 */
export function ownRunCaretPlugin(): Plugin {
  let saved: SavedSelection | null = null;
  let active = false;
  return new Plugin({
    key: ownRunCaretKey,
    view(view) {
      const binding = bindingOf(view.state);
      if (!binding) return {};
      const { doc } = binding;
      const before = (tr: Y.Transaction): void => {
        // This editor's own typing, written to Yjs by y-prosemirror, never re-renders the draft.
        if (active || tr.origin === ySyncPluginKey) return;
        active = true;
        saved = saveSelection(view.state, binding);
      };
      const after = (): void => {
        active = false;
        saved = null;
      };
      doc.on('beforeTransaction', before);
      doc.on('afterAllTransactions', after);
      return {
        destroy() {
          doc.off('beforeTransaction', before);
          doc.off('afterAllTransactions', after);
        },
      };
    },
    appendTransaction(transactions, _oldState, state) {
      if (saved === null || !transactions.some(isRemoteChange)) return null;
      const binding = bindingOf(state);
      if (!binding || !(state.selection instanceof TextSelection)) return null;
      const anchor = relativePositionToAbsolutePosition(binding.doc, binding.type, saved.anchor, binding.mapping);
      const head = relativePositionToAbsolutePosition(binding.doc, binding.type, saved.head, binding.mapping);
      if (anchor === null || head === null) return null;
      if (anchor === state.selection.anchor && head === state.selection.head) return null;
      const max = state.doc.content.size;
      if (anchor > max || head > max) return null;
      const selection = TextSelection.between(state.doc.resolve(anchor), state.doc.resolve(head));
      // Marked as part of the re-render, so other plugins (and the undo history) treat it so.
      return state.tr
        .setSelection(selection)
        .setMeta(ySyncPluginKey, { isChangeOrigin: true })
        .setMeta('addToHistory', false);
    },
  });
}
