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
}

const ROLE_NAMES = { chair: 'Chair', delegate: 'Delegate', observer: 'Observer' } as const;

/** "Kenya · Ms. Achieng · Delegate"; a chair speaking as "Chair" is just "Chair". */
function whoAmI(session: Session): string {
  const parts = [session.delegation];
  if (session.name !== session.delegation) parts.push(session.name);
  if (ROLE_NAMES[session.role] !== session.delegation) parts.push(ROLE_NAMES[session.role]);
  return parts.join(' · ');
}

/** The room's symbol and title (editable by the chair), who I am, the save state and Export. */
export function RoomHeader({ room, token, title, symbol, session, snapshot, onRename }: RoomHeaderProps) {
  const [editing, setEditing] = useState(false);
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
        </div>
        <ExportMenu room={room} token={token} role={session.role} />
      </div>
    </header>
  );
}
