import { insertTemplateAt, type Template } from '@plenary/templates';
import { type Command, Selection } from 'prosemirror-state';
import { closeUndoStep } from './undo-boundary-plugin.js';

/**
 * Inserts `template`'s clauses next to the cursor (see `insertTemplateAt`) as one undo step,
 * and puts the cursor at the start of the first clause inserted after it (or before it, when
 * only PPs were inserted above an operative cursor).
 */
export function insertTemplate(template: Template): Command {
  return (state, dispatch, view) => {
    if (!dispatch) return true;
    closeUndoStep(state);
    const before = state.doc.content.size;
    const head = state.selection.head;
    const tr = insertTemplateAt(state.tr, template, head);
    if (tr.doc.content.size === before) return false;
    // The first inserted position at or after the cursor, else the first insertion overall.
    const cursor = tr.mapping.map(head, -1);
    let first = -1;
    let fallback = -1;
    tr.mapping.maps.forEach((map, index) => {
      map.forEach((_oldStart, _oldEnd, newStart) => {
        const pos = tr.mapping.slice(index + 1).map(newStart);
        if (fallback === -1 || pos < fallback) fallback = pos;
        if (pos >= cursor && (first === -1 || pos < first)) first = pos;
      });
    });
    const target = first === -1 ? fallback : first;
    if (target >= 0) tr.setSelection(Selection.near(tr.doc.resolve(target + 1)));
    dispatch(tr.scrollIntoView());
    closeUndoStep(view?.state ?? state);
    return true;
  };
}
