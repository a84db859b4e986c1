import type { EditorView } from 'prosemirror-view';

/**
 * The property of the draft's DOM element that holds its `EditorView`, so a script driving the
 * page (the end-to-end tests) can wait on the editor's own state, such as whether it has read
 * a selection, instead of on time (docs/ARCHITECTURE.md "Web app").
 */
export const VIEW_HANDLE = 'pmView';

/**
 * Puts `view` on its DOM element under `VIEW_HANDLE` (not enumerable, so it is never copied or
 * serialised with the element). Returns the function that takes it off again.
 */
export function attachViewHandle(view: EditorView): () => void {
  Object.defineProperty(view.dom, VIEW_HANDLE, { value: view, configurable: true, enumerable: false });
  return () => {
    Reflect.deleteProperty(view.dom, VIEW_HANDLE);
  };
}
