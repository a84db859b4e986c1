import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  type CommentsPayload,
  encodeAck,
  encodeComments,
  isRetryableClose,
  isValidRoomId,
  MessageType,
  parseExtensions,
  readAck,
  readComments,
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
    expect(isRetryableClose(CloseCode.rateLimited)).toBe(true);
    expect(isRetryableClose(CloseCode.sendBufferFull)).toBe(true);
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

describe('comments message', () => {
  it('round-trips a thread payload and refuses other shapes', () => {
    const thread = {
      id: 't1',
      anchor: { clauseId: 'op-1', start: null, end: null, quote: null },
      visibility: 'room' as const,
      delegation: 'Ghana',
      status: 'open' as const,
      statusBy: null,
      createdAt: 1,
      updatedAt: 1,
      messages: [],
    };
    const decoder = decoding.createDecoder(encodeComments({ kind: 'thread', thread }));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.comments);
    expect(readComments(decoder)).toEqual({ kind: 'thread', thread });
    const bad = decoding.createDecoder(encodeComments({ kind: 'nope' } as unknown as CommentsPayload));
    decoding.readVarUint(bad);
    expect(() => readComments(bad)).toThrow(/malformed comments message/);
  });
});
