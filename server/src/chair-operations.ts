import { CloseCode, encodeSettings } from '@plenary/protocol';
import { z } from 'zod';
import type { Connection } from './connection.js';
import { HttpError } from './errors.js';
import type { RoomRegistry } from './rooms.js';
import type { Revocation, RoomSettings, RoomStatus, Storage } from './storage/storage.js';
import type { Identity } from './tokens.js';

/**
 * The chair's server operations (DESIGN §1 "room settings", §3): role checks, revocations, room
 * settings, archiving and deleting. The websocket upgrade and the HTTP API both go through this
 * module, so a rule lives in one place.
 */
export interface ChairDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
}

/** Only a chair of the room (or an operator, who chairs every room) may do `what`. */
export function requireChair(identity: Identity, what: string): void {
  if (identity.role !== 'chair') throw new HttpError(403, 'chair_only', `only the chair may ${what}`);
}

/** Whether `revocation` refuses `identity`: same delegation or person, token issued no later. */
function revokes(revocation: Revocation, identity: Identity): boolean {
  const matches =
    revocation.kind === 'delegation' ? identity.delegation === revocation.value : identity.person === revocation.value;
  if (!matches) return false;
  // `iat` has a resolution of one second: a token issued in the revocation's second is refused
  // too. A token without `iat` cannot show it was issued later and is refused.
  return identity.iat === null || identity.iat <= Math.floor(revocation.revokedAt / 1000);
}

/** Throws 403 `revoked` when a revocation of `room` refuses `identity`. */
export async function checkNotRevoked(storage: Storage, identity: Identity, room: string): Promise<void> {
  const revocations = await storage.listRevocations(room);
  if (revocations.some((revocation) => revokes(revocation, identity))) {
    throw new HttpError(403, 'revoked', 'access to this room was revoked');
  }
}

/** The close reason and HTTP error for a room that is no longer active. */
export function goneReason(status: Exclude<RoomStatus, 'active'>): { reason: string; error: HttpError } {
  return status === 'deleted'
    ? { reason: 'room deleted', error: new HttpError(404, 'room_deleted', 'room deleted') }
    : { reason: 'room archived', error: new HttpError(404, 'room_archived', 'room archived') };
}

export const RevocationSchema = z.union([
  z.object({ delegation: z.string().trim().min(1).max(100) }).strict(),
  z.object({ person: z.string().trim().min(1).max(200) }).strict(),
]);

/**
 * Revokes a delegation or a person: tokens issued until now are refused from here on, and
 * their open connections in the room close at once with 4403.
 */
export async function revoke(
  deps: ChairDeps,
  identity: Identity,
  room: string,
  body: z.infer<typeof RevocationSchema>,
): Promise<Revocation> {
  requireChair(identity, 'revoke access');
  const revocation: Revocation =
    'delegation' in body
      ? { room, kind: 'delegation', value: body.delegation, revokedAt: Date.now(), revokedBy: by(identity) }
      : { room, kind: 'person', value: body.person, revokedAt: Date.now(), revokedBy: by(identity) };
  await deps.storage.addRevocation(revocation);
  const loaded = await deps.rooms.peek(room);
  for (const connection of loaded?.connections ?? []) {
    if (revokes(revocation, connection.identity)) connection.close(CloseCode.forbidden, 'access revoked');
  }
  return revocation;
}

function by(identity: Identity): string {
  return identity.person ? `${identity.delegation} (${identity.person})` : identity.delegation;
}

export const RoomSettingsPatchSchema = z
  .object({
    mode: z.enum(['informal', 'formal']),
    observersMayComment: z.boolean(),
    observerExports: z.enum(['none', 'clean', 'all']),
    numberingFrozen: z.boolean(),
  })
  .partial()
  .strict();

/** Sends `settings` to the room's connections that opted in with `?ext=settings`. */
export function pushSettings(connections: Iterable<Connection>, settings: RoomSettings): void {
  const frame = encodeSettings(settings);
  for (const connection of connections) {
    if (connection.wants('settings')) connection.send(frame);
  }
}

/** Changes room settings (chair only), stores them and pushes them live. */
export async function updateSettings(
  deps: ChairDeps,
  identity: Identity,
  room: string,
  patch: z.infer<typeof RoomSettingsPatchSchema>,
): Promise<RoomSettings> {
  requireChair(identity, 'change room settings');
  const current = await deps.storage.getRoomSettings(room);
  const next: RoomSettings = {
    mode: patch.mode ?? current.mode,
    observersMayComment: patch.observersMayComment ?? current.observersMayComment,
    observerExports: patch.observerExports ?? current.observerExports,
    numberingFrozen: patch.numberingFrozen ?? current.numberingFrozen,
  };
  await deps.storage.putRoomSettings(room, next);
  const loaded = await deps.rooms.peek(room);
  if (loaded) pushSettings(loaded.connections, next);
  return next;
}

/**
 * Archives (data kept) or deletes (data removed, tombstone kept) a room: later joins are closed
 * with 4404, connected clients are closed with 4404, the room unloads.
 */
export async function closeRoom(
  deps: ChairDeps,
  identity: Identity,
  room: string,
  status: 'archived' | 'deleted',
): Promise<void> {
  requireChair(identity, status === 'deleted' ? 'delete the room' : 'archive the room');
  await deps.storage.setRoomStatus(room, status);
  const { reason } = goneReason(status);
  await deps.rooms.evict(room, (loaded) => {
    for (const connection of loaded.connections) connection.close(CloseCode.roomGone, reason);
  });
  if (status === 'deleted') await deps.storage.deleteRoom(room);
}

/** Who holds access to a room: its revocations and who is connected now, by delegation. */
export async function accessReport(deps: ChairDeps, identity: Identity, room: string) {
  requireChair(identity, 'see who holds access');
  const revocations = await deps.storage.listRevocations(room);
  const loaded = await deps.rooms.peek(room);
  const byDelegation = new Map<string, { name: string; person: string | null; role: string }[]>();
  for (const connection of loaded?.connections ?? []) {
    if (!connection.isOpen) continue;
    const { delegation, name, person, role } = connection.identity;
    const people = byDelegation.get(delegation) ?? [];
    people.push({ name, person, role });
    byDelegation.set(delegation, people);
  }
  return {
    revocations: revocations.map((r) => ({
      kind: r.kind,
      value: r.value,
      revokedAt: new Date(r.revokedAt).toISOString(),
      revokedBy: r.revokedBy,
    })),
    connected: [...byDelegation]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([delegation, people]) => ({ delegation, people })),
  };
}
