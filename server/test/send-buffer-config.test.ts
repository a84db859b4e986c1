import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, parseConfig } from '../src/config.js';

const MiB = 1024 * 1024;

describe('the send buffer limit', () => {
  it('defaults to a full document and two of the largest frames', () => {
    expect(parseConfig({}).limits.maxSendBufferBytes).toBe(80 * MiB);
    expect(DEFAULT_LIMITS.maxSendBufferBytes).toBe(80 * MiB);
  });

  it('follows raised document and frame limits unless it is set', () => {
    const raised = parseConfig({ PLENARY_MAX_DOCUMENT_BYTES: String(128 * MiB), PLENARY_MAX_FRAME_BYTES: String(MiB) });
    expect(raised.limits.maxSendBufferBytes).toBe(130 * MiB);
  });

  it('is read from PLENARY_MAX_SEND_BUFFER_BYTES', () => {
    expect(parseConfig({ PLENARY_MAX_SEND_BUFFER_BYTES: String(100 * MiB) }).limits.maxSendBufferBytes).toBe(100 * MiB);
  });

  it('refuses a value that is not a positive integer', () => {
    for (const bad of ['lots', '-1', '0', '1.5']) {
      expect(() => parseConfig({ PLENARY_MAX_SEND_BUFFER_BYTES: bad })).toThrow(/PLENARY_MAX_SEND_BUFFER_BYTES/);
    }
  });

  it('refuses a buffer that could not hold a full-size document and one frame', () => {
    expect(() => parseConfig({ PLENARY_MAX_SEND_BUFFER_BYTES: String(72 * MiB - 1) })).toThrow(
      /PLENARY_MAX_SEND_BUFFER_BYTES: 75497471 is below PLENARY_MAX_DOCUMENT_BYTES \+ PLENARY_MAX_FRAME_BYTES \(75497472\)/,
    );
    expect(parseConfig({ PLENARY_MAX_SEND_BUFFER_BYTES: String(72 * MiB) }).limits.maxSendBufferBytes).toBe(72 * MiB);
  });
});
