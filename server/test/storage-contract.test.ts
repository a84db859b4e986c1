import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStorage } from '../src/storage/sqlite.js';
import { SQLITE_SCHEMA_VERSION } from '../src/storage/sqlite-migrations.js';
import { type Storage, StorageError } from '../src/storage/storage.js';
import { storageContract } from './storage-contract.js';
import { useTempDatabase } from './temp-database.js';

for (const backgroundCheckpoints of [false, true]) {
  storageContract(backgroundCheckpoints ? 'SQLite, checkpoints on a worker' : 'SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-storage-'));
    const file = join(dir, 'plenary.db');
    const opened: Storage[] = [new SqliteStorage({ file, backgroundCheckpoints })];
    return {
      storage: opened[0] as Storage,
      async reopen() {
        const storage = new SqliteStorage({ file, backgroundCheckpoints });
        opened.push(storage);
        return storage;
      },
      async dispose() {
        for (const storage of opened) await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}

describe('SQLite appends beside another writer', () => {
  const temp = useTempDatabase('plenary-storage-');

  it('numbers an append after the updates another writer stored meanwhile, from the file', async () => {
    const server = new SqliteStorage({ file: temp.file });
    const other = new SqliteStorage({ file: temp.file });
    try {
      await server.migrate();
      await other.migrate();
      const update = (n: number) => ({ update: new Uint8Array([n]), delegation: 'France', person: null, time: n });
      expect(await server.appendUpdates('r1', [update(1)])).toBe(1);
      expect(await other.appendUpdates('r1', [update(2)])).toBe(2);
      expect(await server.appendUpdates('r1', [update(3)])).toBe(3);
      expect((await server.readUpdates('r1', 0, 10)).map((u) => [u.seq, u.update[0]])).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
      ]);
    } finally {
      await server.close();
      await other.close();
    }
  });
});

describe('SQLite storage migrations and damaged files', () => {
  const temp = useTempDatabase('plenary-storage-');

  /** Opens and migrates the test's file, closing the adapter whatever happens. */
  async function openAndMigrate(): Promise<void> {
    const storage = new SqliteStorage({ file: temp.file });
    try {
      await storage.migrate();
    } finally {
      await storage.close();
    }
  }

  it('refuses a database from a newer schema version and leaves it untouched', async () => {
    const db = new BetterSqlite3(temp.file);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    db.close();
    const failure = await openAndMigrate().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toMatch(/newer than this build understands/);
    const check = new BetterSqlite3(temp.file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION + 1);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    check.close();
  });

  it('records the current schema version after migrating a fresh file', async () => {
    await openAndMigrate();
    const check = new BetterSqlite3(temp.file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    check.close();
  });

  it('reports a file of random bytes as a StorageError naming the file', async () => {
    writeFileSync(temp.file, randomBytes(64 * 1024));
    const failure = await openAndMigrate().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toContain(temp.file);
    expect((failure as Error).message).toMatch(/not a database/);
  });
});
