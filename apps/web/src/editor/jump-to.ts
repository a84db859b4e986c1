import { Selection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/**
 * Puts the cursor at the start of the text of the clause (or heading) at `pos`, scrolls it to
 * the middle of the screen and focuses the draft. Does nothing when `pos` is no longer inside
 * the document (it changed since the position was read).
 */
export function jumpTo(view: EditorView, pos: number): void {
  const { doc } = view.state;
  if (pos < 0 || pos >= doc.content.size) return;
  const selection = Selection.near(doc.resolve(pos + 1));
  view.dispatch(view.state.tr.setSelection(selection));
  view.focus();
  const dom = view.nodeDOM(pos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center' });
}
