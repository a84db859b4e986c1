import { Plugin, PluginKey } from 'prosemirror-state';
import { yUndoPluginKey } from 'y-prosemirror';

const undoBoundaryKey = new PluginKey('plenary-undo-boundary');

/** Closes the current undo step, so the next change starts a new one. */
export function closeUndoStep(state: Parameters<typeof yUndoPluginKey.getState>[0]): void {
  const undo = yUndoPluginKey.getState(state) as { undoManager?: { stopCapturing(): void } } | undefined;
  undo?.undoManager?.stopCapturing();
}

/**
 * Ends an undo step whenever the cursor jumps without typing (a click into another clause,
 * arrow keys): y-prosemirror otherwise merges everything typed within half a second into one
 * step, so undoing a word could also undo the clause added just before it elsewhere.
 */
export function undoBoundaryPlugin(): Plugin {
  return new Plugin({
    key: undoBoundaryKey,
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
