import type { Logger } from 'pino';
import { type BroadcastWrite, broadcastBatch } from './broadcast.js';
import type { RoomMember } from './room-member.js';
import type { Snapshots } from './snapshots.js';
import type { Provenance, Storage } from './storage/storage.js';

/** A write applied to the document and waiting for its commit to storage. */
interface PendingWrite extends BroadcastWrite {
  readonly provenance: Provenance;
  /** The member's count of accepted writes including this one (for its ack). */
  readonly writeNumber: number;
  /** For the server's own writes: told once the write is stored (or storing it failed). */
  readonly settle?: (error: Error | null) => void;
}

/** What the commit queue works with: its room's storage, members, log and failure. */
export interface CommitQueueDeps {
  readonly room: string;
  readonly storage: Storage;
  readonly logger: Logger;
  readonly members: ReadonlySet<RoomMember>;
  readonly snapshots: Snapshots;
  /** The whole document, encoded (for a snapshot). */
  readonly fullState: () => Uint8Array;
  /** Whether the room is closed: a closed room commits only when unloading. */
  readonly isClosed: () => boolean;
  /** Storage failed: the room can no longer guarantee durability. */
  readonly fail: () => void;
  /** Told after each stored batch: the `seq`s the database gave it and its updates, in order. */
  readonly onStored?: (first: number, last: number, updates: readonly Uint8Array[]) => void;
}

/**
 * A room's applied writes waiting for storage (DESIGN §4, commit → broadcast → acknowledge):
 * they are stored in batches, in order, and only once stored broadcast to the other members and
 * acknowledged to their senders. After a commit the log is compacted when a snapshot is due.
 */
export class CommitQueue {
  private pending: PendingWrite[] = [];
  private flushLoop: Promise<void> | null = null;
  /** Writes accepted from each member so far. */
  private readonly accepted = new WeakMap<RoomMember, number>();
  /**
   * Set when a commit's broadcast (one that wrote to a socket) ends, cleared once the event loop
   * has passed the next poll for I/O after it was set: writes read meanwhile most likely arrived
   * while that broadcast was written. A broadcast while it is set does not extend it.
   */
  private afterBroadcast = false;

  constructor(private readonly deps: CommitQueueDeps) {}

  /** The flush in progress, if any: resolves once the writes queued so far are committed. */
  get flushing(): Promise<void> | null {
    return this.flushLoop;
  }

  /** Queues an accepted write (`update` null when it changed nothing) for commit and its ack. */
  queue(member: RoomMember, update: Uint8Array | null): void {
    const writeNumber = (this.accepted.get(member) ?? 0) + 1;
    this.accepted.set(member, writeNumber);
    this.pending.push({ member, update, provenance: member.provenance(), writeNumber });
    this.requestFlush();
  }

  /**
   * Queues a write the server made itself (a suggestion decided), with its own provenance. It is
   * stored and broadcast to every member in order with the clients' writes; resolves once stored,
   * rejects when storing it failed.
   */
  queueServerWrite(update: Uint8Array, provenance: Provenance): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        member: null,
        update,
        provenance,
        writeNumber: 0,
        settle: (error) => (error ? reject(error) : resolve()),
      });
      this.requestFlush();
    });
  }

  /** Drops every write not committed yet (the room failed). */
  clear(): void {
    for (const write of this.pending) write.settle?.(new Error('room storage failed'));
    this.pending = [];
  }

  /** Commits what is still pending, even though the room is closed (on unload). */
  async commitRemaining(): Promise<void> {
    if (this.pending.length > 0) await this.commit(this.pending.splice(0));
  }

  /** Compacts the log into a snapshot when it is due; only when nothing is uncommitted. */
  async compact(force = false): Promise<void> {
    if (!this.deps.snapshots.isDue(force) || this.pending.length > 0) return;
    await this.deps.snapshots.take(this.deps.fullState);
  }

  /**
   * Marks the end of a broadcast until the event loop has passed its next poll for I/O: an
   * immediate set now runs after the current poll (or, set from an immediate, after the next
   * one); the one it sets runs after the poll that follows.
   */
  private markBroadcast(): void {
    if (this.afterBroadcast) return;
    this.afterBroadcast = true;
    setImmediate(this.passNextPoll);
  }

  private readonly passNextPoll = (): void => {
    setImmediate(this.endAfterBroadcast);
  };

  private readonly endAfterBroadcast = (): void => {
    this.afterBroadcast = false;
  };

  /**
   * Commits in a microtask: after the frames of the socket read being handled (ws delivers all
   * frames of one read at once), so a burst from one socket commits together, but before the
   * event loop turns, so a lone keystroke's broadcast waits for no other socket's callbacks.
   *
   * Right after a broadcast the room is likely behind: writes from other sockets arrived while it
   * was written and are read in the same poll of the event loop. A write read then commits once
   * that poll's other sockets are read (`setImmediate`), so their writes share one commit and
   * reach every recipient in one write (`broadcastBatch`): a backlog drains in one pass over the
   * sockets instead of one pass per keystroke.
   */
  private requestFlush(): void {
    if (this.flushLoop) return;
    const turn = this.afterBroadcast ? new Promise<void>((resolve) => setImmediate(resolve)) : Promise.resolve();
    this.flushLoop = turn
      .then(() => this.drain())
      .finally(() => {
        this.flushLoop = null;
        if (this.pending.length > 0 && !this.deps.isClosed()) this.requestFlush();
      });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.deps.isClosed()) {
      const batch = this.pending.splice(0);
      await this.commit(batch);
    }
  }

  /** Stores a batch in one transaction, then broadcasts and acknowledges it in order. */
  private async commit(batch: PendingWrite[]): Promise<void> {
    const { room, storage, logger, members, snapshots } = this.deps;
    const toStore = [];
    for (const write of batch) {
      if (write.update) toStore.push({ update: write.update, ...write.provenance });
    }
    if (toStore.length > 0) {
      let lastSeq: number;
      try {
        lastSeq = await storage.appendUpdates(room, toStore);
      } catch (error) {
        logger.error({ room, err: error }, 'storing updates failed; closing room');
        for (const write of batch) write.settle?.(error instanceof Error ? error : new Error('storing updates failed'));
        this.deps.fail();
        return;
      }
      snapshots.noteStored(toStore.length, lastSeq);
      this.deps.onStored?.(
        lastSeq - toStore.length + 1,
        lastSeq,
        toStore.map((u) => u.update),
      );
    }
    for (const write of batch) write.settle?.(null);
    const sent = broadcastBatch(members, batch);
    const acked = new Map<RoomMember, number>();
    for (const write of batch) if (write.member) acked.set(write.member, write.writeNumber);
    for (const [member, stored] of acked) member.acknowledge(stored);
    if (sent) this.markBroadcast();
    if (this.pending.length === 0) await this.compact();
  }
}
