import type { Duplex } from 'node:stream';
import {
  CloseCode,
  type ExtensionName,
  encodeAck,
  encodeKeepalive,
  isKeepaliveBody,
  MessageType,
  SyncMessageType,
} from '@plenary/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { authorKey } from './authorship.js';
import { readAwarenessUpdate } from './awareness-guard.js';
import type { Limits } from './config.js';
import { CloseError, MalformedMessageError, TooLargeError } from './errors.js';
import { binaryFrame, type WireFrame } from './frame.js';
import { handleOperationMessage } from './operation-handler.js';
import { bindPresence, type PresenceUser, presenceUser, writeAwarenessUpdate } from './presence.js';
import { RateLimitedError, TokenBucket } from './rate-limit.js';
import type { Room } from './room.js';
import { encodeAwarenessMessage } from './room-awareness.js';
import type { RoomMember } from './room-member.js';
import { type Overflow, SEND_BUFFER_CLOSE_GRACE_MS, SendBuffer } from './send-buffer.js';
import type { Provenance } from './storage/storage.js';
import type { Identity } from './tokens.js';

/** How often the server pings; a connection that missed a whole interval is closed. */
const PING_INTERVAL_MS = 30_000;

/** Milliseconds a closed connection has to answer the close handshake before it is cut off. */
const CLOSE_GRACE_MS = 5_000;

type Handler = (connection: Connection, decoder: decoding.Decoder) => void;

/**
 * Message handlers keyed by message type. Anything not in the table closes the socket with
 * 4400: the unknown branch is explicit in `Connection.receive`.
 */
const HANDLERS: Readonly<Record<number, Handler>> = {
  [MessageType.sync]: (connection, decoder) => connection.handleSync(decoder),
  [MessageType.awareness]: (connection, decoder) => connection.handleAwareness(decoder),
  [MessageType.queryAwareness]: (connection) => connection.handleQueryAwareness(),
  [MessageType.operation]: handleOperationMessage,
  [MessageType.keepalive]: (connection, decoder) => connection.handleKeepalive(decoder),
};

function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder);
  } catch {
    throw new MalformedMessageError(`malformed ${what}`);
  }
}

/**
 * One client's websocket in one room: decodes frames, enforces the role and the limits, and
 * hands document writes to the room. A connection never throws into the server: every problem
 * with its input closes this socket only, with the code of DESIGN §4.
 */
export class Connection implements RoomMember {
  /**
   * The Yjs client id this connection speaks for: the first it publishes awareness for or writes
   * the document with. Awareness for any other client id is dropped.
   */
  ownClientId: number | null = null;
  /** Who this connection writes as, for the room's authorship binding. */
  readonly authorKey: string;
  private readonly presence: PresenceUser;
  private readonly messages: TokenBucket;
  private readonly awarenessUpdates: TokenBucket;
  private alive = true;
  private readonly pinger: NodeJS.Timeout;
  private closing = false;
  private readonly output: SendBuffer;

  constructor(
    private readonly socket: WebSocket,
    readonly room: Room<Connection>,
    readonly identity: Identity,
    private readonly extensions: ReadonlySet<ExtensionName>,
    private readonly limits: Limits,
    private readonly logger: Logger,
    /**
     * The upgraded TCP stream under `socket`. Frames are written to it directly (the server
     * neither compresses nor queues frames in ws, so writes keep their order with ws's own
     * control frames), through a send buffer bounded by `limits.maxSendBufferBytes`.
     */
    stream: Duplex,
  ) {
    this.output = new SendBuffer(stream, limits.maxSendBufferBytes, (overflow) => this.closeOverflowed(overflow));
    this.authorKey = authorKey(identity);
    this.presence = presenceUser(identity);
    this.messages = new TokenBucket(limits.maxMessagesPerSecond);
    this.awarenessUpdates = new TokenBucket(limits.maxAwarenessPerSecond);
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    this.pinger = setInterval(() => {
      if (!this.alive) {
        socket.terminate();
        return;
      }
      this.alive = false;
      socket.ping();
    }, PING_INTERVAL_MS);
    this.pinger.unref?.();
  }

