import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A close frame as the server sent it. */
export interface CloseFrame {
  readonly code: number;
  readonly reason: string;
}

/**
 * A websocket client over a bare TCP socket that completes the handshake, sends its sync step 1
 * like any client joining a room, and then stops reading: the socket is paused, so what the
 * server sends piles up in the kernel's buffers and then in the server's.
 */
export interface SlowReader {
  /**
   * Starts reading again: skips every frame until the server's close frame, answers it as a
   * client completing the close handshake does, and resolves with its code and reason; resolves
   * null when the stream ends without one (the server cut the socket off first).
   */
  readUntilClose(): Promise<CloseFrame | null>;
  /** Resolves once the socket is closed at both ends. */
  closed(): Promise<void>;
  destroy(): void;
}

const OPCODE_CLOSE = 0x8;

/** One masked client frame (RFC 6455 §5.3) with `opcode` and `payload` (under 126 bytes). */
function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  if (payload.length >= 126) throw new Error('client frames here are short');
  const mask = randomBytes(4);
  const frame = Buffer.alloc(6 + payload.length);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | payload.length;
  mask.copy(frame, 2);
  for (let i = 0; i < payload.length; i++) frame[6 + i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return frame;
}

/** Reads the server's unmasked frames, keeping only what the close frame needs. */
class FrameSkipper {
  private head: Buffer = Buffer.alloc(0);
  private skip = 0;

  /** Consumes `chunk`; returns the close frame once it is complete. */
  push(chunk: Buffer): CloseFrame | null {
    let rest = chunk;
    if (this.skip > 0) {
      const taken = Math.min(this.skip, rest.length);
      this.skip -= taken;
      rest = rest.subarray(taken);
      if (rest.length === 0) return null;
    }
    this.head = this.head.length === 0 ? rest : Buffer.concat([this.head, rest]);
    for (;;) {
      if (this.head.length < 2) return null;
      const opcode = (this.head[0] as number) & 0x0f;
      const short = (this.head[1] as number) & 0x7f;
      const headerBytes = short < 126 ? 2 : short === 126 ? 4 : 10;
      if (this.head.length < headerBytes) return null;
      const length =
        short < 126
          ? short
          : short === 126
            ? this.head.readUInt16BE(2)
            : this.head.readUInt32BE(2) * 2 ** 32 + this.head.readUInt32BE(6);
      const available = this.head.length - headerBytes;
      if (opcode === OPCODE_CLOSE) {
        if (available < length) return null;
        const payload = this.head.subarray(headerBytes, headerBytes + length);
        return { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8') };
      }
      if (available < length) {
        this.skip = length - available;
        this.head = Buffer.alloc(0);
        return null;
      }
      this.head = this.head.subarray(headerBytes + length);
    }
  }
}

/** The sync step 1 of a client with an empty document: message 0, step 0, empty state vector. */
const SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0]);

/**
 * Opens `url` (`ws://host:port/path?query`) as a {@link SlowReader}. Rejects when the server
 * does not answer the upgrade with 101.
 */
export function openSlowReader(url: string): Promise<SlowReader> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(target.port), target.hostname);
    let response = Buffer.alloc(0);
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        [
          `GET ${target.pathname}${target.search} HTTP/1.1`,
          `Host: ${target.host}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
    const onHandshake = (chunk: Buffer) => {
      response = Buffer.concat([response, chunk]);
      const end = response.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onHandshake);
      socket.pause();
      const status = response.subarray(0, response.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.1 101 /.test(status)) {
        socket.destroy();
        reject(new Error(`upgrade refused: ${status}`));
        return;
      }
      // Frames that arrived with the handshake response are read when reading starts again.
      const early = response.subarray(end + 4);
      socket.write(clientFrame(0x2, SYNC_STEP_1));
      resolve({
        readUntilClose() {
          const skipper = new FrameSkipper();
          return new Promise((done) => {
            const onData = (data: Buffer) => {
              const close = skipper.push(data);
              if (!close) return;
              socket.off('data', onData);
              const answer = Buffer.alloc(2);
              answer.writeUInt16BE(close.code, 0);
              socket.write(clientFrame(OPCODE_CLOSE, answer));
              done(close);
            };
            socket.once('end', () => done(null));
            socket.once('close', () => done(null));
            const first = early.length > 0 ? skipper.push(early) : null;
            if (first) done(first);
            else {
              socket.on('data', onData);
              socket.resume();
            }
          });
        },
        closed: () => ended,
        destroy: () => socket.destroy(),
      });
    };
    socket.on('data', onHandshake);
  });
}
