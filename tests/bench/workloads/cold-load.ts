import { LightSocket } from '../clients/light-socket.js';
import type { ColdParams, JobResult, Target } from '../job.js';
import { textOfUpdates } from '../trace.js';

/**
 * Cold load: the first client to join a room that is only in storage (the peer was just
 * restarted on its data dir). Figure: time from the connect to sync step 2.
 */
export async function coldLoad(target: Target, params: ColdParams, room: string): Promise<JobResult> {
  const socket = new LightSocket(`${target.wsBase}/${room}?token=${target.token}`, { record: true });
  await socket.synced;
  const ms = socket.syncedAt - socket.startedAt;
  const converged = textOfUpdates(socket.recorded) === params.expectedContent;
  await socket.close();
  return {
    figures: { first_synced_ms: ms, step2_bytes: socket.step2Bytes },
    converged,
    detail: converged ? 'the loaded document has the expected text' : 'the loaded document differs',
  };
}
