import { useEffect, useState } from 'react';
import { ApiError, ServerUnreachableError } from '../api/http.js';
import { fetchSession, type Session } from '../api/rooms.js';
import { type AccessProblem, NO_INVITE, problemFromApiError, ROOM_MISSING } from '../collab/access-problem.js';
import { takeRoomToken } from '../local/invite-fragment.js';
import { rememberRoom } from '../local/known-rooms.js';

/** Whether this browser may enter a room, and as whom. */
export type RoomAccess =
  | { readonly state: 'checking' }
  | { readonly state: 'ready'; readonly token: string; readonly session: Session }
  | { readonly state: 'refused'; readonly problem: AccessProblem }
  | { readonly state: 'unreachable' };

/** How long to wait before asking an unreachable server again. */
const RETRY_MS = 3000;

/**
 * Reads the room's token (invite fragment or this browser's store) and asks the server who it
 * is before any socket opens, so a bad invite or a missing room gets a clear message instead of
 * a silent websocket refusal. Retries while the server cannot be reached.
 */
export function useRoomAccess(room: string): RoomAccess {
  const [token] = useState(() => takeRoomToken(room));
  const [access, setAccess] = useState<RoomAccess>(() =>
    token ? { state: 'checking' } : { state: 'refused', problem: NO_INVITE },
  );

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      try {
        const session = await fetchSession(room, token);
        if (cancelled) return;
        if (!session.exists) {
          setAccess({ state: 'refused', problem: ROOM_MISSING });
          return;
        }
        rememberRoom({
          room,
          title: session.title,
          symbol: session.symbol,
          role: session.role,
          delegation: session.delegation,
        });
        setAccess({ state: 'ready', token, session });
      } catch (error) {
        if (cancelled) return;
        if (error instanceof ApiError) setAccess({ state: 'refused', problem: problemFromApiError(error) });
        else if (error instanceof ServerUnreachableError) {
          setAccess({ state: 'unreachable' });
          timer = setTimeout(() => void check(), RETRY_MS);
        } else throw error;
      }
    };
    void check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [room, token]);

  return access;
}
