import { CloseCode, encodeRoomMetadata, encodeSettings } from '@plenary/protocol';
import { z } from 'zod';
import type { Connection } from './connection.js';
import { HttpError } from './errors.js';
import { DEFAULT_INVITE_TTL_SECONDS, invitePath, issueInvite, issuerOf, MAX_TOKEN_TTL_SECONDS } from './invite.js';
import { freezeNumbering } from './positions/position-operations.js';
import type { RoomRegistry } from './rooms.js';
import type { Revocation, RoomRecord, RoomSettings, RoomStatus, Storage } from './storage/storage.js';
import { type Identity, ROLES, type TokenAuthority } from './tokens.js';

/**
 * The chair's server operations (DESIGN §1 "room settings", §3): role checks, revocations, room
 * settings, title and symbol, invites, archiving and deleting. The websocket (upgrade and
 * message 103) and the HTTP API both go through this module, so a rule lives in one place.
 */
export interface ChairDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
}

/** What minting invites needs on top of {@link ChairDeps}. */
export interface InviteDeps extends ChairDeps {
  readonly tokens: TokenAuthority;
  /** Base of invite links (`PLENARY_PUBLIC_URL`). */
  readonly publicUrl: string;
}

/**
 * Called once an operation that closes connections (a revocation, archiving, deleting) is
 * stored, before any connection closes, with the operation's result: the websocket path answers
 * its caller then, since the caller's own socket may be among those closed.
 */
export type BeforeClosing<T> = (result: T) => void;

/** Only a chair of the room (or an operator, who chairs every room) may do `what`. */
export function requireChair(identity: Identity, what: string): void {
  if (identity.role !== 'chair') throw new HttpError(403, 'chair_only', `only the chair may ${what}`);
}

/** What a revocation is matched against: a token's delegation, person and issue time (seconds). */
type Revocable = Pick<Identity, 'delegation' | 'person' | 'iat'>;

/** Whether `revocation` refuses `identity`: same delegation or person, token issued no later. */
function revokes(revocation: Revocation, identity: Revocable): boolean {
  const matches =
    revocation.kind === 'delegation' ? identity.delegation === revocation.value : identity.person === revocation.value;
  if (!matches) return false;
  // `iat` has a resolution of one second: a token issued in the revocation's second is refused
  // too. A token without `iat` cannot show it was issued later and is refused.
  return identity.iat === null || identity.iat <= Math.floor(revocation.revokedAt / 1000);
}

/**
 * {@link checkNotRevoked}, repeated while `rooms` records a revocation during the read. When it
 * resolves, every revocation recorded so far was read; the caller must join the room without
 * awaiting anything else, so that a revocation recorded afterwards sweeps the new connection.
 */
export async function checkStillNotRevoked(
  storage: Storage,
  rooms: RoomRegistry,
  identity: Identity,
  room: string,
): Promise<void> {
  let epoch: number;
  do {
    epoch = rooms.revocationEpoch;
    await checkNotRevoked(storage, identity, room);
  } while (epoch !== rooms.revocationEpoch);
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
  beforeClosing?: BeforeClosing<Revocation>,
): Promise<Revocation> {
  requireChair(identity, 'revoke access');
  const revocation: Revocation =
    'delegation' in body
      ? { room, kind: 'delegation', value: body.delegation, revokedAt: Date.now(), revokedBy: issuerOf(identity) }
      : { room, kind: 'person', value: body.person, revokedAt: Date.now(), revokedBy: issuerOf(identity) };
  await deps.storage.addRevocation(revocation);
  // Synchronously after the commit: joins in flight compare this epoch right before joining.
  deps.rooms.noteRevocation();
  beforeClosing?.(revocation);
  deps.rooms.announce(room, { kind: 'revoked', revocation });
  closeRevoked((await deps.rooms.peek(room))?.connections ?? [], revocation);
  return revocation;
}

/** Closes with 4403 the connections `revocation` refuses. */
export function closeRevoked(connections: Iterable<Connection>, revocation: Revocation): void {
  for (const connection of connections) {
    if (revokes(revocation, connection.identity)) connection.close(CloseCode.forbidden, 'access revoked');
  }
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
  if (next.numberingFrozen !== current.numberingFrozen) await freezeNumbering(deps, room, next.numberingFrozen);
  deps.rooms.announce(room, { kind: 'settings' });
  const loaded = await deps.rooms.peek(room);
  if (loaded) {
    // The next write is checked under the new settings (formal mode), without a restart.
    loaded.noteSettings(next);
    pushSettings(loaded.connections, next);
  }
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
  beforeClosing?: BeforeClosing<void>,
): Promise<void> {
  requireChair(identity, status === 'deleted' ? 'delete the room' : 'archive the room');
  await deps.storage.setRoomStatus(room, status);
  deps.rooms.announce(room, { kind: 'gone', status });
  beforeClosing?.();
  const { reason } = goneReason(status);
  await deps.rooms.evict(room, (loaded) => {
    for (const connection of loaded.connections) connection.close(CloseCode.roomGone, reason);
  });
  if (status === 'deleted') await deps.storage.deleteRoom(room);
}

export const RoomTitleSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    symbol: z.string().trim().max(100).nullable().optional(),
  })
  .strict();

