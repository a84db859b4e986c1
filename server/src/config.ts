import { resolve } from 'node:path';
import { z } from 'zod';
import type { SqliteSynchronous } from './storage/sqlite.js';

/** Server configuration: one typed object, parsed from the environment once in `main.ts`. */
export interface Config {
  readonly host: string;
  readonly port: number;
  /** Folder for the SQLite database and the generated secret. */
  readonly dataDir: string;
  /** Base URL of invite links and the origin browsers are allowed from. */
  readonly publicUrl: string;
  /** Further browser origins allowed to open websockets (e.g. the Vite dev server). */
  readonly allowedOrigins: readonly string[];
  /** HS256 key; when null, read from or generated into `<dataDir>/secret`. */
  readonly secret: string | null;
  readonly sqliteSynchronous: SqliteSynchronous;
  /**
   * `DATABASE_URL`: a `postgres://` URL puts storage on PostgreSQL (`storage/pg.ts`) instead of
   * SQLite in the data dir. Null: SQLite, the embedded default.
   */
  readonly databaseUrl: string | null;
  /** `PLENARY_DATABASE_SCHEMA`: the PostgreSQL schema of Plenary's tables (`public`). */
  readonly databaseSchema: string;
  /**
   * `REDIS_URL`: several processes share the rooms, live updates fanned out through Redis
   * (`cluster/`, docs/SCALING.md). Requires `DATABASE_URL` and `PLENARY_SECRET`.
   */
  readonly redisUrl: string | null;
  readonly limits: Limits;
  readonly commentLimits: CommentLimits;
  /** Milliseconds a room stays loaded after its last client leaves. */
  readonly roomIdleMs: number;
  /** Folder of the built web app served at `/`; null serves the placeholder page. */
  readonly webRoot: string | null;
  readonly logLevel: string;
  /** Whether anyone may create rooms over HTTP without an operator token. */
  readonly openRoomCreation: boolean;
  /**
   * Whether a reverse proxy sets `X-Forwarded-For`: only then is its last hop taken as the
   * client's address and connections per address capped (otherwise every client behind a proxy
   * or a NAT would share one address).
   */
  readonly trustProxy: boolean;
  /**
   * Milliseconds a connection has, from its first byte, to send the complete headers of its
   * request (HTTP or websocket upgrade, which carry the token) before it is answered HTTP 408
   * and closed. Bounds how long an unauthenticated socket can hold a file descriptor; once the
   * headers are in, the upgrade is checked at once and this deadline no longer applies.
   */
  readonly preAuthTimeoutMs: number;
  /**
   * `normal` (the default) leaves every thread as the OS started it. `idle`, an opt-in: the
   * process's threads other than the event loop (garbage collection, compiler, thread pool,
   * checkpoints) run under Linux's `SCHED_IDLE` policy, so they never preempt the event loop in
   * the middle of a broadcast, with the best-effort disk class their nice value implies unless
   * the process was started with one; on a host whose cores stay busy they may starve
   * (`docs/OPERATIONS.md`).
   */
  readonly backgroundThreads: 'idle' | 'normal';
  /**
   * `held`: V8's young generation is grown to its full size at start and kept there
   * (`memory.ts`), about 40 MB more resident memory from the start in exchange for fewer
   * scavenges under heavy typing. `default` leaves V8 to size it.
   */
  readonly youngGeneration: 'default' | 'held';
}

/** Node's own default for the request-headers deadline, kept as Plenary's default. */
export const DEFAULT_PRE_AUTH_TIMEOUT_MS = 60_000;

/**
 * Limits on connections (DESIGN §4). Exceeding an inbound size limit closes the socket with
 * 4413, a rate or connection limit with 4529, the send buffer 4513. Rates are token buckets
 * holding five seconds of the rate.
 */
export interface Limits {
  /** Largest frame accepted, in bytes. */
  readonly maxFrameBytes: number;
  /** Largest document (encoded state, estimated by stored bytes), in bytes. */
  readonly maxDocumentBytes: number;
  /** Largest JSON of one awareness state, in bytes. */
  readonly maxAwarenessBytes: number;
  /** Deepest nesting of arrays and objects in one awareness state. */
  readonly maxAwarenessDepth: number;
  /** Messages per second per connection (any type). */
  readonly maxMessagesPerSecond: number;
  /** Awareness updates and queries per second per connection. */
  readonly maxAwarenessPerSecond: number;
  /** Open websockets per token (by `jti`) across all rooms. */
  readonly maxConnectionsPerToken: number;
  /** Open websockets per forwarded client address; applied only with `trustProxy`. */
  readonly maxConnectionsPerAddress: number;
  /**
   * Bytes the server may hold waiting to be sent on one connection (`send-buffer.ts`). A frame
   * that would take it past this closes the connection with 4513 instead. At least
   * {@link minSendBufferBytes}, so that a client joining a full-size document is never cut.
   */
  readonly maxSendBufferBytes: number;
}

