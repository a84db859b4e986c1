import { newId, schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type Command, TextSelection } from 'prosemirror-state';
import { bodyStart, clauseAt } from './clause-at.js';

/** An empty clause of `kind` with a fresh id. */
export function emptyClause(kind: 'pp' | 'op' | 'subparagraph' | 'subsubparagraph'): PMNode {
  return schema.nodes[kind].create({ id: newId() }, schema.nodes.body.create());
}

function insertAt(pos: number, node: PMNode): Command {
  return (state, dispatch) => {
    if (dispatch) {
      const tr = state.tr.insert(pos, node);
      tr.setSelection(TextSelection.create(tr.doc, bodyStart(pos))).scrollIntoView();
      dispatch(tr);
    }
    return true;
  };
}

/** Adds a preambular paragraph after the current one, or at the end of the preamble. */
export const addPreambular: Command = (state, dispatch) => {
  const preamble = state.doc.child(0);
  const current = clauseAt(state.selection.$head, 'pp');
  const pos = current ? current.pos + current.node.nodeSize : 1 + preamble.content.size;
  return insertAt(pos, emptyClause('pp'))(state, dispatch);
};

/**
 * Adds an operative paragraph after the current one (from anywhere inside it, sub-paragraphs
 * included); from a section heading, at the end of that section; otherwise at the end of the
 * operative part.
 */
export const addOperative: Command = (state, dispatch) => {
  const { $head } = state.selection;
  const current = clauseAt($head, 'op');
  let pos: number;
  if (current) pos = current.pos + current.node.nodeSize;
  else {
    let sectionEnd: number | null = null;
    for (let depth = $head.depth; depth > 0; depth--) {
      if ($head.node(depth).type.name === 'section') sectionEnd = $head.end(depth);
    }
    const preambleSize = state.doc.child(0).nodeSize;
    pos = sectionEnd ?? preambleSize + 1 + state.doc.child(1).content.size;
  }
  return insertAt(pos, emptyClause('op'))(state, dispatch);
};

/**
 * Adds a sub-paragraph: from an OP's own text, as its first "(a)"; from a sub-paragraph or a
 * point, as the next sibling of the same level.
 */
export const addSubparagraph: Command = (state, dispatch) => {
  const current = clauseAt(state.selection.$head);
  if (!current || current.kind === 'pp') return false;
  if (current.kind === 'op') {
    const textNode = current.node.firstChild;
    if (!textNode) return false;
    return insertAt(current.pos + 1 + textNode.nodeSize, emptyClause('subparagraph'))(state, dispatch);
  }
  return insertAt(current.pos + current.node.nodeSize, emptyClause(current.kind))(state, dispatch);
};

/**
 * Enter in a clause's text: ends the clause there and starts the next one of the same kind,
 * carrying the text after the cursor. A clause's sub-paragraphs stay with it. Inside
 * alternatives, Enter is left to other commands.
 */
export const splitClause: Command = (state, dispatch) => {
  const { $from } = state.selection;
  if ($from.parent.type.name !== 'body' || !$from.sameParent(state.selection.$to)) return false;
  const current = clauseAt($from);
  if (!current || current.depth !== $from.depth - 1) return false;
  if (dispatch) {
    const tr = state.tr.deleteSelection();
    const $cut = tr.selection.$from;
    const rest = $cut.parent.content.cut($cut.parentOffset);
    tr.delete($cut.pos, $cut.end());
    const after = tr.mapping.map(current.pos + current.node.nodeSize, 1);
    const node = schema.nodes[current.kind].create({ id: newId() }, schema.nodes.body.create(null, rest));
    tr.insert(after, node);
    tr.setSelection(TextSelection.create(tr.doc, bodyStart(after))).scrollIntoView();
    dispatch(tr);
  }
  return true;
};

/**
 * Backspace at the start of an empty clause without sub-paragraphs removes the clause and puts
 * the cursor at the end of the text before it.
 */
export const removeEmptyClause: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type.name !== 'body' || $from.parent.content.size > 0) return false;
  const current = clauseAt($from);
  if (!current || current.depth !== $from.depth - 1 || current.node.childCount > 1) return false;
  if (dispatch) {
    const tr = state.tr.delete(current.pos, current.pos + current.node.nodeSize);
    const target = tr.doc.resolve(Math.min(current.pos, tr.doc.content.size));
    tr.setSelection(TextSelection.near(target, -1)).scrollIntoView();
    dispatch(tr);
  }
  return true;
};
