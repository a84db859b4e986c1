import type { Node as PMNode } from 'prosemirror-model';
import { Mapping, StepMap } from 'prosemirror-transform';

/** Where two documents differ: from `start` to `endA` in the first, to `endB` in the second. */
export interface ChangedRange {
  readonly start: number;
  readonly endA: number;
  readonly endB: number;
}

/**
 * The range where `before` and `after` differ, or null when their content is equal. Remote
 * changes reach ProseMirror as a replacement of the whole document (y-prosemirror), whose own
 * mapping would drop every decoration; comparing the two documents recovers the small edit.
 */
export function changedRange(before: PMNode, after: PMNode): ChangedRange | null {
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

/** A mapping that replaces the changed range and shifts what follows it. */
export function rangeMapping(range: ChangedRange): Mapping {
  return new Mapping([new StepMap([range.start, range.endA - range.start, range.endB - range.start])]);
}

/**
 * The textblocks of `doc` that overlap the range from `from` to `to`, with their positions: the
 * ones an edit changed, found by comparing the documents (a remote edit arrives as one step
 * replacing the whole document, whose range says nothing of where the edit was).
 */
export function textblocksBetween(doc: PMNode, from: number, to: number): { node: PMNode; pos: number }[] {
  const blocks: { node: PMNode; pos: number }[] = [];
  doc.nodesBetween(Math.max(0, from), Math.min(Math.max(from, to), doc.content.size), (node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push({ node, pos });
    return false;
  });
  return blocks;
}
