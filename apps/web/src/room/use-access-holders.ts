import { useCallback, useEffect, useState } from 'react';
import { type AccessHolder, fetchAccess } from '../api/rooms.js';

/** How often the list refreshes while it is shown, so "connected now" stays true. */
const REFRESH_MS = 5000;

/**
 * The room's access holders while `active`: read when shown, again whenever `membership` (who is
 * in the room, see `presenceMembership`) changes, every few seconds, and on demand. The server
 * drops a connection from the room before it tells the others its presence is gone, so a read
 * on that change already reports the leaver as not connected.
 */
export function useAccessHolders(
  room: string,
  token: string,
  active: boolean,
  membership = '',
): { holders: readonly AccessHolder[] | null; error: string | null; refresh: () => void } {
  const [holders, setHolders] = useState<readonly AccessHolder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    fetchAccess(room, token).then(
      (list) => {
        setHolders(list);
        setError(null);
      },
      (cause: unknown) => setError(cause instanceof Error ? cause.message : 'The list could not be read'),
    );
  }, [room, token]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of membership reads the list at once.
  useEffect(() => {
    if (!active) return;
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, load, membership]);

  return { holders, error, refresh: load };
}
