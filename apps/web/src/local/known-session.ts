import type { Role, Session } from '../api/rooms.js';

const SESSION_PREFIX = 'plenary.session.';

const ROLES: readonly Role[] = ['chair', 'delegate', 'observer'];

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.room === 'string' &&
    v.exists === true &&
    typeof v.title === 'string' &&
    (v.symbol === null || typeof v.symbol === 'string') &&
    ROLES.includes(v.role as Role) &&
    typeof v.delegation === 'string' &&
    typeof v.name === 'string' &&
    typeof v.expiresAt === 'string'
  );
}

/**
 * The last session the server confirmed for `room` in this browser, used to open the room when
 * the server cannot be reached (an offline reload). `null` when none is kept, when the kept one
 * is unreadable, or when its token has expired: an expired invite is never honoured offline.
 */
export function knownSession(room: string, now = Date.now()): Session | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SESSION_PREFIX + room) ?? 'null');
    if (!isSession(parsed) || parsed.room !== room) return null;
    return Date.parse(parsed.expiresAt) > now ? parsed : null;
  } catch {
    return null;
  }
}

/** Keeps the session the server just confirmed, replacing the previous one. */
export function rememberSession(session: Session): void {
  localStorage.setItem(SESSION_PREFIX + session.room, JSON.stringify(session));
}

/** Removes the kept session of `room`. */
export function forgetSession(room: string): void {
  localStorage.removeItem(SESSION_PREFIX + room);
}
