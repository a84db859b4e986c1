import type { CommentThread } from '@plenary/protocol';
import { useMemo } from 'react';
import type { ClauseCommentCount } from './comment-highlight-plugin.js';

/**
 * Open threads and unread messages per clause id, for the margin badges and the outline's
 * optional `commentCounts` prop. A resolved thread counts for nothing: a clause whose threads
 * are all resolved shows no badge.
 */
export function commentCounts(
  threads: readonly CommentThread[],
  unread: (thread: CommentThread) => number,
): ReadonlyMap<string, ClauseCommentCount> {
  const out = new Map<string, { open: number; unread: number }>();
  for (const thread of threads) {
    if (thread.status !== 'open') continue;
    const entry = out.get(thread.anchor.clauseId) ?? { open: 0, unread: 0 };
    entry.open += 1;
    entry.unread += unread(thread);
    out.set(thread.anchor.clauseId, entry);
  }
  return out;
}

/** {@link commentCounts} memoised on the threads and the reader's unread state. */
export function useCommentCounts(
  threads: readonly CommentThread[],
  unread: (thread: CommentThread) => number,
): ReadonlyMap<string, ClauseCommentCount> {
  return useMemo(() => commentCounts(threads, unread), [threads, unread]);
}
