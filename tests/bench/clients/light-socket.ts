import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';

const MESSAGE_SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

/** Sync step 1 with an empty state vector: what a fresh client sends first. */
const EMPTY_STEP1 = Uint8Array.of(MESSAGE_SYNC, STEP1, 1, 0);
/** Sync step 2 carrying an empty update: a fresh client's answer to the server's step 1. */
const EMPTY_STEP2 = Uint8Array.of(MESSAGE_SYNC, STEP2, 2, 0, 0);

/** Bytes of the websocket header of an unmasked server frame of `length` payload bytes. */
export function frameHeaderBytes(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

/** Encodes a sync `update` message around `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export interface LightSocketOptions {
  /** Keep every received update (step 2 and update messages) for a convergence check. */
  readonly record?: boolean;
  /** Called with the payload of every received update message (not step 2). */
  readonly onUpdate?: (update: Uint8Array) => void;
}

/**
 * A cheap client for load: does the y-websocket sync handshake with no Yjs document (empty step 1,
 * empty step 2 in answer to the server's step 1) and counts what arrives. Many of these fit in
 * the load generator where full `WebsocketProvider`s would make the generator the bottleneck.
 */
export class LightSocket {
  readonly socket: WebSocket;
  readonly startedAt = performance.now();
  /** When sync step 2 arrived (`performance.now()`), or 0. */
  syncedAt = 0;
  /** Websocket frames and wire bytes (payload + frame header) received. */
  frames = 0;
  bytes = 0;
  /** Update messages received (not counting step 2). */
  updates = 0;
  /** Byte length of the step 2 payload. */
  step2Bytes = 0;
  readonly recorded: Uint8Array[] = [];
  readonly synced: Promise<void>;
  readonly closed: Promise<void>;

  constructor(
    url: string,
    private readonly options: LightSocketOptions = {},
  ) {
    this.socket = new WebSocket(url, { perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    let onSynced: () => void = () => {};
    let onFailed: (error: Error) => void = () => {};
    this.synced = new Promise<void>((resolve, reject) => {
      onSynced = resolve;
      onFailed = reject;
    });
    this.closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.once('open', () => this.socket.send(EMPTY_STEP1));
    this.socket.once('unexpected-response', (_request, response) =>
      onFailed(new Error(`upgrade refused with HTTP ${response.statusCode}`)),
    );
    this.socket.once('error', (error) => onFailed(error));
    this.socket.once('close', (code) => onFailed(new Error(`closed with ${code} before sync`)));
    this.socket.on('message', (data: Buffer) => {
      this.frames++;
      this.bytes += data.length + frameHeaderBytes(data.length);
      if (data[0] !== MESSAGE_SYNC) return;
      const decoder = decoding.createDecoder(data);
      decoding.readVarUint(decoder);
      const subtype = decoding.readVarUint(decoder);
      if (subtype === STEP1) {
        this.socket.send(EMPTY_STEP2);
        return;
      }
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === STEP2) {
        this.step2Bytes = payload.length;
        this.keep(payload);
        if (this.syncedAt === 0) {
          this.syncedAt = performance.now();
          onSynced();
        }
      } else if (subtype === UPDATE) {
        this.updates++;
        this.keep(payload);
        this.options.onUpdate?.(payload);
      }
    });
    // An unhandled rejection would end the generator; whoever awaits `synced` sees the error.
    this.synced.catch(() => {});
  }

  /** Sends a raw protocol message. */
  send(message: Uint8Array): void {
    this.socket.send(message);
  }

  /**
   * A digest of everything recorded: sockets with equal digests hold equal documents. Computed
   * when asked, after the measured phase, so that hashing never delays the generator's reading.
   */
  recordDigest(): string {
    const hash = createHash('sha1');
    for (const payload of this.recorded) hash.update(payload);
    return hash.digest('hex');
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.socket.close();
    return this.closed;
  }

  private keep(payload: Uint8Array): void {
    if (!this.options.record) return;
    this.recorded.push(payload);
  }
}
