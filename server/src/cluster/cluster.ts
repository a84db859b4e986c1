import { randomUUID } from 'node:crypto';
import { CloseCode, type SuggestionRecord } from '@plenary/protocol';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeRevoked, goneReason, pushRoomMetadata, pushSettings } from '../chair-operations.js';
import { pushThread, sendThreadsOnConnect } from '../comments/comment-push.js';
import type { CommentLimits, Limits } from '../config.js';
import type { Connection } from '../connection.js';
import type { ConnectionLimiter, KeyedRate } from '../rate-limit.js';
import type { Room } from '../room.js';
import type { RoomRegistry } from '../rooms.js';
import type { PositionChanges, Storage } from '../storage/storage.js';
import type { ClusterLink } from './cluster-link.js';
import { type ClusterEvent, type ClusterMessage, fromBase64, toBase64 } from './messages.js';
import { RedisFanout } from './redis-fanout.js';
import { SharedConnectionLimiter } from './shared-connections.js';
import { type LocalRate, SharedRate } from './shared-rate.js';

/** How much longer than the fan-out a start waits for the limits' Redis connection. */
const FIRST_CONNECT_MS = 1000;

/** How often every loaded room is compared with the database's last `seq`. */
export const CATCH_UP_INTERVAL_MS = 1000;

export interface ClusterOptions {
  readonly redisUrl: string;
  readonly storage: Storage;
  readonly logger: Logger;
  /** Prefix of the Redis channels (`plenary:` by default), so clusters can share one Redis. */
  readonly prefix?: string;
  readonly catchUpIntervalMs?: number;
  /** The connection caps counted across the cluster. */
  readonly limits: Pick<Limits, 'maxConnectionsPerToken' | 'maxConnectionsPerAddress'>;
  /** The comment write rate counted across the cluster, and this process's own while Redis is away. */
  readonly commentLimits: Pick<CommentLimits, 'writesPerMinute' | 'writeBurst'>;
  readonly localCommentRate: LocalRate;
}

/**
 * This process's part in a cluster of server processes that all serve every room
 * (docs/SCALING.md). PostgreSQL is the arbiter: updates are numbered and stored there before
 * anything is published; Redis only carries what was stored, so that the other processes apply
 * it at once. What Redis loses is repaired from the database: a room that sees a gap in the
 * `seq`s it holds reads the missing updates, every loaded room is compared with the database's
 * last `seq` once a second, and after a Redis outage every loaded room re-reads its settings,
 * revocations, suggestion records, position records and comment threads.
 */
export class Cluster implements ClusterLink {
  readonly processId = randomUUID();
  private readonly fanout: RedisFanout;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private registry: RoomRegistry | null = null;
  /** Commands of the shared limits (never queued while Redis is away: they fall back at once). */
  private readonly commands: Redis;
  private readonly sharedConnections: SharedConnectionLimiter;
  /** Connections per token and per forwarded address, counted by every process together. */
  readonly connectionLimiter: ConnectionLimiter;
  /** Comment writes per token, counted by every process together. */
  readonly commentRate: KeyedRate;

