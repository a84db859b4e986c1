export { backup, databaseFile, RestoreError, restore } from './backup.js';
export { runCli } from './cli.js';
export { type Config, ConfigError, DEFAULT_LIMITS, type Limits, parseConfig } from './config.js';
export { main } from './main.js';
export { type PlenaryServer, type StartOptions, startServer } from './server.js';
export { SqliteStorage, type SqliteStorageOptions } from './storage/sqlite.js';
export type {
  Provenance,
  RoomRecord,
  Storage,
  StoredDocument,
  StoredUpdate,
  UpdateToStore,
} from './storage/storage.js';
export { StorageError } from './storage/storage.js';
export { type Identity, InvalidTokenError, ROLES, type Role, TokenAuthority } from './tokens.js';
