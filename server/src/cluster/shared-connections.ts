import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  CONNECTION_LIMIT_REASONS,
  type ConnectionLease,
  type ConnectionLimiter,
  lease,
  refusal,
} from '../rate-limit.js';
import { ACQUIRE_SCRIPT, RELEASE_SCRIPT } from './limit-scripts.js';

/** How long a process's liveness key lives unless refreshed: its counts vanish this long after it dies. */
export const LIVENESS_MS = 10_000;
/** How often a process refreshes its liveness key and re-asserts its counts. */
export const HEARTBEAT_MS = 3000;
/** How long a counter hash lives unless a process holding connections in it refreshes it. */
const COUNTER_MS = 60_000;

/** One counter a connection takes a slot in: its Redis hash, its cap and its refusal reason. */
interface Counter {
  readonly key: string;
  readonly max: number;
  readonly reason: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

/**
 * Connection limits counted by every process of a cluster together (docs/SCALING.md): each
 * counter (a token, a forwarded address) is a Redis hash of open connections per process,
 * taken and given back by atomic scripts (`limit-scripts.ts`). Each process keeps a liveness
 * key that expires {@link LIVENESS_MS} after its last heartbeat, so the connections of a killed
 * process stop counting then; each heartbeat also writes this process's own counts again, so
 * counts lost with a Redis restart come back within {@link HEARTBEAT_MS}. While Redis cannot be
 * reached, every process applies the caps to its own connections alone (as a single process
 * does), so clients are never refused because Redis is away.
 */
export class SharedConnectionLimiter implements ConnectionLimiter {
  /** This process's open connections per counter key, as counted in Redis. */
  private readonly local = new Map<string, number>();
  /** Counter keys whose count here fell to zero since the last heartbeat (their field is removed then). */
  private readonly emptied = new Set<string>();
  /** Joins of this process asking Redis right now, per counter key. */
  private readonly asking = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly processId: string,
    private readonly maxPerToken: number,
    private readonly maxPerAddress: number,
    private readonly logger: Logger,
  ) {}

  private get livenessPrefix(): string {
    return `${this.prefix}alive:`;
  }

  /** Writes the liveness key and starts the heartbeat. */
  async start(): Promise<void> {
    await this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Stops the heartbeat and removes this process's liveness key and counts. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.redis.status !== 'ready') return;
    const pipeline = this.redis.pipeline().del(`${this.livenessPrefix}${this.processId}`);
    for (const key of this.local.keys()) pipeline.hdel(key, this.processId);
    await pipeline.exec().catch(() => {});
  }

  private async heartbeat(): Promise<void> {
    if (this.redis.status !== 'ready') return;
    const pipeline = this.redis.pipeline().set(`${this.livenessPrefix}${this.processId}`, '1', 'PX', LIVENESS_MS);
    for (const [key, count] of this.local) {
      pipeline.hset(key, this.processId, count).pexpire(key, COUNTER_MS);
    }
    for (const key of this.emptied) pipeline.hdel(key, this.processId);
    this.emptied.clear();
    await pipeline.exec().catch((err: unknown) => this.logger.debug({ err }, 'connection count heartbeat failed'));
  }

  private counters(token: string, address: string | null): Counter[] {
    const counters: Counter[] = [
      {
        key: `${this.prefix}conns:token:${digest(token)}`,
        max: this.maxPerToken,
        reason: CONNECTION_LIMIT_REASONS.token,
      },
    ];
    if (address !== null) {
      counters.push({
        key: `${this.prefix}conns:address:${digest(address)}`,
        max: this.maxPerAddress,
        reason: CONNECTION_LIMIT_REASONS.address,
      });
    }
    return counters;
  }

  private add(counts: Map<string, number>, counters: readonly Counter[], delta: number): void {
    for (const { key } of counters) {
      const count = (counts.get(key) ?? 0) + delta;
      if (count > 0) counts.set(key, count);
      else counts.delete(key);
      if (counts === this.local) {
        if (count > 0) this.emptied.delete(key);
        else this.emptied.add(key);
      }
    }
  }

  async acquire(token: string, address: string | null): Promise<ConnectionLease> {
    const counters = this.counters(token, address);
    // This process's own connections alone already at a cap: refused without asking Redis.
    const full = counters.find(({ key, max }) => (this.local.get(key) ?? 0) + (this.asking.get(key) ?? 0) >= max);
    if (full) return refusal(full.reason);
    // Reserved here first, so that concurrent joins in this process cannot pass the cap either.
    this.add(this.asking, counters, 1);
    if (this.redis.status === 'ready') {
      try {
        const keys = counters.map((c) => c.key);
        const answer = await this.redis.eval(
          ACQUIRE_SCRIPT,
          keys.length,
          ...keys,
          this.processId,
          this.livenessPrefix,
          COUNTER_MS,
          ...counters.map((c) => c.max),
        );
        const refused = Number(answer);
        if (refused > 0) {
          this.add(this.asking, counters, -1);
          return refusal((counters[refused - 1] as Counter).reason);
        }
      } catch (err) {
        this.logger.debug({ err }, 'counting a connection in Redis failed; counted by this process alone');
      }
    }
    this.add(this.asking, counters, -1);
    this.add(this.local, counters, 1);
    return lease(() => {
      this.add(this.local, counters, -1);
      if (this.redis.status !== 'ready') return;
      const keys = counters.map((c) => c.key);
      this.redis.eval(RELEASE_SCRIPT, keys.length, ...keys, this.processId).catch(() => {
        // The next heartbeat writes this process's true counts.
      });
    });
  }
}
