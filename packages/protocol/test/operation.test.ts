import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  encodeOperation,
  encodeOperationResult,
  MAX_OPERATION_BYTES,
  MessageType,
  OperationFormatError,
  parseExtensions,
  readOperation,
  readOperationResult,
} from '../src/index.js';

/** A decoder positioned after the message type, which must be `operation`. */
function body(frame: Uint8Array): decoding.Decoder {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MessageType.operation);
  return decoder;
}

/** An operation frame whose varString is `text`, however wrong. */
function rawFrame(text: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.operation);
  encoding.writeVarString(encoder, text);
  return encoding.toUint8Array(encoder);
}

function formatError(frame: Uint8Array): OperationFormatError {
  try {
    readOperation(body(frame));
  } catch (error) {
    if (error instanceof OperationFormatError) return error;
    throw error;
  }
  throw new Error('expected an OperationFormatError');
}

describe('operation frames', () => {
  it('round-trips a request, with args defaulting to {}', () => {
    expect(readOperation(body(encodeOperation({ id: 7, op: 'settings', args: { mode: 'formal' } })))).toEqual({
      id: 7,
      op: 'settings',
      args: { mode: 'formal' },
    });
    expect(readOperation(body(encodeOperation({ id: 'a-1', op: 'archive' })))).toEqual({
      id: 'a-1',
      op: 'archive',
      args: {},
    });
  });

  it('round-trips success and failure replies', () => {
    const ok = { id: 3, ok: true, result: { title: 'Space norms' } } as const;
    expect(readOperationResult(body(encodeOperationResult(ok)))).toEqual(ok);
    const failed = {
      id: null,
      ok: false,
      error: { code: 'chair_only', message: 'only the chair may archive the room', status: 403 },
    } as const;
    expect(readOperationResult(body(encodeOperationResult(failed)))).toEqual(failed);
  });

  it('names what is wrong with a readable but invalid request', () => {
    expect(formatError(rawFrame('{not json'))).toMatchObject({ id: null, code: 'invalid_json', status: 400 });
    expect(formatError(rawFrame('[1]'))).toMatchObject({ id: null, code: 'invalid_request' });
    expect(formatError(rawFrame('{"id":1.5,"op":"title"}'))).toMatchObject({
      id: null,
      message: expect.stringMatching(/^id:/),
    });
    expect(formatError(rawFrame(JSON.stringify({ id: 'x'.repeat(129), op: 'title' })))).toMatchObject({ id: null });
    expect(formatError(rawFrame('{"id":4,"op":5}'))).toMatchObject({ id: 4, message: 'op: a string' });
    expect(formatError(rawFrame('{"id":4,"op":"title","args":[]}'))).toMatchObject({
      id: 4,
      message: 'args: an object',
    });
  });

  it('refuses a request over the size limit before parsing it', () => {
    const big = rawFrame(JSON.stringify({ id: 1, op: 'title', args: { title: 'x'.repeat(MAX_OPERATION_BYTES) } }));
    expect(formatError(big)).toMatchObject({ id: null, code: 'body_too_large', status: 413 });
  });

  it('throws a decoding error, not a format error, on a frame cut short', () => {
    const frame = encodeOperation({ id: 1, op: 'access' });
    expect(() => readOperation(body(frame.subarray(0, frame.length - 3)))).toThrow();
    expect(() => readOperation(body(frame.subarray(0, frame.length - 3)))).not.toThrow(OperationFormatError);
  });

  it('refuses a reply that is neither a result nor an error', () => {
    expect(() => readOperationResult(body(rawFrame('{"id":1,"ok":false}')))).toThrow(OperationFormatError);
    expect(() => readOperationResult(body(rawFrame('{"ok":true}')))).toThrow(OperationFormatError);
  });

  it('is opted into with ext=operations', () => {
    expect([...parseExtensions('ack,operations')]).toEqual(['ack', 'operations']);
  });
});
