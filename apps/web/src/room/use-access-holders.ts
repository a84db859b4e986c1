import { useCallback, useEffect, useState } from 'react';
import { type AccessHolder, fetchAccess } from '../api/rooms.js';

/** How often the list refreshes while it is shown, so "connected now" stays true. */
const REFRESH_MS = 5000;

/** The room's access holders while `active`, refreshed every few seconds and on demand. */
export function useAccessHolders(
  room: string,
  token: string,
  active: boolean,
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

  useEffect(() => {
    if (!active) return;
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, load]);

  return { holders, error, refresh: load };
}
