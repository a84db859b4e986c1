import { type CommentActor, type CommentThread, isOwnMessage, mayChangeStatus } from '@plenary/protocol';
import { useState } from 'react';
import { CommentError, useCommentAction } from './comment-action.js';
import { replyToThread, setThreadStatus } from './comments-api.js';
import { MessageItem } from './MessageItem.js';
import type { ThreadPlace } from './thread-places.js';

interface ThreadCardProps {
  readonly room: string;
  readonly token: string;
  readonly thread: CommentThread;
  readonly place: ThreadPlace | undefined;
  /** The clause's label now, or null when the clause is gone. */
  readonly label: string | null;
  readonly active: boolean;
  readonly unread: number;
  readonly me: CommentActor;
  /** Whether the viewer may reply (observers only when the room allows it). */
  readonly canComment: boolean;
  readonly onSelect: () => void;
  readonly onChanged: (thread: CommentThread) => void;
}

/** One thread: where it stands, its messages, a reply box, resolve or reopen. */
export function ThreadCard({
  room,
  token,
  thread,
  place,
  label,
  active,
  unread,
  me,
  canComment,
  onSelect,
  onChanged,
}: ThreadCardProps) {
  const [reply, setReply] = useState('');
  const state = place?.state ?? 'orphaned';
  const mayChange = mayChangeStatus(me, thread);

  const { error, run } = useCommentAction(onChanged);

  const classes = ['comment-thread', `is-${thread.status}`, active ? 'is-active' : '', unread > 0 ? 'is-unread' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes} data-thread={thread.id}>
      <button type="button" className="comment-thread-head" onClick={onSelect} aria-expanded={active}>
        <span className="comment-label">{state === 'orphaned' ? 'Deleted clause' : (label ?? '—')}</span>
        {thread.visibility === 'delegation' && <span className="comment-tag">Only {thread.delegation}</span>}
        {thread.status === 'resolved' && <span className="comment-tag is-resolved">Resolved</span>}
        {unread > 0 && <span className="comment-unread">{unread} new</span>}
      </button>
      {thread.anchor.quote !== null && (
        <p className={state === 'quote-gone' ? 'comment-quote-line is-gone' : 'comment-quote-line'}>
          {state === 'quote-gone' && <span className="comment-gone">Quoted text is gone: </span>}
          <q className="comment-quote">{thread.anchor.quote}</q>
        </p>
      )}
      {state === 'orphaned' && <p className="comment-orphaned">The clause was deleted; the thread is kept.</p>}
      <ul className="comment-messages">
        {thread.messages.map((message) => (
          <MessageItem
            key={message.id}
            room={room}
            token={token}
            threadId={thread.id}
            message={message}
            own={isOwnMessage(me, message)}
            onChanged={onChanged}
          />
        ))}
      </ul>
      {active && canComment && (
        <form
          className="comment-reply"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => replyToThread(room, token, thread.id, reply),
              () => setReply(''),
            );
          }}
        >
          <textarea aria-label="Reply" rows={2} value={reply} onChange={(e) => setReply(e.target.value)} />
          <div className="comment-form-row">
            <button type="submit" disabled={reply.trim().length === 0}>
              Reply
            </button>
          </div>
        </form>
      )}
      {mayChange && (
        <div className="comment-form-row">
          <button
            type="button"
            className="quiet"
            onClick={() =>
              void run(() => setThreadStatus(room, token, thread.id, thread.status === 'open' ? 'resolved' : 'open'))
            }
          >
            {thread.status === 'open' ? 'Resolve' : 'Reopen'}
          </button>
        </div>
      )}
      <CommentError error={error} />
    </li>
  );
}
