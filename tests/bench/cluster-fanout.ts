import * as Y from 'yjs';
import { connectFullClient, type FullClient } from './clients/full-client.js';
import { LightSocket } from './clients/light-socket.js';
import type { ClusterPeer } from './cluster-peers.js';
import { cpuSeconds } from './proc.js';
import { percentile } from './stats.js';
import { TEXT_NAME } from './trace.js';
import { sleep, waitUntil, within } from './workloads/wait.js';

const JOIN_TIMEOUT_MS = 20_000;

export interface ClusterFanoutParams {
  readonly room: string;
  readonly token: string;
  /** Clients in the room (full clients included), spread over the processes in join order. */
  readonly clients: number;
  readonly typers: number;
  readonly probes: number;
  readonly keysPerSecond: number;
  readonly seconds: number;
}

/** What one fan-out run measured. */
export interface ClusterFanoutFigures {
  readonly processes: number;
  readonly keystrokes: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Arrivals at a client of another process than the typer's (NaN with one process). */
  readonly crossP99Ms: number;
  readonly samples: number;
  /** CPU seconds of all the Plenary processes together over the measured seconds. */
  readonly cpuSeconds: number;
  /** That CPU as a percentage of one core. */
  readonly cpuPercent: number;
  readonly converged: boolean;
}

const keyOf = (client: number, clock: number) => `${client}:${clock}`;

/** Parsed payloads of each light socket so far. */
const parsedUpTo = new WeakMap<LightSocket, number>();

/**
 * Whether the updates `light` recorded reach every clock of `wanted` (client id → clock), taking
 * in the payloads it recorded since the last call into `held` (client id → highest clock seen).
 */
function covers(light: LightSocket, held: Map<number, number>, wanted: ReadonlyMap<number, number>): boolean {
  const from = parsedUpTo.get(light) ?? 0;
  for (const payload of light.recorded.slice(from)) {
    for (const [client, to] of Y.parseUpdateMeta(payload).to) held.set(client, Math.max(held.get(client) ?? 0, to));
  }
  parsedUpTo.set(light, light.recorded.length);
  for (const [client, clock] of wanted) if ((held.get(client) ?? 0) < clock) return false;
  return true;
}

/**
 * Keystroke fan-out over `peers`: the room's clients join one process after another (client
 * `i` on process `i mod n`), `typers` stock clients type one character `keysPerSecond` times a
 * second at random places, and every full client (typers and probes) records when each
 * keystroke arrived. The light sockets prove everyone got every keystroke. One process, or
 * several sharing the room through Redis: the same workload either way.
 */
/**
 * Resolves once every full client sees every other one's presence: the room is live on each
 * process and passes between them, so the first keystroke is not spent on setting that up.
 */
async function allPresent(full: readonly FullClient[]): Promise<void> {
  for (const [i, client] of full.entries()) client.provider.awareness.setLocalStateField('bench', i);
  const seesAll = (client: FullClient) =>
    [...client.provider.awareness.getStates().values()].filter((state) => 'bench' in state).length === full.length;
  if (!(await waitUntil(() => full.every(seesAll), JOIN_TIMEOUT_MS, 5)))
    throw new Error('the full clients did not all see each other’s presence');
}

export async function clusterFanout(peers: readonly ClusterPeer[], params: ClusterFanoutParams) {
  const sentAt = new Map<string, number>();
  const homeOf = new Map<number, number>();
  const latencies: number[] = [];
  const cross: number[] = [];
  const full: FullClient[] = [];
  const lights: LightSocket[] = [];
  const fullCount = params.typers + params.probes;
  const total = Math.max(params.clients, fullCount);
  for (let place = 0; place < total; place++) {
    const isFull = full.length < fullCount && place >= (full.length * total) / fullCount;
    // Full clients and light sockets each alternate over the processes.
    const home = (isFull ? full.length : place - full.length) % peers.length;
    const peer = peers[home] as ClusterPeer;
    if (isFull) {
      const client = connectFullClient(peer.wsBase, params.room, params.token);
      const here = home;
      client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.origin !== client.provider) return;
        const now = performance.now();
        for (const [id, after] of transaction.afterState) {
          for (let clock = transaction.beforeState.get(id) ?? 0; clock < after; clock++) {
            const sent = sentAt.get(keyOf(id, clock));
            if (sent === undefined) continue;
            latencies.push(now - sent);
            if (homeOf.get(id) !== here) cross.push(now - sent);
          }
        }
      });
      homeOf.set(client.doc.clientID, home);
      full.push(client);
      await within(client.synced, JOIN_TIMEOUT_MS, `the full client at place ${place} syncing`);
    } else {
      const light = new LightSocket(`${peer.wsBase}/${params.room}?token=${params.token}`, { record: true });
      lights.push(light);
      await within(light.synced, JOIN_TIMEOUT_MS, `the light socket at place ${place} syncing`);
    }
  }
  await allPresent(full);
  const typers = full.slice(0, params.typers);
  const interval = 1000 / params.keysPerSecond;
  const keystrokes = Math.round(params.seconds * params.keysPerSecond);
  const cpu0 = peers.map((peer) => cpuSeconds(peer.pid));
  const start = performance.now();
  await Promise.all(
    typers.map(async (typer, index) => {
      await sleep((interval * index) / typers.length);
      const text = typer.doc.getText(TEXT_NAME);
      const t0 = performance.now();
      for (let k = 0; k < keystrokes; k++) {
        const wait = t0 + k * interval - performance.now();
        if (wait > 0) await sleep(wait);
        sentAt.set(keyOf(typer.doc.clientID, Y.getState(typer.doc.store, typer.doc.clientID)), performance.now());
        text.insert(Math.floor(Math.random() * (text.length + 1)), String.fromCharCode(97 + (k % 26)));
      }
    }),
  );
  const typed = keystrokes * typers.length;
  // A light socket has every keystroke once its updates reach each typer's last clock (another
  // process passes updates on merged, so frames are not counted). Read after the typing, so that
  // parsing never delays the measured arrivals.
  const finalClocks = new Map(typers.map((t) => [t.doc.clientID, Y.getState(t.doc.store, t.doc.clientID)]));
  const held = lights.map(() => new Map<number, number>());
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
      () => lights.every((light, i) => covers(light, held[i] as Map<number, number>, finalClocks)),
      30_000,
      20,
    ));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = peers.reduce((sum, peer, i) => sum + cpuSeconds(peer.pid) - (cpu0[i] as number), 0);
  for (const client of full) client.destroy();
  await Promise.all(lights.map((s) => s.close()));
  const figures: ClusterFanoutFigures = {
    processes: peers.length,
    keystrokes: typed,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    crossP99Ms: percentile(cross, 99),
    samples: latencies.length,
    cpuSeconds: cpu,
    cpuPercent: (cpu / elapsed) * 100,
    converged,
  };
  return figures;
}
