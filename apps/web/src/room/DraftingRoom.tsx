import type { ClauseNumber } from '@plenary/schema';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { type Session, updateRoom } from '../api/rooms.js';
import { delegationColour } from '../collab/delegation-colour.js';
import type { PresenceUser } from '../collab/presence.js';
import type { RoomConnection } from '../collab/room-connection.js';
import { useRoomConnection } from '../collab/use-room-connection.js';
import { DraftEditor } from '../editor/DraftEditor.js';
import { rememberRoom } from '../local/known-rooms.js';
import { ClauseToolbar } from './ClauseToolbar.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { diagnoseAccess } from './diagnose-access.js';
import { InvitePanel } from './InvitePanel.js';
import { PresencePanel } from './PresencePanel.js';
import { RoomHeader } from './RoomHeader.js';
import { useLastChange } from './use-last-change.js';

interface DraftingRoomProps {
  readonly room: string;
  readonly token: string;
  readonly session: Session;
  /** Called when the server refused an update (4509): the owner reopens the room afresh. */
  readonly onRefused: () => void;
}

/** The drafting room: opens the connection, then lays out header, draft and side panels. */
export function DraftingRoom({ room, token, session, onRefused }: DraftingRoomProps) {
  const user = useMemo<PresenceUser>(
    () => ({
      name: session.name,
      delegation: session.delegation,
      role: session.role,
      color: delegationColour(session.delegation),
    }),
    [session.name, session.delegation, session.role],
  );
  const diagnose = useCallback(() => diagnoseAccess(room, token), [room, token]);
  const connection = useRoomConnection(room, token, user, diagnose);
  if (!connection) return null;
  return <RoomLayout connection={connection} room={room} token={token} session={session} onRefused={onRefused} />;
}

interface RoomLayoutProps extends DraftingRoomProps {
  readonly connection: RoomConnection;
}

function RoomLayout({ connection, room, token, session, onRefused }: RoomLayoutProps) {
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const [view, setView] = useState<EditorView | null>(null);
  const [labels, setLabels] = useState<ReadonlyMap<string, ClauseNumber>>(new Map());
  const [record, setRecord] = useState({ title: session.title, symbol: session.symbol });
  useLastChange(room, connection.doc);

  useEffect(() => {
    if (snapshot.refused) onRefused();
  }, [snapshot.refused, onRefused]);

  const onNumbers = useCallback((numbers: readonly ClauseNumber[]) => {
    setLabels(new Map(numbers.filter((n) => n.id !== null).map((n) => [n.id as string, n])));
  }, []);

  const rename = useCallback(
    async (change: { title: string; symbol: string | null }) => {
      const updated = await updateRoom(room, token, change);
      setRecord({ title: updated.title, symbol: updated.symbol });
      rememberRoom({
        room,
        title: updated.title,
        symbol: updated.symbol,
        role: session.role,
        delegation: session.delegation,
      });
    },
    [room, token, session.role, session.delegation],
  );

  const editable = snapshot.everSynced && session.role !== 'observer' && snapshot.problem === null;

  return (
    <div className="room">
      <RoomHeader
        room={room}
        token={token}
        title={record.title}
        symbol={record.symbol}
        session={session}
        snapshot={snapshot}
        onRename={rename}
      />
      <ConnectionNotice snapshot={snapshot} />
      <div className="room-columns">
        <main className="paper-column">
          <ClauseToolbar view={view} disabled={!editable} />
          <article className="paper">
            {snapshot.everSynced ? (
              <DraftEditor
                fragment={connection.fragment}
                awareness={connection.awareness}
                editable={editable}
                onView={setView}
                onNumbers={onNumbers}
              />
            ) : (
              <p className="loading">Loading the draft…</p>
            )}
          </article>
        </main>
        <aside className="side-column">
          <PresencePanel awareness={connection.awareness} labels={labels} />
          {session.role === 'chair' && <InvitePanel room={room} token={token} />}
        </aside>
      </div>
    </div>
  );
}
