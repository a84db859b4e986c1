import { KeyedQueue } from './comments/comment-queue.js';
import { HttpError, RoomLoadError } from './errors.js';
import type { RoomRegistry } from './rooms.js';

/** A loaded room as the registry hands it out. */
export type LoadedRoom = Awaited<ReturnType<RoomRegistry['acquire']>>;

/** Server operations on one room run one at a time, so two never work from the same stale record. */
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
 * Runs `task` on the loaded room (loading it when needed, 503 `room_unavailable` when that
 * fails), one server operation at a time per room; the room unloads again afterwards when
 * nobody is connected.
 */
export function withLoadedRoom<T>(
  rooms: RoomRegistry,
  room: string,
  task: (loaded: LoadedRoom) => Promise<T>,
): Promise<T> {
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
