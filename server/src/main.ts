import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { idleBackgroundThreads } from './background-threads.js';
import { pidFile } from './backup.js';
import { parseConfig } from './config.js';
import { holdYoungGeneration } from './memory.js';
import { defaultWebRoot } from './paths.js';
import { startServer } from './server.js';

/**
 * Entry point of `pnpm start`: configuration from the environment, then the server until
 * SIGTERM or SIGINT, which drain (`/healthz` 503), commit every room and exit.
 */
export async function main(): Promise<void> {
  const config = parseConfig(process.env, { webRoot: defaultWebRoot() });
  const server = await startServer(config);
  holdYoungGeneration();
  if (config.backgroundThreads === 'idle') {
    const outcome = await idleBackgroundThreads();
    if (outcome.kind === 'unavailable') {
      server.logger.warn({ reason: outcome.reason }, 'background threads keep their normal priority');
    } else if (outcome.kind === 'idle') {
      server.logger.info({ threads: outcome.threads }, 'background threads at idle priority');
    }
  }
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(pidFile(config.dataDir), String(process.pid));
  console.log(`Plenary is running at ${server.config.publicUrl}/ (data in ${config.dataDir})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'draining');
    server.close().then(
      () => {
        rmSync(pidFile(config.dataDir), { force: true });
        process.exit(0);
      },
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
