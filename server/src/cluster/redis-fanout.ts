import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type ClusterMessage, decodeClusterMessage, encodeClusterMessage, roomChannel } from './messages.js';

/** How long a start waits for Redis before it goes on without it (and keeps trying). */
const FIRST_CONNECT_MS = 5000;

/** What the fan-out tells its owner. */
export interface FanoutHandlers {
  /** A message from another process (this process's own are dropped). */
  readonly message: (message: ClusterMessage) => void;
  /** The subscription is back after Redis was unreachable: messages may have been lost. */
  readonly reconnected: () => void;
}

/**
 * Redis publish/subscribe between the processes of a cluster: one connection publishes, one
 * subscribes to every room's channel (`<prefix>room:*`). Redis delivers at most once: a message
 * published while a subscriber is disconnected is lost to it, which the cluster repairs from the
 * database (`cluster.ts`). Publishing never queues while Redis is away: it fails at once, and
 * the failure is only counted.
 */
export class RedisFanout {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly pattern: string;
  private readyOnce = false;
  /** Messages that could not be published (Redis unreachable). */
  failedPublishes = 0;

  constructor(
    url: string,
    private readonly prefix: string,
    readonly processId: string,
    private readonly handlers: FanoutHandlers,
    private readonly logger: Logger,
  ) {
    const retryStrategy = (times: number) => Math.min(100 * times, 1000);
    this.publisher = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy,
      lazyConnect: true,
    });
    this.subscriber = new Redis(url, { retryStrategy, lazyConnect: true, maxRetriesPerRequest: null });
    this.pattern = `${prefix}room:*`;
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (err: Error) => this.logger.debug({ err }, 'Redis connection error'));
    }
    this.subscriber.on('pmessage', (_pattern: string, _channel: string, text: string) => {
      const message = decodeClusterMessage(text);
      if (message && message.from !== this.processId) this.handlers.message(message);
    });
    this.subscriber.on('ready', () => {
      if (this.readyOnce) {
        this.logger.info('Redis is back; catching up with the database');
        this.handlers.reconnected();
      }
      this.readyOnce = true;
    });
    this.subscriber.on('close', () => {
      if (this.readyOnce) this.logger.warn('Redis unreachable; rooms are kept in step through the database');
    });
  }

  /** Connects and subscribes; goes on without Redis after a few seconds (it keeps retrying). */
  async start(): Promise<void> {
    const subscribed = (async () => {
      await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
      await this.subscriber.psubscribe(this.pattern);
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), FIRST_CONNECT_MS);
    });
    const outcome = await Promise.race([subscribed.then(() => 'ok' as const), late]).catch((err: unknown) => {
      this.logger.warn({ err }, 'Redis unreachable at start; rooms are kept in step through the database');
      return 'failed' as const;
    });
    clearTimeout(timer);
    if (outcome === 'late') this.logger.warn('Redis slow to answer at start; going on and retrying');
    // Subscribed later, once Redis answers (ioredis resubscribes after every reconnect).
    subscribed.catch(() => {
      if (!this.readyOnce) void this.subscriber.psubscribe(this.pattern).catch(() => {});
    });
  }

  /** Publishes `message` on its room's channel; a failure is counted, never thrown. */
  publish(message: ClusterMessage): void {
    if (this.publisher.status !== 'ready') {
      this.failedPublishes++;
      return;
    }
    this.publisher.publish(roomChannel(this.prefix, message.room), encodeClusterMessage(message)).catch(() => {
      this.failedPublishes++;
    });
  }

  async close(): Promise<void> {
    this.subscriber.removeAllListeners('ready');
    this.subscriber.removeAllListeners('close');
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
