import { CloseCode } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HostileRoom, sendAndAwaitClose, startHostileRoom } from '../support/hostile.js';

describe('a text frame', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it.each([
    ['plain text', 'hello'],
    ['text that starts like a sync update', '\u0000\u0002\u0003abc'],
  ])('closes the sender of %s with 4400 and leaves everything intact', async (_name, frame) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, frame);
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
  });
});
