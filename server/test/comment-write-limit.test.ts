import { describe, expect, it } from 'vitest';
import { CommentWriteLimit } from '../src/comments/comment-write-limit.js';

describe('the comment write rate per token', () => {
  it('allows a burst, then the per-minute rate, per token', () => {
    let now = 0;
    const limit = new CommentWriteLimit(60, 3, () => now);
    expect([limit.take('a'), limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, true, false]);
    expect(limit.take('b')).toBe(true);
    now += 999;
    expect(limit.take('a')).toBe(false);
    now += 1;
    expect(limit.take('a')).toBe(true);
    expect(limit.take('a')).toBe(false);
  });
});
