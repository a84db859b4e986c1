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
      /**
       * Whether the process was started with an explicit disk class (e.g. `ionice -c 3`, systemd's
       * `IOSchedulingClass=`): every thread keeps it, since `chrt` never changes an explicit one.
       */
      readonly ioClassGiven: boolean;
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
 * CPU a second under steady typing. Linux derives a thread's disk class from its policy unless
 * one was set, and gives a `SCHED_IDLE` thread the idle class (which schedulers such as BFQ and
 * mq-deadline serve only when the disk is otherwise idle); so, unless the process was started
 * with an explicit class, each idled thread is given the best-effort class at the level its nice
 * value implies (`ionice`), as before, and the checkpoint worker's syncs keep their place.
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
  // An explicit class is shared by every thread (each inherits it when created).
  let ioClassGiven = false;
  let setIoClass = false;
  try {
    ioClassGiven = !(await run(commands.ionice, ['--pid', String(process.pid)])).startsWith('none');
    setIoClass = !ioClassGiven;
  } catch (error) {
    ioFailed.push(reasonOf(error));
  }
  for (const tid of tids) {
    const stat = await threadStat(process.pid, tid);
    if (stat === null) continue;
    const policy = policyOfStat(stat);
    const nice = statField(stat, 19);
    if (policy !== SCHED_OTHER) {
      skipped++;
      continue;
    }
    const idle = await runOnThread(tid, commands.chrt, ['--idle', '--pid', '0', String(tid)]);
    if (idle.kind === 'gone') continue;
    if (idle.kind === 'failed') {
      failed.push(idle.reason);
      continue;
    }
    idled++;
    if (!setIoClass) continue;
    const level = bestEffortLevel(nice ?? 0);
    const io = await runOnThread(tid, commands.ionice, [
      '--class',
      '2',
      '--classdata',
      String(level),
      '--pid',
      String(tid),
    ]);
    if (io.kind === 'failed') ioFailed.push(io.reason);
  }
  return { kind: 'swept', idled, skipped, failed, ioFailed, ioClassGiven };
}

/** How a command on one thread went. */
type ThreadRun = { readonly kind: 'done' | 'gone' } | { readonly kind: 'failed'; readonly reason: string };

/** Runs a command on thread `tid`; 'gone' when the thread exited meanwhile. */
async function runOnThread(tid: number, file: string, args: readonly string[]): Promise<ThreadRun> {
  try {
    await run(file, args);
    return { kind: 'done' };
  } catch (error) {
    if ((await threadStat(process.pid, tid)) === null) return { kind: 'gone' };
    return { kind: 'failed', reason: reasonOf(error) };
  }
}

/** What a failed command's rejection says. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The best-effort disk priority level (0 highest, 7 lowest) Linux derives from a nice value for
 * a thread with no class of its own: `(nice + 20) / 5`, so 4 at nice 0 and 6 at nice 10.
 */
export function bestEffortLevel(nice: number): number {
  return Math.min(7, Math.max(0, Math.trunc((nice + 20) / 5)));
}

/**
 * The scheduling policy of thread `tid` of process `pid` (`SCHED_OTHER`, `SCHED_IDLE`, …), or
 * null when the thread is gone.
 */
export async function threadPolicy(pid: number, tid: number): Promise<number | null> {
  const stat = await threadStat(pid, tid);
  return stat === null ? null : policyOfStat(stat);
}

/** The `/proc/<pid>/task/<tid>/stat` line of a thread, or null when the thread is gone. */
async function threadStat(pid: number, tid: number): Promise<string | null> {
  try {
    return await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  } catch {
    return null;
  }
}

/** The scheduling policy (field 41) of a `/proc/<pid>/task/<tid>/stat` line, or null. */
export function policyOfStat(stat: string): number | null {
  return statField(stat, 41);
}

/**
 * Numeric field `n` (counted from 1) of a `/proc/<pid>/task/<tid>/stat` line, or null when the
 * line has no such field. Field 2, the thread's name in parentheses, may itself hold spaces and
 * parentheses, so fields are counted from after its last `)`, where field 3 starts.
 */
export function statField(stat: string, n: number): number | null {
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(' ');
  const value = Number(fields[n - 3]);
  return Number.isInteger(value) ? value : null;
}

/** Runs `file` with `args`; resolves with its output, rejects with the command line and stderr. */
function run(file: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 5000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}
