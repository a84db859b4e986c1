import type { Node as PMNode } from 'prosemirror-model';
import { type Command, type EditorState, TextSelection } from 'prosemirror-state';
import { type ClauseAt, clauseAt } from './clause-at.js';

/**
 * Where an operative paragraph goes when it crosses a section boundary, as a position in the
 * document before the move, or `null` when it is already first (last) of the operative part.
 * Down from the end of a section: into the next section, after its heading, or out to just
 * after the section when an unsectioned OP follows. Up from the top of a section: to the end
 * of the previous section, or out to just before the section when an unsectioned OP precedes. An unsectioned OP
 * next to a section moves into it. Narrative paragraphs inside a section are stepped over.
 */
function acrossSections(state: EditorState, current: ClauseAt, direction: -1 | 1): number | null {
  const operative = state.doc.child(1);
  const operativeStart = state.doc.child(0).nodeSize + 1;
  const childPos = (index: number): number => {
    let pos = operativeStart;
    for (let i = 0; i < index; i++) pos += operative.child(i).nodeSize;
    return pos;
  };
  const intoSection = (index: number, at: 'start' | 'end'): number => {
    const section = operative.child(index);
    const pos = childPos(index);
    return at === 'start' ? pos + 1 + (section.firstChild?.nodeSize ?? 0) : pos + section.nodeSize - 1;
  };
  if (current.parent.type.name === 'section') {
    const sectionIndex = state.doc.resolve(current.pos).index(current.depth - 2);
    const neighbour = operative.maybeChild(sectionIndex + direction);
    if (!neighbour) return null;
    if (neighbour.type.name === 'section')
      return intoSection(sectionIndex + direction, direction === 1 ? 'start' : 'end');
    return direction === 1 ? childPos(sectionIndex) + operative.child(sectionIndex).nodeSize : childPos(sectionIndex);
  }
  const neighbour = operative.maybeChild(current.index + direction);
  if (neighbour?.type.name !== 'section') return null;
  return intoSection(current.index + direction, direction === 1 ? 'start' : 'end');
}

/**
 * The position (in the document before the move) the clause moves to, or `null` when it
 * cannot move that way. Within its parent it passes its neighbour of the same kind (and, in a
 * section, a narrative paragraph); an OP at a section's edge crosses into the next part of the
 * operative (see {@link acrossSections}); PPs and sub-clauses stay within their parent.
 */
function moveTarget(state: EditorState, current: ClauseAt, direction: -1 | 1): number | null {
  const neighbourIndex = current.index + direction;
  const neighbour: PMNode | null = current.parent.maybeChild(neighbourIndex);
  const end = current.pos + current.node.nodeSize;
  if (neighbour && (neighbour.type === current.node.type || neighbour.type.name === 'paragraph'))
    return direction === -1 ? current.pos - neighbour.nodeSize : end + neighbour.nodeSize;
  if (current.kind !== 'op') return null;
  // The heading is a section's first child: above it lies the section boundary.
  if (neighbour && neighbour.type.name !== 'heading' && neighbour.type.name !== 'section') return null;
  return acrossSections(state, current, direction);
}

/**
 * Moves the clause (with its sub-clauses) past its neighbour of the same kind, and an OP across
 * section boundaries. Yjs has no move: this is a delete and an insert of the clause, keeping
 * its id (the id plugin repairs duplicates if two people move it at once).
 */
function moveClause(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const { head } = state.selection;
    const current = clauseAt(state.selection.$head);
    if (!current) return false;
    const target = moveTarget(state, current, direction);
    if (target === null) return false;
    if (dispatch) {
      const start = current.pos;
      const end = start + current.node.nodeSize;
      const tr = state.tr;
      let placed: number;
      if (target > start) {
        tr.insert(target, current.node).delete(start, end);
        placed = target - current.node.nodeSize;
      } else {
        tr.delete(start, end).insert(target, current.node);
        placed = target;
      }
      tr.setSelection(TextSelection.create(tr.doc, placed + (head - start))).scrollIntoView();
      dispatch(tr);
    }
    return true;
  };
}

/** Moves the clause above the previous clause of its kind. */
export const moveClauseUp: Command = moveClause(-1);

/** Moves the clause below the next clause of its kind. */
export const moveClauseDown: Command = moveClause(1);
