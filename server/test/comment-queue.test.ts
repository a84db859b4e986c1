import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../src/comments/comment-queue.js';

/** A promise with its resolver, to hold a task open until the test lets it finish. */
function gate(): { readonly promise: Promise<void>; readonly open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('the per-room write queue', () => {
  it('runs the tasks of one key one at a time, in the order queued', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run('room', async () => {
      log.push('a starts');
      await first.promise;
      log.push('a ends');
    });
    const b = queue.run('room', async () => {
      log.push('b runs');
    });
    await Promise.resolve();
    expect(log).toEqual(['a starts']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a starts', 'a ends', 'b runs']);
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const held = gate();
    const slow = queue.run('one', () => held.promise.then(() => 'one'));
    expect(await queue.run('two', async () => 'two')).toBe('two');
    held.open();
    expect(await slow).toBe('one');
  });

  it('keeps going after a task fails, and forgets keys with nothing queued', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('room', async () => {
      throw new Error('refused');
    });
    const next = queue.run('room', async () => 'next');
    await expect(failed).rejects.toThrow('refused');
    expect(await next).toBe('next');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(queue.size).toBe(0);
  });
});
