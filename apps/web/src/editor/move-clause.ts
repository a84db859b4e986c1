import { type Command, TextSelection } from 'prosemirror-state';
import { clauseAt } from './clause-at.js';

/**
 * Moves the clause (with its sub-clauses) past its neighbour of the same kind, within the same
 * parent. Yjs has no move: this is a delete and an insert of the clause, keeping its id (the id
 * plugin repairs duplicates if two people move it at once).
 */
function moveClause(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const { head } = state.selection;
    const current = clauseAt(state.selection.$head);
    if (!current) return false;
    const neighbourIndex = current.index + direction;
    if (neighbourIndex < 0 || neighbourIndex >= current.parent.childCount) return false;
    const neighbour = current.parent.child(neighbourIndex);
    if (neighbour.type !== current.node.type) return false;
    if (dispatch) {
      const start = current.pos;
      const end = start + current.node.nodeSize;
      const tr = state.tr;
      let target: number;
      if (direction === -1) {
        target = start - neighbour.nodeSize;
        tr.delete(start, end).insert(target, current.node);
      } else {
        tr.insert(end + neighbour.nodeSize, current.node).delete(start, end);
        target = start + neighbour.nodeSize;
      }
      tr.setSelection(TextSelection.create(tr.doc, target + (head - start))).scrollIntoView();
      dispatch(tr);
    }
    return true;
  };
}

/** Moves the clause above the previous clause of its kind. */
export const moveClauseUp: Command = moveClause(-1);

/** Moves the clause below the next clause of its kind. */
export const moveClauseDown: Command = moveClause(1);
