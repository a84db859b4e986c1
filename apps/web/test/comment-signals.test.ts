import type { CommentMessage, CommentThread } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import { commentCounts } from '../src/comments/comment-counts.js';
import { commentSignals, commentsTabName } from '../src/comments/comment-signals.js';
import { unreadMessagesIn } from '../src/comments/unread.js';

function message(id: string, delegation: string, createdAt: number, mentions: string[] = []): CommentMessage {
  return {
    id,
    delegation,
    person: null,
    name: `${delegation} delegate`,
    body: mentions.map((m) => `@${m}`).join(' ') || 'text',
    mentions,
    createdAt,
    editedAt: null,
    deleted: false,
  };
}

function thread(id: string, clauseId: string, status: 'open' | 'resolved', messages: CommentMessage[]): CommentThread {
  return {
    id,
    anchor: { clauseId, start: null, end: null, quote: null },
    visibility: 'room',
    delegation: messages[0]?.delegation ?? 'Chile',
    status,
    statusBy: null,
    createdAt: 1,
    updatedAt: 1,
    messages,
  };
}

const reader = { room: 'r', delegation: 'Kenya', name: 'Kenya delegate' };
const nothingSeen = (t: CommentThread) => unreadMessagesIn(t, {}, reader);

describe('comment signals', () => {
  it('gives a clause whose threads are all resolved no count, even with unread messages', () => {
    const threads = [
      thread('t1', 'c1', 'resolved', [message('m1', 'Chile', 10)]),
      thread('t2', 'c2', 'open', [message('m2', 'Chile', 10)]),
      thread('t3', 'c2', 'resolved', [message('m3', 'Chile', 11)]),
    ];
    const counts = commentCounts(threads, (t) => nothingSeen(t).length);
    expect(counts.has('c1')).toBe(false);
    expect(counts.get('c2')).toEqual({ open: 1, unread: 1 });
  });

  it('counts unread messages and mentions of the reader’s delegation in open threads only', () => {
    const threads = [
      thread('t1', 'c1', 'open', [
        message('m1', 'Chile', 10, ['kenya']),
        message('m2', 'Kenya', 11),
        message('m3', 'Chile', 12, ['France']),
      ]),
      thread('t2', 'c2', 'resolved', [message('m4', 'Chile', 13, ['Kenya'])]),
    ];
    expect(commentSignals(threads, nothingSeen, 'Kenya')).toEqual({ unread: 2, mentions: 1 });
    const seenT1 = (t: CommentThread) => unreadMessagesIn(t, { t1: 12 }, reader);
    expect(commentSignals(threads, seenT1, 'Kenya')).toEqual({ unread: 0, mentions: 0 });
  });

  it('names the Comments tab with what is unread', () => {
    expect(commentsTabName({ unread: 0, mentions: 0 })).toBe('Comments');
    expect(commentsTabName({ unread: 2, mentions: 1 })).toBe('Comments, 2 unread, 1 mention');
    expect(commentsTabName({ unread: 3, mentions: 2 })).toBe('Comments, 3 unread, 2 mentions');
  });
});
