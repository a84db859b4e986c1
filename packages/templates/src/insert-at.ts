import type { Node as PMNode, ResolvedPos } from 'prosemirror-model';
import type { Transform } from 'prosemirror-transform';
import { type InstantiateOptions, instantiateTemplate } from './instantiate.js';
import type { Template } from './types.js';

/** Where {@link insertTemplateAt} puts a template's preambular and operative content. */
export interface InsertionPoints {
  /** Position in the preamble where the template's PPs go. */
  readonly preamble: number;
  /** Position in the operative part (before the PPs are inserted) where its OPs go. */
  readonly operative: number;
}

/** The position after the ancestor at `depth` of `$pos`, or `$pos` itself when not that deep. */
function afterAncestor($pos: ResolvedPos, depth: number): number {
  return $pos.depth >= depth ? $pos.after(depth) : $pos.pos;
}

/**
 * Where a template's content lands for a cursor at `pos`, nearest the cursor: in the preamble,
 * PPs go after the PP holding the cursor and OPs at the start of the operative part; in the
 * operative part, OPs go after the OP holding the cursor (inside its section when the cursor
 * is in a section and the template has no sections; after the section otherwise) and PPs at
 * the end of the preamble. `pos` is clamped to the document.
 */
export function insertionPoints(doc: PMNode, pos: number, hasSections: boolean): InsertionPoints {
  const preambleNode = doc.child(0);
  const operativeStart = preambleNode.nodeSize;
  const preambleEnd = operativeStart - 1;
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  const inPreamble = $pos.depth >= 1 && $pos.index(0) === 0;
  const inOperative = $pos.depth >= 1 && $pos.index(0) === 1;
  if (inPreamble) return { preamble: afterAncestor($pos, 2), operative: operativeStart + 1 };
  if (!inOperative) return { preamble: preambleEnd, operative: operativeStart + doc.child(1).nodeSize - 1 };
  const inSection = $pos.depth >= 2 && $pos.node(2).type.name === 'section';
  const operative = inSection && !hasSections ? afterAncestor($pos, 3) : afterAncestor($pos, 2);
  return { preamble: preambleEnd, operative };
}

/**
 * Inserts a template's clauses next to the cursor at `pos` (see {@link insertionPoints}), with
 * fresh ids, status `proposed` and the template's tags. Labels follow from the numbering: the
 * clauses after the insertion are renumbered. Works on any `Transform`; returns it.
 */
export function insertTemplateAt<T extends Transform>(
  tr: T,
  template: Template,
  pos: number,
  options: InstantiateOptions = {},
): T {
  const source = instantiateTemplate(template, options);
  const preamble = source.child(0).content;
  const operative = source.child(1).content;
  let hasSections = false;
  operative.forEach((node) => {
    if (node.type.name === 'section') hasSections = true;
  });
  const points = insertionPoints(tr.doc, pos, hasSections);
  // The operative point lies after the preamble point: insert it first, so neither moves.
  if (operative.size > 0) tr.insert(points.operative, operative);
  if (preamble.size > 0) tr.insert(points.preamble, preamble);
  return tr;
}
