import type { PositionRecords } from '@plenary/protocol';
import { type PositionsView, positionsView, reusePositionsView } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { setFrozenNumbers } from '../editor/numbering-plugin.js';
import { useDocDerived } from '../editor/use-editor.js';
import { setPositionRecords } from './position-decorations.js';
import type { PositionFeed } from './position-feed.js';

/** The room's positions as the drafting room uses them. */
export interface RoomPositions {
  /** The records as the server last pushed them. */
  readonly records: PositionRecords;
  /** The draft's open brackets, alternatives and clause statuses joined with the records; null before the editor exists. */
  readonly view: PositionsView | null;
}

/**
 * Follows the room's position records: the editor's brackets and alternatives are redrawn with
 * who proposed them when the records change, the labels follow the chair's frozen numbering,
 * and the positions view (for the caret bar, the
 * summary and the Positions panel) is derived from the draft and the records, shortly after
 * each change of either.
 */
export function useRoomPositions(feed: PositionFeed, view: EditorView | null): RoomPositions {
  const records = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  useEffect(() => {
    if (view && !view.isDestroyed)
      view.dispatch(setFrozenNumbers(setPositionRecords(view.state.tr, records), records.frozen));
  }, [view, records]);
  const previous = useRef<PositionsView | null>(null);
  const derive = useCallback(
    (doc: PMNode) => {
      // The same view as before keeps its identity, so a keystroke that changes nothing shown
      // re-renders nothing that shows positions.
      previous.current = reusePositionsView(previous.current, positionsView(doc, records));
      return previous.current;
    },
    [records],
  );
  return { records, view: useDocDerived(view, derive) };
}
