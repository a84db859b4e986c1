import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidRoomId } from '@plenary/protocol';
import { SCHEMA_VERSION } from '@plenary/schema';
import { BLANK_TEMPLATE_ID, createRoomDoc, getTemplate, listTemplates } from '@plenary/templates';
import * as Y from 'yjs';
import { z } from 'zod';
import {
  accessReport,
  checkNotRevoked,
  closeRoom,
  goneReason,
  RevocationSchema,
  RoomSettingsPatchSchema,
  requireChair,
  revoke,
  updateSettings,
} from './chair-operations.js';
import type { Config } from './config.js';
import { HttpError } from './errors.js';
import { handleExport } from './export-route.js';
import { invitePath } from './invite.js';
import type { RoomRegistry } from './rooms.js';
import type { RoomRecord, Storage } from './storage/storage.js';
import { ANY_ROOM, type Identity, InvalidTokenError, ROLES, type TokenAuthority, tokenCoversRoom } from './tokens.js';

/** Largest JSON body accepted by the API. */
const MAX_BODY_BYTES = 64 * 1024;
/** How long the creator's chair token lasts. */
const CREATOR_TTL_SECONDS = 14 * 86400;

export interface ApiDeps {
  readonly config: Config;
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly tokens: TokenAuthority;
  readonly isDraining: () => boolean;
}

const CreateRoomSchema = z.object({
  id: z.string().refine(isValidRoomId, 'invalid room id').optional(),
  title: z.string().trim().min(1).max(200),
  symbol: z.string().trim().max(100).optional(),
  template: z.string().max(100).default(BLANK_TEMPLATE_ID),
  delegation: z.string().trim().min(1).max(100).default('Chair'),
  name: z.string().trim().min(1).max(100).optional(),
});

const UpdateRoomSchema = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  symbol: z.string().trim().max(100).nullable().optional(),
});

/** Longest invite a chair may mint from the room (90 days); the default is the creator's 14 days. */
const MAX_INVITE_TTL_SECONDS = 90 * 86400;

const CreateInviteSchema = z.object({
  delegation: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  name: z.string().trim().min(1).max(100).optional(),
  ttl: z.number().int().min(60).max(MAX_INVITE_TTL_SECONDS).default(CREATOR_TTL_SECONDS),
});

/** Parses a JSON body with `schema`, naming the first offending field in the 400. */
function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

/** Sends an `HttpError` as `{ "error": { "code", "message" } }`. */
export function sendError(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, error.status, { error: { code: error.code, message: error.message } });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body_too_large', 'request body over 64 KiB');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'request body is not JSON');
  }
}

async function bearer(request: IncomingMessage, tokens: TokenAuthority): Promise<Identity> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
  try {
    return await tokens.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new HttpError(401, 'invalid_token', error.message);
    throw error;
  }
}

function publicRecord(record: RoomRecord) {
  return {
    id: record.id,
    title: record.title,
    symbol: record.symbol,
    template: record.template,
    schemaVersion: record.schemaVersion,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

function newRoomId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 16);
}

/**
 * The JSON API (DESIGN §5). Returns false when the request is not an API route, so the caller
 * serves the web app instead.
 */
export async function handleApi(request: IncomingMessage, response: ServerResponse, deps: ApiDeps): Promise<boolean> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path === '/healthz') {
    if (deps.isDraining()) sendJson(response, 503, { status: 'draining' });
    else sendJson(response, 200, { status: 'ok', rooms: deps.rooms.size });
    return true;
  }
  if (!path.startsWith('/api/')) return false;
  const method = request.method ?? 'GET';
  if (path === '/api/templates' && method === 'GET') {
    sendJson(response, 200, {
      templates: listTemplates().map(({ content: _content, ...summary }) => summary),
    });
    return true;
  }
  if (path === '/api/rooms') {
    if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'use POST to create a room');
    await createRoom(request, response, deps);
    return true;
  }
  const match = /^\/api\/rooms\/([^/]*)(\/[a-z]+)?$/.exec(path);
  if (!match) throw new HttpError(404, 'not_found', 'no such endpoint');
  const room = match[1] ?? '';
  if (!isValidRoomId(room)) throw new HttpError(400, 'invalid_room', 'invalid room id');
  const sub = match[2] ?? '';
  const methods = ROUTE_METHODS[sub];
  if (!methods) throw new HttpError(404, 'not_found', 'no such endpoint');
  if (!methods.includes(method)) throw new HttpError(405, 'method_not_allowed', `use ${methods.join(' or ')}`);
  const identity = await bearer(request, deps.tokens);
  if (!tokenCoversRoom(identity, room)) throw new HttpError(403, 'wrong_room', 'token is not valid for this room');
  await checkNotRevoked(deps.storage, identity, room);
  const status = await deps.storage.getRoomStatus(room);
  // An archived room may still be deleted; nothing else reaches a room that is gone.
  if (status === 'deleted' || (status === 'archived' && !(sub === '' && method === 'DELETE'))) {
    throw goneReason(status).error;
  }
  if (await chairRoute(request, response, deps, identity, room, sub, method)) return true;
  if (sub === '/invites') {
    await createInvite(request, response, deps, identity, room);
    return true;
  }
  const record = await deps.storage.getRoom(room);
  if (method === 'PATCH') {
    await updateRoom(request, response, deps, identity, record);
    return true;
  }
  if (sub === '/export') {
    await handleExport(request, response, deps, identity, record);
    return true;
  }
  if (sub === '/session') {
    sendJson(response, 200, {
      room,
      exists: record !== null,
      title: record?.title ?? room,
      symbol: record?.symbol ?? null,
      role: identity.role,
      delegation: identity.delegation,
      name: identity.name,
      expiresAt: new Date(identity.exp * 1000).toISOString(),
    });
    return true;
  }
  if (!record) throw new HttpError(404, 'room_not_found', 'room not found');
  sendJson(response, 200, publicRecord(record));
  return true;
}

