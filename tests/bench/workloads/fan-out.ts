import * as Y from 'yjs';
import { connectFullClient, type FullClient } from '../clients/full-client.js';
import { LightSocket } from '../clients/light-socket.js';
import type { FanoutParams, JobResult, Target } from '../job.js';
import { cpuSeconds, settledRss } from '../proc.js';
import { percentile } from '../stats.js';
import { TEXT_NAME } from '../trace.js';
import { sleep, waitUntil, within } from './wait.js';

const ROOM = 'bench-fanout';
/** How long one client may take to join and sync before the run fails. */
const JOIN_TIMEOUT_MS = 10_000;

const keyOf = (client: number, clock: number) => `${client}:${clock}`;

/**
 * Records, for every measured keystroke `client` receives, the time since it was typed (only
 * keystrokes in `sentAt` are measured). What arrived is read off the transaction's state vectors
 * (the clocks it integrated), not by decoding the update again: the generator does no Yjs work a
 * stock client would not.
 */
function measureArrivals(client: FullClient, sentAt: ReadonlyMap<string, number>, latencies: number[]): void {
  client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin !== client.provider) return;
    const now = performance.now();
    for (const [id, after] of transaction.afterState) {
      for (let clock = transaction.beforeState.get(id) ?? 0; clock < after; clock++) {
        const sent = sentAt.get(keyOf(id, clock));
        if (sent !== undefined) latencies.push(now - sent);
      }
    }
  });
}

/**
 * Keystroke fan-out: `clients` in one room, `typers` of them stock clients typing one character
 * `keysPerSecond` times a second at random places for `warmupSeconds` and then `seconds`. Latency
 * is measured, for the keystrokes of the measured seconds, from the keystroke to its arrival in
 * every other full client (typers and probes, all in this process, so one clock), and the
 * server's CPU over the same seconds; the light sockets count frames to prove they got every
 * keystroke, warm-up included.
 */
export async function fanOut(target: Target, params: FanoutParams): Promise<JobResult> {
  const url = `${target.wsBase}/${ROOM}?token=${target.token}`;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const full: FullClient[] = [];
  const lights: LightSocket[] = [];
  // Clients join one after another, the full ones at evenly spread places of the join order:
  // servers broadcast in join order, so where the probes sit decides when a keystroke reaches
  // them. Joined all at once, that place came out differently for every run and every peer.
  const fullCount = params.typers + params.probes;
  const total = Math.max(params.clients, fullCount);
  for (let place = 0; place < total; place++) {
    if (full.length < fullCount && place >= (full.length * total) / fullCount) {
      const client = connectFullClient(target.wsBase, ROOM, target.token);
      measureArrivals(client, sentAt, latencies);
      full.push(client);
      await within(client.synced, JOIN_TIMEOUT_MS, `the full client at place ${place} syncing`);
    } else {
      const light = new LightSocket(url);
      lights.push(light);
      await within(light.synced, JOIN_TIMEOUT_MS, `the light socket at place ${place} syncing`);
    }
  }
  await sleep(500);
  const updates0 = lights.map((s) => s.updates);

  const typers = full.slice(0, params.typers);
  const interval = 1000 / params.keysPerSecond;
  const warmupKeystrokes = Math.round(params.warmupSeconds * params.keysPerSecond);
  const keystrokes = warmupKeystrokes + Math.round(params.seconds * params.keysPerSecond);
  let typed = 0;
  let measured = 0;
  // The measured phase starts with the first measured keystroke (the first typer's); the
  // server's CPU is read from then on.
  let cpu0 = 0;
  let start = 0;
  await Promise.all(
    typers.map(async (typer, index) => {
      // Spread the typers' phases over one interval so keystrokes do not arrive in lockstep.
      await sleep((interval * index) / typers.length);
      const text = typer.doc.getText(TEXT_NAME);
      const t0 = performance.now();
      for (let k = 0; k < keystrokes; k++) {
        const due = t0 + k * interval;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (k >= warmupKeystrokes) {
          if (measured === 0) {
            cpu0 = cpuSeconds(target.pid);
            start = performance.now();
          }
          const clock = Y.getState(typer.doc.store, typer.doc.clientID);
          sentAt.set(keyOf(typer.doc.clientID, clock), performance.now());
          measured++;
        }
        text.insert(Math.floor(Math.random() * (text.length + 1)), String.fromCharCode(97 + (k % 26)));
        typed++;
      }
    }),
  );
  const expectedFromOthers = typed;
  const converged =
    (await waitUntil(
      () => {
        const first = full[0]?.doc.getText(TEXT_NAME).toString();
        return full.every(
          (c) => c.doc.getText(TEXT_NAME).length === typed && c.doc.getText(TEXT_NAME).toString() === first,
        );
      },
      30_000,
      20,
    )) &&
    (await waitUntil(
      () => lights.every((s, i) => s.updates - (updates0[i] as number) >= expectedFromOthers),
      30_000,
      20,
    ));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(target.pid) - cpu0;
  const rss = await settledRss(target.pid, { maxMs: 5000 });
  for (const client of full) client.destroy();
  await Promise.all(lights.map((s) => s.close()));
  return {
    figures: {
      keystrokes: measured,
      latency_p50_ms: percentile(latencies, 50),
      latency_p99_ms: percentile(latencies, 99),
      latency_samples: latencies.length,
      server_cpu_s: cpu,
      server_cpu_pct: (cpu / elapsed) * 100,
      rss_bytes: rss,
    },
    converged,
    detail: `${full.length} full clients (${typers.length} typing), ${lights.length} light sockets`,
  };
}
