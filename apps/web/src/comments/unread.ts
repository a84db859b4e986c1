import type { CommentMessage, CommentThread } from '@plenary/protocol';
import { useCallback, useMemo, useState } from 'react';

/** Who reads: unread markers are kept per person in this browser. */
export interface Reader {
  readonly room: string;
  readonly delegation: string;
  readonly name: string;
}

/** Thread id → time of the newest message this reader has seen. */
type SeenMap = Readonly<Record<string, number>>;

function storageKey(reader: Reader): string {
  return `plenary.comments.seen.${reader.room}.${reader.delegation}.${reader.name}`;
}

function load(reader: Reader): SeenMap {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey(reader)) ?? '{}');
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'number')) as SeenMap;
  } catch {
    return {};
  }
}

/** The messages of `thread` the reader has not seen: newer than the last seen, by someone else. */
export function unreadMessagesIn(thread: CommentThread, seen: SeenMap, reader: Reader): CommentMessage[] {
  const since = seen[thread.id] ?? 0;
  return thread.messages.filter(
    (m) => !m.deleted && m.createdAt > since && !(m.delegation === reader.delegation && m.name === reader.name),
  );
}

/** How many messages of `thread` the reader has not seen (see {@link unreadMessagesIn}). */
export function unreadIn(thread: CommentThread, seen: SeenMap, reader: Reader): number {
  return unreadMessagesIn(thread, seen, reader).length;
}

/**
 * The reader's unread state: `unread(thread)` counts messages not yet seen; `markSeen(thread)`
 * records that everything in it now has been read. Kept in `localStorage` (per room,
 * delegation and person), so it survives reloads in this browser.
 */
export function useUnread(reader: Reader) {
  const [seen, setSeen] = useState<SeenMap>(() => load(reader));
  const markSeen = useCallback(
    (thread: CommentThread) => {
      const newest = Math.max(0, ...thread.messages.map((m) => m.createdAt));
      setSeen((current) => {
        if ((current[thread.id] ?? 0) >= newest) return current;
        const next = { ...current, [thread.id]: newest };
        try {
          localStorage.setItem(storageKey(reader), JSON.stringify(next));
        } catch {
          // A full or disabled storage only loses the markers, never a comment.
        }
        return next;
      });
    },
    [reader],
  );
  const unread = useCallback((thread: CommentThread) => unreadIn(thread, seen, reader), [seen, reader]);
  const unreadMessages = useCallback((thread: CommentThread) => unreadMessagesIn(thread, seen, reader), [seen, reader]);
  return useMemo(() => ({ unread, unreadMessages, markSeen }), [unread, unreadMessages, markSeen]);
}
