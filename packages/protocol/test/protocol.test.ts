import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  encodeAck,
  isRetryableClose,
  isValidRoomId,
  MessageType,
  parseExtensions,
  readAck,
} from '../src/index.js';

describe('protocol', () => {
  it('round-trips an ack frame', () => {
    const decoder = decoding.createDecoder(encodeAck(123456));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.ack);
    expect(readAck(decoder)).toBe(123456);
  });

  it('classifies close codes as the stock client does', () => {
    expect(isRetryableClose(CloseCode.malformed)).toBe(false);
    expect(isRetryableClose(CloseCode.unauthorized)).toBe(false);
    expect(isRetryableClose(CloseCode.refused)).toBe(true);
    expect(isRetryableClose(CloseCode.unavailable)).toBe(true);
    expect(isRetryableClose(CloseCode.restarting)).toBe(true);
  });

  it('accepts only room ids of 1–64 safe characters', () => {
    expect(isValidRoomId('oewg-2026_WP1')).toBe(true);
    expect(isValidRoomId('a'.repeat(64))).toBe(true);
    for (const bad of ['', 'a'.repeat(65), '../x', '%2e%2e%2f', 'a\u0000b', 'https://x', 'a b', 'é']) {
      expect(isValidRoomId(bad)).toBe(false);
    }
  });

  it('parses only known extensions', () => {
    expect([...parseExtensions('ack, bogus,')]).toEqual(['ack']);
    expect(parseExtensions(null).size).toBe(0);
  });
});
