import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { isValidRoomId, parseSchemaParam, SCHEMA_PARAM } from '@plenary/protocol';
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
  /** The schema version the client announced (`?schema=N`), or `null` when it named none. */
  readonly clientSchema: number | null;
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

/**
 * Whether `host` (a `Host` header: name or address, optional port) names this machine's
 * loopback or an IP address literal. Only such a host is trusted to be the address the browser
 * meant: a DNS name can be rebound by whoever controls it to point at this server, and the
 * browser would then send that name as both `Host` and `Origin`.
 */
export function isAddressHost(host: string | undefined): boolean {
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return bare === 'localhost' || isIP(bare) !== 0;
}

/**
 * Whether a browser's `Origin` may open websockets here. Requests with no `Origin` are not
 * browsers. A browser is allowed from `PLENARY_PUBLIC_URL`'s origin, from an
 * `PLENARY_ALLOWED_ORIGINS` entry, or from the very address it connected to, but the last only
 * when that address is `localhost` or an IP literal (see {@link isAddressHost}): a page on a
 * rebound DNS name is refused unless that name is configured.
 */
export function isAllowedOrigin(origin: string | undefined, request: IncomingMessage, config: Config): boolean {
  if (origin === undefined) return true;
  const normalized = origin.replace(/\/+$/, '');
  if (normalized === new URL(config.publicUrl).origin) return true;
  if (config.allowedOrigins.includes(normalized)) return true;
  const host = request.headers.host;
  if (!isAddressHost(host)) return false;
  // Same origin as the address the browser used to reach us.
  try {
    return new URL(normalized).host === host;
  } catch {
    return false;
  }
}

/**
 * Checks an upgrade request in the order of DESIGN §4: invalid room id 400, a `schema`
 * parameter that is not a version 400, no valid token 401, token not for this room 403,
 * cross-origin browser 403. Nothing is opened before this passes.
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
  const schema = parseSchemaParam(url.searchParams.get(SCHEMA_PARAM));
  if (schema.kind === 'invalid') throw new HttpError(400, 'invalid_schema', 'schema must be a positive integer');
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
  return {
    room,
    identity,
    protocol,
    extensions: url.searchParams.get('ext'),
    clientSchema: schema.kind === 'version' ? schema.version : null,
  };
}
