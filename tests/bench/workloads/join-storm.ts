import { readFileSync } from 'node:fs';
import { LightSocket, updateMessage } from '../clients/light-socket.js';
import type { JobResult, JoinParams, Target } from '../job.js';
import { cpuSeconds, rssPeakSampler, settledRss } from '../proc.js';
import { median, percentile } from '../stats.js';
import { textOfUpdates } from '../trace.js';
import { sleep } from './wait.js';

const ROOM = 'bench-join';

/**
 * Join storm: a seeder puts the document into the room (and stays, so the room stays loaded);
 * then `clients` light sockets join spread over `windowMs` (0: all at once). Figures: time from the first join
 * to the last sync step 2, server CPU, and peak RSS during the storm.
 */
export async function joinStorm(target: Target, params: JoinParams): Promise<JobResult> {
  const url = `${target.wsBase}/${ROOM}?token=${target.token}`;
  const state = readFileSync(params.stateFile);
  const seeder = new LightSocket(url);
  await seeder.synced;
  seeder.send(updateMessage(state));
  // The document is in the room once a fresh join receives it whole.
  let ready = false;
  for (let attempt = 0; attempt < 200 && !ready; attempt++) {
    const check = new LightSocket(url);
    await check.synced;
    ready = check.step2Bytes >= state.length * 0.9;
    await check.close();
    if (!ready) await sleep(50);
  }
  if (!ready) return { figures: {}, converged: false, detail: 'the room never held the seeded document' };
  await settledRss(target.pid, { maxMs: 5000 });

  const cpu0 = cpuSeconds(target.pid);
  const peak = rssPeakSampler(target.pid);
  const start = performance.now();
  const sockets: LightSocket[] = [];
  for (let i = 0; i < params.clients; i++) {
    const wait = start + (params.windowMs * i) / params.clients - performance.now();
    if (wait > 0) await sleep(wait);
    sockets.push(new LightSocket(url, { record: true }));
  }
  await Promise.all(sockets.map((s) => s.synced));
  const allSynced = Math.max(...sockets.map((s) => s.syncedAt)) - start;
  const cpu = cpuSeconds(target.pid) - cpu0;
  const peakRss = peak.stop();
  // Each distinct step 2 is decoded once; all must hold the seeded text.
  const byDigest = new Map<string, LightSocket>();
  for (const socket of sockets) byDigest.set(socket.recordDigest(), socket);
  const converged = [...byDigest.values()].every((s) => textOfUpdates(s.recorded) === params.expectedContent);
  await Promise.all([...sockets, seeder].map((s) => s.close()));
  return {
    figures: {
      clients: sockets.length,
      all_synced_ms: allSynced,
      median_sync_ms: median(sockets.map((s) => s.syncedAt - s.startedAt)),
      p99_sync_ms: percentile(
        sockets.map((s) => s.syncedAt - s.startedAt),
        99,
      ),
      server_cpu_s: cpu,
      peak_rss_bytes: peakRss,
      state_bytes: state.length,
    },
    converged,
    detail: `${byDigest.size} distinct step 2 payload(s)`,
  };
}
