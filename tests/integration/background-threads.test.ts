import { readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SCHED_IDLE, SCHED_OTHER, threadPolicy } from '@plenary/server';
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

  it('runs its background threads at idle priority, the event loop and the checkpoint worker at normal', async () => {
    const { child } = await start();
    const { main, others } = await policies(child.pid as number);
    expect(main).toBe(SCHED_OTHER);
    // V8's workers and libuv's thread pool at least; the checkpoint worker starts afterwards.
    expect(others.filter((policy) => policy === SCHED_IDLE).length).toBeGreaterThanOrEqual(6);
    expect(others.filter((policy) => policy !== SCHED_IDLE)).toEqual([SCHED_OTHER]);
  });

  it('leaves every thread at the normal policy with PLENARY_BACKGROUND_THREADS=normal', async () => {
    const { child } = await start({ PLENARY_BACKGROUND_THREADS: 'normal' });
    const { main, others } = await policies(child.pid as number);
    expect(main).toBe(SCHED_OTHER);
    expect(others.length).toBeGreaterThanOrEqual(6);
    expect(others.every((policy) => policy === SCHED_OTHER)).toBe(true);
  });

  it('starts without chrt, leaves the threads alone and logs why', async () => {
    // A PATH holding only node, for the start script.
    const bin = makeDataDir();
    symlinkSync(process.execPath, join(bin, 'node'));
    try {
      const { child, stdout } = await start({ PATH: bin, PLENARY_LOG_LEVEL: 'warn' });
      const { others } = await policies(child.pid as number);
      expect(others.every((policy) => policy === SCHED_OTHER)).toBe(true);
      expect(stdout()).toMatch(/"msg":"some background threads keep their normal priority"/);
      expect(stdout()).toMatch(/"idled":0,/);
      expect(stdout()).toMatch(/chrt --idle --pid 0 \d+/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
