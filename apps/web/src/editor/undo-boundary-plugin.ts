import { Plugin, PluginKey, type Selection, type Transaction } from 'prosemirror-state';
import { ySyncPluginKey, yUndoPluginKey } from 'y-prosemirror';

const undoBoundaryKey = new PluginKey('plenary-undo-boundary');

/** Closes the current undo step, so the next change starts a new one. */
export function closeUndoStep(state: Parameters<typeof yUndoPluginKey.getState>[0]): void {
  const undo = yUndoPluginKey.getState(state) as { undoManager?: { stopCapturing(): void } } | undefined;
  undo?.undoManager?.stopCapturing();
}

/** Whether `tr` came from Yjs (another person's change, or an undo or redo) rather than typing here. */
function fromYjs(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/**
 * Whether the local edit `tr` happened away from `before`, the selection it started from: its
 * first change does not touch it. Typing, Backspace and Delete always touch it; an edit
 * elsewhere means the caret moved first, in the same transaction (the browser reported the new
 * caret together with the typed text).
 */
export function editsAwayFromCaret(tr: Transaction, before: Selection): boolean {
  if (!tr.docChanged || fromYjs(tr)) return false;
  const { from, to } = before;
  let touches = false;
  tr.mapping.maps[0]?.forEach((start, end) => {
    if (start <= to && end >= from) touches = true;
  });
  return !touches;
}

/**
 * Ends an undo step whenever the cursor jumps (a click into another clause, arrow keys):
 * y-prosemirror otherwise merges everything typed within half a second into one step, so
 * undoing a word could also undo the clause added just before it elsewhere. A jump usually
 * arrives as its own selection change; when the browser reports it together with the first
 * typed character, the edit itself shows it, and the step is closed before Yjs records it.
 */
export function undoBoundaryPlugin(): Plugin {
  return new Plugin({
    key: undoBoundaryKey,
    // Runs before y-prosemirror writes this dispatch's changes to Yjs (in its view update).
    appendTransaction(transactions, oldState) {
      let before = oldState.selection;
      for (const tr of transactions) {
        if (editsAwayFromCaret(tr, before)) {
          closeUndoStep(oldState);
          break;
        }
        before = tr.selection;
      }
      return null;
    },
    view() {
      return {
        update(view, previous) {
          if (view.state.doc === previous.doc && !view.state.selection.eq(previous.selection)) {
            closeUndoStep(view.state);
          }
        },
      };
    },
  });
}
