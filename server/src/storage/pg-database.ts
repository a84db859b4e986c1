import pg from 'pg';
import { StorageError } from './storage.js';

/** What a query can run on: the pool (its own implicit transaction) or a client inside one. */
export type PgQueryable = pg.Pool | pg.PoolClient;

/** How a PostgreSQL adapter connects. */
export interface PgConnectionOptions {
  /** A `postgres://` connection string (`DATABASE_URL`). */
  readonly connectionString: string;
  /**
   * The schema every table lives in (created by the migrations), `public` by default. Tests give
   * each file a schema of its own.
   */
  readonly schema?: string;
  /** Connections the pool opens at most (10 by default). */
  readonly maxConnections?: number;
}

/** A schema name the adapter accepts: lower-case letters, digits and underscores. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** PostgreSQL's type id of `bigint`. */
const INT8_OID = 20;

/**
 * `bigint` columns (times in milliseconds, sequence numbers, client ids) read back as numbers:
 * every value the adapter stores stays below 2^53.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** Checks and returns the schema name of `options`. */
export function schemaOf(options: PgConnectionOptions): string {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new StorageError(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  return schema;
}

/** Opens a pool whose connections use `options.schema` for every unqualified table name. */
export function openPool(options: PgConnectionOptions): pg.Pool {
  const schema = schemaOf(options);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
    types,
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `fn` in one transaction on a client of `pool`: committed when it resolves, rolled back
 * when it throws (and the error passed on).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
