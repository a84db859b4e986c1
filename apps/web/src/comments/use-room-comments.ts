import type { CommentThread } from '@plenary/protocol';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useCommentCounts } from './comment-counts.js';
import type { CommentFeed } from './comment-feed.js';
import { type ClauseCommentCount, setCommentHighlights } from './comment-highlight-plugin.js';
import { type CommentSignals, commentSignals } from './comment-signals.js';
import { type Reader, useUnread } from './unread.js';

/** The room's comments as the drafting room uses them. */
export interface RoomComments {
  readonly feed: CommentFeed;
  readonly threads: readonly CommentThread[];
  /** Open threads and unread messages per clause id (the outline's `commentCounts`). */
  readonly counts: ReadonlyMap<string, ClauseCommentCount>;
  /** Unread messages and @mentions of the reader's delegation, for the Comments tab. */
  readonly signals: CommentSignals;
  readonly active: string | null;
  select(thread: string | null): void;
  unread(thread: CommentThread): number;
  markSeen(thread: CommentThread): void;
}

/**
 * Follows the room's threads (`feed`), the reader's unread state and the selected thread, and
 * feeds them to the editor's highlight plugin whenever they change.
 */
export function useRoomComments(feed: CommentFeed, view: EditorView | null, reader: Reader): RoomComments {
  const threads = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const { unread, unreadMessages, markSeen } = useUnread(reader);
  const counts = useCommentCounts(threads, unread);
  const signals = useMemo(
    () => commentSignals(threads, unreadMessages, reader.delegation),
    [threads, unreadMessages, reader.delegation],
  );
  const [active, setActive] = useState<string | null>(null);
  useEffect(() => {
    if (view && !view.isDestroyed) view.dispatch(setCommentHighlights(view.state.tr, { threads, counts, active }));
  }, [view, threads, counts, active]);
  const select = useCallback((thread: string | null) => setActive(thread), []);
  return useMemo(
    () => ({ feed, threads, counts, signals, active, select, unread, markSeen }),
    [feed, threads, counts, signals, active, select, unread, markSeen],
  );
}
