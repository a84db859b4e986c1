import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** Linux's `SCHED_IDLE` scheduling policy, as `/proc/<pid>/task/<tid>/stat` reports it. */
export const SCHED_IDLE = 5;

/** What `idleBackgroundThreads` did. */
export type BackgroundThreadsOutcome =
  /** Every thread but the event loop's now runs at idle priority (`threads` were changed). */
  | { readonly kind: 'idle'; readonly threads: number }
  /** Not Linux: scheduling policies are left alone. */
  | { readonly kind: 'unsupported' }
  /** The `chrt` command could not be run; nothing changed. */
  | { readonly kind: 'unavailable'; readonly reason: string };

/**
 * Puts every thread of this process except the main one (the event loop) under Linux's
 * `SCHED_IDLE` policy: V8's garbage collection and compiler threads, libuv's thread pool and the
 * storage's checkpoint worker. They still get the core whenever the event loop waits, but they
 * no longer preempt it: a broadcast to a room's 200 sockets runs to its end instead of pausing
 * for a millisecond or more while a collector or compiler thread takes its turn.
 *
 * Lowering a thread's own priority needs no privilege. Node has no call for it, so `chrt` (from
 * util-linux) sets it; without `chrt` the threads keep their priority and the outcome says why.
 * A thread that exits meanwhile is skipped. Threads started later keep the normal policy, so
 * this runs once the server has started its workers; the directory listing below goes through
 * the libuv thread pool, which therefore exists by then.
 */
export async function idleBackgroundThreads(chrt = 'chrt'): Promise<BackgroundThreadsOutcome> {
  if (process.platform !== 'linux') return { kind: 'unsupported' };
  const tids = (await readdir('/proc/self/task')).map(Number).filter((tid) => tid !== process.pid);
  let threads = 0;
  for (const tid of tids) {
    if ((await threadPolicy(process.pid, tid)) !== 0) continue;
    try {
      await run(chrt, ['--idle', '--pid', '0', String(tid)]);
      threads++;
    } catch (error) {
      // A thread may exit between the listing and chrt; anything else means chrt cannot help.
      if ((await threadPolicy(process.pid, tid)) === null) continue;
      return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return { kind: 'idle', threads };
}

/**
 * The scheduling policy of thread `tid` of process `pid` (0 normal, 5 `SCHED_IDLE`), or null when
 * the thread is gone.
 */
export async function threadPolicy(pid: number, tid: number): Promise<number | null> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 (the thread's name) may hold spaces and parentheses; field 3 follows its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // The policy is field 41.
  return Number(fields[41 - 3]);
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 5000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}
