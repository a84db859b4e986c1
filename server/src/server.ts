import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, parseExtensions } from '@plenary/protocol';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import {
  checkNotRevoked,
  checkStillNotRevoked,
  goneReason,
  pushRoomMetadata,
  pushSettings,
} from './chair-operations.js';
import { answerClientError } from './client-error.js';
import { Cluster } from './cluster/cluster.js';
import { createCommentServices } from './comments/comment-operations.js';
import { sendThreadsOnConnect } from './comments/comment-push.js';
import { CommentWriteLimit } from './comments/comment-write-limit.js';
import { type Config, withListeningPort } from './config.js';
import { Connection } from './connection.js';
import { HttpError, RoomLoadError } from './errors.js';
import { handleApi, sendError } from './http-api.js';
import { createLogger } from './logger.js';
import { MemoryReclaimer } from './memory.js';
import { openOperationChannel } from './operation-handler.js';
import { sendAllPositions } from './positions/position-push.js';
import { type ConnectionLimiter, LocalConnectionLimiter } from './rate-limit.js';
import { RoomRegistry } from './rooms.js';
import { loadSecret } from './secret.js';
import { serveStatic } from './static-files.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';
import { sendAllSuggestions } from './suggestions/suggestion-push.js';
import { whenExpired } from './token-expiry.js';
import { type Identity, TokenAuthority } from './tokens.js';
import { checkUpgrade } from './upgrade.js';

/** A running Plenary server. */
export interface PlenaryServer {
  readonly port: number;
  /** `http://host:port` of the listening socket. */
  readonly url: string;
  readonly config: Config;
  readonly storage: Storage;
  readonly tokens: TokenAuthority;
  readonly rooms: RoomRegistry;
  readonly logger: Logger;
  /**
   * Drains and stops: `/healthz` answers 503, new upgrades are refused, every room commits and
   * compacts, connections close with 1012 (retry), storage closes.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this storage instead of the configured one (tests of other adapters). */
  readonly storage?: Storage;
  readonly logger?: Logger;
}

/** Node's default deadline for a whole HTTP request, in milliseconds. */
const NODE_REQUEST_TIMEOUT_MS = 300_000;

/** What connections of one token are counted under: its `jti`, or its claims when it has none. */
function tokenKey(identity: Identity): string {
  return (
    identity.jti ?? JSON.stringify([identity.room, identity.delegation, identity.role, identity.person, identity.exp])
  );
}

/** The client's address as the trusted proxy saw it: the last hop of `X-Forwarded-For`. */
function forwardedAddress(request: IncomingMessage): string {
  const header = request.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const last = value.split(',').pop()?.trim();
  return last || (request.socket.remoteAddress ?? 'unknown');
}

