import type { Logger } from 'pino';
import type { StoredState } from './room-loading.js';
import type { Storage } from './storage/storage.js';

/** Take a snapshot once this many updates were appended since the last one… */
const SNAPSHOT_EVERY_UPDATES = 10_000;
/** …or once the log since the last snapshot is larger than this and than the snapshot. */
const SNAPSHOT_MIN_BYTES = 1024 * 1024;

/**
 * A room's update log since its last snapshot, and its compaction (DESIGN §4): a snapshot is
 * written once 10 000 updates were appended since the last one, or once the log is at least
 * 1 MiB and larger than the snapshot, and on unload whenever anything was appended.
 */
export class Snapshots {
  private lastSeq = 0;
  private updatesSinceSnapshot = 0;
  private bytesSinceSnapshot = 0;
  private snapshotBytes = 0;

  constructor(
    private readonly room: string,
    private readonly deps: { readonly storage: Storage; readonly logger: Logger },
    stored: StoredState,
    /**
     * The `seq` up to which the document holds every stored update, when other processes store
     * updates too (`cluster/seq-tracker.ts`); otherwise the last `seq` this room stored.
     */
    private readonly coveredSeq: (() => number) | null = null,
  ) {
    this.reset(stored);
  }

  /** Starts over from the stored copy as loaded (at load, and when the room reloads). */
  reset(stored: StoredState): void {
    this.lastSeq = stored.lastSeq;
    this.updatesSinceSnapshot = stored.updatesSinceSnapshot;
    this.bytesSinceSnapshot = stored.bytesSinceSnapshot;
    this.snapshotBytes = stored.snapshotBytes;
  }

  /** The snapshot plus every update stored or applied since. */
  get logBytes(): number {
    return this.snapshotBytes + this.bytesSinceSnapshot;
  }

  /** Counts an update applied to the document (stored with the next commit). */
  noteApplied(bytes: number): void {
    this.bytesSinceSnapshot += bytes;
  }

  /** Counts `count` updates appended to the log, the last of them at `lastSeq`. */
  noteStored(count: number, lastSeq: number): void {
    this.lastSeq = lastSeq;
    this.updatesSinceSnapshot += count;
  }

  /** Whether a snapshot is due (`force`: whenever anything was appended since the last one). */
  isDue(force: boolean): boolean {
    const due =
      this.updatesSinceSnapshot >= SNAPSHOT_EVERY_UPDATES ||
      (this.bytesSinceSnapshot >= SNAPSHOT_MIN_BYTES && this.bytesSinceSnapshot >= this.snapshotBytes);
    return due || (force && this.updatesSinceSnapshot > 0);
  }

  /**
   * Writes `state()` (the whole document) as the snapshot at the last stored sequence number.
   * A failed write is logged: the log still holds every update, so it only delays compaction.
   */
  async take(state: () => Uint8Array): Promise<void> {
    const seq = this.coveredSeq ? this.coveredSeq() : this.lastSeq;
    const full = state();
    try {
      await this.deps.storage.writeSnapshot(this.room, seq, full);
      this.snapshotBytes = full.length;
      this.updatesSinceSnapshot = 0;
      this.bytesSinceSnapshot = 0;
    } catch (error) {
      this.deps.logger.warn({ room: this.room, err: error }, 'snapshot failed');
    }
  }
}
