import { delegationColour } from '@plenary/protocol';
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

/** The presence a token grants. */
export function presenceUser(identity: Identity): PresenceUser {
  return {
    name: identity.name,
    delegation: identity.delegation,
    role: identity.role,
    color: delegationColour(identity.delegation, identity.role),
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
