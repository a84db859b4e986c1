import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Memory is reclaimed once no room has unloaded for this long (the end of a wave of unloads)… */
export const RECLAIM_DELAY_MS = 250;

/** …or at the latest this long after the first unload of the wave. */
export const RECLAIM_MAX_WAIT_MS = 5000;

/**
 * V8's `gc` extension. `last-resort` is the collection V8 runs under memory pressure: several
 * full collections that shrink the heap and release its pooled pages to the system.
 */
type CollectGarbage = (options?: {
  readonly type: 'major';
  readonly execution: 'sync';
  readonly flavor: 'last-resort';
}) => void;

let collector: CollectGarbage | null = null;

/**
 * V8's full collection, obtained without starting node with `--expose-gc`: the flag is turned on
 * just long enough to read `gc` from a fresh context, then off again.
 */
function collectGarbage(): CollectGarbage {
  if (collector) return collector;
  setFlagsFromString('--expose-gc');
  try {
    collector = runInNewContext('gc') as CollectGarbage;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return collector;
}

/**
 * Collects, compacts and shrinks V8's heap and returns the freed pages to the system: a full
 * collection frees what is garbage (the last-resort one alone may leave some behind), then the
 * last-resort collection shrinks the heap. Compacting moves what survives onto fewer pages, so
 * that whole pages can be released. Blocks for a few tens of milliseconds.
 */
export function reclaimHeap(): void {
  const gc = collectGarbage();
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/**
 * Gives memory back to the system after rooms unload. V8 keeps the pages of a heap that grew
 * while many rooms were loaded, and an idle server may not collect for a long time, so the
 * memory of rooms that left would stay with the process. When a wave of unloads ends (none for
 * {@link RECLAIM_DELAY_MS}, or {@link RECLAIM_MAX_WAIT_MS} after its first), `reclaim` runs
 * once, provided `mayPause()` says so: the collection stops the process for a moment, which the
 * server allows only while no client is connected, so nobody's keystrokes wait for it. Rooms
 * coming and going all the time thus cost at most one reclaim per {@link RECLAIM_MAX_WAIT_MS}.
 * The timer never keeps the process alive.
 */
export class MemoryReclaimer {
  private timer: NodeJS.Timeout | null = null;
  private waveStarted = 0;

  constructor(
    private readonly mayPause: () => boolean,
    private readonly reclaim: () => void = reclaimHeap,
    private readonly delayMs = RECLAIM_DELAY_MS,
    private readonly maxWaitMs = RECLAIM_MAX_WAIT_MS,
  ) {}

  /** Notes that a room unloaded; the reclaim waits for the wave of unloads to end. */
  roomUnloaded(): void {
    const now = performance.now();
    if (this.timer === null) this.waveStarted = now;
    else clearTimeout(this.timer);
    const wait = Math.min(this.delayMs, this.waveStarted + this.maxWaitMs - now);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (this.mayPause()) this.reclaim();
      },
      Math.max(0, wait),
    );
    this.timer.unref();
  }

  /** Cancels a pending reclaim (shutdown). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * The young generation a server keeps: V8's largest by default on 64-bit Node 20 (two 16 MB
 * halves), so that typing in a busy room seldom waits for a scavenge.
 */
export const YOUNG_GENERATION_BYTES = 32 * 1024 * 1024;

/** The size of V8's young generation (new space) now. */
export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Sets V8's young generation to `bytes` for good. A process starts with a young generation of
 * 1 MB, which V8 doubles under bursts of allocation and keeps at that size long after. Held at
 * its start size, a busy room's keystrokes wait for a scavenge every few hundred (fan-out p99
 * 1.2× the reference); left to grow, a first burst of joins takes its pages for good (idle
 * rooms gave back 41% of their memory). So it is grown at start by allocating objects that
 * survive a few scavenges, then used through once so that its pages belong to the server from
 * the start (about 40 MB of baseline RSS), and kept from growing further. About 0.1 s, bounded.
 */
export function holdYoungGeneration(bytes = YOUNG_GENERATION_BYTES): void {
  let kept: object[] = [];
  for (let round = 0; round < 200 && youngGenerationBytes() < bytes; round++) {
    for (let i = 0; i < 50_000; i++) kept.push({ i });
    kept = kept.slice(-50_000);
  }
  kept = [];
  // Short-lived objects worth about twice the young generation touch both of its halves.
  for (let i = 0; i < bytes / 8; i++) {
    kept.push({ i });
    if (kept.length >= 10_000) kept = [];
  }
  setFlagsFromString('--semi-space-growth-factor=1');
}
