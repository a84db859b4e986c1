import type { CommentThread } from '@plenary/protocol';
import { useState } from 'react';

/**
 * Runs a comment write and hands the server's updated thread to `onChanged`; a refusal becomes
 * `error` (the server's message), cleared when the next write starts. `after` runs on success.
 */
export function useCommentAction(onChanged: (thread: CommentThread) => void): {
  readonly error: string | null;
  readonly run: (action: () => Promise<CommentThread>, after?: () => void) => Promise<void>;
} {
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<CommentThread>, after?: () => void) {
    setError(null);
    try {
      onChanged(await action());
      after?.();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'the change failed');
    }
  }
  return { error, run };
}

/** A refused comment write, announced to screen readers. */
export function CommentError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="comment-error" role="alert">
      {error}
    </p>
  );
}
