import { LightSocket } from '../clients/light-socket.js';
import type { IdleParams, JobResult, Target } from '../job.js';
import { settledRss } from '../proc.js';
import { sleep } from './wait.js';

/** Joins in flight at once while opening the rooms. */
const CONCURRENT_JOINS = 50;

/**
 * Idle rooms: `rooms` rooms with one light socket each. Figures: RSS per room over the settled
 * baseline, then, after everyone left and the peer's idle timeout passed, how much of that
 * growth the process gave back.
 */
export async function idleRooms(target: Target, params: IdleParams): Promise<JobResult> {
  const baseline = await settledRss(target.pid);
  const sockets: LightSocket[] = [];
  let failures = 0;
  for (let i = 0; i < params.rooms; i += CONCURRENT_JOINS) {
    const batch: LightSocket[] = [];
    for (let j = i; j < Math.min(params.rooms, i + CONCURRENT_JOINS); j++) {
      batch.push(new LightSocket(`${target.wsBase}/bench-idle-${j}?token=${target.token}`));
    }
    const results = await Promise.allSettled(batch.map((s) => s.synced));
    failures += results.filter((r) => r.status === 'rejected').length;
    sockets.push(...batch);
  }
  const loaded = await settledRss(target.pid);
  await Promise.all(sockets.map((s) => s.close()));
  await sleep(params.idleMs + 500);
  const released = await settledRss(target.pid, { maxMs: 15_000 });
  const growth = loaded - baseline;
  return {
    figures: {
      rooms: params.rooms,
      baseline_rss_bytes: baseline,
      loaded_rss_bytes: loaded,
      rss_per_room_bytes: growth / params.rooms,
      after_leave_rss_bytes: released,
      // With no measurable growth (tiny smoke sizes) there is nothing to give back: count it as all.
      given_back_fraction: growth > 0 ? (loaded - released) / growth : 1,
    },
    converged: failures === 0,
    detail: failures === 0 ? `all ${params.rooms} rooms synced` : `${failures} joins failed`,
  };
}
