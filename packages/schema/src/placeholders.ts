import type { Node as PMNode } from 'prosemirror-model';
import { readLabel } from './attrs.js';

/** One placeholder still to fill in: a run of placeholder-marked text with one label. */
export interface PlaceholderRange {
  readonly from: number;
  readonly to: number;
  /** The placeholder's label (`"State"`, `"number of days"`), or its text when unlabelled. */
  readonly label: string;
}

/** A selection as the placeholder navigation reads it. */
export interface SelectionRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Every unfilled placeholder of a document in document order. Adjacent text nodes carrying
 * placeholder marks with the same label are one placeholder (another mark such as emphasis
 * may split the text); different labels side by side are two.
 */
export function findPlaceholders(doc: PMNode): PlaceholderRange[] {
  const out: PlaceholderRange[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    let open: { from: number; to: number; label: string } | null = null;
    node.forEach((child, offset) => {
      const start = pos + 1 + offset;
      const mark = child.isText ? child.marks.find((m) => m.type.name === 'placeholder') : undefined;
      const label = mark ? readLabel(mark.attrs.label) || (child.text ?? '').trim() : null;
      if (open && label === open.label && open.to === start) {
        open.to = start + child.nodeSize;
        return;
      }
      if (open) out.push(open);
      open = label === null ? null : { from: start, to: start + child.nodeSize, label };
    });
    if (open) out.push(open);
    return false;
  });
  return out;
}

/**
 * The placeholder Tab (`direction` 1) or Shift-Tab (-1) moves to from `selection`, or `null`
 * when there is none that way. Forward: the first placeholder starting after the selection's
 * start (a collapsed cursor at a placeholder's start selects that one). Backward: the last one
 * ending before the selection's end (a cursor at a placeholder's end selects that one). A
 * selection that is exactly one placeholder moves to its neighbour.
 */
export function adjacentPlaceholder(
  placeholders: readonly PlaceholderRange[],
  selection: SelectionRange,
  direction: 1 | -1,
): PlaceholderRange | null {
  if (direction === 1) {
    for (const p of placeholders)
      if (p.from > selection.from || (p.from === selection.from && selection.to < p.to)) return p;
    return null;
  }
  for (let i = placeholders.length - 1; i >= 0; i--) {
    const p = placeholders[i] as PlaceholderRange;
    if (p.to < selection.to || (p.to === selection.to && selection.from > p.from)) return p;
  }
  return null;
}
