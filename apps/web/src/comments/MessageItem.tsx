import type { CommentMessage, CommentThread } from '@plenary/protocol';
import { useState } from 'react';
import { CommentBody } from './CommentBody.js';
import { CommentError, useCommentAction } from './comment-action.js';
import { deleteMessage, editMessage } from './comments-api.js';

interface MessageItemProps {
  readonly room: string;
  readonly token: string;
  readonly threadId: string;
  readonly message: CommentMessage;
  /** The reader wrote it (same delegation and name): edit and delete are offered. */
  readonly own: boolean;
  readonly onChanged: (thread: CommentThread) => void;
}

const TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** One message: author, time, body; its author may edit or delete it. */
export function MessageItem({ room, token, threadId, message, own, onChanged }: MessageItemProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const { error, run: runAction } = useCommentAction(onChanged);
  const run = (action: () => Promise<CommentThread>) => runAction(action, () => setEditing(null));

  const author = message.name === message.delegation ? message.delegation : `${message.delegation} (${message.name})`;
  return (
    <li className="comment-message" data-message={message.id}>
      <div className="comment-meta">
        <span className="comment-author">{author}</span>
        <time dateTime={new Date(message.createdAt).toISOString()}>{TIME.format(message.createdAt)}</time>
        {message.editedAt !== null && !message.deleted && <span className="comment-edited">edited</span>}
      </div>
      {message.deleted ? (
        <p className="comment-deleted">Message deleted</p>
      ) : editing !== null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => editMessage(room, token, threadId, message.id, editing));
          }}
        >
          <textarea aria-label="Edit message" value={editing} rows={3} onChange={(e) => setEditing(e.target.value)} />
          <div className="comment-form-row">
            <button type="submit">Save</button>
            <button type="button" className="quiet" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <CommentBody body={message.body} />
      )}
      {own && !message.deleted && editing === null && (
        <div className="comment-actions">
          <button type="button" className="link" onClick={() => setEditing(message.body)}>
            Edit
          </button>
          <button
            type="button"
            className="link"
            onClick={() => void run(() => deleteMessage(room, token, threadId, message.id))}
          >
            Delete
          </button>
        </div>
      )}
      <CommentError error={error} />
    </li>
  );
}
