import { schema } from '@plenary/schema';
import { Fragment, type NodeType, type Node as PMNode } from 'prosemirror-model';
import { type Command, TextSelection, type Transaction } from 'prosemirror-state';
import { type ClauseAt, clauseAt } from './clause-at.js';

/** The same clause (id, status, tags, text) as another node type, with `children` below it. */
function retype(node: PMNode, type: NodeType, children: readonly PMNode[]): PMNode {
  const text = node.firstChild;
  return type.create(node.attrs, text ? [text, ...children] : children);
}

/** The clause's own sub-clauses (everything after its text). */
function subClauses(node: PMNode): PMNode[] {
  const out: PMNode[] = [];
  node.forEach((child, _offset, index) => {
    if (index > 0) out.push(child);
  });
  return out;
}

/** Keeps the cursor at the same place within a clause that moved from `from` to `to`. */
function keepCursor(tr: Transaction, head: number, from: number, to: number): void {
  tr.setSelection(TextSelection.create(tr.doc, to + (head - from))).scrollIntoView();
}

function previousSibling(current: ClauseAt, kind: string): { node: PMNode; pos: number } | null {
  if (current.index === 0) return null;
  const node = current.parent.child(current.index - 1);
  if (node.type.name !== kind) return null;
  return { node, pos: current.pos - node.nodeSize };
}

/**
 * Tab: makes the clause a sub-clause of the clause before it. An OP becomes the last "(x)" of
 * the previous OP (its own sub-paragraphs become points); a sub-paragraph becomes the last
 * point of the previous sub-paragraph. Refused where the result would be deeper than points,
 * or without a previous clause of the same kind.
 */
export const indentClause: Command = (state, dispatch) => {
  const { head } = state.selection;
  const current = clauseAt(state.selection.$head);
  if (!current || current.kind === 'pp' || current.kind === 'subsubparagraph') return false;
  const previous = previousSibling(current, current.kind);
  if (!previous) return false;
  let moved: PMNode;
  if (current.kind === 'op') {
    const subs = subClauses(current.node);
    // Points cannot hold anything: an OP whose sub-paragraphs have points cannot go down a level.
    if (subs.some((sub) => sub.childCount > 1)) return false;
    moved = retype(
      current.node,
      schema.nodes.subparagraph,
      subs.map((sub) => retype(sub, schema.nodes.subsubparagraph, [])),
    );
  } else {
    if (current.node.childCount > 1) return false;
    moved = retype(current.node, schema.nodes.subsubparagraph, []);
  }
  if (dispatch) {
    const insertAt = previous.pos + previous.node.nodeSize - 1;
    const tr = state.tr.insert(insertAt, moved);
    tr.delete(tr.mapping.map(current.pos), tr.mapping.map(current.pos + current.node.nodeSize));
    keepCursor(tr, head, current.pos, insertAt);
    dispatch(tr);
  }
  return true;
};

/**
 * Shift-Tab: makes a sub-clause a clause of the level above, placed right after its parent.
 * The sub-clauses that followed it become its own, so the reading order never changes.
 */
export const outdentClause: Command = (state, dispatch) => {
  const { head } = state.selection;
  const current = clauseAt(state.selection.$head);
  if (!current || current.kind === 'pp' || current.kind === 'op') return false;
  const parentPos = state.doc.resolve(current.pos).before(current.depth - 1);
  const parentEnd = parentPos + current.parent.nodeSize;
  const following: PMNode[] = [];
  current.parent.forEach((child, _offset, index) => {
    if (index > current.index) following.push(child);
  });
  let moved: PMNode;
  if (current.kind === 'subparagraph') {
    const ownPoints = subClauses(current.node).map((point) => retype(point, schema.nodes.subparagraph, []));
    moved = retype(current.node, schema.nodes.op, [...ownPoints, ...following]);
  } else {
    moved = retype(current.node, schema.nodes.subparagraph, following);
  }
  if (dispatch) {
    // Everything from this clause to the end of its parent moves out, as one clause.
    const tr = state.tr.insert(parentEnd, Fragment.from(moved));
    tr.delete(current.pos, parentEnd - 1);
    const target = tr.mapping.slice(1).map(parentEnd);
    keepCursor(tr, head, current.pos, target);
    dispatch(tr);
  }
  return true;
};
