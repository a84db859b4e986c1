import { randomBytes } from 'node:crypto';
import { startRedis } from '../support/redis-server.js';
import { type ClusterFanoutFigures, clusterFanout } from './cluster-fanout.js';
import { type ClusterPeerOptions, dropBenchSchema, withClusterPeers } from './cluster-peers.js';
import { type ManyRoomsFigures, manyRooms } from './cluster-rooms.js';
import { signToken } from './runner.js';

/** Sizes of one cluster bench run. */
export interface ClusterBenchSizes {
  readonly fanoutClients: number;
  readonly fanoutTypers: number;
  readonly fanoutProbes: number;
  readonly keysPerSecond: number;
  readonly fanoutSeconds: number;
  readonly rooms: number;
  readonly roomEditsPerSecond: number;
  readonly roomEditSeconds: number;
}

/** The fan-out of the single-process bench (200 clients, 20 typing 5 keys a second), and 2,000 rooms. */
export const CLUSTER_FULL_SIZES: ClusterBenchSizes = {
  fanoutClients: 200,
  fanoutTypers: 20,
  fanoutProbes: 5,
  keysPerSecond: 5,
  fanoutSeconds: 20,
  rooms: 2000,
  roomEditsPerSecond: 200,
  roomEditSeconds: 10,
};

export const CLUSTER_QUICK_SIZES: ClusterBenchSizes = { ...CLUSTER_FULL_SIZES, fanoutSeconds: 8, roomEditSeconds: 5 };

/** Every figure of a run. */
export interface ClusterBenchFigures {
  readonly sizes: ClusterBenchSizes;
  /** The fan-out on one process (PostgreSQL, no Redis) and split over two (PostgreSQL and Redis). */
  readonly fanout: { readonly single: ClusterFanoutFigures; readonly split: ClusterFanoutFigures };
  readonly rooms: ManyRoomsFigures;
  readonly seconds: number;
}

/**
 * Runs the cluster workloads on `databaseUrl` in a schema of the run's own (created by the
 * first process, dropped at the end, never `public`) and a `redis-server` of the run's own:
 * the fan-out on one process and then split over two, in the same run so that the figures
 * compare, and many rooms over two processes.
 */
export async function runClusterBench(
  databaseUrl: string,
  sizes: ClusterBenchSizes,
  log: (line: string) => void = () => {},
): Promise<ClusterBenchFigures> {
  const started = performance.now();
  const schema = `bench_cluster_${process.pid}_${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(32).toString('hex');
  const redis = await startRedis();
  try {
    const base: Omit<ClusterPeerOptions, 'redisUrl'> = { databaseUrl, schema, secret };
    const fanoutParams = (room: string, token: string) => ({
      room,
      token,
      clients: sizes.fanoutClients,
      typers: sizes.fanoutTypers,
      probes: sizes.fanoutProbes,
      keysPerSecond: sizes.keysPerSecond,
      seconds: sizes.fanoutSeconds,
    });
    const singleToken = await signToken(secret, 'bench-fanout-single', 'delegate');
    const single = await withClusterPeers(1, { ...base, redisUrl: null }, (peers) =>
      clusterFanout(peers, fanoutParams('bench-fanout-single', singleToken)),
    );
    log(`fan-out, one process: p99 ${single.latencyP99Ms.toFixed(1)} ms, CPU ${single.cpuPercent.toFixed(0)}%`);
    const splitToken = await signToken(secret, 'bench-fanout-split', 'delegate');
    const split = await withClusterPeers(2, { ...base, redisUrl: redis.url }, (peers) =>
      clusterFanout(peers, fanoutParams('bench-fanout-split', splitToken)),
    );
    log(`fan-out, two processes: p99 ${split.latencyP99Ms.toFixed(1)} ms, CPU ${split.cpuPercent.toFixed(0)}%`);
    const roomsToken = await signToken(secret, '*', 'chair');
    const rooms = await withClusterPeers(2, { ...base, redisUrl: redis.url }, (peers) =>
      manyRooms(peers, {
        token: roomsToken,
        rooms: sizes.rooms,
        editsPerSecond: sizes.roomEditsPerSecond,
        editSeconds: sizes.roomEditSeconds,
      }),
    );
    log(`${rooms.rooms} rooms over two processes: joined in ${rooms.joinSeconds.toFixed(1)} s`);
    return { sizes, fanout: { single, split }, rooms, seconds: (performance.now() - started) / 1000 };
  } finally {
    await redis.stop();
    await dropBenchSchema(databaseUrl, schema);
  }
}
