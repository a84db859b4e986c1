import { KeyedQueue } from './comments/comment-queue.js';
import { HttpError, RoomLoadError } from './errors.js';
import type { RoomRegistry } from './rooms.js';

/** A loaded room as the registry hands it out. */
export type LoadedRoom = Awaited<ReturnType<RoomRegistry['acquire']>>;

/**
 * Operations that change a room's document or records on the server's behalf (suggestion
 * decisions, issuing and restoring revisions) run one at a time per room, so two never work
 * from the same stale state.
 */
const queues = new WeakMap<RoomRegistry, KeyedQueue>();

function queueOf(rooms: RoomRegistry): KeyedQueue {
  let queue = queues.get(rooms);
  if (!queue) {
    queue = new KeyedQueue();
    queues.set(rooms, queue);
  }
  return queue;
}

/**
 * Runs `task` on the loaded room (loading it when needed), one task at a time per room. A room
 * that fails to load is 503 `room_unavailable`. The room unloads again afterwards when nobody is
 * connected.
 */
export function withRoom<T>(rooms: RoomRegistry, room: string, task: (loaded: LoadedRoom) => Promise<T>): Promise<T> {
  return queueOf(rooms).run(room, async () => {
    let loaded: LoadedRoom;
    try {
      loaded = await rooms.acquire(room);
    } catch (error) {
      if (error instanceof RoomLoadError) throw new HttpError(503, 'room_unavailable', 'room unavailable; retry');
      throw error;
    }
    try {
      return await task(loaded);
    } finally {
      rooms.idle(loaded);
    }
  });
}
