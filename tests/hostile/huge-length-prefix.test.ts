import { CloseCode } from '@plenary/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HostileRoom, sendAndAwaitClose, startHostileRoom } from '../support/hostile.js';

const FOUR_GIB = 2 ** 32;

function frame(prefix: number[], length: number, tail = 16): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const value of prefix) encoding.writeVarUint(encoder, value);
  encoding.writeVarUint(encoder, length);
  for (let i = 0; i < tail; i++) encoding.writeUint8(encoder, i);
  return encoding.toUint8Array(encoder);
}

describe('a length prefix claiming 4 GiB', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it.each([
    ['a sync update', frame([0, 2], FOUR_GIB)],
    ['a sync step 2', frame([0, 1], FOUR_GIB)],
    ['a state vector', frame([0, 0], FOUR_GIB)],
    ['an awareness message', frame([1], FOUR_GIB)],
    // A well-framed awareness update whose state string claims 4 GiB.
    ['an awareness state', frame([1, 20, 1, 42, 1], FOUR_GIB, 14)],
    // Inside a well-framed update: one string item whose root type name claims 4 GiB.
    ['a root type name inside a well-framed update', frame([0, 2, 20, 1, 1, 42, 0, 4, 1], FOUR_GIB, 10)],
  ])('in %s closes the sender with 4400', async (_name, bytes) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, bytes);
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
  });
});
