import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SCHED_IDLE, SCHED_OTHER, threadPolicy } from '@plenary/server';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import { makeDataDir } from '../support/server.js';
import { freePort, type SpawnedServer, spawnServer } from '../support/spawned-server.js';

const STARTED = 'Plenary is running at';

/** The threads of `pid` other than its main thread. */
function otherThreads(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`)
    .map(Number)
    .filter((tid) => tid !== pid);
}

/** The scheduling policy of every thread of `pid`: the main thread's first, then the others'. */
async function policies(pid: number): Promise<{ main: number | null; others: (number | null)[] }> {
  return {
    main: await threadPolicy(pid, pid),
    others: (await Promise.all(otherThreads(pid).map((tid) => threadPolicy(pid, tid)))).filter(
      (policy) => policy !== null,
    ),
  };
}

/** A thread's disk priority as `ionice` prints it, e.g. `best-effort: prio 4`. */
function ioPriority(tid: number): string {
  return execFileSync('ionice', ['--pid', String(tid)], { encoding: 'utf8' }).trim();
}

/** A folder to use as PATH, holding node (for the start script) and the named system commands. */
function pathWith(commands: readonly string[]): string {
  const bin = makeDataDir();
  symlinkSync(process.execPath, join(bin, 'node'));
  for (const command of commands) symlinkSync(join('/usr/bin', command), join(bin, command));
  return bin;
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

  async function start(env: NodeJS.ProcessEnv = {}, wrapper: readonly string[] = []): Promise<SpawnedServer> {
    dataDir = makeDataDir();
    server = await spawnServer(dataDir, await freePort(), env, wrapper);
    const started = server;
    await waitFor(() => started.stdout().includes(STARTED), 'the server printing its start line');
    return started;
  }

  it('runs every thread but the event loop at idle priority, the checkpoint worker included, with the normal disk class', async () => {
    const { child } = await start({ PLENARY_BACKGROUND_THREADS: 'idle' });
    const pid = child.pid as number;
    const { main, others } = await policies(pid);
    expect(main).toBe(SCHED_OTHER);
    // V8's workers, libuv's thread pool and the checkpoint worker.
    expect(others.length).toBeGreaterThanOrEqual(6);
    expect(others.every((policy) => policy === SCHED_IDLE)).toBe(true);
    // The level a thread at nice 0 has by default.
    for (const tid of otherThreads(pid)) expect(ioPriority(tid)).toBe('best-effort: prio 4');
  });

  it('keeps the disk class it was started with, and says so', async () => {
    const { child, stdout } = await start({ PLENARY_BACKGROUND_THREADS: 'idle', PLENARY_LOG_LEVEL: 'info' }, [
      'ionice',
      '--class',
      '3',
    ]);
    const pid = child.pid as number;
    const { others } = await policies(pid);
    expect(others.every((policy) => policy === SCHED_IDLE)).toBe(true);
    for (const tid of otherThreads(pid)) expect(ioPriority(tid)).toBe('idle');
    expect(stdout()).toMatch(/"ioClassGiven":true/);
  });

  it('leaves every thread at the normal policy by default', async () => {
    const { child } = await start();
    const { main, others } = await policies(child.pid as number);
    expect(main).toBe(SCHED_OTHER);
    expect(others.length).toBeGreaterThanOrEqual(6);
    expect(others.every((policy) => policy === SCHED_OTHER)).toBe(true);
  });

  it('starts without chrt, leaves the threads alone and logs why', async () => {
    const bin = pathWith([]);
    try {
      const { child, stdout } = await start({
        PATH: bin,
        PLENARY_BACKGROUND_THREADS: 'idle',
        PLENARY_LOG_LEVEL: 'warn',
      });
      const { others } = await policies(child.pid as number);
      expect(others.every((policy) => policy === SCHED_OTHER)).toBe(true);
      expect(stdout()).toMatch(/"msg":"some background threads keep their normal priority"/);
      expect(stdout()).toMatch(/"idled":0,/);
      expect(stdout()).toMatch(/chrt --idle --pid 0 \d+/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('starts without ionice, its idle threads then with the idle disk class, and logs why', async () => {
    const bin = pathWith(['chrt']);
    try {
      const { child, stdout } = await start({
        PATH: bin,
        PLENARY_BACKGROUND_THREADS: 'idle',
        PLENARY_LOG_LEVEL: 'warn',
      });
      const pid = child.pid as number;
      const { others } = await policies(pid);
      expect(others.every((policy) => policy === SCHED_IDLE)).toBe(true);
      // Never set: the kernel derives the idle class from the policy; how `ionice` shows an unset
      // class differs between kernels (`none: prio 0` here).
      for (const tid of otherThreads(pid)) expect(ioPriority(tid)).toMatch(/^(none: prio \d|idle)$/);
      expect(stdout()).toMatch(/"msg":"some idle-priority threads have the idle disk class"/);
      expect(stdout()).toMatch(/ionice --pid \d+/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
