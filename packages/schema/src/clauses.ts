import type { Node as PMNode } from 'prosemirror-model';
import { readClauseAttrs } from './attrs.js';
import type { CriterionTag } from './criteria.js';
import { type ClauseNodeName, isClauseNodeName } from './schema.js';
import type { ClauseStatus } from './status.js';

/** One clause found in a document, with its attributes already read safely. */
export interface ClauseInfo {
  readonly node: PMNode;
  /** Position of the clause node (before its opening token). */
  readonly pos: number;
  readonly kind: ClauseNodeName;
  /** The stored id when well-formed, else `null`. */
  readonly id: string | null;
  readonly status: ClauseStatus;
  readonly tags: readonly CriterionTag[];
  /** Index of the enclosing clause in the returned list, or `-1` for PPs and OPs. */
  readonly parent: number;
}

/**
 * Every clause of the document in document order (parents before their sub-paragraphs).
 * Clauses inside alternatives do not exist in this layout, so the walk skips clause text.
 */
export function listClauses(doc: PMNode): ClauseInfo[] {
  const out: ClauseInfo[] = [];
  const open: { end: number; index: number }[] = [];
  doc.descendants((node, pos) => {
    const name = node.type.name;
    if (!isClauseNodeName(name))
      return name !== 'body' && name !== 'alternatives' && name !== 'heading' && name !== 'paragraph';
    while (open.length > 0 && (open[open.length - 1]?.end ?? 0) <= pos) open.pop();
    const attrs = readClauseAttrs(node);
    out.push({ node, pos, kind: name, ...attrs, parent: open[open.length - 1]?.index ?? -1 });
    open.push({ end: pos + node.nodeSize, index: out.length - 1 });
    return true;
  });
  return out;
}

/** The clause's own text node: its `body` or its `alternatives` (the first child). */
export function clauseTextNode(clause: PMNode): PMNode | null {
  return clause.firstChild;
}

/**
 * The texts of a clause's own formulations: one entry for a body, one per alternative
 * (an empty alternative is "no text"). Sub-paragraphs are not included.
 */
export function clauseFormulations(clause: PMNode): PMNode[] {
  const first = clause.firstChild;
  if (!first) return [];
  if (first.type.name === 'body') return [first];
  const out: PMNode[] = [];
  first.forEach((alt) => {
    if (alt.firstChild) out.push(alt.firstChild);
  });
  return out;
}
