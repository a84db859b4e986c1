import { type ClauseNodeName, isClauseNodeName } from '@plenary/schema';
import type { Node as PMNode, ResolvedPos } from 'prosemirror-model';

/** A clause around a position: the node, where it starts, and its depth in the document. */
export interface ClauseAt {
  readonly node: PMNode;
  readonly kind: ClauseNodeName;
  /** Position before the clause's opening token. */
  readonly pos: number;
  readonly depth: number;
  /** The node holding the clause (preamble, operative, section or a parent clause). */
  readonly parent: PMNode;
  /** The clause's index among its parent's children. */
  readonly index: number;
}

/**
 * The innermost clause containing `$pos` (or the innermost of kind `kind`), or `null` when the
 * position is outside every clause (a heading, a narrative paragraph).
 */
export function clauseAt($pos: ResolvedPos, kind?: ClauseNodeName): ClauseAt | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    const name = node.type.name;
    if (!isClauseNodeName(name) || (kind && name !== kind)) continue;
    return {
      node,
      kind: name,
      pos: $pos.before(depth),
      depth,
      parent: $pos.node(depth - 1),
      index: $pos.index(depth - 1),
    };
  }
  return null;
}

/** The first position inside a new clause's body, for a clause inserted at `pos`. */
export function bodyStart(pos: number): number {
  // One token opens the clause, one opens its body.
  return pos + 2;
}
