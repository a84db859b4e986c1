import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { freePort } from '../support/free-port.js';
import { GENERATOR_LIMITS, pinned, REPO_ROOT, waitHealthy } from './peers/launch.js';
import { tempDir } from './runner.js';

/** One Plenary process of a cluster bench, on PostgreSQL (and Redis when several). */
export interface ClusterPeer {
  readonly pid: number;
  readonly wsBase: string;
  /** SIGTERM (drain), then waits for the exit. */
  stop(): Promise<void>;
}

export interface ClusterPeerOptions {
  readonly databaseUrl: string;
  /** The run's own schema (never `public`): created by the first process, dropped by the bench. */
  readonly schema: string;
  /** Redis of the fan-out; null runs one process without it. */
  readonly redisUrl: string | null;
  readonly secret: string;
}

/**
 * Starts one `node server/scripts/start.mjs` on core 0 (where the single-process bench runs its
 * server too), on the run's PostgreSQL schema and, when given, Redis, with the limits a load
 * generator needs raised as in the other server workloads.
 */
export async function launchClusterPeer(options: ClusterPeerOptions): Promise<ClusterPeer> {
  const port = await freePort();
  const dataDir = tempDir('cluster');
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    HOST: '127.0.0.1',
    PORT: String(port),
    PLENARY_DATA_DIR: dataDir,
    PLENARY_SECRET: options.secret,
    PLENARY_LOG_LEVEL: 'warn',
    DATABASE_URL: options.databaseUrl,
    PLENARY_DATABASE_SCHEMA: options.schema,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...GENERATOR_LIMITS,
  };
  const [file, ...args] = pinned(0, [process.execPath, 'server/scripts/start.mjs']);
  const child = spawn(file as string, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitHealthy(
    `http://127.0.0.1:${port}/healthz`,
    () => child.exitCode !== null,
    () => stderr,
  );
  return {
    pid: child.pid as number,
    wsBase: `ws://127.0.0.1:${port}/collab`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts `count` processes, hands them to `body`, and stops them whatever happens. */
export async function withClusterPeers<T>(
  count: number,
  options: ClusterPeerOptions,
  body: (peers: ClusterPeer[]) => Promise<T>,
): Promise<T> {
  const peers: ClusterPeer[] = [];
  try {
    // One after the other: the first creates the schema's tables, the others find them.
    for (let i = 0; i < count; i++) peers.push(await launchClusterPeer(options));
    return await body(peers);
  } finally {
    await Promise.all(peers.map((peer) => peer.stop()));
  }
}

/** Drops the run's schema with everything in it. */
export async function dropBenchSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
