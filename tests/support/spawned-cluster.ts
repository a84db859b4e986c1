import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { startRedis, type TestRedis } from './redis-server.js';
import { makeDataDir } from './server.js';
import { mintToken, type SpawnedServer, spawnServer } from './spawned-server.js';

/** The PostgreSQL of the cluster tests: `DATABASE_URL`, which CI always sets. */
export const CLUSTER_DATABASE_URL: string | null = process.env.DATABASE_URL || null;

/** Why the cluster tests of a file do not run (no database outside CI), or null when they do. */
export const clusterSkipReason: string | null =
  CLUSTER_DATABASE_URL || process.env.CI
    ? null
    : 'cluster tests skipped: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)';

/** The database URL, or an error in CI when it is missing. */
export function clusterDatabaseUrl(): string {
  if (!CLUSTER_DATABASE_URL) throw new Error('DATABASE_URL must be set for the cluster tests (CI runs them always)');
  return CLUSTER_DATABASE_URL;
}

/** A fresh schema name for one test file's cluster. */
export function clusterSchemaName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Runs `sql` on the tests' database (e.g. dropping a test's schema). */
export async function onDatabase<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clusterDatabaseUrl() });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** One server process of a spawned cluster. */
export interface ClusterProcess {
  readonly server: SpawnedServer;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** A token signed with the shared test secret (any process of the cluster accepts it). */
  token(room: string, delegation: string, role?: 'chair' | 'delegate' | 'observer'): Promise<string>;
}

/** Server processes spawned on one PostgreSQL schema and one `redis-server` of their own. */
export interface SpawnedCluster {
  readonly redis: TestRedis;
  readonly schema: string;
  readonly processes: ClusterProcess[];
  /** Spawns one more process of the cluster (port 0, its own data dir). */
  spawn(): Promise<ClusterProcess>;
  /** Kills every process, stops Redis and drops the schema. */
  stop(): Promise<void>;
}

/**
 * Spawns `count` built servers (`node server/scripts/start.mjs`) as separate processes, each with
 * `DATABASE_URL`, the test's schema, `REDIS_URL` and the shared test secret passed explicitly,
 * plus `extraEnv`.
 */
export async function startSpawnedCluster(
  prefix: string,
  count: number,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<SpawnedCluster> {
  const databaseUrl = clusterDatabaseUrl();
  const schema = clusterSchemaName(prefix);
  const redis = await startRedis();
  const dataDirs: string[] = [];
  const processes: ClusterProcess[] = [];
  const spawnOne = async (): Promise<ClusterProcess> => {
    const dataDir = makeDataDir();
    dataDirs.push(dataDir);
    const server = await spawnServer(dataDir, 0, {
      DATABASE_URL: databaseUrl,
      PLENARY_DATABASE_SCHEMA: schema,
      REDIS_URL: redis.url,
      PLENARY_ROOM_IDLE_MS: '200',
      ...extraEnv,
    });
    const node: ClusterProcess = {
      server,
      httpUrl: server.httpUrl,
      wsUrl: server.wsUrl,
      token: (room, delegation, role = 'delegate') => mintToken(room, delegation, role),
    };
    processes.push(node);
    return node;
  };
  const cluster: SpawnedCluster = {
    redis,
    schema,
    processes,
    spawn: spawnOne,
    async stop() {
      await Promise.all(processes.map((node) => node.server.kill()));
      await redis.stop();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      await onDatabase((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
  try {
    // One after the other: both would wait on the migration lock anyway.
    for (let i = 0; i < count; i++) await spawnOne();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
