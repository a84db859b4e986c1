import { useState } from 'react';
import type { Session } from '../api/rooms.js';
import type { ConnectionSnapshot } from '../collab/room-connection.js';
import { ExportMenu } from './ExportMenu.js';
import { RoomTitleEditor } from './RoomTitleEditor.js';
import { SaveIndicator } from './SaveIndicator.js';

interface RoomHeaderProps {
  readonly room: string;
  readonly token: string;
  readonly title: string;
  readonly symbol: string | null;
  readonly session: Session;
  readonly snapshot: ConnectionSnapshot;
  readonly onRename: (change: { title: string; symbol: string | null }) => Promise<void>;
  /** Opens the projection view. */
  readonly onProject: () => void;
  /** Leaves the room and forgets it on this device. */
  readonly onForget: () => Promise<void>;
}

const ROLE_NAMES = { chair: 'Chair', delegate: 'Delegate', observer: 'Observer' } as const;

/** "Kenya · Ms. Achieng · Delegate"; a chair speaking as "Chair" is just "Chair". */
function whoAmI(session: Session): string {
  const parts = [session.delegation];
  if (session.name !== session.delegation) parts.push(session.name);
  if (ROLE_NAMES[session.role] !== session.delegation) parts.push(ROLE_NAMES[session.role]);
  return parts.join(' · ');
}

/**
 * The room's symbol and title (editable by the chair), who I am, the save state, Export, the
 * projection view, and leaving the room and forgetting it on this device (which asks first when
 * changes are not yet stored on the server, since forgetting deletes them).
 */
export function RoomHeader(props: RoomHeaderProps) {
  const { room, token, title, symbol, session, snapshot, onRename, onProject, onForget } = props;
  const [editing, setEditing] = useState(false);
  const forget = () => {
    if (
      snapshot.pending &&
      !window.confirm('Some changes are not stored on the server yet. Forgetting the room on this device deletes them.')
    ) {
      return;
    }
    void onForget();
  };
  return (
    <header className="room-header">
      <div className="room-heading">
        <a className="brand" href="/">
          Plenary
        </a>
        {editing ? (
          <RoomTitleEditor title={title} symbol={symbol} onSave={onRename} onClose={() => setEditing(false)} />
        ) : (
          <div className="room-title-block">
            {symbol && (
              <p className="room-symbol" data-testid="room-symbol">
                {symbol}
              </p>
            )}
            <h1 className="room-title" data-testid="room-title">
              {title}
            </h1>
            {session.role === 'chair' && (
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                Edit title and symbol
              </button>
            )}
          </div>
        )}
      </div>
      <div className="room-actions">
        <div className="room-status">
          <SaveIndicator snapshot={snapshot} role={session.role} />
          <p className="whoami">{whoAmI(session)}</p>
          <button type="button" className="link-button" onClick={forget} data-testid="forget-room">
            Leave room and forget it on this device
          </button>
        </div>
        <ExportMenu room={room} token={token} role={session.role} />
        <button type="button" onClick={onProject} data-testid="projection-button">
          Projection view
        </button>
      </div>
    </header>
  );
}
