import { join } from 'node:path';
import { PgStorage } from './pg.js';
import { SqliteStorage, type SqliteStorageOptions } from './sqlite.js';
import type { Storage } from './storage.js';

/** What chooses and configures the storage adapter. */
export interface StorageChoice {
  readonly dataDir: string;
  /** PostgreSQL when set (`DATABASE_URL`), SQLite in the data dir otherwise. */
  readonly databaseUrl: string | null;
  /** The PostgreSQL schema (`public` when not given). */
  readonly databaseSchema?: string;
  readonly sqlite?: Omit<SqliteStorageOptions, 'file'>;
}

/**
 * The adapter the configuration asks for: PostgreSQL for a `DATABASE_URL`, otherwise the
 * embedded SQLite file `plenary.db` in the data dir. Not migrated yet.
 */
export function openStorage(choice: StorageChoice): Storage {
  if (choice.databaseUrl) {
    return new PgStorage({ connectionString: choice.databaseUrl, schema: choice.databaseSchema ?? 'public' });
  }
  return new SqliteStorage({ ...choice.sqlite, file: join(choice.dataDir, 'plenary.db') });
}
