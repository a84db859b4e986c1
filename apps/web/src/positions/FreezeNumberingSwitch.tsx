import { setNumberingFrozen } from '../api/rooms.js';
import { ChairSwitch } from '../room/ChairSwitch.js';

interface FreezeNumberingSwitchProps {
  readonly room: string;
  readonly token: string;
  /** Whether numbering is frozen, as the server last pushed it (the positions' frozen map). */
  readonly frozen: boolean;
  readonly disabled: boolean;
}

/**
 * The chair's switch freezing clause numbers until the next revision: while frozen, clauses
 * keep their numbers and clauses added meanwhile are "5 bis", "5 ter".
 */
export function FreezeNumberingSwitch({ room, token, frozen, disabled }: FreezeNumberingSwitchProps) {
  return (
    <ChairSwitch
      action="freeze-numbering"
      label="Freeze numbers"
      pressed={frozen}
      disabled={disabled}
      titles={{
        on: 'Numbers are frozen until the next revision; new clauses are "bis", "ter". Click to renumber.',
        off: 'Freeze clause numbers until the next revision.',
      }}
      onToggle={(next) => setNumberingFrozen(room, token, next)}
    />
  );
}
