import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi } from '../support/api.js';
import { connectClient, type TestClient, waitFor, waitForAsync, whenSynced } from '../support/clients.js';
import { freePort } from '../support/free-port.js';
import { startRedis } from '../support/redis-server.js';
import { makeDataDir, TEST_SECRET } from '../support/server.js';
import { clusterDatabaseUrl, clusterSchemaName, clusterSkipReason, onDatabase } from '../support/spawned-cluster.js';
import { healthStatus, mintToken, REPO_ROOT } from '../support/spawned-server.js';
import { appendToClause } from '../support/y-draft.js';

if (clusterSkipReason) console.warn(clusterSkipReason);

/** Whether nothing listens on `port` right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A port followed by `count - 1` free ports. */
async function freeConsecutivePorts(count: number): Promise<number> {
  for (;;) {
    const first = await freePort();
    if (first + count > 65535) continue;
    let all = true;
    for (let i = 1; i < count && all; i++) all = await isFree(first + i);
    if (all) return first;
  }
}

/** The environment of a `start:cluster` run: the test run's database settings left out. */
function scriptEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, PLENARY_SECRET: _secret, ...inherited } = process.env;
  return { ...inherited, HOST: '127.0.0.1', PLENARY_LOG_LEVEL: 'warn', ...extra };
}

function runScript(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['server/scripts/start-cluster.mjs', ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('pnpm start:cluster', () => {
  it('refuses to start without DATABASE_URL, REDIS_URL and PLENARY_SECRET, naming each', async () => {
    const run = runScript([], scriptEnv({ DATABASE_URL: 'postgres://127.0.0.1:1/none' }));
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('REDIS_URL, PLENARY_SECRET must be set');
  });

  it('refuses a number of processes that is not a whole number from 1 to 64', async () => {
    const run = runScript(['--processes=zero'], scriptEnv({}));
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('the number of processes must be an integer from 1 to 64, not "zero"');
  });
});

describe.skipIf(clusterSkipReason !== null)('pnpm start:cluster on PostgreSQL and Redis', () => {
  const schema = clusterSchemaName('startcluster');
  const dataDir = makeDataDir();
  const clients: TestClient[] = [];
  let child: ChildProcess | null = null;
  let stopRedis: (() => Promise<void>) | null = null;

  afterAll(async () => {
    for (const client of clients) client.destroy();
    if (child && child.exitCode === null) {
      // SIGTERM: the script stops its processes (a SIGKILL would leave them running).
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await stopRedis?.();
    rmSync(dataDir, { recursive: true, force: true });
    await onDatabase((db) => db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  }, 60_000);

  it('starts two processes on consecutive ports that both serve one room, and stops them on SIGTERM', async () => {
    const redis = await startRedis();
    stopRedis = () => redis.stop();
    const port = await freeConsecutivePorts(2);
    const run = runScript(
      ['--processes=2'],
      scriptEnv({
        PORT: String(port),
        PLENARY_DATA_DIR: dataDir,
        DATABASE_URL: clusterDatabaseUrl(),
        PLENARY_DATABASE_SCHEMA: schema,
        REDIS_URL: redis.url,
        PLENARY_SECRET: TEST_SECRET,
      }),
    );
    child = run.child;
    const urls = [port, port + 1].map((p) => `http://127.0.0.1:${p}`);
    await waitForAsync(
      async () => (await Promise.all(urls.map(healthStatus))).every((status) => status === 200),
      'both processes healthy',
      30_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; the script wrote: ${run.output()}`);
    });
    expect(run.output()).toContain(`2 processes on ports ${port}, ${port + 1}`);

    const operator = await mintToken('*', 'Secretariat', 'chair');
    const created = await callApi({ httpUrl: urls[0] as string }, 'POST', 'rooms', operator, {
      id: 'cluster-script',
      title: 'Space norms',
    });
    expect(created.status).toBe(201);
    const [a, b] = await Promise.all(
      [port, port + 1].map(async (p, i) => {
        const token = await mintToken('cluster-script', i === 0 ? 'France' : 'Brazil');
        const client = connectClient(`ws://127.0.0.1:${p}/collab`, 'cluster-script', token);
        clients.push(client);
        await whenSynced(client.provider);
        return client;
      }),
    );
    if (!a || !b) throw new Error('both clients join');
    appendToClause(a.doc, 'op', 0, ' via-first');
    appendToClause(b.doc, 'op', 0, ' via-second');
    const text = (client: TestClient) => client.doc.getXmlFragment('draft').toString();
    await waitFor(
      () => text(a) === text(b) && text(a).includes('via-first') && text(a).includes('via-second'),
      'the room edited through both processes converges',
    );

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await Promise.all(urls.map(healthStatus))).toEqual([0, 0]);
  });
});
