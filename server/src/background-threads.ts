import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** Linux's normal scheduling policy (`SCHED_OTHER`), as `/proc/<pid>/task/<tid>/stat` reports it. */
export const SCHED_OTHER = 0;
/** Linux's `SCHED_IDLE` scheduling policy, as `/proc/<pid>/task/<tid>/stat` reports it. */
export const SCHED_IDLE = 5;

/** What `idleBackgroundThreads` did. */
export type BackgroundThreadsOutcome =
  | {
      readonly kind: 'swept';
      /** Threads now under `SCHED_IDLE`. */
      readonly idled: number;
      /** Threads under another policy than the normal one already (set by whoever started us). */
      readonly skipped: number;
      /** Threads `chrt` could not change, each with the reason; they keep their policy. */
      readonly failed: readonly string[];
    }
  /** Not Linux: scheduling policies are left alone. */
  | { readonly kind: 'unsupported' };

/**
 * Puts every thread of this process that exists now, except the main one (the event loop), under
 * Linux's `SCHED_IDLE` policy: V8's garbage-collection and compiler threads and libuv's thread
 * pool. They still get the core whenever the event loop waits, but they no longer preempt it: a
 * broadcast to a room's 200 sockets runs to its end instead of pausing for a millisecond or more
 * while a collector or compiler thread takes its turn.
 *
 * The trade-off: where the cores stay busy with other work, these threads wait long for their
 * turn, and the event loop waits with them whenever it needs their result (a garbage-collection
 * pause that shares its work with them, a static file read). Lowering a thread's priority needs
 * no privilege; raising it back does, so it lasts as long as the process.
 *
 * Node has no call for it, so `chrt` (from util-linux) sets it, one thread after another. Threads
 * started later (the storage's checkpoint worker, started after this runs) keep the normal
 * policy. The directory listing goes through the libuv thread pool, which therefore exists by
 * then. A thread that exits meanwhile is left out; one `chrt` cannot change is counted with the
 * reason, and the others are still changed.
 */
export async function idleBackgroundThreads(chrt = 'chrt'): Promise<BackgroundThreadsOutcome> {
  if (process.platform !== 'linux') return { kind: 'unsupported' };
  const tids = (await readdir('/proc/self/task')).map(Number).filter((tid) => tid !== process.pid);
  let idled = 0;
  let skipped = 0;
  const failed: string[] = [];
  for (const tid of tids) {
    const policy = await threadPolicy(process.pid, tid);
    if (policy === null) continue;
    if (policy !== SCHED_OTHER) {
      skipped++;
      continue;
    }
    try {
      await run(chrt, ['--idle', '--pid', '0', String(tid)]);
      idled++;
    } catch (error) {
      // A thread may exit between the listing and chrt.
      if ((await threadPolicy(process.pid, tid)) === null) continue;
      failed.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { kind: 'swept', idled, skipped, failed };
}

/**
 * The scheduling policy of thread `tid` of process `pid` (`SCHED_OTHER`, `SCHED_IDLE`, …), or
 * null when the thread is gone.
 */
export async function threadPolicy(pid: number, tid: number): Promise<number | null> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return policyOfStat(stat);
}

/**
 * The scheduling policy (field 41) of a `/proc/<pid>/task/<tid>/stat` line, or null when the
 * line has no such field. Field 2, the thread's name in parentheses, may itself hold spaces and
 * parentheses, so fields are counted from after its last `)`, where field 3 starts.
 */
export function policyOfStat(stat: string): number | null {
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(' ');
  const policy = Number(fields[41 - 3]);
  return Number.isInteger(policy) ? policy : null;
}

/** Runs `file` with `args`; rejects with the command line and what it wrote to stderr. */
function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 5000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}