  constructor(private readonly options: ClusterOptions) {
    const prefix = options.prefix ?? 'plenary:';
    this.commands = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
      lazyConnect: true,
    });
    this.commands.on('error', (err: Error) => options.logger.debug({ err }, 'Redis connection error'));
    this.sharedConnections = new SharedConnectionLimiter(
      this.commands,
      prefix,
      this.processId,
      options.limits.maxConnectionsPerToken,
      options.limits.maxConnectionsPerAddress,
      options.logger,
    );
    this.connectionLimiter = this.sharedConnections;
    this.commentRate = new SharedRate(
      this.commands,
      `${prefix}rate:comments:`,
      options.commentLimits.writesPerMinute,
      options.commentLimits.writeBurst,
      options.localCommentRate,
      options.logger,
    );
    this.fanout = new RedisFanout(
      options.redisUrl,
      options.prefix ?? 'plenary:',
      this.processId,
      { message: (m) => this.receive(m), reconnected: () => void this.resync() },
      options.logger,
    );
  }

  /** The rooms of this process (once started). */
  private get rooms(): RoomRegistry {
    if (!this.registry) throw new Error('cluster not started');
    return this.registry;
  }

  /** Connects to Redis and starts comparing `rooms` with the database. */
  async start(rooms: RoomRegistry): Promise<void> {
    this.registry = rooms;
    rooms.announcer = (room, event) => this.publish(room, event);
    const commandsReady = this.commands.connect().catch(() => {});
    await this.fanout.start();
    // Redis answered the fan-out (or the wait for it ran out): the limits start the same way.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      commandsReady,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, FIRST_CONNECT_MS);
      }),
    ]);
    clearTimeout(timer);
    await this.sharedConnections.start();
    this.timer = setInterval(() => void this.poll(), this.options.catchUpIntervalMs ?? CATCH_UP_INTERVAL_MS);
    this.timer.unref();
  }

  stored(room: string, first: number, last: number, update: Uint8Array): void {
    this.publish(room, { kind: 'update', first, last, data: toBase64(update) });
  }

  awareness(room: string, update: Uint8Array): void {
    this.publish(room, { kind: 'awareness', data: toBase64(update) });
  }

  suggestions(room: string, records: readonly SuggestionRecord[]): void {
    this.publish(room, { kind: 'suggestions', records });
  }

  positions(room: string, changes: PositionChanges): void {
    this.publish(room, { kind: 'positions', changes });
  }

  /** Messages that could not be published since the start (Redis unreachable). */
  get failedPublishes(): number {
    return this.fanout.failedPublishes;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.registry) this.registry.announcer = null;
    await this.fanout.close();
    await this.sharedConnections.close();
    this.commands.disconnect();
  }

  private publish(room: string, event: ClusterEvent): void {
    this.fanout.publish({ ...event, room, from: this.processId });
  }

  private receive(message: ClusterMessage): void {
    this.handle(message).catch((err: unknown) =>
      this.options.logger.error({ room: message.room, kind: message.kind, err }, 'cluster message failed'),
    );
  }

  private async handle(message: ClusterMessage): Promise<void> {
    const { storage } = this.options;
    const rooms = this.rooms;
    if (message.kind === 'revoked') {
      // Counted even when the room is not loaded: joins in flight read the revocations again.
      rooms.noteRevocation();
    }
    const room = await rooms.peek(message.room);
    if (!room) return;
    switch (message.kind) {
      case 'update':
        room.receiveStored(message.first, message.last, fromBase64(message.data));
        return;
      case 'awareness':
        room.receiveAwareness(fromBase64(message.data));
        return;
      case 'suggestions':
        room.suggestions.adopt(message.records);
        return;
      case 'positions':
        room.positions.adopt(message.changes);
        return;
      case 'revoked':
        closeRevoked(room.connections, message.revocation);
        return;
      case 'settings': {
        const settings = await storage.getRoomSettings(room.id);
        room.noteSettings(settings);
        pushSettings(room.connections, settings);
        return;
      }
      case 'metadata': {
        const record = await storage.getRoom(room.id);
        if (record) pushRoomMetadata(room.connections, record);
        return;
      }
      case 'thread': {
        const thread = await storage.getCommentThread(room.id, message.id);
        if (thread) pushThread(room.connections, thread);
        return;
      }
      case 'gone':
        await this.evict(room, message.status);
        return;
    }
  }

  private async evict(room: Room<Connection>, status: 'archived' | 'deleted'): Promise<void> {
    const { reason } = goneReason(status);
    await this.rooms.evict(room.id, (loaded) => {
      for (const connection of loaded.connections) connection.close(CloseCode.roomGone, reason);
    });
  }

  /** Compares every loaded room with the database's last `seq`, and catches up the ones behind. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const loaded = await this.rooms.loadedRooms();
      if (loaded.length === 0) return;
      const seqs = await this.options.storage.lastSeqs(loaded.map((room) => room.id));
      await Promise.all(
        loaded.filter((room) => (seqs.get(room.id) ?? 0) > room.heldThrough).map((room) => room.catchUp()),
      );
    } catch (err) {
      this.options.logger.warn({ err }, 'comparing rooms with the database failed; retried shortly');
    } finally {
      this.polling = false;
    }
  }

  /**
   * After a Redis outage, every loaded room re-reads what may have changed meanwhile on other
   * processes: documents, status, settings, revocations, suggestion and position records,
   * comment threads.
   */
  private async resync(): Promise<void> {
    const { storage, logger } = this.options;
    const rooms = this.rooms;
    rooms.noteRevocation();
    for (const room of await rooms.loadedRooms()) {
      try {
        const status = await storage.getRoomStatus(room.id);
        if (status !== 'active') {
          await this.evict(room, status);
          continue;
        }
        await room.catchUp();
        const settings = await storage.getRoomSettings(room.id);
        room.noteSettings(settings);
        pushSettings(room.connections, settings);
        for (const revocation of await storage.listRevocations(room.id)) closeRevoked(room.connections, revocation);
        room.suggestions.adopt(await storage.listSuggestions(room.id));
        room.positions.adopt(await storage.listPositions(room.id));
        const record = await storage.getRoom(room.id);
        if (record) pushRoomMetadata(room.connections, record);
        await Promise.all([...room.connections].map((connection) => sendThreadsOnConnect(storage, connection)));
      } catch (err) {
        logger.warn({ room: room.id, err }, 'catching up after the Redis outage failed');
      }
    }
  }
}
