import { delegationColour } from '@plenary/protocol';
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../api/rooms.js';

/** What each client publishes about its person in the awareness `user` field. */
export interface PresenceUser {
  readonly name: string;
  readonly delegation: string;
  readonly role: Role;
  readonly color: string;
}

/** One person present in the room, read from awareness. */
export interface Participant {
  readonly clientId: number;
  readonly user: PresenceUser;
  /** Id of the clause holding their cursor, when they are in one. */
  readonly clause: string | null;
  readonly isSelf: boolean;
}

/** Awareness field holding the id of the clause the person's cursor is in. */
export const CLAUSE_FIELD = 'clause';

/**
 * Reads a `user` awareness value. Other clients write it, so every field is checked; a state
 * without a usable user is not shown (stock clients may publish anything).
 */
export function readPresenceUser(value: unknown): PresenceUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || typeof v.delegation !== 'string') return null;
  const role: Role = v.role === 'chair' || v.role === 'delegate' ? v.role : 'observer';
  const delegation = v.delegation.slice(0, 100);
  // The colour is computed here from the server-bound delegation and role, never taken from the
  // state, so every screen shows a delegation in the same colour (docs/DESIGN.md).
  return { name: v.name.slice(0, 100), delegation, role, color: delegationColour(delegation, role) };
}

/** Everyone in the room (including this client), in a stable order. */
export function readParticipants(awareness: Awareness): Participant[] {
  const out: Participant[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = readPresenceUser(state.user);
    if (!user) return;
    const clause = state[CLAUSE_FIELD];
    out.push({
      clientId,
      user,
      clause: typeof clause === 'string' ? clause : null,
      isSelf: clientId === awareness.clientID,
    });
  });
  return out.sort(
    (a, b) =>
      a.user.delegation.localeCompare(b.user.delegation) ||
      a.user.name.localeCompare(b.user.name) ||
      a.clientId - b.clientId,
  );
}

/** Participants grouped by delegation, delegations in alphabetical order. */
export function groupByDelegation(participants: readonly Participant[]): Map<string, Participant[]> {
  const groups = new Map<string, Participant[]>();
  for (const p of participants) {
    const list = groups.get(p.user.delegation) ?? [];
    list.push(p);
    groups.set(p.user.delegation, list);
  }
  return groups;
}
