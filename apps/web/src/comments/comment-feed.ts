import type { CommentsPayload, CommentThread } from '@plenary/protocol';

/**
 * The room's comment threads as this client knows them, one copy per thread id. The server's
 * list on every connect (message 102 `threads`, the catch-up after being offline), live pushes
 * and the answers to this client's own requests are all merged the same way: a copy replaces
 * the one held only when its `updatedAt` is not older (the server makes every version of a
 * thread newer than the last). The list is merged, not swapped in: it was read when the socket
 * joined, so an answer or push that arrived meanwhile may be newer, and threads are never
 * removed from a room that is still open. Subscribe with {@link subscribe}/{@link getSnapshot}
 * (`useSyncExternalStore`).
 */
export class CommentFeed {
  private readonly threads = new Map<string, CommentThread>();
  private snapshot: readonly CommentThread[] = [];
  private readonly listeners = new Set<() => void>();

  /** Applies a `comments` message from the server. */
  receive(payload: CommentsPayload): void {
    if (payload.kind === 'threads') for (const thread of payload.threads) this.merge(thread);
    else this.merge(payload.thread);
    this.emit();
  }

  /** Takes a thread from an HTTP answer; an older copy never replaces a newer one. */
  upsert(thread: CommentThread): void {
    this.merge(thread);
    this.emit();
  }

  private merge(thread: CommentThread): void {
    const known = this.threads.get(thread.id);
    if (!known || known.updatedAt <= thread.updatedAt) this.threads.set(thread.id, thread);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Every known thread, oldest first; a new array after each change. */
  readonly getSnapshot = (): readonly CommentThread[] => this.snapshot;

  private emit(): void {
    this.snapshot = [...this.threads.values()].sort((a, b) => a.createdAt - b.createdAt);
    for (const listener of this.listeners) listener();
  }
}
