import { readdirSync, rmSync } from 'node:fs';
import { SCHED_IDLE, threadPolicy } from '@plenary/server';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import { makeDataDir } from '../support/server.js';
import { freePort, type SpawnedServer, spawnServer } from '../support/spawned-server.js';

const STARTED = 'Plenary is running at';

/** The scheduling policy of every thread of `pid`: the main thread's first, then the others'. */
async function policies(pid: number): Promise<{ main: number | null; others: (number | null)[] }> {
  const others = readdirSync(`/proc/${pid}/task`)
    .map(Number)
    .filter((tid) => tid !== pid);
  return {
    main: await threadPolicy(pid, pid),
    others: (await Promise.all(others.map((tid) => threadPolicy(pid, tid)))).filter((policy) => policy !== null),
  };
}

describe('the server process and its background threads', () => {
  let server: SpawnedServer | null = null;
  let dataDir: string | null = null;

  afterEach(async () => {
    await server?.kill();
    server = null;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = null;
  });

  async function start(env: NodeJS.ProcessEnv = {}): Promise<SpawnedServer> {
    dataDir = makeDataDir();
    server = await spawnServer(dataDir, await freePort(), env);
    const started = server;
    await waitFor(() => started.stdout().includes(STARTED), 'the server printing its start line');
    return started;
  }

  it('runs every thread but the event loop at idle priority once it has started', async () => {
    const { child } = await start();
    const { main, others } = await policies(child.pid as number);
    expect(main).toBe(0);
    // V8's workers, libuv's thread pool and the checkpoint worker at least.
    expect(others.length).toBeGreaterThanOrEqual(6);
    expect(others.every((policy) => policy === SCHED_IDLE)).toBe(true);
  });

  it('leaves every thread at the normal policy with PLENARY_BACKGROUND_THREADS=normal', async () => {
    const { child } = await start({ PLENARY_BACKGROUND_THREADS: 'normal' });
    const { main, others } = await policies(child.pid as number);
    expect(main).toBe(0);
    expect(others.length).toBeGreaterThanOrEqual(6);
    expect(others.every((policy) => policy === 0)).toBe(true);
  });

  it('starts without chrt, leaves the threads alone and logs why', async () => {
    // A PATH with nothing on it: the server itself runs from Node's own path.
    const emptyPath = makeDataDir();
    try {
      const { child, stdout } = await start({ PATH: emptyPath, PLENARY_LOG_LEVEL: 'warn' });
      const { others } = await policies(child.pid as number);
      expect(others.every((policy) => policy === 0)).toBe(true);
      expect(stdout()).toMatch(/"msg":"background threads keep their normal priority"/);
      expect(stdout()).toMatch(/chrt --idle --pid 0 \d+/);
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  });
});
