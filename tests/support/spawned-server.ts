import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenAuthority } from '@plenary/server';
import { freePort } from './free-port.js';
import { TEST_SECRET } from './server.js';

/** The repository root, where `server/scripts/*.mjs` live. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Tokens signed with `TEST_SECRET`, which every spawned server and CLI run uses. */
export const testTokens = new TokenAuthority(TEST_SECRET);

/** A short-lived test token for `room`. */
export function mintToken(room: string, delegation: string, role: 'chair' | 'delegate' | 'observer' = 'delegate') {
  return testTokens.issue({ room, delegation, role, ttlSeconds: 3600 });
}

/** The environment of a spawned server or CLI run on `dataDir` and `port`. */
export function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  // The database and fan-out of the test run are for the tests that ask for them by name.
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  return {
    ...inherited,
    HOST: '127.0.0.1',
    PORT: String(port),
    PLENARY_DATA_DIR: dataDir,
    PLENARY_SECRET: TEST_SECRET,
    PLENARY_LOG_LEVEL: 'silent',
  };
}

/**
 * The environment of a CLI run on the SQLite data dir `dataDir`, signing with the test secret:
 * the test run's own database and fan-out settings are left out.
 */
export function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  return { ...inherited, PLENARY_DATA_DIR: dataDir, PLENARY_SECRET: TEST_SECRET };
}

/** How a spawned process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** The built server running as a child process (`node server/scripts/start.mjs`). */
export interface SpawnedServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Everything the process wrote to stdout so far (its start line and its log). */
  stdout(): string;
  /** Sends SIGKILL and waits for the exit (no-op when already gone). */
  kill(): Promise<Exit>;
}

/** `GET /healthz`: the status code, or 0 when nothing answers. */
export async function healthStatus(httpUrl: string): Promise<number> {
  try {
    const response = await fetch(`${httpUrl}/healthz`);
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

/** The port in `<dataDir>/server.json` once the server `pid` recorded itself there, else 0. */
function recordedPort(dataDir: string, pid: number | undefined): number {
  try {
    const record = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { pid: number; localUrl: string };
    return record.pid === pid ? Number(new URL(record.localUrl).port) : 0;
  } catch {
    return 0;
  }
}

/**
 * Spawns the built server on `dataDir` and `port` and resolves once `/healthz` answers 200. On
 * port 0 the server takes any free port, which `port` of the result then names.
 */
export async function spawnServer(
  dataDir: string,
  port: number,
  extraEnv: NodeJS.ProcessEnv = {},
  /** A command that runs the server (it must exec it, so that the pid stays), e.g. `ionice -c 3`. */
  wrapper: readonly string[] = [],
) {
  const [file, ...args] = [...wrapper, process.execPath, 'server/scripts/start.mjs'];
  const child = spawn(file as string, args, {
    cwd: REPO_ROOT,
    env: { ...serverEnv(dataDir, port), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const deadline = Date.now() + 30_000;
  // On port 0 the server's own record names the port it got.
  let listening = port;
  while (listening === 0 && exit === null && Date.now() < deadline) {
    listening = recordedPort(String(extraEnv.PLENARY_DATA_DIR ?? dataDir), child.pid);
    if (listening === 0) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const httpUrl = `http://127.0.0.1:${listening}`;
  let healthy = false;
  while (!healthy && listening !== 0 && exit === null && Date.now() < deadline) {
    healthy = (await healthStatus(httpUrl)) === 200;
    if (!healthy) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!healthy) {
    child.kill('SIGKILL');
    throw new Error(`server on port ${port} did not become healthy (exit ${JSON.stringify(exit)}): ${stderr}`);
  }
  const server: SpawnedServer = {
    child,
    port: listening,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${listening}/collab`,
    exited,
    stderr: () => stderr,
    stdout: () => stdout,
    async kill() {
      if (exit === null) child.kill('SIGKILL');
      return exited;
    },
  };
  return server;
}

/** The outcome of one CLI run. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node server/scripts/cli.mjs …args` with `env`. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['server/scripts/cli.mjs', ...args],
      { cwd: REPO_ROOT, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export { freePort };