/**
 * The default send buffer for the given document and frame limits: a full document (a join's
 * sync step 2) with room for two of the largest frames broadcast while the client reads it.
 */
export function defaultSendBufferBytes(maxDocumentBytes: number, maxFrameBytes: number): number {
  return maxDocumentBytes + 2 * maxFrameBytes;
}

/** The smallest send buffer allowed: a full document and one of the largest frames. */
export function minSendBufferBytes(limits: Pick<Limits, 'maxDocumentBytes' | 'maxFrameBytes'>): number {
  return limits.maxDocumentBytes + limits.maxFrameBytes;
}

const DEFAULT_FRAME_BYTES = 8 * 1024 * 1024;
const DEFAULT_DOCUMENT_BYTES = 64 * 1024 * 1024;

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: DEFAULT_FRAME_BYTES,
  maxDocumentBytes: DEFAULT_DOCUMENT_BYTES,
  maxAwarenessBytes: 64 * 1024,
  maxAwarenessDepth: 16,
  // A delegate typing sends an update and a cursor move per keystroke: a fast typist about 30
  // messages a second, a held key with auto-repeat about 60, a paste one. 200 a second, with five
  // seconds of it as a burst (a reconnect's backlog, undoing a long run), is several times what
  // a person sends and still stops a script flooding the room.
  maxMessagesPerSecond: 200,
  // A cursor dragged with the mouse publishes about 60 updates a second.
  maxAwarenessPerSecond: 60,
  // A token is one person's invite: a laptop, a phone and a tablet, a few tabs each, and the
  // connections of a page reloading before the old ones have closed.
  maxConnectionsPerToken: 16,
  // Behind a trusted proxy only. A conference venue's network puts every delegate in the hall
  // behind one address; a General Assembly committee room seats a few hundred.
  maxConnectionsPerAddress: 1000,
  // 80 MiB; follows raised document and frame limits unless set (`parseConfig`).
  maxSendBufferBytes: defaultSendBufferBytes(DEFAULT_DOCUMENT_BYTES, DEFAULT_FRAME_BYTES),
};

/**
 * Limits on comment writes over HTTP (new threads, replies, edits, deletes, resolves). A write
 * over the rate answers 429 `comment_rate_limited`; one past a cap 409 `too_many_threads` or
 * `too_many_messages`. Deleted messages still count toward their thread's cap.
 */
export interface CommentLimits {
  /** Sustained comment writes a minute per token (by `jti`). */
  readonly writesPerMinute: number;
  /** Writes a token may make in a quick burst before the per-minute rate applies. */
  readonly writeBurst: number;
  /** Threads a room may hold (room-wide and private together). */
  readonly maxThreadsPerRoom: number;
  /** Messages a thread may hold, its first included. */
  readonly maxMessagesPerThread: number;
}

export const DEFAULT_COMMENT_LIMITS: CommentLimits = {
  // A delegate rarely writes more than one remark a minute over a session; bursts cover a
  // chair resolving a batch of threads at the end of a reading.
  writesPerMinute: 60,
  writeBurst: 30,
  maxThreadsPerRoom: 5000,
  maxMessagesPerThread: 500,
};