function rejectUpgrade(socket: Duplex, error: HttpError): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[error.status as 400];
  socket.end(
    `HTTP/1.1 ${error.status} ${reason ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Starts the server: storage migrated, secret loaded, HTTP and websocket listening. */
export async function startServer(given: Config, options: StartOptions = {}): Promise<PlenaryServer> {
  const logger = options.logger ?? createLogger(given.logLevel);
  const storage =
    options.storage ??
    openStorage({
      dataDir: given.dataDir,
      databaseUrl: given.databaseUrl,
      databaseSchema: given.databaseSchema,
      sqlite: {
        synchronous: given.sqliteSynchronous,
        backgroundCheckpoints: true,
        onCheckpointFailure: (err) =>
          logger.error({ err }, 'checkpoint worker failed; commits checkpoint the write-ahead log themselves'),
      },
    });
  await storage.migrate();
  const tokens = new TokenAuthority(loadSecret(given.dataDir, given.secret));

  // Several processes serve the rooms: what one stores reaches the others (docs/SCALING.md).
  // Comment writes per token: counted by this process, or by the whole cluster through Redis.
  const localCommentRate = new CommentWriteLimit(given.commentLimits.writesPerMinute, given.commentLimits.writeBurst);
  const cluster = given.redisUrl
    ? new Cluster({
        redisUrl: given.redisUrl,
        storage,
        logger,
        limits: given.limits,
        commentLimits: given.commentLimits,
        localCommentRate,
      })
    : null;
  const deps = { storage, limits: given.limits, logger, cluster };
  // Memory goes back to the system only while no websocket is open (the collection pauses).
  const reclaimer = new MemoryReclaimer(() => wss.clients.size === 0);
  const rooms = new RoomRegistry(deps, given.roomIdleMs, reclaimer);
  // Started before the server listens: a request is never read before its handlers are attached.
  await cluster?.start(rooms);

  const http: Server = createServer({
    // The pre-authentication deadline: complete headers (with the token) within it, or 408.
    headersTimeout: given.preAuthTimeoutMs,
    // Node refuses a request deadline shorter than the headers deadline; its default is kept.
    requestTimeout: Math.max(NODE_REQUEST_TIMEOUT_MS, given.preAuthTimeoutMs),
    // Node checks the deadlines on this interval, so a socket is closed at most a quarter of
    // the deadline late (Node's own interval, 30 s, would let a short deadline run far over).
    connectionsCheckingInterval: Math.min(30_000, Math.max(25, Math.floor(given.preAuthTimeoutMs / 4))),
  });
  // Listening first tells the port (port 0 picks a free one) before anything depends on the
  // public URL; the handlers below are attached before the event loop can read a request.
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(given.port, given.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // The port is taken (or refused): nothing of this process stays connected to Redis.
    await cluster?.close();
    throw error;
  }
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : given.port;
  const host = given.host.includes(':') ? `[${given.host}]` : given.host;
  const config: Config = { ...given, port, publicUrl: withListeningPort(given.publicUrl, port) };

  let draining = false;
  const operationDeps = { storage, rooms, tokens, publicUrl: config.publicUrl, logger };
  const comments = createCommentServices(config.commentLimits, cluster?.commentRate ?? localCommentRate);
  // Connections per token and per address: across the cluster when there is one (docs/SCALING.md).
  const connectionLimits: ConnectionLimiter =
    cluster?.connectionLimiter ??
    new LocalConnectionLimiter(config.limits.maxConnectionsPerToken, config.limits.maxConnectionsPerAddress);

  // Frames up to twice the limit are read so they can be refused with 4413 and a reason; larger
  // ones are cut off by ws itself (1009) without being buffered.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.limits.maxFrameBytes * 2,
    perMessageDeflate: false,
    handleProtocols: (protocols, request) =>
      (request as IncomingMessage & { plenaryProtocol?: string }).plenaryProtocol ??
      protocols.values().next().value ??
      false,
  });

  http.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handleApi(request, response, { config, storage, rooms, tokens, isDraining: () => draining, comments })
      .then((handled) => {
        if (handled) return;
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          throw new HttpError(405, 'method_not_allowed', 'method not allowed');
        }
        serveStatic(config.webRoot, request, response);
      })
      .catch((error: unknown) => {
        if (error instanceof HttpError) {
          // A refusal the server caused (storage unreadable) is logged with what caused it.
          if (error.cause !== undefined) {
            const { status, code } = error;
            logger.error({ err: error.cause, path: request.url?.split('?')[0], status, code }, error.message);
          }
          sendError(response, error);
        } else {
          logger.error({ err: error, path: request.url?.split('?')[0] }, 'request failed');
          sendError(response, new HttpError(500, 'internal', 'internal error'));
        }
      });
  });

  http.on('clientError', answerClientError);

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (draining) {
      rejectUpgrade(socket, new HttpError(503, 'draining', 'server restarting'));
      return;
    }
    checkUpgrade(request, config, tokens)
      .then(async (accepted) => {
        await checkNotRevoked(storage, accepted.identity, accepted.room);
        /** Accepts, then closes with 4404 when the room is gone (browsers cannot read a refused upgrade's status). */
        const refusedAsGone = async (): Promise<boolean> => {
          const status = await storage.getRoomStatus(accepted.room);
          if (status === 'active') return false;
          (request as IncomingMessage & { plenaryProtocol?: string }).plenaryProtocol = accepted.protocol ?? undefined;
          wss.handleUpgrade(request, socket, head, (ws) => ws.close(CloseCode.roomGone, goneReason(status).reason));
          return true;
        };
        if (await refusedAsGone()) return;
        // The version the room was created with (rooms from before versions were recorded: 1).
        const roomSchema = (await storage.getRoom(accepted.room))?.schemaVersion ?? 1;
        let room: Awaited<ReturnType<RoomRegistry['acquire']>>;
        try {
          room = await rooms.acquire(accepted.room);
        } catch (error) {
          if (!(error instanceof RoomLoadError)) throw error;
          logger.error({ room: accepted.room, err: error }, 'room failed to load');
          // Accept, then close with 4503: browsers cannot read an HTTP status of a refused upgrade.
          (request as IncomingMessage & { plenaryProtocol?: string }).plenaryProtocol = accepted.protocol ?? undefined;
          wss.handleUpgrade(request, socket, head, (ws) => ws.close(CloseCode.unavailable, 'room unavailable; retry'));
          return;
        }
        // The room may have been deleted or archived while it loaded.
        if (await refusedAsGone()) {
          rooms.idle(room);
          return;
        }
        // Counted before the last revocation check: nothing may await between it and the join.
        const address = config.trustProxy ? forwardedAddress(request) : null;
        const connectionLease = await connectionLimits.acquire(tokenKey(accepted.identity), address);
        // Given back when the socket closes, whatever happens to the upgrade from here on.
        socket.once('close', () => connectionLease.release());
        // The token may have been revoked while the room loaded: read the revocations again,
        // and again while one is recorded during the read. No await follows the last comparison
        // before `room.join` (ws calls back synchronously), so a revocation recorded later finds
        // this connection in the room when it sweeps the open connections.
        try {
          await checkStillNotRevoked(storage, rooms, accepted.identity, accepted.room);
        } catch (error) {
          rooms.idle(room);
          throw error;
        }
        (request as IncomingMessage & { plenaryProtocol?: string }).plenaryProtocol = accepted.protocol ?? undefined;
        wss.handleUpgrade(request, socket, head, (ws) => {
          // Refused after the upgrade, with 4529 and a reason: browsers cannot read an HTTP status.
          if (!connectionLease.granted) {
            ws.close(CloseCode.rateLimited, connectionLease.reason);
            return;
          }
          const connection = new Connection(
            ws,
            room,
            accepted.identity,
            parseExtensions(accepted.extensions),
            config.limits,
            logger,
            socket,
          );
          if (room.closed) {
            connection.close(CloseCode.unavailable, 'room unavailable; retry');
            return;
          }
          if (accepted.clientSchema !== null && accepted.clientSchema < roomSchema) connection.limitToOlderSchema();
          room.join(connection);
          openOperationChannel(connection, operationDeps);
          // A token that expires while its socket is open closes it (4401), so a leaked or
          // superseded token cannot stay connected past its lifetime.
          const cancelExpiry = whenExpired(accepted.identity.exp, () =>
            connection.close(CloseCode.unauthorized, 'token expired'),
          );
          ws.on('close', () => {
            cancelExpiry();
            connection.dispose();
            room.leave(connection, () => rooms.idle(room), rooms.idleTimeout);
          });
          ws.on('error', () => ws.terminate());
          connection.start();
          if (connection.wants('settings')) {
            storage.getRoomSettings(room.id).then(
              (settings) => pushSettings([connection], settings),
              (error: unknown) => logger.error({ room: room.id, err: error }, 'reading settings failed'),
            );
          }
          if (connection.wants('room')) {
            storage.getRoom(room.id).then(
              (record) => {
                if (record) pushRoomMetadata([connection], record);
              },
              (error: unknown) => logger.error({ room: room.id, err: error }, 'reading the room record failed'),
            );
          }
          sendAllSuggestions(connection, room.suggestions.list());
          sendAllPositions(connection, room.positions.records());
          sendThreadsOnConnect(storage, connection).catch((error: unknown) =>
            logger.error({ room: room.id, err: error }, 'reading comments failed'),
          );
        });
      })
      .catch((error: unknown) => {
        if (error instanceof HttpError) rejectUpgrade(socket, error);
        else {
          logger.error({ err: error }, 'upgrade failed');
          rejectUpgrade(socket, new HttpError(500, 'internal', 'internal error'));
        }
      });
  });

  logger.info({ host: config.host, port, dataDir: config.dataDir }, 'Plenary listening');

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      http.close();
      await rooms.unloadAll();
      await cluster?.close();
      for (const ws of wss.clients) ws.close(CloseCode.restarting, 'server restarting');
      // These timers stay referenced: once the last socket is gone they are all that keeps the
      // process alive until storage is closed (unref'd, node would exit 0 mid-shutdown).
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          resolve();
        }, 2000);
        const check = () => {
          if (wss.clients.size === 0) {
            clearTimeout(deadline);
            resolve();
          } else setTimeout(check, 20);
        };
        check();
      });
      wss.close();
      reclaimer.stop();
      http.closeAllConnections();
      await storage.close();
      logger.info('Plenary stopped');
    })();
    return closing;
  };

  return { port, url: `http://${host}:${port}`, config, storage, tokens, rooms, logger, close };
}
