import type { Role } from '../api/rooms.js';
import type { ConnectionSnapshot } from '../collab/room-connection.js';
import { saveLabel } from './save-label.js';

/** The connection and save state, announced politely to screen readers. */
export function SaveIndicator({ snapshot, role }: { snapshot: ConnectionSnapshot; role: Role }) {
  const label = saveLabel(snapshot, role);
  return (
    <output className={`save-state save-${label.tone}`} title={label.hint} aria-live="polite" data-testid="save-state">
      <span className="save-dot" aria-hidden="true" />
      {label.text}
    </output>
  );
}
