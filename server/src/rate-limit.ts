import { CloseCode } from '@plenary/protocol';
import { CloseError } from './errors.js';

/** Seconds of the sustained rate a bucket holds, so short bursts above the rate pass. */
export const BURST_SECONDS = 5;

/** A sender over one of its rates; the client retries after a backoff (close code 4529). */
export class RateLimitedError extends CloseError {
  constructor(message: string) {
    super(CloseCode.rateLimited, message);
  }
}

/**
 * A token bucket: `perSecond` tokens refill every second, up to `capacity` (by default
 * `perSecond × BURST_SECONDS`). Starts full, so a client's join (sync, awareness, a queued
 * backlog) is never limited.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly capacity: number = perSecond * BURST_SECONDS,
  ) {
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty (nothing is taken then). */
  take(): boolean {
    const now = this.now();
    const elapsed = now - this.last;
    if (elapsed > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether the bucket has refilled to capacity (dropping it then changes nothing). */
  isFull(): boolean {
    return this.tokens + ((this.now() - this.last) * this.perSecond) / 1000 >= this.capacity;
  }
}

/**
 * Open connections counted per key (a token, a forwarded address), refusing past a cap. Every
 * successful `acquire` must be matched by one `release` when the connection closes.
 */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts one more connection for `key`; false (and nothing counted) when at the cap. */
  acquire(key: string): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  release(key: string): void {
    const count = (this.counts.get(key) ?? 0) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }
}
