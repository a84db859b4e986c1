import type { IncomingMessage } from 'node:http';
import { isValidRoomId } from '@plenary/protocol';
import type { Config } from './config.js';
import { HttpError } from './errors.js';
import { type Identity, InvalidTokenError, type TokenAuthority, tokenCoversRoom } from './tokens.js';

/** What an accepted upgrade carries into the connection. */
export interface AcceptedUpgrade {
  readonly room: string;
  readonly identity: Identity;
  /** The `Sec-WebSocket-Protocol` value that carried the token, echoed back to the browser. */
  readonly protocol: string | null;
  readonly extensions: string | null;
}

const COLLAB_PREFIX = '/collab/';
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The token from `?token=` or from a `Sec-WebSocket-Protocol` value shaped like a JWT. */
function findToken(request: IncomingMessage, url: URL): { token: string | null; protocol: string | null } {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return { token: fromQuery, protocol: null };
  const header = request.headers['sec-websocket-protocol'];
  if (typeof header === 'string') {
    for (const value of header.split(',')) {
      const candidate = value.trim();
      if (JWT_SHAPE.test(candidate)) return { token: candidate, protocol: candidate };
    }
  }
  return { token: null, protocol: null };
}

/** Whether a browser's `Origin` may open websockets here. Requests with no `Origin` are not browsers. */
export function isAllowedOrigin(origin: string | undefined, request: IncomingMessage, config: Config): boolean {
  if (origin === undefined) return true;
  const normalized = origin.replace(/\/+$/, '');
  if (normalized === new URL(config.publicUrl).origin) return true;
  if (config.allowedOrigins.includes(normalized)) return true;
  // Same origin as the address the browser used to reach us.
  try {
    return new URL(normalized).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Checks an upgrade request in the order of DESIGN §4: invalid room id 400, no valid token 401,
 * token not for this room 403, cross-origin browser 403. Nothing is opened before this passes.
 */
export async function checkUpgrade(
  request: IncomingMessage,
  config: Config,
  tokens: TokenAuthority,
): Promise<AcceptedUpgrade> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
  if (!rawPath.startsWith(COLLAB_PREFIX)) throw new HttpError(404, 'not_found', 'no websocket endpoint here');
  const room = rawPath.slice(COLLAB_PREFIX.length);
  if (!isValidRoomId(room)) throw new HttpError(400, 'invalid_room', 'invalid room id');
  const { token, protocol } = findToken(request, url);
  let identity: Identity;
  try {
    identity = await tokens.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new HttpError(401, 'invalid_token', error.message);
    throw error;
  }
  if (!tokenCoversRoom(identity, room)) throw new HttpError(403, 'wrong_room', 'token is not valid for this room');
  if (!isAllowedOrigin(request.headers.origin, request, config)) {
    throw new HttpError(403, 'origin_not_allowed', 'origin not allowed');
  }
  return { room, identity, protocol, extensions: url.searchParams.get('ext') };
}
