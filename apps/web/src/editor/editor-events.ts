import type { EditorState } from 'prosemirror-state';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** Called with the new state after every update of a view. */
export type EditorListener = (state: EditorState) => void;

const editorEventsKey = new PluginKey('plenary-editor-events');
const listeners = new WeakMap<EditorView, Set<EditorListener>>();

/**
 * Lets components outside ProseMirror (the side panels, the tag menu) follow a view's state:
 * after each update the view's listeners get the new state. Listeners run after the view has
 * drawn, so a slow listener never delays a keystroke reaching the screen.
 */
export function editorEventsPlugin(): Plugin {
  return new Plugin({
    key: editorEventsKey,
    view: () => ({
      update(view, previous) {
        if (view.state === previous) return;
        for (const listener of listeners.get(view) ?? []) listener(view.state);
      },
    }),
  });
}

/** Subscribes `listener` to the updates of `view`; returns the unsubscribe function. */
export function subscribeEditor(view: EditorView, listener: EditorListener): () => void {
  let set = listeners.get(view);
  if (!set) {
    set = new Set();
    listeners.set(view, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}
