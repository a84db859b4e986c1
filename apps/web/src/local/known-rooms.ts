import type { Role } from '../api/rooms.js';

/** A room this browser has joined, as the lobby lists it. */
export interface KnownRoom {
  readonly room: string;
  readonly title: string;
  readonly symbol: string | null;
  readonly role: Role;
  readonly delegation: string;
  /** Milliseconds since the epoch of the last change to the draft seen in this browser. */
  readonly lastChange: number;
}

const ROOMS_KEY = 'plenary.rooms';
const TOKEN_PREFIX = 'plenary.token.';

/** Fired on `window` when the list changes in this tab (the `storage` event covers other tabs). */
export const KNOWN_ROOMS_EVENT = 'plenary:known-rooms';

function isKnownRoom(value: unknown): value is KnownRoom {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.room === 'string' && typeof v.title === 'string' && typeof v.lastChange === 'number';
}

function readAll(): Record<string, KnownRoom> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(ROOMS_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: Record<string, KnownRoom> = {};
    for (const value of Object.values(parsed)) if (isKnownRoom(value)) out[value.room] = value;
    return out;
  } catch {
    // A corrupt entry must not lock the user out of the lobby: start the list afresh.
    return {};
  }
}

/** The rooms joined in this browser, most recently changed first. */
export function listKnownRooms(): KnownRoom[] {
  return Object.values(readAll()).sort((a, b) => b.lastChange - a.lastChange);
}

/** Records (or refreshes) a joined room; fields not given keep their stored values. */
export function rememberRoom(entry: Omit<KnownRoom, 'lastChange'> & { lastChange?: number }): void {
  const all = readAll();
  const previous = all[entry.room];
  all[entry.room] = { ...entry, lastChange: entry.lastChange ?? previous?.lastChange ?? Date.now() };
  localStorage.setItem(ROOMS_KEY, JSON.stringify(all));
  window.dispatchEvent(new Event(KNOWN_ROOMS_EVENT));
}

/** Updates the last-change time of a known room (no-op for a room not in the list). */
export function touchRoom(room: string, time: number): void {
  const all = readAll();
  const previous = all[room];
  if (!previous) return;
  all[room] = { ...previous, lastChange: time };
  localStorage.setItem(ROOMS_KEY, JSON.stringify(all));
  window.dispatchEvent(new Event(KNOWN_ROOMS_EVENT));
}

/** The token kept for `room` in this browser, if any. */
export function storedToken(room: string): string | null {
  return localStorage.getItem(TOKEN_PREFIX + room);
}

/** Keeps `token` for `room`; a newer invite replaces the older one. */
export function storeToken(room: string, token: string): void {
  localStorage.setItem(TOKEN_PREFIX + room, token);
}

/** Removes the token kept for `room` in this browser. */
export function removeToken(room: string): void {
  localStorage.removeItem(TOKEN_PREFIX + room);
}

/** Removes `room` from the lobby's list in this browser (no-op when it is not listed). */
export function forgetKnownRoom(room: string): void {
  const all = readAll();
  if (!all[room]) return;
  delete all[room];
  localStorage.setItem(ROOMS_KEY, JSON.stringify(all));
  window.dispatchEvent(new Event(KNOWN_ROOMS_EVENT));
}
