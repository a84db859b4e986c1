import type { Participant } from '../collab/presence.js';

/**
 * Who is in the room, as one string: each person present (delegation, name and role, as the
 * server wrote them into awareness) once, in a fixed order. It changes when someone joins or
 * leaves, and not when a cursor moves or a person opens a second tab, so the access list can
 * re-read "connected now" exactly when the membership changes.
 */
export function presenceMembership(participants: readonly Participant[]): string {
  const people = new Set(participants.map(({ user }) => JSON.stringify([user.delegation, user.name, user.role])));
  return [...people].sort().join('\n');
}
