import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { type BackgroundThreadsOutcome, idleBackgroundThreads } from './background-threads.js';
import { pidFile } from './backup.js';
import { parseConfig } from './config.js';
import { holdYoungGeneration } from './memory.js';
import { defaultWebRoot } from './paths.js';
import { startServer } from './server.js';
import { localUrlOf, writeServerRecord } from './server-record.js';

/**
 * Entry point of `pnpm start`: configuration from the environment, then the server until
 * SIGTERM or SIGINT, which drain (`/healthz` 503), commit every room and exit. While it runs,
 * `<dataDir>/server.pid` names it and `<dataDir>/server.json` records where it is reached and
 * its public URL (`server-record.ts`).
 */
export async function main(): Promise<void> {
  const config = parseConfig(process.env, { webRoot: defaultWebRoot() });
  const server = await startServer(config);
  // Synchronously, before the server answers its first request.
  if (config.youngGeneration === 'held') holdYoungGeneration();
  // Signals and the pid file next: the server answers from here on, and is stopped cleanly.
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(pidFile(config.dataDir), String(process.pid));
  // For the CLI on this data dir: where the server is and the base of its invite links.
  const record = {
    pid: process.pid,
    publicUrl: server.config.publicUrl,
    localUrl: localUrlOf(config.host, server.port),
    startedAt: new Date().toISOString(),
  };
  writeServerRecord(config.dataDir, record);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'draining');
    server.close().then(
      () => {
        rmSync(pidFile(config.dataDir), { force: true });
        writeServerRecord(config.dataDir, { ...record, pid: null });
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
  // After the start, so that the storage's checkpoint worker is swept with the others.
  if (config.backgroundThreads === 'idle') {
    try {
      const threads = await idleBackgroundThreads();
      if (threads.kind === 'swept') logBackgroundThreads(server.logger, threads);
    } catch (error) {
      server.logger.warn({ err: error }, 'background threads keep their normal priority');
    }
  }
  if (stopping) return;
  console.log(`Plenary is running at ${server.config.publicUrl}/ (data in ${config.dataDir})`);
}

/** Says how many background threads run at idle priority and, if some could not, why. */
function logBackgroundThreads(logger: Logger, outcome: BackgroundThreadsOutcome & { kind: 'swept' }): void {
  const { idled, skipped, failed, ioFailed } = outcome;
  if (failed.length > 0) {
    logger.warn(
      { idled, skipped, failed: failed.length, reason: failed[0] },
      'some background threads keep their normal priority',
    );
  } else {
    logger.info({ idled, skipped, ioClassGiven: outcome.ioClassGiven }, 'background threads at idle priority');
  }
  if (ioFailed.length > 0) {
    logger.warn(
      { idled, ioFailed: ioFailed.length, reason: ioFailed[0] },
      'some idle-priority threads have the idle disk class',
    );
  }
}
