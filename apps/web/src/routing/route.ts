import { isValidRoomId } from '@plenary/protocol';
import { useSyncExternalStore } from 'react';

/** A screen of the app (DESIGN §5: `/` lobby, `/rooms/<room>` drafting room). */
export type Route =
  | { readonly screen: 'lobby' }
  | { readonly screen: 'room'; readonly room: string }
  | { readonly screen: 'not-found'; readonly path: string };

const NAVIGATE_EVENT = 'plenary:navigate';

/** Parses a path into a route. An invalid room id is "not found", never sent to the server. */
export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { screen: 'lobby' };
  const match = /^\/rooms\/([^/]+)\/?$/.exec(path);
  if (match?.[1]) {
    const room = decodeURIComponent(match[1]);
    if (isValidRoomId(room)) return { screen: 'room', room };
  }
  return { screen: 'not-found', path };
}

/** Goes to `path` within the app, without a page load. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path, re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
