import { setRoomMode } from '../api/rooms.js';
import type { RoomMode } from '../collab/room-connection.js';
import { ChairSwitch } from '../room/ChairSwitch.js';

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
  return (
    <ChairSwitch
      action="formal-mode"
      label="Formal mode"
      pressed={mode === 'formal'}
      disabled={disabled}
      titles={{
        on: 'Formal mode: delegations can only suggest. Click for informal drafting.',
        off: 'Informal drafting: everyone edits. Click for formal mode, where delegations only suggest.',
      }}
      onToggle={(formal) => setRoomMode(room, token, formal ? 'formal' : 'informal')}
    />
  );
}
