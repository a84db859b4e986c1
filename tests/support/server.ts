import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Config,
  type PlenaryServer,
  parseConfig,
  type Role,
  type StartOptions,
  type Storage,
  startServer,
} from '@plenary/server';
import { afterAll, beforeAll } from 'vitest';

/** A fixed secret for tests, so tokens can be minted before the server starts. */
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestServer {
  readonly server: PlenaryServer;
  readonly dataDir: string;
  readonly wsUrl: string;
  readonly httpUrl: string;
  token(
    room: string,
    delegation: string,
    role?: Role,
    extra?: { ttlSeconds?: number; person?: string },
  ): Promise<string>;
  /** Stops the server; `keepData` keeps the data dir for a restart. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Makes an empty data dir under the OS temp folder. */
export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'plenary-test-'));
}

/**
 * Starts the real server in this process on port 0 with a temp (or given) data dir, with
 * `storage` instead of SQLite in the data dir when given (the server closes it on stop), and
 * logging to `logger` when given (silent otherwise).
 */
export async function startTestServer(
  options: { dataDir?: string; config?: Partial<Config>; storage?: Storage; logger?: StartOptions['logger'] } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const config = parseConfig(
    {},
    { port: 0, dataDir, secret: TEST_SECRET, logLevel: 'silent', roomIdleMs: 200, ...options.config },
  );
  const server = await startServer(config, {
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    server,
    dataDir,
    wsUrl: `ws://127.0.0.1:${server.port}/collab`,
    httpUrl: `http://127.0.0.1:${server.port}`,
    token: (room, delegation, role = 'delegate', extra = {}) =>
      server.tokens.issue({
        room,
        delegation,
        role,
        ttlSeconds: extra.ttlSeconds ?? 3600,
        ...(extra.person ? { person: extra.person } : {}),
      }),
    async stop({ keepData = false } = {}) {
      await server.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A test server shared by a `describe` block, with an operator token (chair of every room). */
export interface OperatorServer {
  readonly server: TestServer;
  readonly operator: string;
}

/**
 * Starts one test server before the enclosing block's tests and stops it after them; the
 * returned object's fields are set once `beforeAll` has run.
 */
export function useOperatorServer(): OperatorServer {
  const context: { server?: TestServer; operator?: string } = {};
  beforeAll(async () => {
    context.server = await startTestServer();
    context.operator = await context.server.token('*', 'Secretariat', 'chair');
  });
  afterAll(async () => {
    await context.server?.stop();
  });
  return {
    get server() {
      if (!context.server) throw new Error('the test server starts in beforeAll');
      return context.server;
    },
    get operator() {
      if (context.operator === undefined) throw new Error('the operator token is minted in beforeAll');
      return context.operator;
    },
  };
}
