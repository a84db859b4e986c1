import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** Linux's normal scheduling policy (`SCHED_OTHER`), as `/proc/<pid>/task/<tid>/stat` reports it. */
export const SCHED_OTHER = 0;
/** Linux's `SCHED_IDLE` scheduling policy, as `/proc/<pid>/task/<tid>/stat` reports it. */
export const SCHED_IDLE = 5;

/** The commands that change a thread's scheduling policy and its disk priority (util-linux). */
export interface ThreadCommands {
  readonly chrt: string;
  readonly ionice: string;
}

const COMMANDS: ThreadCommands = { chrt: 'chrt', ionice: 'ionice' };

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
      /**
       * Idled threads whose disk priority `ionice` could not keep at the normal class, each with
       * the reason; their reads and writes then have the idle class that `SCHED_IDLE` implies.
       */
      readonly ioFailed: readonly string[];
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
 * Every thread is swept, the storage's checkpoint worker included: a normal-priority worker
 * thread spins while the idle-priority collector threads it waits for cannot run (its isolate's
 * incremental sweeping re-posts itself until their concurrent part is done), which cost 20 ms of
 * CPU a second under steady typing. Linux gives a `SCHED_IDLE` thread the idle disk class too, so
 * each idled thread is given back the normal best-effort class (`ionice`): the checkpoint
 * worker's writes and syncs keep their place in the disk queue.
 *
 * Node has no call for either, so `chrt` and `ionice` (from util-linux) set them, one thread
 * after another. The directory listing goes through the libuv thread pool, which therefore exists
 * by then. A thread that exits meanwhile is left out; one a command cannot change is counted with
 * the reason, and the others are still changed.
 */
export async function idleBackgroundThreads(commands: ThreadCommands = COMMANDS): Promise<BackgroundThreadsOutcome> {
  if (process.platform !== 'linux') return { kind: 'unsupported' };
  const tids = (await readdir('/proc/self/task')).map(Number).filter((tid) => tid !== process.pid);
  let idled = 0;
  let skipped = 0;
  const failed: string[] = [];
  const ioFailed: string[] = [];
  for (const tid of tids) {
    const policy = await threadPolicy(process.pid, tid);
    if (policy === null) continue;
    if (policy !== SCHED_OTHER) {
      skipped++;
      continue;
    }
    const idle = await runOnThread(tid, commands.chrt, ['--idle', '--pid', '0', String(tid)]);
    if (idle === 'gone') continue;
    if (idle !== 'done') {
      failed.push(idle);
      continue;
    }
    idled++;
    // Best-effort class, level 4: what a normal thread's priority implies.
    const io = await runOnThread(tid, commands.ionice, ['--class', '2', '--classdata', '4', '--pid', String(tid)]);
    if (io !== 'done' && io !== 'gone') ioFailed.push(io);
  }
  return { kind: 'swept', idled, skipped, failed, ioFailed };
}

/** Runs a command on thread `tid`: 'done', 'gone' when the thread exited meanwhile, or why it failed. */
async function runOnThread(tid: number, file: string, args: string[]): Promise<string> {
  try {
    await run(file, args);
    return 'done';
  } catch (error) {
    if ((await threadPolicy(process.pid, tid)) === null) return 'gone';
    return error instanceof Error ? error.message : String(error);
  }
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
