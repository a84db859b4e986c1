import type { CommentThread, CommentVisibility } from '@plenary/protocol';
import { MAX_COMMENT_LENGTH } from '@plenary/schema';
import { useState } from 'react';
import { startThread } from './comments-api.js';
import type { NewAnchor } from './new-anchor.js';

interface NewThreadFormProps {
  readonly room: string;
  readonly token: string;
  readonly delegation: string;
  readonly anchor: NewAnchor;
  /** The clause's label now ("OP 3"). */
  readonly label: string;
  readonly onDone: (thread: CommentThread | null) => void;
}

/** Starts a thread on the clause or words chosen in the draft; server errors are shown as written. */
export function NewThreadForm({ room, token, delegation, anchor, label, onDone }: NewThreadFormProps) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<CommentVisibility>('room');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tooLong = body.length > MAX_COMMENT_LENGTH;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await startThread(room, token, { ...anchor, visibility, body }));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'the comment could not be posted');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="comment-new" onSubmit={submit} aria-label="New comment">
      <p className="comment-where">
        On <strong>{label}</strong>
        {anchor.quote ? <q className="comment-quote">{anchor.quote}</q> : ' (whole clause)'}
      </p>
      <textarea
        aria-label="Comment"
        value={body}
        rows={3}
        placeholder="Comment… (@Delegation to mention, @[Name with spaces])"
        onChange={(e) => setBody(e.target.value)}
      />
      <div className="comment-form-row">
        <select
          aria-label="Who sees it"
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as CommentVisibility)}
        >
          <option value="room">Whole room</option>
          <option value="delegation">Only {delegation}</option>
        </select>
        <span className={tooLong ? 'comment-length is-over' : 'comment-length'}>
          {body.length.toLocaleString('en')} / {MAX_COMMENT_LENGTH.toLocaleString('en')}
        </span>
      </div>
      {error && (
        <p className="comment-error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-form-row">
        <button type="submit" disabled={busy || body.trim().length === 0}>
          Post comment
        </button>
        <button type="button" className="quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
