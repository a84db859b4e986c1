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

/** The outcome of asking for one more connection: granted (release it on close) or refused. */
export interface ConnectionLease {
  readonly granted: boolean;
  /** Why it was refused (the 4529 close reason); empty when granted. */
  readonly reason: string;
  /** Gives the slot back; safe to call more than once, a no-op for a refused lease. */
  release(): void;
}

/** The close reasons of the connection limits (docs/PROTOCOL.md, close code 4529). */
export const CONNECTION_LIMIT_REASONS = {
  token: 'too many connections for this token',
  address: 'too many connections from this address',
} as const;

/**
 * The connection limits of a server: per token and, behind a trusted proxy, per forwarded
 * address. One process counts them itself ({@link LocalConnectionLimiter}); the processes of a
 * cluster count them together (`cluster/shared-connections.ts`).
 */
export interface ConnectionLimiter {
  acquire(token: string, address: string | null): Promise<ConnectionLease>;
}

/** A lease that releases `counters` once. */
export function lease(release: () => void): ConnectionLease {
  let released = false;
  return {
    granted: true,
    reason: '',
    release() {
      if (released) return;
      released = true;
      release();
    },
  };
}

/** A refused lease with its close reason. */
export function refusal(reason: string): ConnectionLease {
  return { granted: false, reason, release() {} };
}

/** Connection limits counted by this process alone. */
export class LocalConnectionLimiter implements ConnectionLimiter {
  private readonly perToken: ConnectionCounter;
  private readonly perAddress: ConnectionCounter;

  constructor(maxPerToken: number, maxPerAddress: number) {
    this.perToken = new ConnectionCounter(maxPerToken);
    this.perAddress = new ConnectionCounter(maxPerAddress);
  }

  /** Synchronous form of {@link acquire}. */
  acquireNow(token: string, address: string | null): ConnectionLease {
    if (!this.perToken.acquire(token)) return refusal(CONNECTION_LIMIT_REASONS.token);
    if (address !== null && !this.perAddress.acquire(address)) {
      this.perToken.release(token);
      return refusal(CONNECTION_LIMIT_REASONS.address);
    }
    return lease(() => {
      this.perToken.release(token);
      if (address !== null) this.perAddress.release(address);
    });
  }

  acquire(token: string, address: string | null): Promise<ConnectionLease> {
    return Promise.resolve(this.acquireNow(token, address));
  }
}

/** A rate per key (a token's comment writes): `take` counts one and says whether it is allowed. */
export interface KeyedRate {
  take(key: string): Promise<boolean>;
}
