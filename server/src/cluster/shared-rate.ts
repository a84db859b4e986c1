import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { KeyedRate } from '../rate-limit.js';
import { RATE_SCRIPT } from './limit-scripts.js';

/** A rate that one process counts alone: what a shared rate falls back to without Redis. */
export interface LocalRate {
  take(key: string): boolean;
}

/**
 * A rate per key (a token's comment writes) counted by every process of a cluster together: one
 * bucket per key in Redis (`RATE_SCRIPT`, on Redis's clock, expiring once full again), so a token
 * spreading its writes over N processes gets the rate once, not N times (docs/SCALING.md).
 * While Redis cannot be reached, each process counts with its own `fallback`.
 */
export class SharedRate implements KeyedRate {
  private readonly interval: number;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    perMinute: number,
    private readonly burst: number,
    private readonly fallback: LocalRate,
    private readonly logger: Logger,
  ) {
    this.interval = 60_000 / perMinute;
  }

  async take(key: string): Promise<boolean> {
    if (this.redis.status === 'ready') {
      try {
        const redisKey = `${this.keyPrefix}${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
        return Number(await this.redis.eval(RATE_SCRIPT, 1, redisKey, this.interval, this.burst)) === 1;
      } catch (err) {
        this.logger.debug({ err }, 'counting a write in Redis failed; counted by this process alone');
      }
    }
    return this.fallback.take(key);
  }
}