async function createRoom(request: IncomingMessage, response: ServerResponse, deps: ApiDeps): Promise<void> {
  if (!deps.config.openRoomCreation) {
    const identity = await bearer(request, deps.tokens);
    if (identity.room !== ANY_ROOM) throw new HttpError(403, 'operator_only', 'only an operator token creates rooms');
  }
  const parsed = CreateRoomSchema.safeParse(await readJson(request));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const body = parsed.data;
  const template = getTemplate(body.template);
  if (!template) throw new HttpError(400, 'unknown_template', `unknown template "${body.template}"`);
  const id = body.id ?? newRoomId();
  if ((await deps.storage.getRoom(id)) || (await deps.rooms.peek(id))) {
    throw new HttpError(409, 'room_exists', 'a room with this id exists');
  }
  // A deleted room's id stays taken (its tombstone), so old invites never open a fresh room.
  if ((await deps.storage.getRoomStatus(id)) !== 'active') {
    throw new HttpError(409, 'room_exists', 'a room with this id existed and was deleted or archived');
  }
  const now = Date.now();
  const record: RoomRecord = {
    id,
    title: body.title,
    symbol: body.symbol || null,
    template: template.id,
    schemaVersion: SCHEMA_VERSION,
    createdAt: now,
    updatedAt: now,
  };
  // The template is seeded once, by the server, at creation; the seed is the first stored update.
  const doc = createRoomDoc(template);
  const seed = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await deps.storage.putRoom(record);
  await deps.storage.appendUpdates(id, [{ update: seed, delegation: 'Plenary', person: null, time: now }]);
  const token = await deps.tokens.issue({
    room: id,
    delegation: body.delegation,
    role: 'chair',
    ttlSeconds: CREATOR_TTL_SECONDS,
    ...(body.name ? { name: body.name } : {}),
  });
  sendJson(response, 201, {
    room: publicRecord(record),
    token,
    inviteUrl: `${deps.config.publicUrl}${invitePath(id, token)}`,
  });
}

/** Methods of each route under `/api/rooms/<room>`. */
const ROUTE_METHODS: Readonly<Record<string, readonly string[]>> = {
  '': ['GET', 'PATCH', 'DELETE'],
  '/session': ['GET'],
  '/export': ['GET'],
  '/invites': ['POST'],
  '/settings': ['GET', 'PATCH'],
  '/revocations': ['POST'],
  '/access': ['GET'],
  '/archive': ['POST'],
};

/**
 * The chair operations of `chair-operations.ts` over HTTP: settings, revocations, access, archive
 * and delete. Returns false for the other routes.
 */
async function chairRoute(
  request: IncomingMessage,
  response: ServerResponse,
  deps: ApiDeps,
  identity: Identity,
  room: string,
  sub: string,
  method: string,
): Promise<boolean> {
  if (sub === '/settings' && method === 'GET') {
    sendJson(response, 200, await deps.storage.getRoomSettings(room));
  } else if (sub === '/settings') {
    requireChair(identity, 'change room settings');
    const patch = parseBody(RoomSettingsPatchSchema, await readJson(request));
    sendJson(response, 200, await updateSettings(deps, identity, room, patch));
  } else if (sub === '/revocations') {
    requireChair(identity, 'revoke access');
    const body = parseBody(RevocationSchema, await readJson(request));
    const revocation = await revoke(deps, identity, room, body);
    sendJson(response, 201, {
      kind: revocation.kind,
      value: revocation.value,
      revokedAt: new Date(revocation.revokedAt).toISOString(),
      revokedBy: revocation.revokedBy,
    });
  } else if (sub === '/access') {
    sendJson(response, 200, await accessReport(deps, identity, room));
  } else if (sub === '/archive') {
    await closeRoom(deps, identity, room, 'archived');
    sendJson(response, 200, { room, status: 'archived' });
  } else if (sub === '' && method === 'DELETE') {
    await closeRoom(deps, identity, room, 'deleted');
    sendJson(response, 200, { room, status: 'deleted' });
  } else return false;
  return true;
}

/** `PATCH /api/rooms/<room>` {title?, symbol?}: the chair renames the room or sets its symbol. */
async function updateRoom(
  request: IncomingMessage,
  response: ServerResponse,
  deps: ApiDeps,
  identity: Identity,
  record: RoomRecord | null,
): Promise<void> {
  requireChair(identity, 'change the room title or symbol');
  if (!record) throw new HttpError(404, 'room_not_found', 'room not found');
  const body = parseBody(UpdateRoomSchema, await readJson(request));
  const updated: RoomRecord = {
    ...record,
    title: body.title ?? record.title,
    symbol: body.symbol === undefined ? record.symbol : body.symbol || null,
    updatedAt: Date.now(),
  };
  await deps.storage.putRoom(updated);
  sendJson(response, 200, publicRecord(updated));
}

/** `POST /api/rooms/<room>/invites` {delegation, role, name?, ttl?}: the chair mints an invite. */
async function createInvite(
  request: IncomingMessage,
  response: ServerResponse,
  deps: ApiDeps,
  identity: Identity,
  room: string,
): Promise<void> {
  requireChair(identity, 'issue invites');
  const body = parseBody(CreateInviteSchema, await readJson(request));
  const token = await deps.tokens.issue({
    room,
    delegation: body.delegation,
    role: body.role,
    ttlSeconds: body.ttl,
    ...(body.name ? { name: body.name } : {}),
  });
  sendJson(response, 201, { token, inviteUrl: `${deps.config.publicUrl}${invitePath(room, token)}` });
}
