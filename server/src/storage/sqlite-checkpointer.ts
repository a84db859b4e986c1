import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** How often the worker copies the write-ahead log into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * The main connection's own automatic checkpoint threshold (pages) while the worker runs: a
 * safety net far above what the worker lets the log reach, so the event loop checkpoints only if
 * the worker stops keeping up.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

/** SQLite's default threshold, restored when the worker fails. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker: its own connection to the same file, a PASSIVE checkpoint every interval. PASSIVE
 * never waits for or blocks the writer; frames written meanwhile are copied the next time. The
 * source is inline (CommonJS, better-sqlite3 resolved by the parent) so that it runs the same
 * from the build and from the TypeScript sources.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Runs the write-ahead log's checkpoints on a worker thread, so that no commit on the event loop
 * waits for one. With SQLite's default, the commit that fills the log to 1,000 pages copies it
 * into the database and syncs both files on the event loop: under steady typing that stalled
 * every room of the process for 4–6 ms every few seconds.
 * Durability is unchanged: a commit is in the log when it returns, whoever checkpoints later.
 * If the worker fails, the main connection checkpoints by itself again as before.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  /**
   * `onFailure` hears why the worker stopped when it stops by itself (it cannot open the file,
   * a checkpoint throws, the thread dies): the server logs it, since commits then checkpoint on
   * the event loop again.
   */
  constructor(db: Database, file: string, onFailure: (error: Error) => void = () => {}) {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        file,
        intervalMs: CHECKPOINT_INTERVAL_MS,
      },
    });
    this.worker.unref();
    const fallBack = (error: Error) => {
      if (this.stopped || !db.open) return;
      this.stopped = true;
      db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      onFailure(error);
    };
    this.worker.on('error', fallBack);
    this.worker.on('exit', (code) => fallBack(new Error(`checkpoint worker exited with code ${code}`)));
  }

  /** Whether checkpoints run on the worker (false once it stopped or failed). */
  get running(): boolean {
    return !this.stopped;
  }

  /** Stops the worker and waits for it to close its connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    // Referenced again, so that the process waits for the worker's exit instead of ending
    // with the shutdown that awaits it unfinished.
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