  /** Whether the client's document schema is older than the room's (see {@link readOnly}). */
  private olderSchema = false;

  /**
   * Observers read but never write the document (DESIGN §1), nor does a client whose schema is
   * older than the room's (DESIGN §3): it could not read all the room holds, and y-prosemirror
   * would delete what it does not know.
   */
  get readOnly(): boolean {
    return this.identity.role === 'observer' || this.olderSchema;
  }

  /** Opens the room read-only for this client: its schema is older than the room's. */
  limitToOlderSchema(): void {
    this.olderSchema = true;
  }

  get isOpen(): boolean {
    return !this.closing && this.socket.readyState === this.socket.OPEN;
  }

  /** Starts the protocol: the server's sync step 1 and the room's current awareness. */
  start(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, SyncMessageType.step1);
    encoding.writeVarUint8Array(encoder, this.room.stateVector());
    this.send(encoding.toUint8Array(encoder));
    if (this.room.awareness.getStates().size > 0) this.send(encodeAwarenessMessage(this.room.awareness));
  }

  /** Who this connection writes as, recorded with every stored update. */
  provenance(): Provenance {
    return { delegation: this.identity.delegation, person: this.identity.person, time: Date.now() };
  }

  /** Sends one protocol message as one binary frame. */
  send(message: Uint8Array): void {
    if (this.isOpen) this.output.write(binaryFrame(message));
  }

  /**
   * Sends a frame built once for many recipients (a broadcast, the shared sync step 2). A failed
   * write surfaces as the socket's error, on which ws closes the connection. A frame that does
   * not fit in the send buffer closes the connection with 4513 instead of being written.
   */
  sendFrame(frame: WireFrame): void {
    if (this.isOpen) this.output.write(frame);
  }

  /** Bytes written to this connection's socket and not yet handed to the operating system. */
  get bufferedBytes(): number {
    return this.output.bufferedBytes;
  }

  /** The most bytes that ever waited in this connection's send buffer (at most its limit). */
  get peakBufferedBytes(): number {
    return this.output.peakBytes;
  }

  /** Whether the client opted in to extension `name` with `?ext=`. */
  wants(name: ExtensionName): boolean {
    return this.extensions.has(name);
  }

  /** Tells an opted-in client how many of its writes are stored. */
  acknowledge(stored: number): void {
    if (this.extensions.has('ack')) this.send(encodeAck(stored));
  }

  receive(data: Buffer, isBinary: boolean): void {
    if (this.closing) return;
    try {
      if (!isBinary) throw new MalformedMessageError('text frames are not part of the protocol');
      if (data.length > this.limits.maxFrameBytes) throw new TooLargeError('message over size limit');
      if (data.length === 0) throw new MalformedMessageError('empty frame');
      if (!this.messages.take()) throw new RateLimitedError('message rate limit exceeded; retry later');
      const decoder = decoding.createDecoder(data);
      let type: number;
      try {
        type = decoding.readVarUint(decoder);
      } catch {
        throw new MalformedMessageError('malformed message type');
      }
      const handler = HANDLERS[type];
      if (!handler) throw new MalformedMessageError(`unknown message type ${type}`);
      handler(this, decoder);
    } catch (error) {
      if (error instanceof CloseError) this.closeWith(error);
      else {
        this.logger.error({ room: this.room.id, err: error }, 'unexpected error handling a message');
        this.closeWith(new MalformedMessageError('message could not be handled'));
      }
    }
  }

  handleSync(decoder: decoding.Decoder): void {
    let subtype: number;
    try {
      subtype = decoding.readVarUint(decoder);
    } catch {
      throw new MalformedMessageError('malformed sync message');
    }
    switch (subtype) {
      case SyncMessageType.step1: {
        const stateVector = readBytes(decoder, 'state vector');
        try {
          decodeStateVectorChecked(stateVector);
        } catch {
          throw new MalformedMessageError('malformed state vector');
        }
        void this.room.syncStep2For(stateVector).then(
          (frame) => this.sendFrame(frame),
          (error: unknown) => {
            this.logger.error({ room: this.room.id, err: error }, 'sync step 2 failed');
            this.closeUnavailable('room unavailable');
          },
        );
        return;
      }
      case SyncMessageType.step2:
      case SyncMessageType.update: {
        const update = readBytes(decoder, 'update');
        // Observers' writes are dropped, never applied (their sync step 1 is still answered).
        if (this.readOnly) return;
        this.room.applyWrite(this, update);
        return;
      }
      default:
        throw new MalformedMessageError(`unknown sync message type ${subtype}`);
    }
  }

  /**
   * Applies an awareness update rewritten so that it speaks only for this connection: entries for
   * client ids other than its own are dropped, and `user` in every state is the token's presence.
   * The awareness rate is taken before anything in the frame is read: a flood is refused (4529)
   * at the cost of one bucket check per frame, never a decode, a size count or a JSON parse.
   */
  handleAwareness(decoder: decoding.Decoder): void {
    if (!this.awarenessUpdates.take()) throw new RateLimitedError('awareness rate limit exceeded; retry later');
    const update = readBytes(decoder, 'awareness message');
    const entries = readAwarenessUpdate(update, this.limits);
    const own = entries.filter((entry) => this.ownsClientId(entry.clientId));
    if (own.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(
      this.room.awareness,
      writeAwarenessUpdate(bindPresence(own, this.presence)),
      this,
    );
  }

  /** Answers a keepalive on this connection alone; a keepalive with a body is malformed. */
  handleKeepalive(decoder: decoding.Decoder): void {
    if (!isKeepaliveBody(decoder)) throw new MalformedMessageError('malformed keepalive');
    this.send(encodeKeepalive());
  }

  /** Answers a query with every state; counted as awareness, since one byte asks for them all. */
  handleQueryAwareness(): void {
    if (!this.awarenessUpdates.take()) throw new RateLimitedError('awareness rate limit exceeded; retry later');
    this.send(encodeAwarenessMessage(this.room.awareness));
  }

  /** Takes the first client id this connection writes the document with as its own. */
  adoptClientIds(clients: readonly number[]): void {
    const first = clients[0];
    if (this.ownClientId === null && first !== undefined) this.ownClientId = first;
  }

  private ownsClientId(clientId: number): boolean {
    if (this.ownClientId === null && this.room.mayOwnClientId(clientId, this)) this.ownClientId = clientId;
    return this.ownClientId === clientId;
  }

  /** Closes with the error's code and reason. */
  closeWith(error: CloseError): void {
    this.close(error.code, error.message);
  }

  closeUnavailable(reason: string): void {
    this.close(CloseCode.unavailable, reason);
  }

  /**
   * Closes with `code` and `reason`; a client that has not completed the close handshake
   * `graceMs` later is cut off.
   */
  close(code: number, reason: string, graceMs = CLOSE_GRACE_MS): void {
    if (this.closing) return;
    this.closing = true;
    this.logger.debug({ room: this.room.id, code, reason }, 'closing connection');
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason.slice(0, 120));
      setTimeout(() => this.socket.terminate(), graceMs).unref?.();
    }
  }

  /**
   * The client stopped reading (or reads slower than the room writes): 4513, retryable. The
   * close frame waits behind what is queued, so a client that is not reading at all is cut off
   * after {@link SEND_BUFFER_CLOSE_GRACE_MS}; the room and its other clients go on as before.
   */
  private closeOverflowed(overflow: Overflow): void {
    this.logger.warn(
      {
        room: this.room.id,
        delegation: this.identity.delegation,
        person: this.identity.person,
        role: this.identity.role,
        clientId: this.ownClientId,
        code: CloseCode.sendBufferFull,
        ...overflow,
      },
      'send buffer full; closing a connection that is not reading',
    );
    this.close(CloseCode.sendBufferFull, 'send buffer full; reconnect', SEND_BUFFER_CLOSE_GRACE_MS);
  }

  /** Releases timers; called by the socket's close handler. */
  dispose(): void {
    this.closing = true;
    clearInterval(this.pinger);
  }
}

function decodeStateVectorChecked(stateVector: Uint8Array): void {
  Y.decodeStateVector(stateVector);
}
