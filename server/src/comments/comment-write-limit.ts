import { TokenBucket } from '../rate-limit.js';

/** Buckets kept before idle ones are dropped (a dropped bucket was full, so nothing is lost). */
const PRUNE_AT = 10_000;

/**
 * A rate of comment writes (new threads, replies, edits, deletes, resolves) per token: a token
 * bucket per `key` (the token's `jti`) that refills `perMinute` writes a minute and holds
 * `burst`, so a delegate posting several remarks in a row is never held back but a script
 * flooding a room is. Reads are not counted.
 */
export class CommentWriteLimit {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one write for `key`; false when its bucket is empty (nothing is taken then). */
  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= PRUNE_AT) this.prune();
      bucket = new TokenBucket(this.perMinute / 60, this.now, this.burst);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  private prune(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
  }
}
