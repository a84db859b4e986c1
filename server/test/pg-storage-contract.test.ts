import { describe, expect, it } from 'vitest';
import { PgStorage } from '../src/storage/pg.js';
import { PG_SCHEMA_VERSION } from '../src/storage/pg-migrations.js';
import { type Storage, StorageError } from '../src/storage/storage.js';
import { dropSchema, freshSchemaName, pgSkipReason, pgUrl } from './pg-test-database.js';
import { storageContract } from './storage-contract.js';

describe.skipIf(pgSkipReason !== null)('PostgreSQL storage', () => {
  storageContract('PostgreSQL', async () => {
    const schema = freshSchemaName('contract');
    const open = () => new PgStorage({ connectionString: pgUrl(), schema, maxConnections: 4 });
    const opened: Storage[] = [open()];
    return {
      storage: opened[0] as Storage,
      async reopen() {
        const storage = open();
        opened.push(storage);
        return storage;
      },
      async dispose() {
        for (const storage of opened) await storage.close().catch(() => {});
        await dropSchema(schema);
      },
    };
  });

  describe('PostgreSQL across several processes', () => {
    it('migrates once when several adapters start on an empty schema at the same moment', async () => {
      const schema = freshSchemaName('migrate');
      const adapters = Array.from({ length: 4 }, () => new PgStorage({ connectionString: pgUrl(), schema }));
      try {
        await Promise.all(adapters.map((a) => a.migrate()));
        await Promise.all(adapters.map((a) => a.migrate()));
        expect(await adapters[0]?.appendUpdates('r1', [update(1)])).toBe(1);
      } finally {
        for (const a of adapters) await a.close();
        await dropSchema(schema);
      }
    });

    it('numbers concurrent appends from two adapters without gaps or duplicates', async () => {
      const schema = freshSchemaName('seq');
      const [a, b] = [0, 1].map(() => new PgStorage({ connectionString: pgUrl(), schema })) as [PgStorage, PgStorage];
      try {
        await a.migrate();
        await b.migrate();
        const appends = Array.from({ length: 40 }, (_, n) =>
          (n % 2 === 0 ? a : b).appendUpdates('r1', [update(n), update(n + 100)]),
        );
        const lasts = await Promise.all(appends);
        expect(new Set(lasts).size).toBe(40);
        const log = await a.readUpdates('r1', 0, 1000);
        expect(log.map((u) => u.seq)).toEqual(Array.from({ length: 80 }, (_, n) => n + 1));
        expect((await b.lastSeqs(['r1', 'none'])).get('r1')).toBe(80);
      } finally {
        await a.close();
        await b.close();
        await dropSchema(schema);
      }
    });

    it('keeps the first author of a client id bound at once from two adapters', async () => {
      const schema = freshSchemaName('bind');
      const [a, b] = [0, 1].map(() => new PgStorage({ connectionString: pgUrl(), schema })) as [PgStorage, PgStorage];
      try {
        await a.migrate();
        await b.migrate();
        const bind = (s: PgStorage, delegation: string) =>
          s.putAuthorBindings('r1', [{ clientId: 42, author: `${delegation}\u0000sub:x`, delegation, person: 'x' }]);
        await Promise.all([bind(a, 'France'), bind(b, 'Brazil')]);
        const bound = await a.listAuthorBindings('r1');
        expect(bound).toHaveLength(1);
        expect(await b.listAuthorBindings('r1')).toEqual(bound);
      } finally {
        await a.close();
        await b.close();
        await dropSchema(schema);
      }
    });

    it('refuses a schema migrated by a newer build', async () => {
      const schema = freshSchemaName('newer');
      const storage = new PgStorage({ connectionString: pgUrl(), schema });
      try {
        await storage.migrate();
        const admin = new PgStorage({ connectionString: pgUrl(), schema });
        await admin.close();
        const pool = (await import('pg')).default;
        const client = new pool.Client({ connectionString: pgUrl() });
        await client.connect();
        await client.query(`UPDATE ${schema}.plenary_schema SET version = $1`, [PG_SCHEMA_VERSION + 1]);
        await client.end();
        const failure = await storage.migrate().catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(StorageError);
        expect((failure as Error).message).toMatch(/newer than this build understands/);
      } finally {
        await storage.close();
        await dropSchema(schema);
      }
    });
  });
});

function update(n: number) {
  return { update: new Uint8Array([n % 256]), delegation: 'France', person: null, time: 1_700_000_000_000 + n };
}
