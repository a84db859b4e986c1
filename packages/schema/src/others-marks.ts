import type { Mark } from 'prosemirror-model';
import type { Transaction } from 'prosemirror-state';
import { readId } from './ids.js';

/**
 * Takes another delegation's suggestion marks off the text a user's direct edit writes, the
 * chair's or a delegate's (docs/ARCHITECTURE.md, "Suggestions"). Text typed or pasted directly
 * inside another delegation's insertion or deletion would otherwise take its marks, which makes
 * the words that delegation's (removed with the insertion if it is rejected); the server refuses
 * a delegate's write that puts new text under another delegation's insertion (4509). The text is
 * left plain between the two parts of the suggestion, which keep its id. It keeps every other
 * mark; the writer's own suggestion marks stay.
 * Returns `tr` itself, with the marks removed by steps of its own.
 */
export function withoutOthersMarks(tr: Transaction, isOwn: (id: string) => boolean): Transaction {
  const written: { from: number; to: number }[] = [];
  tr.mapping.maps.forEach((map, index) => {
    const after = tr.mapping.slice(index + 1);
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const from = after.map(newStart, 1);
      const to = after.map(newEnd, -1);
      if (from < to) written.push({ from, to });
    });
  });
  const removals: { from: number; to: number; mark: Mark }[] = [];
  for (const range of written) {
    tr.doc.nodesBetween(range.from, range.to, (node, pos) => {
      if (!node.isText) return true;
      for (const mark of node.marks) {
        if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') continue;
        const id = readId(mark.attrs.id);
        if (id !== null && isOwn(id)) continue;
        removals.push({ from: Math.max(pos, range.from), to: Math.min(pos + node.nodeSize, range.to), mark });
      }
      return false;
    });
  }
  for (const removal of removals) tr.removeMark(removal.from, removal.to, removal.mark);
  return tr;
}
