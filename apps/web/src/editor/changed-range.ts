import { type ChangedRange, changedRange } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { Mapping, StepMap } from 'prosemirror-transform';

export type { ChangedRange } from '@plenary/schema';
export { changedRange };

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
