export {
  type BackgroundThreadsOutcome,
  idleBackgroundThreads,
  SCHED_IDLE,
  SCHED_OTHER,
  type ThreadCommands,
  threadPolicy,
} from './background-threads.js';
export { backup, databaseFile, RestoreError, restore } from './backup.js';
export { runCli } from './cli.js';
export {
  type CommentLimits,
  type Config,
  ConfigError,
  DEFAULT_COMMENT_LIMITS,
  DEFAULT_LIMITS,
  DEFAULT_PRE_AUTH_TIMEOUT_MS,
  type Limits,
  parseConfig,
} from './config.js';
export { createLogger } from './logger.js';
export { main } from './main.js';
export type { PresenceUser } from './presence.js';
export { BURST_SECONDS } from './rate-limit.js';
export { type PlenaryServer, type StartOptions, startServer } from './server.js';
export type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from './storage/comment-records.js';
export { SqliteStorage, type SqliteStorageOptions } from './storage/sqlite.js';
export type {
  AuthorBinding,
  InviteRecord,
  ObserverExports,
  PositionChanges,
  Provenance,
  RevisionRecord,
  RevisionSummary,
  Revocation,
  RevocationKind,
  RoomRecord,
  RoomSettings,
  RoomStatus,
  Storage,
  StoredDocument,
  StoredUpdate,
  UpdateToStore,
} from './storage/storage.js';
export { DEFAULT_ROOM_SETTINGS, StorageError } from './storage/storage.js';
export { type Identity, InvalidTokenError, ROLES, type Role, TokenAuthority } from './tokens.js';
