import { useCallback, useEffect, useSyncExternalStore } from 'react';

/** The address fragment that opens the projection view (`/rooms/<room>#projection`). */
export const PROJECTION_HASH = '#projection';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * Whether the room shows the projection view, driven by the address (`#projection`) so that a
 * chair can bookmark it for the room's screen. Esc leaves it. Returns the flag and the
 * functions that enter and leave it.
 */
export function useProjection(): { projection: boolean; enter: () => void; leave: () => void } {
  const projection = useSyncExternalStore(subscribe, () => window.location.hash === PROJECTION_HASH);
  const enter = useCallback(() => {
    window.location.hash = PROJECTION_HASH;
  }, []);
  const leave = useCallback(() => {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  useEffect(() => {
    if (!projection) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') leave();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [projection, leave]);
  return { projection, enter, leave };
}
