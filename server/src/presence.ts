import * as encoding from 'lib0/encoding';
import type { AwarenessEntry } from './awareness-guard.js';
import type { Identity, Role } from './tokens.js';

/** The awareness `user` field as the server sets it: always the token's values, never the client's. */
export interface PresenceUser {
  readonly name: string;
  readonly delegation: string;
  readonly role: Role;
  readonly color: string;
}

/**
 * Delegation colours: the Okabe–Ito palette, chosen to stay distinguishable under the common
 * colour-vision deficiencies (protanopia, deuteranopia, tritanopia), with its yellow and black
 * swapped for a darker ochre and a grey so every colour reads as a caret on white.
 */
export const PRESENCE_PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#B59A00',
  '#666666',
] as const;

/** FNV-1a over the UTF-16 code units: small, stable across processes and versions. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A delegation's colour: the same on every server and in every room. Two delegations may share one. */
export function presenceColor(delegation: string): string {
  return PRESENCE_PALETTE[hash(delegation) % PRESENCE_PALETTE.length] as string;
}

/** The presence a token grants. */
export function presenceUser(identity: Identity): PresenceUser {
  return {
    name: identity.name,
    delegation: identity.delegation,
    role: identity.role,
    color: presenceColor(identity.delegation),
  };
}

/**
 * Replaces `user` in every state with `user`. A null state (the client leaving) stays null; a
 * state that is not a JSON object (stock clients may publish anything) becomes `{ user }`.
 * The JSON texts were checked by `readAwarenessUpdate`, so parsing them cannot throw.
 */
export function bindPresence(entries: readonly AwarenessEntry[], user: PresenceUser): AwarenessEntry[] {
  return entries.map((entry) => {
    const state: unknown = JSON.parse(entry.json);
    if (state === null) return entry;
    const object =
      typeof state === 'object' && !Array.isArray(state) ? { ...(state as Record<string, unknown>), user } : { user };
    return { clientId: entry.clientId, clock: entry.clock, json: JSON.stringify(object) };
  });
}

/** Encodes entries in the awareness update format of y-protocols (the inverse of `readAwarenessUpdate`). */
export function writeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
