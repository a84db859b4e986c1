import { type FrozenNumbers, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { Decoration, DecorationSet } from 'prosemirror-view';

/**
 * The clause labels of a stored revision as it was numbered when issued: its stored numbering
 * map (clause id → own number, docs/DESIGN.md "revision") given to `numberClauses` as frozen
 * numbers, so every clause keeps the number it had, "5 bis" included. Drawn as node decorations
 * with the same attributes the live draft's margin labels use (`data-label`, `data-number`).
 */
export function revisionLabels(doc: PMNode, numbers: FrozenNumbers): DecorationSet {
  const decorations = numberClauses(doc, { frozen: numbers }).map((entry) => {
    const node = doc.nodeAt(entry.pos);
    return Decoration.node(entry.pos, entry.pos + (node?.nodeSize ?? 1), {
      'data-label': entry.label,
      'data-number': entry.number,
      role: 'group',
      'aria-label': entry.spoken,
      title: entry.spoken,
    });
  });
  return DecorationSet.create(doc, decorations);
}
