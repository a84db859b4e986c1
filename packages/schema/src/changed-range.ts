import type { Node as PMNode } from 'prosemirror-model';

/** Where two documents differ: from `start` to `endA` in the first, to `endB` in the second. */
export interface ChangedRange {
  readonly start: number;
  readonly endA: number;
  readonly endB: number;
}

/** The last range computed from each document, so plugins comparing the same pair share one. */
const lastRange = new WeakMap<PMNode, { readonly after: PMNode; readonly range: ChangedRange | null }>();

function computeRange(before: PMNode, after: PMNode): ChangedRange | null {
  const start = before.content.findDiffStart(after.content);
  if (start === null) return null;
  const end = before.content.findDiffEnd(after.content);
  let endA = end?.a ?? before.content.size;
  let endB = end?.b ?? after.content.size;
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  return { start, endA, endB };
}

/**
 * The range where `before` and `after` differ, or null when their content is equal. Remote
 * changes reach ProseMirror as a replacement of the whole document (y-prosemirror), whose own
 * mapping says nothing of where the edit was; comparing the two documents recovers the small
 * edit. Documents are immutable, so the range of the last pair compared is kept (keyed by the
 * first document) and every plugin looking at the same transaction reuses it.
 */
export function changedRange(before: PMNode, after: PMNode): ChangedRange | null {
  const known = lastRange.get(before);
  if (known && known.after === after) return known.range;
  const range = before === after ? null : computeRange(before, after);
  lastRange.set(before, { after, range });
  return range;
}

/**
 * Whether `before` and `after` differ only in the inline content of one textblock (a clause's
 * text, a heading): no node above the text changed, so clause ids, attributes, order and labels
 * are the same in both. False when the documents are equal.
 */
export function changedWithinOneTextblock(before: PMNode, after: PMNode): boolean {
  const range = changedRange(before, after);
  if (range === null) return false;
  const $start = before.resolve(range.start);
  const $after = after.resolve(range.start);
  return (
    $start.parent.isTextblock &&
    $start.sameParent(before.resolve(range.endA)) &&
    $after.parent.isTextblock &&
    $after.sameParent(after.resolve(range.endB))
  );
}
