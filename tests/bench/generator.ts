// The load generator: one process (pinned to core 1 by the runner) that runs one job against one
// peer and prints its result as one JSON line. The job arrives as JSON on stdin.
import type { Job, JobResult } from './job.js';
import { coldLoad } from './workloads/cold-load.js';
import { concurrentTrace } from './workloads/concurrent-trace.js';
import { fanOut } from './workloads/fan-out.js';
import { idleRooms } from './workloads/idle-rooms.js';
import { joinStorm } from './workloads/join-storm.js';
import { traceReplay } from './workloads/trace-replay.js';

/** The room cold loads read: the one the trace replay wrote. */
const COLD_ROOM = 'bench-trace';

function run(job: Job): Promise<JobResult> {
  switch (job.workload) {
    case 'trace':
      return traceReplay(job.target, job.params);
    case 'fanout':
      return fanOut(job.target, job.params);
    case 'join':
      return joinStorm(job.target, job.params);
    case 'cold':
      return coldLoad(job.target, job.params, COLD_ROOM);
    case 'idle':
      return idleRooms(job.target, job.params);
    case 'concurrent':
      return concurrentTrace(job.target, job.params);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

readStdin()
  .then((input) => run(JSON.parse(input) as Job))
  .then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
