import type { ClusterEvent } from './cluster/messages.js';
import type { Connection } from './connection.js';
import type { MemoryReclaimer } from './memory.js';
import { Room as RoomClass, type RoomDeps } from './room.js';

/** A loaded room, whose members are the server's connections. */
type Room = RoomClass<Connection>;

/**
 * The rooms loaded in this process. A room loads once however many clients join at the same
 * moment (they share one promise), unloads after it has been empty for `idleMs`, and a failed
 * load is forgotten so that the next join tries again instead of opening an empty room. Each
 * unload is reported to `reclaimer`, which gives the memory back once the unloads settle.
 */
export class RoomRegistry {
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /**
   * Where changes to a room are announced to the other processes of a cluster (null: this
   * process is the only one).
   */
  announcer: ((room: string, event: ClusterEvent) => void) | null = null;

  constructor(
    private readonly deps: RoomDeps,
    private readonly idleMs: number,
    private readonly reclaimer: MemoryReclaimer | null = null,
  ) {}

  /** Number of rooms in memory (loaded or loading). */
  get size(): number {
    return this.loading.size;
  }

  /**
   * Returns the loaded room, loading it if needed. The caller must `join` synchronously after
   * this resolves, which cancels any idle unload. Rejects with `RoomLoadError` on a failed load.
   */
  async acquire(id: string): Promise<Room> {
    for (;;) {
      const unloading = this.unloading.get(id);
      if (unloading) {
        await unloading;
        continue;
      }
      let promise = this.loading.get(id);
      if (!promise) {
        promise = RoomClass.load<Connection>(id, this.deps);
        this.loading.set(id, promise);
        const loadingPromise = promise;
        promise.then(
          (room) => {
            room.onFail = () => this.forget(id, loadingPromise);
          },
          () => this.forget(id, loadingPromise),
        );
      }
      const room = await promise;
      if (!room.closed) return room;
      // The room closed while we waited; wait for its unload and load it afresh.
      await (this.unloading.get(id) ?? Promise.resolve());
      this.forget(id, promise);
    }
  }

  private revocations = 0;

  /**
   * How many revocations this process has recorded so far. A join reads it before re-reading
   * the revocations from storage and compares it again right before joining: a change means a
   * revocation was stored while it read, so it reads again (see `server.ts`).
   */
  get revocationEpoch(): number {
    return this.revocations;
  }

  /**
   * Marks that a revocation is stored. Called after the revocation is committed and before the
   * room's open connections are swept for it, so that a join either sees the revocation in
   * storage or is already among the connections the sweep closes.
   */
  noteRevocation(): void {
    this.revocations++;
  }

  /** Tells the other processes of a cluster that `event` happened to `room` (stored already). */
  announce(room: string, event: ClusterEvent): void {
    this.announcer?.(room, event);
  }

  /** Every room loaded (not loading, failed or closed). */
  async loadedRooms(): Promise<Room[]> {
    const settled = await Promise.allSettled([...this.loading.values()]);
    return settled.flatMap((result) => (result.status === 'fulfilled' && !result.value.closed ? [result.value] : []));
  }

  /** The room if it is loaded, without loading it. */
  async peek(id: string): Promise<Room | null> {
    const promise = this.loading.get(id);
    if (!promise) return null;
    try {
      const room = await promise;
      return room.closed ? null : room;
    } catch {
      return null;
    }
  }

  /** Called by a room when its last connection left `idleMs` ago. */
  idle(room: Room): void {
    if (room.connections.size > 0 || room.closed) return;
    void this.unload(room);
  }

  /** Milliseconds an empty room stays loaded. */
  get idleTimeout(): number {
    return this.idleMs;
  }

  private async unload(room: Room): Promise<void> {
    const promise = this.loading.get(room.id);
    const done = room
      .unload()
      .catch((error: unknown) => this.deps.logger.error({ room: room.id, err: error }, 'unload failed'))
      .finally(() => {
        if (promise) this.forget(room.id, promise);
        this.unloading.delete(room.id);
        this.reclaimer?.roomUnloaded();
      });
    this.unloading.set(room.id, done);
    await done;
  }

  /**
   * Closes a room for good (deleted or archived): `close` is called on the loaded room (to close
   * its connections), then the room commits what is pending and unloads. Resolves once nothing
   * of the room is in memory, so its storage may be removed.
   */
  async evict(id: string, close: (room: Room) => void): Promise<void> {
    const room = await this.peek(id);
    if (room) {
      close(room);
      await this.unload(room);
    }
    await (this.unloading.get(id) ?? Promise.resolve());
  }

  /** Unloads every room: commits what is pending and compacts. Used when shutting down. */
  async unloadAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.loading.values()]);
    await Promise.all(
      rooms.map((result) => (result.status === 'fulfilled' ? this.unload(result.value) : Promise.resolve())),
    );
    await Promise.all([...this.unloading.values()]);
  }

  private forget(id: string, promise: Promise<Room>): void {
    if (this.loading.get(id) === promise) this.loading.delete(id);
  }
}
