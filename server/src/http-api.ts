import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidRoomId, type OperationName } from '@plenary/protocol';
import { listTemplates } from '@plenary/templates';
import { checkNotRevoked, goneReason } from './chair-operations.js';
import type { CommentServices } from './comments/comment-operations.js';
import { handleCommentRoute } from './comments/comment-route.js';
import type { Config } from './config.js';
import { HttpError } from './errors.js';
import { handleExport } from './export-route.js';
import { invitePath } from './invite.js';
import { runOperation } from './operations.js';
import { listRoomPositions } from './positions/position-operations.js';
import { positionRoute } from './positions/position-route.js';
import { publicRecord } from './public-record.js';
import { revisionRoute } from './revisions/revision-route.js';
import { createRoom, parseCreateRoomRequest } from './room-creation.js';
import type { RoomRegistry } from './rooms.js';
import { renewSession } from './session-renewal.js';
import type { Storage } from './storage/storage.js';
import { listRoomSuggestions } from './suggestions/suggestion-operations.js';
import { suggestionRoute } from './suggestions/suggestion-route.js';
import { ANY_ROOM, type Identity, InvalidTokenError, type TokenAuthority, tokenCoversRoom } from './tokens.js';

/** Largest JSON body accepted by the API. */
const MAX_BODY_BYTES = 64 * 1024;

export interface ApiDeps {
  readonly config: Config;
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly tokens: TokenAuthority;
  readonly isDraining: () => boolean;
  readonly comments: CommentServices;
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
    await createRoomRoute(request, response, deps);
    return true;
  }
  const match = /^\/api\/rooms\/([^/]*)(\/[a-z]+)?(\/.*)?$/.exec(path);
  if (!match) throw new HttpError(404, 'not_found', 'no such endpoint');
  const room = match[1] ?? '';
  if (!isValidRoomId(room)) throw new HttpError(400, 'invalid_room', 'invalid room id');
  let sub = match[2] ?? '';
  let rest = match[3] ?? '';
  // `/session/renew` is one route; only the comment, suggestion and revision routes go deeper.
  if (sub === '/session' && rest === '/renew') {
    sub = '/session/renew';
    rest = '';
  }
  if (rest !== '' && !DEEP_ROUTES.has(sub)) throw new HttpError(404, 'not_found', 'no such endpoint');
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
  if (sub === '/comments') {
    const body = method === 'GET' || method === 'DELETE' ? null : await readJson(request);
    const answer = await handleCommentRoute(deps, identity, room, method, rest, body);
    sendJson(response, answer.status, answer.body);
    return true;
  }
  if (sub === '/suggestions') {
    if (method === 'GET') {
      if (rest !== '') throw new HttpError(404, 'not_found', 'no such endpoint');
      sendJson(response, 200, { suggestions: await listRoomSuggestions(deps, room) });
      return true;
    }
    const route = suggestionRoute(rest);
    const result = await runOperation({ ...deps, publicUrl: deps.config.publicUrl }, route.op, {
      identity,
      room,
      readArgs: route.id === null ? () => readJson(request) : () => Promise.resolve({ id: route.id }),
    });
    sendJson(response, 200, result);
    return true;
  }
  if (sub === '/positions') {
    if (rest !== '') throw new HttpError(404, 'not_found', 'no such endpoint');
    sendJson(response, 200, await listRoomPositions(deps, room));
    return true;
  }
  const position = positionRoute(method, sub, rest);
  if (position) {
    const result = await runOperation({ ...deps, publicUrl: deps.config.publicUrl }, position.op, {
      identity,
      room,
      readArgs: async () => {
        const body = position.body ? await readJson(request) : {};
        return { ...(typeof body === 'object' && body !== null ? body : {}), id: position.id };
      },
    });
    sendJson(response, 200, result);
    return true;
  }
  if (sub === '/revisions' || sub === '/compare') {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const route = revisionRoute(sub, method, rest, query);
    const result = await runOperation({ ...deps, publicUrl: deps.config.publicUrl }, route.op, {
      identity,
      room,
      readArgs: route.args === null ? () => readJson(request) : () => Promise.resolve(route.args),
    });
    sendJson(response, route.status, result);
    return true;
  }
  if (sub === '/settings' && method === 'GET') {
    sendJson(response, 200, await deps.storage.getRoomSettings(room));
    return true;
  }
  if (await chairRoute(request, response, deps, identity, room, sub, method)) return true;
  const record = await deps.storage.getRoom(room);
  if (sub === '/export') {
    await handleExport(request, response, deps, identity, record);
    return true;
  }
  if (sub === '/session/renew') {
    const renewed = await renewSession(deps, identity);
    sendJson(response, 201, { token: renewed.token, expiresAt: new Date(renewed.expiresAt * 1000).toISOString() });
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
      person: identity.person,
      issuedAt: identity.iat === null ? null : new Date(identity.iat * 1000).toISOString(),
      expiresAt: new Date(identity.exp * 1000).toISOString(),
    });
    return true;
  }
  if (!record) throw new HttpError(404, 'room_not_found', 'room not found');
  sendJson(response, 200, publicRecord(record));
  return true;
}

