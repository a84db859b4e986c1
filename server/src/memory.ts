import { setFlagsFromString } from 'node:v8';
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
 * Keeps V8's young generation at the size it reached while the server started. V8 doubles it
 * under a burst of allocation (many rooms loading at once) and keeps it at that size long after,
 * so a burst would otherwise cost memory for good. The young generation a starting server
 * reaches is ample for serving rooms.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
