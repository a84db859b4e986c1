import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { isProcessAlive } from './server-record.js';
import { SqliteStorage } from './storage/sqlite.js';
import { SQLITE_SCHEMA_VERSION } from './storage/sqlite-migrations.js';

/** A backup file cannot be restored; the message says why. Nothing was changed. */
export class RestoreError extends Error {
  override readonly name = 'RestoreError';
}

/** The database file inside a data dir. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'plenary.db');
}

/** The file a running server holds while it runs; `restore` refuses while it names a live process. */
export function pidFile(dataDir: string): string {
  return join(dataDir, 'server.pid');
}

/**
 * Writes a consistent copy of every room to `file` with SQLite's online backup, which is safe
 * while the server runs and writes (WAL readers see one committed state).
 */
export async function backup(dataDir: string, file: string): Promise<void> {
  const storage = new SqliteStorage({ file: databaseFile(dataDir) });
  try {
    await storage.migrate();
    await storage.backupTo(file);
  } finally {
    await storage.close();
  }
}

/**
 * Replaces the data dir's database with the backup in `file`, after checking that it is an
 * intact Plenary database this build can read. Refuses while a server runs on the data dir.
 * The replacement is a rename, so a failed restore leaves the old database in place.
 */
export async function restore(dataDir: string, file: string): Promise<void> {
  const pid = existsSync(pidFile(dataDir)) ? Number(readFileSync(pidFile(dataDir), 'utf8')) : 0;
  if (pid > 0 && pid !== process.pid && isProcessAlive(pid)) {
    throw new RestoreError(`a Plenary server (pid ${pid}) is running on ${dataDir}; stop it before restoring`);
  }
  if (!existsSync(file)) throw new RestoreError(`backup file ${file} does not exist`);
  let check: BetterSqlite3.Database;
  try {
    check = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new RestoreError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new RestoreError(`${file} is damaged: ${String(integrity)}`);
    const version = check.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > SQLITE_SCHEMA_VERSION) {
      throw new RestoreError(`${file} is not a Plenary backup this build can read (schema ${version})`);
    }
    check.prepare('SELECT COUNT(*) FROM rooms').get();
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(`${file} is not a Plenary backup: ${(error as Error).message}`);
  } finally {
    check.close();
  }
  const target = databaseFile(dataDir);
  const staging = `${target}.restoring`;
  const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    rmSync(staging, { force: true });
    await copy.backup(staging);
  } finally {
    copy.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staging, target);
}