const int = (min: number) => z.coerce.number().int().min(min);

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0).max(65535).default(1234),
  PLENARY_DATA_DIR: z.string().min(1).default('./data'),
  PLENARY_PUBLIC_URL: z.url().optional(),
  PLENARY_ALLOWED_ORIGINS: z.string().default(''),
  PLENARY_SECRET: z.string().min(32, 'PLENARY_SECRET must be at least 32 characters').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  PLENARY_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'PLENARY_DATABASE_SCHEMA must be a lower-case schema name')
    .default('public'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')
    .optional(),
  PLENARY_SQLITE_SYNCHRONOUS: z.enum(['OFF', 'NORMAL', 'FULL', 'EXTRA']).default('NORMAL'),
  PLENARY_MAX_FRAME_BYTES: int(1024).default(DEFAULT_LIMITS.maxFrameBytes),
  PLENARY_MAX_DOCUMENT_BYTES: int(1024).default(DEFAULT_LIMITS.maxDocumentBytes),
  PLENARY_MAX_AWARENESS_BYTES: int(256).default(DEFAULT_LIMITS.maxAwarenessBytes),
  PLENARY_MAX_AWARENESS_DEPTH: int(1).default(DEFAULT_LIMITS.maxAwarenessDepth),
  PLENARY_MAX_MESSAGES_PER_SECOND: int(1).default(DEFAULT_LIMITS.maxMessagesPerSecond),
  PLENARY_MAX_AWARENESS_PER_SECOND: int(1).default(DEFAULT_LIMITS.maxAwarenessPerSecond),
  PLENARY_MAX_CONNECTIONS_PER_TOKEN: int(1).default(DEFAULT_LIMITS.maxConnectionsPerToken),
  PLENARY_MAX_CONNECTIONS_PER_ADDRESS: int(1).default(DEFAULT_LIMITS.maxConnectionsPerAddress),
  PLENARY_MAX_SEND_BUFFER_BYTES: int(1).optional(),
  PLENARY_COMMENT_WRITES_PER_MINUTE: int(1).default(DEFAULT_COMMENT_LIMITS.writesPerMinute),
  PLENARY_COMMENT_WRITE_BURST: int(1).default(DEFAULT_COMMENT_LIMITS.writeBurst),
  PLENARY_MAX_THREADS_PER_ROOM: int(1).default(DEFAULT_COMMENT_LIMITS.maxThreadsPerRoom),
  PLENARY_MAX_MESSAGES_PER_THREAD: int(1).default(DEFAULT_COMMENT_LIMITS.maxMessagesPerThread),
  PLENARY_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  PLENARY_ROOM_IDLE_MS: int(0).default(30_000),
  PLENARY_PRE_AUTH_TIMEOUT_MS: int(100).default(DEFAULT_PRE_AUTH_TIMEOUT_MS),
  PLENARY_WEB_ROOT: z.string().optional(),
  PLENARY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PLENARY_OPEN_ROOM_CREATION: z.enum(['auto', 'true', 'false']).default('auto'),
  PLENARY_BACKGROUND_THREADS: z.enum(['idle', 'normal']).default('normal'),
  PLENARY_YOUNG_GENERATION: z.enum(['default', 'held']).default('default'),
});

/** A configuration value is invalid; the message names the variable and the value's problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * `limits` as given, or a `ConfigError` when the send buffer could not hold a full-size document
 * and one frame: every client joining such a document would be cut off, and retry for ever.
 */
function checkedLimits(limits: Limits): Limits {
  const least = minSendBufferBytes(limits);
  if (limits.maxSendBufferBytes < least) {
    throw new ConfigError(
      `invalid configuration: PLENARY_MAX_SEND_BUFFER_BYTES: ${limits.maxSendBufferBytes} is below PLENARY_MAX_DOCUMENT_BYTES + PLENARY_MAX_FRAME_BYTES (${least}); a client joining a full-size document would be cut off`,
    );
  }
  return limits;
}

/**
 * Parses the configuration from environment variables. `defaults` fills what the environment
 * leaves out (tests pass a data dir and port 0). Throws `ConfigError` naming every bad variable.
 */
