/**
 * Runs async tasks one at a time per key (a room), in the order they were queued. Comment writes
 * read a thread, check it (author, deleted flag, caps) and write it back over several awaits;
 * queued per room, two writes never interleave, so none overwrites the other with a stale copy
 * and counts checked against a cap stay true until the write. Keys with nothing queued are
 * dropped, so the map holds only rooms with writes in flight.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before under `key`; settles with its result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // A failed task must not block the ones after it: they wait for it to settle, not succeed.
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
