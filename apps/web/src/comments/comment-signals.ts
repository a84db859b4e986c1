import type { CommentMessage, CommentThread } from '@plenary/protocol';

/** What the Comments tab tells the reader before it is opened. */
export interface CommentSignals {
  /** Messages the reader has not seen, in open threads. */
  readonly unread: number;
  /** Of those, the ones that mention the reader's delegation with `@`. */
  readonly mentions: number;
}

/**
 * Unread messages and unread @mentions of `delegation` over the open threads (a resolved
 * thread asks nothing of anyone). Mentions are the server's parse of each message
 * (`CommentMessage.mentions`), compared without regard to case.
 */
export function commentSignals(
  threads: readonly CommentThread[],
  unreadMessages: (thread: CommentThread) => readonly CommentMessage[],
  delegation: string,
): CommentSignals {
  const me = delegation.toLocaleLowerCase();
  let unread = 0;
  let mentions = 0;
  for (const thread of threads) {
    if (thread.status !== 'open') continue;
    for (const message of unreadMessages(thread)) {
      unread += 1;
      if (message.mentions.some((m) => m.toLocaleLowerCase() === me)) mentions += 1;
    }
  }
  return { unread, mentions };
}

/** The Comments tab's accessible name: "Comments, 2 unread, 1 mention"; plain "Comments" when quiet. */
export function commentsTabName(signals: CommentSignals): string {
  const parts = ['Comments'];
  if (signals.unread > 0) parts.push(`${signals.unread} unread`);
  if (signals.mentions > 0) parts.push(`${signals.mentions} ${signals.mentions === 1 ? 'mention' : 'mentions'}`);
  return parts.join(', ');
}
