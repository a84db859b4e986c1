import { useEffect, useState } from 'react';
import type { AccessProblem } from './access-problem.js';
import type { PresenceUser } from './presence.js';
import { collabUrl, RoomConnection } from './room-connection.js';
import type { SessionToken } from './session-token.js';

/**
 * Opens a {@link RoomConnection} for the component's lifetime (and again when the room, session
 * or person changes). A renewed token does not reopen it: the connection switches to the new
 * token and keeps its document, so no edit is lost. `null` until the effect has run.
 */
export function useRoomConnection(
  room: string,
  session: SessionToken,
  user: PresenceUser,
  diagnose: () => Promise<AccessProblem | null>,
): RoomConnection | null {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  useEffect(() => {
    const created = new RoomConnection({
      room,
      token: session.get(),
      user,
      diagnose,
      serverUrl: collabUrl(window.location),
      renew: async () => ((await session.renewNow()) === 'renewed' ? session.get() : null),
    });
    const unsubscribe = session.subscribe(() => created.setToken(session.get()));
    const stopRenewing = session.start();
    setConnection(created);
    return () => {
      stopRenewing();
      unsubscribe();
      created.destroy();
      setConnection(null);
    };
  }, [room, session, user, diagnose]);
  return connection;
}
