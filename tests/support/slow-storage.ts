import { join } from 'node:path';
import { SqliteStorage, type Storage } from '@plenary/server';

/** A turn of the event loop: other requests' socket events run before the call continues. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * SQLite storage in `dataDir` whose comment reads and writes each answer one event-loop turn
 * later, as a database over the network would. SQLite alone answers within the same turn, which
 * hides interleavings that any other `Storage` adapter would show.
 */
export function commentsOverNetwork(dataDir: string): Storage {
  const inner = new SqliteStorage({ file: join(dataDir, 'plenary.db') });
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || !/Comment/.test(property)) {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        await nextTurn();
        const result: unknown = await value.apply(target, args);
        await nextTurn();
        return result;
      };
    },
  });
}
