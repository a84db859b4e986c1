import { CloseCode } from '@plenary/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HostileRoom, sendAndAwaitClose, startHostileRoom } from '../support/hostile.js';

function frameOfType(type: number, body: number[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  for (const byte of body) encoding.writeUint8(encoder, byte);
  return encoding.toUint8Array(encoder);
}

describe('an unknown message type', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it.each([
    ['type 7', frameOfType(7, [1, 2, 3])],
    // 100 is the server-to-client ack; a client never sends it.
    ['type 100 (ack)', frameOfType(100, [5])],
    // 2 is y-websocket's auth message, which only servers send.
    ['type 2 (auth)', frameOfType(2, [0, 0])],
    ['a huge type number', frameOfType(2 ** 40)],
    ['sync sub-type 9', frameOfType(0, [9, 0])],
  ])('closes the sender of %s with 4400 and leaves everything intact', async (_name, frame) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, frame);
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
  });
});