async function createRoomRoute(request: IncomingMessage, response: ServerResponse, deps: ApiDeps): Promise<void> {
  if (!deps.config.openRoomCreation) {
    const identity = await bearer(request, deps.tokens);
    if (identity.room !== ANY_ROOM) throw new HttpError(403, 'operator_only', 'only an operator token creates rooms');
  }
  const body = parseCreateRoomRequest(await readJson(request));
  const { record, chair } = await createRoom(
    { storage: deps.storage, tokens: deps.tokens, isLoaded: async (id) => (await deps.rooms.peek(id)) !== null },
    body,
  );
  sendJson(response, 201, {
    room: publicRecord(record),
    token: chair.token,
    inviteUrl: `${deps.config.publicUrl}${invitePath(record.id, chair.token)}`,
  });
}

/** Methods of each route under `/api/rooms/<room>`. */
const ROUTE_METHODS: Readonly<Record<string, readonly string[]>> = {
  '': ['GET', 'PATCH', 'DELETE'],
  '/session': ['GET'],
  '/session/renew': ['POST'],
  '/export': ['GET'],
  '/invites': ['POST'],
  '/settings': ['GET', 'PATCH'],
  '/revocations': ['POST'],
  '/access': ['GET'],
  '/archive': ['POST'],
  '/comments': ['GET', 'POST', 'PATCH', 'DELETE'],
  '/suggestions': ['GET', 'POST'],
  '/positions': ['GET'],
  '/stances': ['PUT'],
  '/clauses': ['POST'],
  '/alternatives': ['POST'],
  '/brackets': ['DELETE'],
  '/revisions': ['GET', 'POST'],
  '/compare': ['GET'],
};

/** Routes with more path after their name. */
const DEEP_ROUTES: ReadonlySet<string> = new Set([
  '/comments',
  '/suggestions',
  '/revisions',
  '/stances',
  '/clauses',
  '/alternatives',
  '/brackets',
]);

/** The chair operation of each route (path and method), and the HTTP status of its success. */
const CHAIR_ROUTES: Readonly<Record<string, { readonly op: OperationName; readonly status: 200 | 201 }>> = {
  'PATCH ': { op: 'title', status: 200 },
  'DELETE ': { op: 'delete', status: 200 },
  'PATCH /settings': { op: 'settings', status: 200 },
  'POST /revocations': { op: 'revoke', status: 201 },
  'GET /access': { op: 'access', status: 200 },
  'POST /archive': { op: 'archive', status: 200 },
  'POST /invites': { op: 'invite', status: 201 },
};

/** Operations whose route takes no body: it is not read, whatever was sent. */
const BODILESS: ReadonlySet<OperationName> = new Set(['access', 'archive', 'delete']);

/**
 * The chair operations of `operations.ts` over HTTP: title and symbol, settings, invites,
 * revocations, access, archive and delete. Returns false for the other routes.
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
  const route = CHAIR_ROUTES[`${method} ${sub}`];
  if (!route) return false;
  const result = await runOperation({ ...deps, publicUrl: deps.config.publicUrl }, route.op, {
    identity,
    room,
    readArgs: () => (BODILESS.has(route.op) ? Promise.resolve({}) : readJson(request)),
  });
  sendJson(response, route.status, result);
  return true;
}
