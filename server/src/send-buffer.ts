/**
 * Milliseconds a connection closed for a full send buffer has to complete the close handshake
 * before its socket is cut off. A peer that reads again receives everything queued, then the
 * close frame; one that never reads is terminated, and what was queued for it is freed.
 */
export const SEND_BUFFER_CLOSE_GRACE_MS = 1_000;

/** The stream frames are written to: Node's socket under a websocket. */
export interface FrameSink {
  /** Bytes written but not yet handed to the operating system. */
  readonly writableLength: number;
  write(chunk: Uint8Array): boolean;
}

/** What a refused write found: the bytes already waiting and the frame that did not fit. */
export interface Overflow {
  readonly bufferedBytes: number;
  readonly frameBytes: number;
  readonly limitBytes: number;
}

/**
 * One connection's bounded send buffer (docs/PROTOCOL.md, Limits). Frames are written to the
 * socket as they are, but a frame that would take the bytes waiting to be sent past
 * `limitBytes` is not written: `onOverflow` is called once and every later write is refused, so
 * a client that stops reading holds at most `limitBytes` of the server's memory. The caller
 * closes the connection (4513); a client that reconnects resyncs what it missed.
 */
export class SendBuffer {
  private peak = 0;
  private full = false;

  constructor(
    private readonly sink: FrameSink,
    readonly limitBytes: number,
    private readonly onOverflow: (overflow: Overflow) => void,
  ) {
    if (!Number.isInteger(limitBytes) || limitBytes < 1) {
      throw new RangeError(`send buffer limit must be a positive integer, got ${limitBytes}`);
    }
  }

  /** Bytes waiting to be sent now. */
  get bufferedBytes(): number {
    return this.sink.writableLength;
  }

  /** The most bytes that were waiting right after any write: never above `limitBytes`. */
  get peakBytes(): number {
    return this.peak;
  }

  /** Whether a write was refused: the buffer stays closed to writes from then on. */
  get overflowed(): boolean {
    return this.full;
  }

  /** Writes `frame`, or refuses it (false) when it would not fit or the buffer overflowed. */
  write(frame: Uint8Array): boolean {
    if (this.full) return false;
    const bufferedBytes = this.sink.writableLength;
    if (bufferedBytes + frame.length > this.limitBytes) {
      this.full = true;
      this.onOverflow({ bufferedBytes, frameBytes: frame.length, limitBytes: this.limitBytes });
      return false;
    }
    this.sink.write(frame);
    this.peak = Math.max(this.peak, this.sink.writableLength);
    return true;
  }
}
