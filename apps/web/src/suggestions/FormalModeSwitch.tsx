import { useState } from 'react';
import { setRoomMode } from '../api/rooms.js';
import type { RoomMode } from '../collab/room-connection.js';

interface FormalModeSwitchProps {
  readonly room: string;
  readonly token: string;
  /** The mode as the server last pushed it. */
  readonly mode: RoomMode;
  readonly disabled: boolean;
}

/**
 * The chair's switch between informal drafting (everyone edits) and formal mode (delegates only
 * suggest). The pressed state is the server's: it follows the push that every client gets.
 */
export function FormalModeSwitch({ room, token, mode, disabled }: FormalModeSwitchProps) {
  const [error, setError] = useState<string | null>(null);
  const formal = mode === 'formal';
  return (
    <button
      type="button"
      className="suggest-toggle formal-mode-switch"
      data-action="formal-mode"
      aria-pressed={formal}
      disabled={disabled}
      title={
        error ??
        (formal
          ? 'Formal mode: delegations can only suggest. Click for informal drafting.'
          : 'Informal drafting: everyone edits. Click for formal mode, where delegations only suggest.')
      }
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        setError(null);
        setRoomMode(room, token, formal ? 'informal' : 'formal').catch((failure: unknown) =>
          setError(failure instanceof Error ? failure.message : 'The mode could not be changed.'),
        );
      }}
    >
      Formal mode
    </button>
  );
}
