import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { SqliteStorage } from '../src/storage/sqlite.js';
import { SqliteCheckpointer } from '../src/storage/sqlite-checkpointer.js';
import { useTempDatabase } from './temp-database.js';

/** Long enough for the worker's one-second interval, with room for a loaded machine. */
const WITHIN = { timeout: 5000, interval: 50 };

/** Whether the database file itself (not its write-ahead log) holds `marker`. */
function inDatabaseFile(file: string, marker: Buffer): boolean {
  return readFileSync(file).includes(marker);
}

describe('SQLite checkpoints on a worker thread', () => {
  const temp = useTempDatabase('plenary-checkpoint-');

  async function appendMarker(storage: SqliteStorage): Promise<Buffer> {
    await storage.migrate();
    const marker = randomBytes(48);
    await storage.appendUpdates('room-1', [{ update: marker, delegation: 'France', person: null, time: 1 }]);
    return marker;
  }

  it('copies committed updates into the database file without the event loop checkpointing', async () => {
    const storage = new SqliteStorage({ file: temp.file, backgroundCheckpoints: true });
    try {
      expect(storage.checkpointer?.running).toBe(true);
      // The event loop's own threshold is far above what one commit writes.
      expect(storage.db.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
      const marker = await appendMarker(storage);
      // Committed means in the log; the worker copies it into the file within its interval.
      await vi.waitFor(() => expect(inDatabaseFile(temp.file, marker)).toBe(true), WITHIN);
      expect((await storage.loadDocument('room-1')).updates.length).toBe(1);
    } finally {
      await storage.close();
    }
  });

  it('leaves a commit in the log when nobody checkpoints in the background', async () => {
    // Side by side: once the worker has copied its marker into its file, the storage without a
    // worker still holds its own only in the log.
    const plain = new SqliteStorage({ file: temp.file });
    const withWorker = new SqliteStorage({ file: join(temp.dir, 'with-worker.db'), backgroundCheckpoints: true });
    try {
      expect(plain.checkpointer).toBeNull();
      const plainMarker = await appendMarker(plain);
      const workerMarker = await appendMarker(withWorker);
      await vi.waitFor(() => expect(inDatabaseFile(withWorker.file, workerMarker)).toBe(true), WITHIN);
      expect(inDatabaseFile(temp.file, plainMarker)).toBe(false);
    } finally {
      await plain.close();
      await withWorker.close();
    }
  });

  it('hands checkpoints back to the event loop and reports why when the worker fails', async () => {
    const db = new BetterSqlite3(temp.file);
    db.pragma('journal_mode = WAL');
    try {
      // The worker cannot open a file that does not exist, and stops.
      const failures: Error[] = [];
      const checkpointer = new SqliteCheckpointer(db, join(temp.dir, 'missing', 'plenary.db'), (error) =>
        failures.push(error),
      );
      await vi.waitFor(() => expect(checkpointer.running).toBe(false), WITHIN);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(failures).toHaveLength(1);
      expect(failures[0]?.message).toMatch(/unable to open|directory does not exist|SQLITE_CANTOPEN/i);
      await checkpointer.stop();
    } finally {
      db.close();
    }
  });

  it('stops its worker when the storage closes', async () => {
    const storage = new SqliteStorage({ file: temp.file, backgroundCheckpoints: true });
    await storage.migrate();
    await storage.close();
    expect(storage.checkpointer?.running).toBe(false);
  });
});
