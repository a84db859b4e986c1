import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Overflow, SendBuffer } from '../src/send-buffer.js';

/** A real writable stream whose consumer takes nothing until `drainOne` (a peer not reading). */
function stalledStream(): { stream: Writable; written: Buffer[]; drainOne(): void } {
  const written: Buffer[] = [];
  const waiting: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk);
      waiting.push(callback);
    },
  });
  return {
    stream,
    written,
    drainOne() {
      waiting.shift()?.();
    },
  };
}

const frame = (bytes: number) => new Uint8Array(bytes).fill(7);

describe('a send buffer', () => {
  it('writes frames while they fit and counts what waits', () => {
    const { stream, written } = stalledStream();
    const buffer = new SendBuffer(stream, 100, () => {
      throw new Error('no overflow expected');
    });
    expect(buffer.write(frame(40))).toBe(true);
    expect(buffer.write(frame(60))).toBe(true);
    expect(buffer.bufferedBytes).toBe(100);
    expect(buffer.peakBytes).toBe(100);
    expect(written.length).toBe(1);
    expect(stream.writableLength).toBe(100);
  });

  it('refuses the frame that would pass the limit, reports it once and refuses every later write', () => {
    const { stream } = stalledStream();
    const overflows: Overflow[] = [];
    const buffer = new SendBuffer(stream, 100, (overflow) => overflows.push(overflow));
    buffer.write(frame(70));
    expect(buffer.write(frame(31))).toBe(false);
    expect(overflows).toEqual([{ bufferedBytes: 70, frameBytes: 31, limitBytes: 100 }]);
    expect(buffer.overflowed).toBe(true);
    expect(buffer.write(frame(1))).toBe(false);
    expect(overflows.length).toBe(1);
    expect(stream.writableLength).toBe(70);
    expect(buffer.peakBytes).toBe(70);
  });

  it('takes more once the peer has read what was waiting', () => {
    const { stream, drainOne } = stalledStream();
    const buffer = new SendBuffer(stream, 100, () => {
      throw new Error('no overflow expected');
    });
    buffer.write(frame(80));
    drainOne();
    expect(buffer.bufferedBytes).toBe(0);
    expect(buffer.write(frame(90))).toBe(true);
    expect(buffer.peakBytes).toBe(90);
  });

  it('refuses a frame larger than the limit even when nothing waits', () => {
    const { stream, written } = stalledStream();
    const overflows: Overflow[] = [];
    const buffer = new SendBuffer(stream, 100, (overflow) => overflows.push(overflow));
    expect(buffer.write(frame(101))).toBe(false);
    expect(overflows).toEqual([{ bufferedBytes: 0, frameBytes: 101, limitBytes: 100 }]);
    expect(written.length).toBe(0);
  });

  it('refuses a limit that is not a positive integer', () => {
    const { stream } = stalledStream();
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => new SendBuffer(stream, limit, () => {})).toThrow(/send buffer limit must be a positive integer/);
    }
  });
});
