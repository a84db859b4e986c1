import { adjacentPlaceholder, findPlaceholders } from '@plenary/schema';
import { type Command, TextSelection } from 'prosemirror-state';
import './placeholder.css';

function moveToPlaceholder(direction: 1 | -1): Command {
  return (state, dispatch) => {
    const target = adjacentPlaceholder(findPlaceholders(state.doc), state.selection, direction);
    if (!target) return false;
    dispatch?.(state.tr.setSelection(TextSelection.create(state.doc, target.from, target.to)).scrollIntoView());
    return true;
  };
}

/**
 * Selects the next unfilled placeholder after the cursor, so that typing replaces it (the
 * placeholder mark does not extend to typed text). Fails when none is left, so Tab falls
 * back to indenting.
 */
export const nextPlaceholder: Command = moveToPlaceholder(1);

/** Selects the previous unfilled placeholder before the cursor; fails when there is none. */
export const previousPlaceholder: Command = moveToPlaceholder(-1);