/**
 * Renames the room or sets its symbol (chair only); an empty or null symbol clears it. A room
 * that was never stored (opened by a token, nothing written) has no record: 404 `room_not_found`.
 */
export async function retitleRoom(
  deps: ChairDeps,
  identity: Identity,
  room: string,
  body: z.infer<typeof RoomTitleSchema>,
): Promise<RoomRecord> {
  requireChair(identity, 'change the room title or symbol');
  const record = await deps.storage.getRoom(room);
  if (!record) throw new HttpError(404, 'room_not_found', 'room not found');
  const updated: RoomRecord = {
    ...record,
    title: body.title ?? record.title,
    symbol: body.symbol === undefined ? record.symbol : body.symbol || null,
    updatedAt: Date.now(),
  };
  await deps.storage.putRoom(updated);
  deps.rooms.announce(room, { kind: 'metadata' });
  const loaded = await deps.rooms.peek(room);
  if (loaded) pushRoomMetadata(loaded.connections, updated);
  return updated;
}

/**
 * Sends the room's title and symbol (message 104) to the connections that opted in with
 * `?ext=room`: on connect, and after every change, so headers update without a reload.
 */
export function pushRoomMetadata(connections: Iterable<Connection>, record: RoomRecord): void {
  const frame = encodeRoomMetadata({
    title: record.title,
    symbol: record.symbol,
    updatedAt: new Date(record.updatedAt).toISOString(),
  });
  for (const connection of connections) {
    if (connection.wants('room')) connection.send(frame);
  }
}

export const InviteSchema = z
  .object({
    delegation: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    name: z.string().trim().min(1).max(100).optional(),
    person: z.string().trim().min(1).max(200).optional(),
    ttl: z.number().int().min(60).max(MAX_TOKEN_TTL_SECONDS).default(DEFAULT_INVITE_TTL_SECONDS),
  })
  .strict();

/** A minted invite as both paths answer it. */
export interface InviteAnswer {
  readonly token: string;
  readonly inviteUrl: string;
  readonly person: string;
  readonly expiresAt: string;
}

/**
 * Mints an invite to the room (chair only), recorded so the room's access list shows it.
 * Without `person` the invite gets a fresh person id, so that one person can be revoked without
 * their delegation.
 */
export async function inviteToRoom(
  deps: InviteDeps,
  identity: Identity,
  room: string,
  body: z.infer<typeof InviteSchema>,
): Promise<InviteAnswer> {
  requireChair(identity, 'issue invites');
  const invite = await issueInvite(
    deps,
    {
      room,
      delegation: body.delegation,
      role: body.role,
      ttlSeconds: body.ttl,
      ...(body.name ? { name: body.name } : {}),
      ...(body.person ? { person: body.person } : {}),
    },
    issuerOf(identity),
  );
  return {
    token: invite.token,
    inviteUrl: `${deps.publicUrl}${invitePath(room, invite.token)}`,
    person: invite.person,
    expiresAt: new Date(invite.expiresAt * 1000).toISOString(),
  };
}

/** One holder of access in the access report: an unexpired invite or session token. */
export interface AccessHolder {
  readonly delegation: string;
  readonly person: string;
  readonly name: string;
  readonly role: Identity['role'];
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly issuedBy: string;
  /** A revocation refuses this token. */
  readonly revoked: boolean;
  /** Someone holding this person's access is connected to the room now. */
  readonly connected: boolean;
}

/**
 * Who holds access to a room (chair only): one entry per person holding an invite or token
 * for it that has not expired (the newest one), marked revoked or connected; its revocations; and who is connected now, by
 * delegation (connections of operator tokens and tokens issued elsewhere show only there).
 */
export async function accessReport(deps: ChairDeps, identity: Identity, room: string) {
  requireChair(identity, 'see who holds access');
  const now = Date.now();
  const [revocations, invites, loaded] = await Promise.all([
    deps.storage.listRevocations(room),
    deps.storage.listInvites(room, now),
    deps.rooms.peek(room),
  ]);
  const open = [...(loaded?.connections ?? [])].filter((connection) => connection.isOpen);
  const connectedPeople = new Set(open.map((c) => c.identity.person).filter((p) => p !== null));
  // A renewed session adds a record for the same person; the newest one stands for them.
  const latest = new Map<string, (typeof invites)[number]>();
  for (const invite of invites) latest.set(invite.person, invite);
  const holders: AccessHolder[] = [...latest.values()].map((invite) => ({
    delegation: invite.delegation,
    person: invite.person,
    name: invite.name,
    role: invite.role,
    issuedAt: new Date(invite.issuedAt).toISOString(),
    expiresAt: new Date(invite.expiresAt).toISOString(),
    issuedBy: invite.issuedBy,
    revoked: revocations.some((r) =>
      revokes(r, { delegation: invite.delegation, person: invite.person, iat: Math.floor(invite.issuedAt / 1000) }),
    ),
    connected: connectedPeople.has(invite.person),
  }));
  const byDelegation = new Map<string, { name: string; person: string | null; role: string }[]>();
  for (const connection of open) {
    const { delegation, name, person, role } = connection.identity;
    const people = byDelegation.get(delegation) ?? [];
    people.push({ name, person, role });
    byDelegation.set(delegation, people);
  }
  return {
    holders,
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
