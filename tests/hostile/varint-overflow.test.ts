import { CloseCode } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HostileRoom, sendAndAwaitClose, startHostileRoom } from '../support/hostile.js';

/** Twelve continuation bytes: a varint of 84 bits, beyond any safe integer. */
const OVERFLOW = new Array<number>(12).fill(0xff);

describe('a varint overflow', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it.each([
    ['the message type', [...OVERFLOW, 0x01]],
    ['a never-ending message type', OVERFLOW],
    ['the sync sub-type', [0, ...OVERFLOW, 0x01]],
    ['the update length', [0, 2, ...OVERFLOW, 0x01, 0, 0]],
    ['the state vector length', [0, 0, ...OVERFLOW, 0x01]],
    ['the awareness length', [1, ...OVERFLOW, 0x01]],
    ['the awareness client count', [1, 13, ...OVERFLOW, 0x01]],
  ])('in %s closes the sender with 4400', async (_name, bytes) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, Uint8Array.from(bytes));
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
  });
});
