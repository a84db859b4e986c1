import { useEffect, useState } from 'react';
import type { AccessProblem } from './access-problem.js';
import type { PresenceUser } from './presence.js';
import { collabUrl, RoomConnection } from './room-connection.js';

/**
 * Opens a {@link RoomConnection} for the component's lifetime (and again when the room, token
 * or person changes). `null` until the effect has run.
 */
export function useRoomConnection(
  room: string,
  token: string,
  user: PresenceUser,
  diagnose: () => Promise<AccessProblem | null>,
): RoomConnection | null {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  useEffect(() => {
    const created = new RoomConnection({ room, token, user, diagnose, serverUrl: collabUrl(window.location) });
    setConnection(created);
    return () => {
      created.destroy();
      setConnection(null);
    };
  }, [room, token, user, diagnose]);
  return connection;
}
