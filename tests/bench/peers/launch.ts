import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/free-port.js';
import type { PeerKind } from '../job.js';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const REFERENCE_SERVER = fileURLToPath(
  new URL('../../node_modules/@y/websocket-server/src/server.js', import.meta.url),
);
const TSX = ['--import', 'tsx'];

const TASKSET = '/usr/bin/taskset';

/** `taskset -c <cpu>` in front of a command, when taskset exists (it execs, so pids stay). */
export function pinned(cpu: number, command: string[]): string[] {
  return existsSync(TASKSET) ? [TASKSET, '-c', String(cpu), ...command] : command;
}

/**
 * Pins every thread of this process to `cpu` (threads started later inherit it), when taskset
 * exists. The bench's own process runs beside the load generator, never on the servers' core:
 * unpinned, its collector and compiler threads took core 0 for 2–10 ms at a time while a
 * server was broadcasting, and most of all early in a run, i.e. in the first peer's first run.
 */
export function pinThisProcess(cpu: number): void {
  if (existsSync(TASKSET))
    execFileSync(TASKSET, ['--all-tasks', '--cpu-list', '--pid', String(cpu), String(process.pid)]);
}

export interface PeerOptions {
  /** Plenary: its data dir (kept between restarts by the caller). */
  readonly dataDir: string;
  readonly secret: string;
  /** Plenary: PLENARY_ROOM_IDLE_MS, when the workload needs a shorter idle timeout. */
  readonly roomIdleMs?: number;
  /** Cached-state floor: the encoded document to answer joins with. */
  readonly stateFile?: string;
}

/** A peer server running as its own process on core 0. */
export interface RunningPeer {
  readonly kind: PeerKind;
  readonly pid: number;
  readonly port: number;
  readonly wsBase: string;
  /** SIGTERM (Plenary drains and compacts), then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * The limits an operator would raise for a load generator, through the environment as for any
 * deployment: one generator replays a trace from one socket as fast as the server takes it and
 * opens thousands of sockets on one token, far past what the defaults allow a person. Nothing
 * else differs from the defaults; a variable set in the environment wins.
 */
export const GENERATOR_LIMITS: Readonly<Record<string, string>> = {
  PLENARY_MAX_MESSAGES_PER_SECOND: '1000000',
  PLENARY_MAX_CONNECTIONS_PER_TOKEN: '100000',
};

function command(kind: PeerKind): string[] {
  switch (kind) {
    case 'plenary': {
      // Extra node flags for Plenary alone (profiling: --cpu-prof, --heapsnapshot-signal=…).
      const extra = process.env.BENCH_PLENARY_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
      return [process.execPath, ...extra, 'server/scripts/start.mjs'];
    }
    case 'reference':
      return [process.execPath, REFERENCE_SERVER];
    case 'relay':
      return [process.execPath, ...TSX, 'tests/bench/peers/relay.ts'];
    case 'cached':
      return [process.execPath, ...TSX, 'tests/bench/peers/cached-state.ts'];
  }
}

/**
 * Polls `url` until it answers 2xx (a minute at most); fails at once, with the process's
 * stderr, when `exited` says the process is gone.
 */
export async function waitHealthy(url: string, exited: () => boolean, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`peer exited: ${stderr()}`);
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`peer at ${url} did not become ready: ${stderr()}`);
}

/**
 * Starts `kind` as users run it (Plenary: `node server/scripts/start.mjs` with defaults, auth and
 * SQLite on) pinned to core 0, and resolves once it answers HTTP.
 */
export async function launchPeer(kind: PeerKind, options: PeerOptions): Promise<RunningPeer> {
  const port = await freePort();
  // Plenary runs on its embedded SQLite: a database or fan-out named in the environment belongs
  // to whoever set it, and rooms left there by an earlier run would change what is measured.
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, HOST: '127.0.0.1', PORT: String(port) };
  if (kind === 'plenary') {
    env.PLENARY_DATA_DIR = options.dataDir;
    env.PLENARY_SECRET = options.secret;
    if (options.roomIdleMs !== undefined) env.PLENARY_ROOM_IDLE_MS = String(options.roomIdleMs);
    for (const [name, value] of Object.entries(GENERATOR_LIMITS)) env[name] ??= value;
  }
  if (options.stateFile) env.BENCH_STATE_FILE = options.stateFile;
  const [file, ...args] = pinned(0, command(kind));
  const child = spawn(file as string, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const health = kind === 'plenary' ? '/healthz' : '/';
  await waitHealthy(
    `http://127.0.0.1:${port}${health}`,
    () => child.exitCode !== null,
    () => stderr,
  );
  const wsBase = kind === 'plenary' ? `ws://127.0.0.1:${port}/collab` : `ws://127.0.0.1:${port}`;
  return {
    kind,
    pid: child.pid as number,
    port,
    wsBase,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export { freePort };
