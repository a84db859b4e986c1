import { useState } from 'react';
import { requestJson } from '../api/http.js';

interface FreezeNumberingSwitchProps {
  readonly room: string;
  readonly token: string;
  /** Whether numbering is frozen, as the server last pushed it (the positions' frozen map). */
  readonly frozen: boolean;
  readonly disabled: boolean;
}

/**
 * The chair's switch freezing clause numbers until the next revision: while frozen, clauses
 * keep their numbers and clauses added meanwhile are "5 bis", "5 ter". The pressed state is the
 * server's, from the push every client gets.
 */
export function FreezeNumberingSwitch({ room, token, frozen, disabled }: FreezeNumberingSwitchProps) {
  const [error, setError] = useState<string | null>(null);
  return (
    <button
      type="button"
      className="suggest-toggle"
      data-action="freeze-numbering"
      aria-pressed={frozen}
      disabled={disabled}
      title={
        error ??
        (frozen
          ? 'Numbers are frozen until the next revision; new clauses are "bis", "ter". Click to renumber.'
          : 'Freeze clause numbers until the next revision.')
      }
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        setError(null);
        requestJson(`/api/rooms/${encodeURIComponent(room)}/settings`, {
          method: 'PATCH',
          token,
          body: { numberingFrozen: !frozen },
        }).catch((failure: unknown) =>
          setError(failure instanceof Error ? failure.message : 'The numbering could not be changed.'),
        );
      }}
    >
      Freeze numbers
    </button>
  );
}
