import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figures, JobResult, PeerKind, WorkloadName } from './job.js';
import { dirBytes, pairOrder, runGenerator, signToken, targetOf, tempDir, withPeer } from './runner.js';
import type { BenchSizes } from './sizes.js';
import { contentAfter, loadTrace, stateAfter } from './trace.js';

/** One run of one workload on one peer. */
export interface Measurement {
  readonly workload: WorkloadName;
  readonly peer: PeerKind;
  readonly pair: number;
  readonly figures: Figures;
  readonly converged: boolean;
  readonly detail: string;
}

export interface BenchResults {
  readonly sizes: BenchSizes;
  readonly measurements: Measurement[];
  readonly seconds: number;
}

export interface BenchOptions {
  readonly sizes: BenchSizes;
  /** Workloads to run (all when omitted). */
  readonly workloads?: readonly WorkloadName[];
  /** Peers to run (all when omitted); a profiling run may measure Plenary alone. */
  readonly peers?: readonly PeerKind[];
  readonly log?: (line: string) => void;
}

export const ALL_WORKLOADS: readonly WorkloadName[] = ['trace', 'cold', 'fanout', 'join', 'idle', 'concurrent'];

export const ALL_PEERS: readonly PeerKind[] = ['plenary', 'reference', 'relay', 'cached'];

/**
 * Runs the workloads of DESIGN §6 against Plenary, the reference and the floors, peers
 * alternating within each pair. Cold loads run inside the trace workload (Plenary restarted on
 * the data dir the replay wrote), so `cold` only selects whether they happen.
 */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const { sizes } = options;
  const log = options.log ?? (() => {});
  const selected = new Set(options.workloads ?? ALL_WORKLOADS);
  const peers = new Set(options.peers ?? ALL_PEERS);
  const order = (kinds: readonly PeerKind[], pair: number) => pairOrder(kinds, pair).filter((k) => peers.has(k));
  const started = performance.now();
  const secret = randomBytes(32).toString('hex');
  const measurements: Measurement[] = [];
  const trace = loadTrace('automerge-paper');
  const edits = Math.min(sizes.traceEdits, trace.txns.length);
  const expectedContent = contentAfter(trace, edits);
  const work = tempDir('state');
  const stateFile = join(work, 'state.bin');
  writeFileSync(stateFile, stateAfter(trace, edits));

  const record = (workload: WorkloadName, peer: PeerKind, pair: number, result: JobResult) => {
    measurements.push({ workload, peer, pair, ...result });
    const figures = Object.entries(result.figures)
      // A figure that could not be measured crosses the process boundary as null (JSON of NaN).
      .map(([key, value]) => `${key}=${formatFigure(value)}`)
      .join(' ');
    log(`${workload} pair ${pair + 1} ${peer}: ${result.converged ? 'converged' : 'NOT CONVERGED'} ${figures}`);
  };

  try {
    if (selected.has('trace') || selected.has('cold')) {
      const token = await signToken(secret, 'bench-trace', 'delegate');
      for (let pair = 0; pair < sizes.tracePairs; pair++) {
        for (const kind of order(['plenary', 'reference', 'relay'], pair)) {
          const params = {
            edits,
            observers: sizes.traceObservers,
            fullObservers: sizes.traceFullObservers,
            burst: sizes.traceBurst,
          };
          const dataDir = tempDir('data');
          await withPeer(kind, { secret, dataDir, keepDataDir: true }, async (peer) => {
            const result = await runGenerator({ workload: 'trace', target: targetOf(peer, token), params });
            const figures =
              kind === 'plenary' ? { ...result.figures, storage_bytes: dirBytes(dataDir) } : result.figures;
            record('trace', kind, pair, { ...result, figures });
          });
          if (kind === 'plenary' && selected.has('cold')) {
            for (let i = 0; i < sizes.coldLoads; i++) {
              await withPeer(kind, { secret, dataDir, keepDataDir: true }, async (peer) => {
                const stored = dirBytes(dataDir);
                const result = await runGenerator({
                  workload: 'cold',
                  target: targetOf(peer, token),
                  params: { expectedContent },
                });
                record('cold', kind, pair, { ...result, figures: { ...result.figures, storage_bytes: stored } });
              });
            }
          }
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    }

    if (selected.has('fanout')) {
      const token = await signToken(secret, 'bench-fanout', 'delegate');
      const params = {
        clients: sizes.fanoutClients,
        typers: sizes.fanoutTypers,
        probes: sizes.fanoutProbes,
        keysPerSecond: sizes.keysPerSecond,
        warmupSeconds: sizes.fanoutWarmupSeconds,
        seconds: sizes.fanoutSeconds,
      };
      if (sizes.fanoutWarmupRoundSeconds > 0) {
        const warmup = { ...params, seconds: sizes.fanoutWarmupRoundSeconds };
        for (const kind of order(['plenary', 'reference', 'relay'], 0)) {
          await withPeer(kind, { secret }, async (peer) => {
            const result = await runGenerator({ workload: 'fanout', target: targetOf(peer, token), params: warmup });
            log(`fanout warm-up round ${kind}: ${result.converged ? 'converged' : 'NOT CONVERGED'} (not recorded)`);
          });
        }
      }
      for (let pair = 0; pair < sizes.pairs; pair++) {
        for (const kind of order(['plenary', 'reference', 'relay'], pair)) {
          await withPeer(kind, { secret }, async (peer) => {
            record(
              'fanout',
              kind,
              pair,
              await runGenerator({ workload: 'fanout', target: targetOf(peer, token), params }),
            );
          });
        }
      }
    }

    if (selected.has('join')) {
      const token = await signToken(secret, 'bench-join', 'delegate');
      const params = { clients: sizes.joinClients, windowMs: sizes.joinWindowMs, stateFile, expectedContent };
      for (let pair = 0; pair < sizes.pairs; pair++) {
        for (const kind of order(['plenary', 'reference', 'cached'], pair)) {
          await withPeer(kind, { secret, stateFile }, async (peer) => {
            record('join', kind, pair, await runGenerator({ workload: 'join', target: targetOf(peer, token), params }));
          });
        }
      }
    }

    if (selected.has('idle')) {
      const token = await signToken(secret, '*', 'chair');
      for (let pair = 0; pair < sizes.tracePairs; pair++) {
        for (const kind of order(['plenary', 'reference', 'relay'], pair)) {
          const idleMs = kind === 'plenary' ? sizes.roomIdleMs : 0;
          await withPeer(kind, { secret, roomIdleMs: sizes.roomIdleMs }, async (peer) => {
            const params = { rooms: sizes.idleRooms, idleMs };
            record('idle', kind, pair, await runGenerator({ workload: 'idle', target: targetOf(peer, token), params }));
          });
        }
      }
    }

    if (selected.has('concurrent')) {
      const token = await signToken(secret, 'bench-concurrent', 'delegate');
      for (const kind of order(['plenary', 'reference'], 0)) {
        await withPeer(kind, { secret }, async (peer) => {
          const params = { txns: sizes.concurrentTxns };
          record(
            'concurrent',
            kind,
            0,
            await runGenerator({ workload: 'concurrent', target: targetOf(peer, token), params }),
          );
        });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { sizes, measurements, seconds: (performance.now() - started) / 1000 };
}

function formatFigure(value: number | null): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a';
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
