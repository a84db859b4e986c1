import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL the tests use: `DATABASE_URL`, or in CI (where `.ci/run` starts the local
 * cluster and sets it) always. Outside CI without it, the PostgreSQL tests are skipped, and
 * {@link pgSkipReason} says so.
 */
export const PG_URL: string | null = process.env.DATABASE_URL || null;

/** Why the PostgreSQL tests of a file do not run, or null when they do. */
export const pgSkipReason: string | null =
  PG_URL || process.env.CI
    ? null
    : 'PostgreSQL tests skipped: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)';

if (pgSkipReason) console.warn(pgSkipReason);

/** The connection string of the tests' database; throws in CI when `DATABASE_URL` is missing. */
export function pgUrl(): string {
  if (!PG_URL) throw new Error('DATABASE_URL must be set for the PostgreSQL tests (CI runs them always)');
  return PG_URL;
}

/** A fresh schema name for one test or test file (`prefix` names which). */
export function freshSchemaName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Drops `schema` with everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
