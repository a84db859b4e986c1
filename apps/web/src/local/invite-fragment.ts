import { storedToken, storeToken } from './known-rooms.js';

/**
 * The token for `room`: from an invite fragment (`#invite=<token>`) when present, else the one
 * kept in this browser. A token read from the address bar is stored per room and removed from
 * the address with `history.replaceState`, so it does not linger in the bar or in the history.
 */
export function takeRoomToken(room: string): string | null {
  const match = /^#invite=([A-Za-z0-9_.-]+)$/.exec(window.location.hash);
  if (match?.[1]) {
    storeToken(room, match[1]);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return storedToken(room);
}
