import { useEffect, useState } from 'react';
import { ApiError, ServerUnreachableError } from '../api/http.js';
import { fetchSession, type Session } from '../api/rooms.js';
import { type AccessProblem, NO_INVITE, problemFromApiError, ROOM_MISSING } from '../collab/access-problem.js';
import { takeRoomToken } from '../local/invite-fragment.js';
import { rememberRoom } from '../local/known-rooms.js';
import { knownSession, rememberSession } from '../local/known-session.js';

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
 * a silent websocket refusal. When the server cannot be reached, the session it last confirmed
 * in this browser opens the room (offline reload: the draft comes from the device copy and the
 * connection keeps retrying); without one, it retries until the server answers.
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
        rememberSession(session);
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
          const known = knownSession(room);
          if (known) {
            setAccess({ state: 'ready', token, session: known });
            return;
          }
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
