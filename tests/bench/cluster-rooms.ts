import * as Y from 'yjs';
import { LightSocket, updateMessage } from './clients/light-socket.js';
import type { ClusterPeer } from './cluster-peers.js';
import { cpuSeconds, settledRss } from './proc.js';
import { percentile } from './stats.js';
import { TEXT_NAME } from './trace.js';
import { sleep, waitUntil } from './workloads/wait.js';

/** Joins in flight at once while opening the rooms. */
const CONCURRENT_JOINS = 50;

export interface ManyRoomsParams {
  readonly token: string;
  readonly rooms: number;
  /** Edits a second over all rooms during the edit phase. */
  readonly editsPerSecond: number;
  readonly editSeconds: number;
}

/** What the many-rooms run measured (two processes). */
export interface ManyRoomsFigures {
  readonly processes: number;
  readonly rooms: number;
  readonly connections: number;
  /** Seconds until every socket of every room had synced. */
  readonly joinSeconds: number;
  /** Resident memory of each process once every room was open, in bytes. */
  readonly rssBytes: readonly number[];
  /** Memory growth per room and process (rooms are open on every process), in bytes. */
  readonly rssPerRoomBytes: number;
  readonly edits: number;
  /** From an edit sent on one process to its arrival at the room's socket on the other. */
  readonly editP50Ms: number;
  readonly editP99Ms: number;
  /** CPU seconds of each process over the edit phase. */
  readonly editCpuSeconds: readonly number[];
  readonly converged: boolean;
}

/**
 * Many rooms over two processes: every room has one light socket on each process, so each
 * process holds every room. Then `editsPerSecond` edits spread over the rooms (each from the
 * socket on a process chosen in turn) must arrive at the room's socket on the other process.
 */
export async function manyRooms(peers: readonly ClusterPeer[], params: ManyRoomsParams): Promise<ManyRoomsFigures> {
  const baseline = await Promise.all(peers.map((peer) => settledRss(peer.pid, { maxMs: 5000 })));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const sockets: LightSocket[][] = [];
  let failures = 0;
  const started = performance.now();
  for (let i = 0; i < params.rooms; i += CONCURRENT_JOINS) {
    const batch: Promise<void>[] = [];
    for (let room = i; room < Math.min(params.rooms, i + CONCURRENT_JOINS); room++) {
      const pair = peers.map(
        (peer, side) =>
          new LightSocket(`${peer.wsBase}/bench-rooms-${room}?token=${params.token}`, {
            onUpdate: () => {
              // The edit of this room sent from the other side, if one is in flight.
              const key = `${room}:${1 - side}`;
              const sent = sentAt.get(key);
              if (sent === undefined) return;
              sentAt.delete(key);
              latencies.push(performance.now() - sent);
            },
          }),
      );
      sockets.push(pair);
      batch.push(...pair.map((s) => s.synced));
    }
    const results = await Promise.allSettled(batch);
    failures += results.filter((r) => r.status === 'rejected').length;
  }
  const joinSeconds = (performance.now() - started) / 1000;
  const loaded = await Promise.all(peers.map((peer) => settledRss(peer.pid, { maxMs: 10_000 })));

  const docs = sockets.map(() => new Y.Doc());
  const edits = Math.round(params.editsPerSecond * params.editSeconds);
  const interval = 1000 / params.editsPerSecond;
  const cpu0 = peers.map((peer) => cpuSeconds(peer.pid));
  const t0 = performance.now();
  for (let k = 0; k < edits; k++) {
    const wait = t0 + k * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const room = k % sockets.length;
    const side = Math.floor(k / sockets.length) % 2;
    const doc = docs[room] as Y.Doc;
    const before = Y.encodeStateVector(doc);
    doc.getText(TEXT_NAME).insert(0, String.fromCharCode(97 + (k % 26)));
    sentAt.set(`${room}:${side}`, performance.now());
    const socket = sockets[room]?.[side];
    if (!socket) throw new Error(`room ${room} has no socket on process ${side + 1}`);
    socket.send(updateMessage(Y.encodeStateAsUpdate(doc, before)));
  }
  const converged = failures === 0 && (await waitUntil(() => latencies.length >= edits, 30_000, 20));
  const editCpuSeconds = peers.map((peer, i) => cpuSeconds(peer.pid) - (cpu0[i] as number));
  await Promise.all(sockets.flat().map((s) => s.close()));
  for (const doc of docs) doc.destroy();
  const growth = loaded.reduce((sum, rss, i) => sum + rss - (baseline[i] as number), 0) / peers.length;
  return {
    processes: peers.length,
    rooms: params.rooms,
    connections: params.rooms * peers.length,
    joinSeconds,
    rssBytes: loaded,
    rssPerRoomBytes: growth / params.rooms,
    edits,
    editP50Ms: percentile(latencies, 50),
    editP99Ms: percentile(latencies, 99),
    editCpuSeconds,
    converged,
  };
}