export function parseConfig(env: NodeJS.ProcessEnv, defaults: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const databaseUrl = e.DATABASE_URL || defaults.databaseUrl || null;
  const redisUrl = e.REDIS_URL || defaults.redisUrl || null;
  const secret = e.PLENARY_SECRET ?? defaults.secret ?? null;
  if (redisUrl && !secret) {
    throw new ConfigError(
      'invalid configuration: REDIS_URL needs PLENARY_SECRET: every process of a cluster must sign and check tokens with the same secret',
    );
  }
  if (redisUrl && !databaseUrl) {
    throw new ConfigError(
      'invalid configuration: REDIS_URL needs DATABASE_URL: the processes of a cluster share their rooms through PostgreSQL',
    );
  }
  const host = env.HOST ? e.HOST : (defaults.host ?? e.HOST);
  const port = env.PORT ? e.PORT : (defaults.port ?? e.PORT);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const openRoomCreation =
    e.PLENARY_OPEN_ROOM_CREATION === 'auto' ? isLoopback(host) : e.PLENARY_OPEN_ROOM_CREATION === 'true';
  return {
    host,
    port,
    dataDir: resolve(env.PLENARY_DATA_DIR ? e.PLENARY_DATA_DIR : (defaults.dataDir ?? e.PLENARY_DATA_DIR)),
    publicUrl: (e.PLENARY_PUBLIC_URL ?? defaults.publicUrl ?? `http://${urlHost}:${port}`).replace(/\/+$/, ''),
    allowedOrigins: [
      ...(defaults.allowedOrigins ?? []),
      ...e.PLENARY_ALLOWED_ORIGINS.split(',')
        .map((origin) => origin.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    ],
    secret,
    sqliteSynchronous: e.PLENARY_SQLITE_SYNCHRONOUS,
    databaseUrl,
    databaseSchema: env.PLENARY_DATABASE_SCHEMA
      ? e.PLENARY_DATABASE_SCHEMA
      : (defaults.databaseSchema ?? e.PLENARY_DATABASE_SCHEMA),
    redisUrl,
    limits: checkedLimits({
      maxFrameBytes: e.PLENARY_MAX_FRAME_BYTES,
      maxDocumentBytes: e.PLENARY_MAX_DOCUMENT_BYTES,
      maxAwarenessBytes: e.PLENARY_MAX_AWARENESS_BYTES,
      maxAwarenessDepth: e.PLENARY_MAX_AWARENESS_DEPTH,
      maxMessagesPerSecond: e.PLENARY_MAX_MESSAGES_PER_SECOND,
      maxAwarenessPerSecond: e.PLENARY_MAX_AWARENESS_PER_SECOND,
      maxConnectionsPerToken: e.PLENARY_MAX_CONNECTIONS_PER_TOKEN,
      maxConnectionsPerAddress: e.PLENARY_MAX_CONNECTIONS_PER_ADDRESS,
      maxSendBufferBytes:
        e.PLENARY_MAX_SEND_BUFFER_BYTES ??
        defaultSendBufferBytes(e.PLENARY_MAX_DOCUMENT_BYTES, e.PLENARY_MAX_FRAME_BYTES),
      ...defaults.limits,
    }),
    commentLimits: {
      writesPerMinute: e.PLENARY_COMMENT_WRITES_PER_MINUTE,
      writeBurst: e.PLENARY_COMMENT_WRITE_BURST,
      maxThreadsPerRoom: e.PLENARY_MAX_THREADS_PER_ROOM,
      maxMessagesPerThread: e.PLENARY_MAX_MESSAGES_PER_THREAD,
      ...defaults.commentLimits,
    },
    roomIdleMs: env.PLENARY_ROOM_IDLE_MS ? e.PLENARY_ROOM_IDLE_MS : (defaults.roomIdleMs ?? e.PLENARY_ROOM_IDLE_MS),
    webRoot: e.PLENARY_WEB_ROOT ? resolve(e.PLENARY_WEB_ROOT) : (defaults.webRoot ?? null),
    logLevel: env.PLENARY_LOG_LEVEL ? e.PLENARY_LOG_LEVEL : (defaults.logLevel ?? e.PLENARY_LOG_LEVEL),
    openRoomCreation: defaults.openRoomCreation ?? openRoomCreation,
    trustProxy: defaults.trustProxy ?? (e.PLENARY_TRUST_PROXY === '1' || e.PLENARY_TRUST_PROXY === 'true'),
    preAuthTimeoutMs: env.PLENARY_PRE_AUTH_TIMEOUT_MS
      ? e.PLENARY_PRE_AUTH_TIMEOUT_MS
      : (defaults.preAuthTimeoutMs ?? e.PLENARY_PRE_AUTH_TIMEOUT_MS),
    backgroundThreads: env.PLENARY_BACKGROUND_THREADS
      ? e.PLENARY_BACKGROUND_THREADS
      : (defaults.backgroundThreads ?? e.PLENARY_BACKGROUND_THREADS),
    youngGeneration: env.PLENARY_YOUNG_GENERATION
      ? e.PLENARY_YOUNG_GENERATION
      : (defaults.youngGeneration ?? e.PLENARY_YOUNG_GENERATION),
  };
}

/**
 * The public URL once the server listens: a URL on port 0 (the default one when `PORT=0` asks
 * for any free port) names the port the server got instead; any other URL is kept as given.
 */
export function withListeningPort(publicUrl: string, port: number): string {
  const url = new URL(publicUrl);
  if (url.port !== '0') return publicUrl;
  url.port = String(port);
  return url.origin + url.pathname.replace(/\/+$/, '');
}
