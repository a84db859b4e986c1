import { requestJson } from './http.js';

/** A participant role (DESIGN §1). */
export type Role = 'chair' | 'delegate' | 'observer';

/** The server's public room record (`GET /api/rooms/<room>`). */
export interface RoomRecord {
  readonly id: string;
  readonly title: string;
  readonly symbol: string | null;
  readonly template: string | null;
  readonly updatedAt: string;
}

/** Who the token speaks for in a room (`GET /api/rooms/<room>/session`). */
export interface Session {
  readonly room: string;
  readonly exists: boolean;
  readonly title: string;
  readonly symbol: string | null;
  readonly role: Role;
  readonly delegation: string;
  readonly name: string;
  /** The person id (`sub`) the token names, or null. */
  readonly person: string | null;
  /** When the token was issued (ISO 8601), or null when it does not say. */
  readonly issuedAt: string | null;
  readonly expiresAt: string;
}

/** What `POST /api/rooms` answers: the room, the creator's chair token and its invite link. */
export interface CreatedRoom {
  readonly room: RoomRecord;
  readonly token: string;
  readonly inviteUrl: string;
}

/** What the lobby sends to create a room. */
export interface CreateRoomRequest {
  readonly title: string;
  readonly symbol?: string;
  readonly template: string;
  readonly delegation?: string;
  readonly name?: string;
}

/** A freshly minted invite. */
export interface Invite {
  readonly token: string;
  readonly inviteUrl: string;
  /** The person id the invite names, for revoking them alone. */
  readonly person: string;
  readonly expiresAt: string;
}

/** A renewed session token (`POST /api/rooms/<room>/session/renew`). */
export interface RenewedSession {
  readonly token: string;
  readonly expiresAt: string;
}

/** One holder of access to a room, from `GET /api/rooms/<room>/access`. */
export interface AccessHolder {
  readonly delegation: string;
  readonly person: string;
  readonly name: string;
  readonly role: Role;
  readonly expiresAt: string;
  readonly revoked: boolean;
  readonly connected: boolean;
}

/** What the chair revokes: a whole delegation or one person (`sub`). */
export type RevocationTarget = { readonly delegation: string } | { readonly person: string };

function isRole(value: unknown): value is Role {
  return value === 'chair' || value === 'delegate' || value === 'observer';
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new TypeError('expected a JSON object');
  return value as Record<string, unknown>;
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function optionalStr(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function readRoomRecord(value: unknown): RoomRecord {
  const v = asRecord(value);
  return {
    id: str(v.id),
    title: str(v.title),
    symbol: optionalStr(v.symbol),
    template: optionalStr(v.template),
    updatedAt: str(v.updatedAt),
  };
}

function readSession(value: unknown): Session {
  const v = asRecord(value);
  return {
    room: str(v.room),
    exists: v.exists === true,
    title: str(v.title),
    symbol: optionalStr(v.symbol),
    role: isRole(v.role) ? v.role : 'observer',
    delegation: str(v.delegation),
    name: str(v.name),
    person: optionalStr(v.person),
    issuedAt: optionalStr(v.issuedAt),
    expiresAt: str(v.expiresAt),
  };
}

/** Creates a room seeded from a template; the caller becomes its chair. */
export async function createRoom(request: CreateRoomRequest): Promise<CreatedRoom> {
  const v = asRecord(await requestJson('/api/rooms', { method: 'POST', body: request }));
  return { room: readRoomRecord(v.room), token: str(v.token), inviteUrl: str(v.inviteUrl) };
}

/**
 * Asks the server who `token` is in `room`. Rejects with `ApiError` 401 (invalid or expired
 * invite), 403 (another room, revoked) — the reasons a browser never sees when its websocket
 * upgrade is refused.
 */
export async function fetchSession(room: string, token: string): Promise<Session> {
  return readSession(await requestJson(`/api/rooms/${encodeURIComponent(room)}/session`, { token }));
}

/** Changes the room's title or symbol (chair only). */
export async function updateRoom(
  room: string,
  token: string,
  change: { title?: string; symbol?: string | null },
): Promise<RoomRecord> {
  return readRoomRecord(
    await requestJson(`/api/rooms/${encodeURIComponent(room)}`, { method: 'PATCH', token, body: change }),
  );
}

/** Mints an invite for a delegation and role (chair only). `ttl` is in seconds. */
export async function createInvite(
  room: string,
  token: string,
  request: { delegation: string; role: Role; name?: string; ttl?: number },
): Promise<Invite> {
  const v = asRecord(
    await requestJson(`/api/rooms/${encodeURIComponent(room)}/invites`, { method: 'POST', token, body: request }),
  );
  return { token: str(v.token), inviteUrl: str(v.inviteUrl), person: str(v.person), expiresAt: str(v.expiresAt) };
}

/**
 * Trades a valid session token for a fresh one with the same role, delegation and person.
 * Rejects with `ApiError` 401 when the token has expired and 403 when it was revoked.
 */
export async function renewSession(room: string, token: string): Promise<RenewedSession> {
  const v = asRecord(
    await requestJson(`/api/rooms/${encodeURIComponent(room)}/session/renew`, { method: 'POST', token }),
  );
  return { token: str(v.token), expiresAt: str(v.expiresAt) };
}

function readHolder(value: unknown): AccessHolder {
  const v = asRecord(value);
  return {
    delegation: str(v.delegation),
    person: str(v.person),
    name: str(v.name),
    role: isRole(v.role) ? v.role : 'observer',
    expiresAt: str(v.expiresAt),
    revoked: v.revoked === true,
    connected: v.connected === true,
  };
}

/** Who holds access to the room (chair only): unexpired invites, marked revoked or connected. */
export async function fetchAccess(room: string, token: string): Promise<AccessHolder[]> {
  const v = asRecord(await requestJson(`/api/rooms/${encodeURIComponent(room)}/access`, { token }));
  return Array.isArray(v.holders) ? v.holders.map(readHolder) : [];
}

/** Revokes a delegation or a person (chair only); their open connections close at once. */
export async function revokeAccess(room: string, token: string, target: RevocationTarget): Promise<void> {
  await requestJson(`/api/rooms/${encodeURIComponent(room)}/revocations`, { method: 'POST', token, body: target });
}

/** Sets the room's drafting mode (the chair): the server pushes the change to everyone (message 101). */
export async function setRoomMode(room: string, token: string, mode: 'informal' | 'formal'): Promise<void> {
  await requestJson(`/api/rooms/${encodeURIComponent(room)}/settings`, { method: 'PATCH', token, body: { mode } });
}

/** Freezes clause numbers until the next revision, or unfreezes them (the chair). */
export async function setNumberingFrozen(room: string, token: string, numberingFrozen: boolean): Promise<void> {
  await requestJson(`/api/rooms/${encodeURIComponent(room)}/settings`, {
    method: 'PATCH',
    token,
    body: { numberingFrozen },
  });
}
